/**
 * Hội viên: the members of the Hội Khuyến học in a commune. Individuals (name, sex, birth year, village, household
 * when known) or collective members (an organisation). Personal data is kept to what the Hội's books hold; a
 * chapter secretary sees their chapter's members only. Leaving and transfers keep their history
 * (membership_periods): a member's chapter on any date is answerable.
 */

import {
  adultName,
  householdLink,
  notPersonal,
  personBirthYear,
  personFact,
  personPhone,
  personSex,
  rowCode,
} from "../../privacy/fields";
import { inVillageOrCommune, type KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";
import { birthYearField, sexField } from "./person";

export const members = {
  name: "members",
  entity: "member",
  table: "members",
  noun: { vi: "hội viên", en: "member", enPlural: "members" },
  unit: inVillageOrCommune,
  fields: {
    memberNumber: {
      type: "code",
      column: "member_number",
      label: { vi: "Số thẻ hội viên", en: "Member number" },
      unique: true,
      generate: { pad: 4 },
      import: { label: "Số thẻ", aliases: ["Số thẻ hội viên", "Mã hội viên", "Số hội viên", "Mã"] },
    },
    fullName: {
      type: "text",
      column: "full_name",
      max: 200,
      required: true,
      legacy: true,
      label: { vi: "Họ và tên", en: "Full name" },
      what: "họ tên hội viên",
      import: { label: "Họ và tên", aliases: ["Họ tên", "Tên hội viên", "Hội viên", "Tên"] },
    },
    memberKind: {
      type: "choice",
      column: "member_kind",
      label: { vi: "Loại hội viên", en: "Kind" },
      options: {
        individual: { vi: "Cá nhân", en: "Individual" },
        collective: { vi: "Tập thể", en: "Collective" },
      },
      default: "individual",
      import: { label: "Loại hội viên", aliases: ["Cá nhân/Tập thể"], blank: "keep" },
    },
    sex: sexField,
    birthYear: birthYearField,
    phone: {
      type: "phone",
      column: "phone",
      consent: "member_phone",
      label: { vi: "Điện thoại", en: "Phone" },
      help: {
        vi: "Chỉ hiện, chỉ xuất khi hội viên đồng ý (bảng Đồng ý); rút lại đồng ý thì danh sách bỏ số ngay",
        en: "Shown and exported only with the member's consent (Consent panel); gone at once when withdrawn",
      },
      import: { label: "Điện thoại", aliases: ["Số điện thoại", "SĐT", "ĐT"], blank: "keep" },
    },
    chapterId: {
      type: "reference",
      kind: "chapters",
      column: "chapter_id",
      required: true,
      label: { vi: "Chi hội", en: "Chapter" },
      what: "chi hội",
      import: { label: "Chi hội", aliases: ["Mã chi hội", "Tên chi hội", "Sinh hoạt tại chi hội"] },
    },
    joinedOn: {
      type: "date",
      column: "joined_on",
      required: true,
      label: { vi: "Ngày vào hội", en: "Joined" },
      what: "ngày vào hội",
      import: { label: "Ngày vào hội", aliases: ["Ngày kết nạp", "Ngày gia nhập"] },
    },
    chapterSince: {
      type: "date",
      column: "chapter_since",
      label: { vi: "Ngày chuyển đến chi hội", en: "In this chapter since" },
      help: {
        vi: "Khi chuyển chi hội: ngày chuyển (để trống: hôm nay)",
        en: "On a transfer: its date (empty: today)",
      },
      import: { label: "Ngày chuyển đến chi hội", aliases: ["Ngày chuyển đến"], blank: "keep" },
    },
    role: {
      type: "choice",
      column: "member_role",
      label: { vi: "Vai trò", en: "Role" },
      options: {
        member: { vi: "Hội viên", en: "Member" },
        officer: { vi: "Ủy viên ban chấp hành", en: "Committee member" },
        honorary: { vi: "Hội viên danh dự", en: "Honorary member" },
      },
      aliases: [["uy vien bch", "officer"]],
      default: "member",
      import: { label: "Vai trò", aliases: ["Chức vụ trong hội"], blank: "keep" },
    },
    householdId: {
      type: "reference",
      kind: "households",
      column: "household_id",
      label: { vi: "Hộ gia đình", en: "Household" },
    },
    organizationId: {
      type: "reference",
      kind: "organizations",
      column: "organization_id",
      label: { vi: "Cơ quan, đơn vị (hội viên tập thể)", en: "Organisation (collective member)" },
    },
    leftOn: {
      type: "date",
      column: "left_on",
      label: { vi: "Ngày ra hội", en: "Left" },
      import: { label: "Ngày ra hội", aliases: ["Ngày thôi sinh hoạt"] },
    },
    leftReason: {
      type: "choice",
      column: "left_reason",
      label: { vi: "Lý do ra hội", en: "Reason for leaving" },
      options: {
        moved: { vi: "Chuyển đi nơi khác", en: "Moved away" },
        died: { vi: "Từ trần", en: "Died" },
        resigned: { vi: "Xin thôi", en: "Resigned" },
        other: { vi: "Khác", en: "Other" },
      },
      aliases: [
        ["chuyen di", "moved"],
        ["mat", "died"],
        ["qua doi", "died"],
      ],
      import: { label: "Lý do ra hội", aliases: ["Lý do"] },
    },
  },
  search: ["fullName", "memberNumber"],
  order: ["memberNumber"],
  list: { title: "fullName", columns: ["memberNumber", "fullName", "birthYear", "chapterId", "joinedOn"] },
  form: {
    fields: [
      "fullName",
      "memberKind",
      "sex",
      "birthYear",
      "unit",
      "chapterId",
      "joinedOn",
      "memberNumber",
      "role",
      "householdId",
      "organizationId",
      "chapterSince",
      "leftOn",
      "leftReason",
      "phone",
    ],
    notice: {
      vi: "Chỉ ghi họ tên, giới tính, năm sinh, nơi ở và chi hội như sổ hội viên; không ghi số định danh. Số điện thoại chỉ khi hội viên đồng ý.",
      en: "Only name, sex, year of birth, village and chapter are kept, as in the member book; no identity number. A phone only with the member's consent.",
    },
  },
  import: {
    columns: [
      "memberNumber",
      "fullName",
      "memberKind",
      "sex",
      "birthYear",
      "unit",
      "chapterId",
      "joinedOn",
      "chapterSince",
      "role",
      "leftOn",
      "leftReason",
      "phone",
    ],
    key: ["memberNumber"],
    example: [
      {
        memberNumber: "0001",
        fullName: "Nguyễn Thị Hoa",
        memberKind: "Cá nhân",
        sex: "Nữ",
        birthYear: "1975",
        unit: "Tổ dân phố số 1",
        chapterId: "01",
        joinedOn: "15/03/2018",
        role: "Hội viên",
      },
    ],
    wide: ["fullName"],
  },
  access: { read: "association_read", write: "association", chapter: "chapterId" },
  duplicates: ["fullName", "birthYear", "unit"],
  archive: {
    reasons: {
      mistake: { vi: "Nhập nhầm", en: "Entered by mistake" },
      duplicate: { vi: "Trùng với hội viên khác", en: "Duplicate of another member" },
    },
  },
  web: { path: "/hoi-vien", icon: "user" },
  api: {
    tag: "Hội Khuyến học",
    summaries: {
      list: "Hội viên của một đơn vị, tìm theo họ tên không dấu hoặc số thẻ; thư ký chi hội chỉ thấy chi hội mình",
      create: "Thêm hội viên (cá nhân hoặc tập thể) vào một chi hội",
      update: "Sửa hội viên; đổi chi hội là chuyển sinh hoạt (ghi ngày chuyển), ghi ngày ra hội khi thôi",
      archive: "Lưu trữ hội viên nhập nhầm hoặc trùng (ra hội thì ghi ngày ra hội)",
      import: "Nhập danh sách hội viên của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
  },
  privacy: {
    purpose: {
      vi: "Sổ hội viên, hội phí, số liệu phát triển hội viên của Hội Khuyến học",
      en: "The Hội Khuyến học's members, dues and membership statistics",
    },
    basis: "association_consent",
    subjects: { vi: "Hội viên (cá nhân, tập thể, danh dự)", en: "Members (persons, collectives, honorary)" },
    retention: {
      years: 5,
      from: { vi: "từ khi hội viên ra hội hoặc được lưu trữ", en: "from leaving or archiving" },
    },
    fields: {
      memberNumber: rowCode,
      fullName: adultName("Nêu tên hội viên trong sổ, danh sách chi hội", "Naming the member in lists"),
      memberKind: personFact("Loại hội viên", "Kind of member"),
      sex: personSex,
      birthYear: personBirthYear(),
      chapterId: personFact("Chi hội sinh hoạt", "The member's chapter"),
      joinedOn: personFact("Ngày vào hội (số liệu, hội phí)", "Joining date (statistics, dues)"),
      chapterSince: personFact("Ngày chuyển chi hội", "Chapter transfer date"),
      role: personFact("Vai trò trong chi hội", "Role in the chapter"),
      householdId: householdLink,
      organizationId: notPersonal("Cơ quan của hội viên tập thể", "A collective member's organisation"),
      leftOn: personFact("Ngày ra hội (số liệu)", "Leaving date (statistics)"),
      phone: {
        ...personPhone,
        purpose: {
          vi: "Chi hội liên hệ với hội viên, chỉ khi hội viên đồng ý (mục đích member_phone)",
          en: "The chapter contacting the member, only with the member's consent (purpose member_phone)",
        },
      },
      leftReason: {
        purpose: { vi: "Lý do ra hội", en: "Reason for leaving" },
        category: "basic",
        audience: "keepers",
      },
    },
  },
} as const satisfies KindDeclaration;

export type Member = ItemOf<typeof members>;
