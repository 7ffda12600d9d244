/**
 * Trung tâm học tập cộng đồng (TTHTCĐ): the community learning centres of a commune. A commune has one or more
 * ("Trung tâm Văn hóa – Thể thao và Học tập cộng đồng" where the two were joined). Since 07/2025 the commune
 * chairman founds, merges and dissolves them (NĐ 142/2025); a merged or dissolved centre is archived with that
 * reason and stays readable with its history.
 */

import { notPersonal, rowCode } from "../../privacy/fields";
import type { KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const centres = {
  name: "centres",
  entity: "centre",
  table: "learning_centres",
  noun: { vi: "trung tâm học tập cộng đồng", en: "learning centre", enPlural: "learning centres" },
  unit: {
    field: "communeId",
    column: "commune_id",
    levels: ["commune"],
    label: { vi: "Xã, phường", en: "Commune" },
  },
  fields: {
    code: {
      type: "code",
      column: "code",
      label: { vi: "Mã trung tâm", en: "Code" },
      unique: true,
      generate: { pad: 2 },
      import: { label: "Mã trung tâm", aliases: ["Mã", "Mã số"] },
    },
    name: {
      type: "text",
      column: "name",
      max: 300,
      required: true,
      legacy: true,
      label: { vi: "Tên trung tâm", en: "Name" },
      what: "tên trung tâm",
      import: { label: "Tên trung tâm", aliases: ["Trung tâm", "Tên", "Tên TTHTCĐ"] },
    },
    kind: {
      type: "choice",
      column: "kind",
      label: { vi: "Loại trung tâm", en: "Kind" },
      options: {
        community: { vi: "Trung tâm học tập cộng đồng", en: "Community learning centre" },
        culture_sport: {
          vi: "Trung tâm Văn hóa – Thể thao và Học tập cộng đồng",
          en: "Culture, sport and community learning centre",
        },
      },
      default: "community",
      aliases: [
        ["tthtcd", "community"],
        ["trung tam van hoa the thao va hoc tap cong dong", "culture_sport"],
        ["van hoa the thao", "culture_sport"],
      ],
      import: { label: "Loại trung tâm", aliases: ["Loại"], blank: "keep" },
    },
    address: {
      type: "text",
      column: "address",
      max: 300,
      legacy: true,
      label: { vi: "Địa chỉ", en: "Address" },
      import: { label: "Địa chỉ", aliases: ["Trụ sở", "Nơi đặt trụ sở"] },
    },
    foundedOn: {
      type: "date",
      column: "founded_on",
      label: { vi: "Ngày thành lập", en: "Founded" },
      what: "ngày thành lập",
      import: { label: "Ngày thành lập", aliases: ["Thành lập ngày"] },
    },
    phone: {
      type: "phone",
      column: "phone",
      label: { vi: "Điện thoại", en: "Phone" },
      import: { label: "Điện thoại", aliases: ["Số điện thoại", "SĐT", "ĐT"] },
    },
  },
  search: ["name", "code"],
  order: ["code"],
  totals: "centre_rating",
  list: { title: "name", columns: ["code", "name", "kind", "foundedOn", "address"] },
  form: { fields: ["name", "kind", "foundedOn", "address", "phone", "code"] },
  import: {
    columns: ["code", "name", "kind", "foundedOn", "address", "phone"],
    key: ["code"],
    example: [
      {
        code: "01",
        name: "Trung tâm học tập cộng đồng phường Tây Hồ",
        kind: "Trung tâm học tập cộng đồng",
        foundedOn: "15/08/2025",
        address: "Số 2 Đặng Thai Mai",
        phone: "",
      },
    ],
    wide: ["name", "address"],
  },
  archive: {
    reasons: {
      merged: { vi: "Sáp nhập vào trung tâm khác", en: "Merged into another centre" },
      dissolved: { vi: "Giải thể", en: "Dissolved" },
      mistake: { vi: "Nhập nhầm hoặc trùng", en: "Entered by mistake or twice" },
    },
  },
  web: { path: "/trung-tam-hoc-tap", icon: "bank", detail: true },
  api: {
    tag: "Trung tâm học tập cộng đồng",
    summaries: {
      list: "Trung tâm học tập cộng đồng của một xã, phường, tìm theo tên không dấu hoặc mã",
      template: "Mẫu Excel danh sách trung tâm học tập cộng đồng",
      export: "Xuất danh sách trung tâm học tập cộng đồng ra Excel (cùng cột với mẫu nhập)",
      get: "Một trung tâm học tập cộng đồng",
      create: "Thêm trung tâm học tập cộng đồng",
      update: "Sửa trung tâm học tập cộng đồng",
      archive: "Lưu trữ trung tâm (sáp nhập, giải thể, nhập nhầm)",
      import: "Nhập danh sách trung tâm học tập cộng đồng từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách trung tâm học tập cộng đồng", item: "Trung tâm học tập cộng đồng" },
  },
  privacy: {
    purpose: { vi: "Theo dõi trung tâm học tập cộng đồng", en: "Following community learning centres" },
    basis: "commune_duty",
    subjects: { vi: "Trung tâm (không phải cá nhân)", en: "Centres (no person)" },
    retention: { years: 20, from: { vi: "từ khi trung tâm giải thể", en: "from the centre's dissolution" } },
    fields: {
      code: rowCode,
      name: notPersonal("Tên trung tâm", "The centre's name"),
      kind: notPersonal("Loại trung tâm", "Kind of centre"),
      address: notPersonal("Địa chỉ trụ sở", "The centre's address"),
      foundedOn: notPersonal("Ngày thành lập", "Founding date"),
      phone: notPersonal("Điện thoại trụ sở", "The centre's phone"),
    },
  },
} as const satisfies KindDeclaration;

export type Centre = ItemOf<typeof centres>;
