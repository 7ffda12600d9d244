/**
 * Chi hội khuyến học: the chapters of the Hội Khuyến học under a commune, by village (thôn, tổ dân phố), by clan,
 * by school, agency or enterprise, and the "ban khuyến học" inside an organisation. A village chapter belongs to
 * its village, the others to the commune. The executive committee (BCH) is kept beside it (chapter_officers).
 */

import { notPersonal, rowCode } from "../../privacy/fields";
import type { KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const chapters = {
  name: "chapters",
  entity: "chapter",
  table: "chapters",
  noun: { vi: "chi hội", en: "chapter", enPlural: "chapters" },
  unit: {
    field: "unitId",
    column: "unit_id",
    levels: ["village", "commune"],
    item: "unit",
    label: { vi: "Thuộc", en: "Belongs to" },
    import: { required: false },
  },
  fields: {
    code: {
      type: "code",
      column: "code",
      label: { vi: "Mã chi hội", en: "Code" },
      unique: true,
      generate: { pad: 2 },
      import: { label: "Mã chi hội", aliases: ["Mã", "Mã số"] },
    },
    name: {
      type: "text",
      column: "name",
      max: 200,
      required: true,
      unique: true,
      legacy: true,
      label: { vi: "Tên chi hội", en: "Chapter name" },
      import: { label: "Tên chi hội", aliases: ["Chi hội", "Tên"] },
    },
    kind: {
      type: "choice",
      column: "kind",
      required: true,
      label: { vi: "Loại chi hội", en: "Kind" },
      options: {
        village: { vi: "Thôn, tổ dân phố", en: "Village" },
        clan: { vi: "Dòng họ", en: "Clan" },
        school: { vi: "Trường học", en: "School" },
        agency: { vi: "Cơ quan", en: "Agency" },
        enterprise: { vi: "Doanh nghiệp", en: "Enterprise" },
        committee: { vi: "Ban khuyến học", en: "Learning committee" },
      },
      aliases: [
        ["thon", "village"],
        ["to dan pho", "village"],
        ["khu dan cu", "village"],
        ["dong ho", "clan"],
        ["ho", "clan"],
        ["truong", "school"],
        ["ban khuyen hoc", "committee"],
      ],
      legacy: true,
      import: { label: "Loại chi hội", aliases: ["Loại", "Loại hình"] },
    },
    clanId: {
      type: "reference",
      kind: "clans",
      column: "clan_id",
      label: { vi: "Dòng họ", en: "Clan" },
      help: { vi: "Với chi hội dòng họ", en: "For a clan chapter" },
      import: { label: "Dòng họ", aliases: ["Tên dòng họ"] },
    },
    organizationId: {
      type: "reference",
      kind: "organizations",
      column: "organization_id",
      label: { vi: "Cơ quan, đơn vị", en: "Organisation" },
      help: {
        vi: "Với chi hội trường học, cơ quan, doanh nghiệp và ban khuyến học",
        en: "For a school, agency, enterprise chapter or a learning committee",
      },
      import: { label: "Cơ quan, đơn vị", aliases: ["Mã đơn vị", "Tên cơ quan, đơn vị", "Đơn vị"] },
    },
    foundedOn: {
      type: "date",
      column: "founded_on",
      label: { vi: "Ngày thành lập", en: "Founded" },
      import: { label: "Ngày thành lập", aliases: ["Thành lập"] },
    },
    dissolvedOn: {
      type: "date",
      column: "dissolved_on",
      label: { vi: "Ngày giải thể", en: "Dissolved" },
      import: { label: "Ngày giải thể", aliases: ["Giải thể"] },
    },
  },
  search: ["name", "code"],
  order: ["code"],
  list: { title: "name", columns: ["code", "name", "kind", "unit"] },
  form: { fields: ["name", "kind", "unit", "clanId", "organizationId", "code", "foundedOn", "dissolvedOn"] },
  import: {
    columns: ["code", "name", "kind", "unit", "clanId", "organizationId", "foundedOn", "dissolvedOn"],
    key: ["code"],
    example: [
      { code: "01", name: "Chi hội Tổ dân phố số 1", kind: "Thôn, tổ dân phố", unit: "Tổ dân phố số 1" },
    ],
    wide: ["name"],
  },
  access: { read: "read", write: "association" },
  archive: {
    reasons: {
      dissolved: { vi: "Giải thể", en: "Dissolved" },
      merged: { vi: "Sáp nhập vào chi hội khác", en: "Merged into another chapter" },
      mistake: { vi: "Nhập nhầm", en: "Entered by mistake" },
    },
  },
  web: { path: "/chi-hoi", icon: "team", detail: true },
  api: {
    tag: "Hội Khuyến học",
    summaries: {
      list: "Chi hội khuyến học của một xã, phường (hoặc thôn), tìm theo tên không dấu hoặc mã",
      create: "Thêm chi hội (thôn, dòng họ, trường học, cơ quan, doanh nghiệp, ban khuyến học)",
      update: "Sửa chi hội (tên, loại, nơi thuộc, ngày thành lập, giải thể)",
      archive: "Lưu trữ chi hội (giải thể, sáp nhập, nhập nhầm)",
    },
  },
  privacy: {
    purpose: { vi: "Tổ chức của Hội Khuyến học", en: "The Hội Khuyến học's organisation" },
    basis: "association_consent",
    subjects: { vi: "Chi hội (không phải cá nhân)", en: "Chapters (no person)" },
    retention: { years: 20, from: { vi: "từ khi chi hội giải thể", en: "from the chapter's dissolution" } },
    fields: {
      code: rowCode,
      name: notPersonal("Tên chi hội", "The chapter's name"),
      kind: notPersonal("Loại chi hội", "Kind of chapter"),
      clanId: notPersonal("Dòng họ của chi hội", "The chapter's clan"),
      organizationId: notPersonal("Cơ quan của chi hội", "The chapter's organisation"),
      foundedOn: notPersonal("Ngày thành lập", "Founding date"),
      dissolvedOn: notPersonal("Ngày giải thể", "Dissolution date"),
    },
  },
} as const satisfies KindDeclaration;

export type Chapter = ItemOf<typeof chapters>;
export type ChapterKind = Chapter["kind"];
