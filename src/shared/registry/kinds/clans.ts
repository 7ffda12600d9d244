/** Dòng họ: the clans of a commune, candidates for "Dòng họ học tập", with their member households. */

import { adultName, householdLink, notPersonal } from "../../privacy/fields";
import type { KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const clans = {
  name: "clans",
  entity: "clan",
  table: "clans",
  noun: { vi: "dòng họ", en: "clan", enPlural: "clans" },
  unit: {
    field: "communeId",
    column: "commune_id",
    levels: ["commune"],
    label: { vi: "Xã, phường", en: "Commune" },
  },
  fields: {
    name: {
      type: "text",
      column: "name",
      max: 200,
      required: true,
      unique: true,
      label: { vi: "Tên dòng họ", en: "Clan name" },
      legacy: true,
      import: { label: "Tên dòng họ", aliases: ["Dòng họ", "Tên họ", "Họ tộc"] },
    },
    headName: {
      type: "text",
      column: "head_name",
      max: 200,
      required: true,
      label: { vi: "Trưởng họ", en: "Clan head" },
      what: "họ tên trưởng họ",
      legacy: true,
      import: {
        label: "Trưởng họ",
        aliases: ["Họ tên trưởng họ", "Trưởng tộc", "Tộc trưởng", "Người đứng đầu"],
      },
    },
    /** The member households (not archived) the caller may read. */
    householdIds: {
      type: "members",
      kind: "households",
      via: "clanId",
      label: { vi: "Hộ thành viên", en: "Member households" },
      help: {
        vi: "Chọn các hộ của xã, phường thuộc dòng họ (gõ tên chủ hộ không cần dấu để tìm).",
        en: "Choose the households of the commune that belong to the clan (type the head's name, diacritics optional).",
      },
      max: 5000,
      maxMessage: "Tối đa 5.000 hộ",
      summary: "Đặt các hộ thành viên của dòng họ (hộ của cùng xã, phường)",
    },
  },
  search: ["name", "headName"],
  order: ["name"],
  totals: "learning_clan",
  list: { title: "name", columns: ["name", "headName", "householdIds"] },
  form: { fields: ["name", "headName", "householdIds"] },
  import: {
    columns: ["name", "headName"],
    key: ["name"],
    example: [{ name: "Họ Nguyễn Văn", headName: "Nguyễn Văn Bình" }],
    wide: ["name", "headName"],
  },
  web: { path: "/dong-ho", icon: "cluster" },
  api: {
    tag: "Dòng họ",
    summaries: {
      list: "Dòng họ của một xã, phường, tìm theo tên dòng họ hoặc trưởng họ không dấu",
      template: "Mẫu Excel danh sách dòng họ",
      export: "Xuất danh sách dòng họ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
      get: "Một dòng họ, với các hộ thành viên",
      create: "Thêm dòng họ vào một xã, phường",
      update: "Sửa tên dòng họ, trưởng họ",
      archive: "Lưu trữ dòng họ",
      import: "Nhập danh sách dòng họ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách dòng họ", item: "Dòng họ" },
  },
  texts: {
    vi: {
      archiveHelp:
        "Dòng họ đã lưu trữ không còn trong danh sách và không đăng ký danh hiệu được nữa. Các hộ thành viên vẫn giữ nguyên.",
    },
    en: {
      archiveHelp:
        "An archived clan leaves the list and can no longer register for a title. Its households stay as they are.",
    },
  },
  privacy: {
    purpose: {
      vi: 'Theo dõi dòng họ, bình xét và công nhận "Dòng họ học tập"',
      en: "Following clans, reviewing and recognising learning clans",
    },
    basis: "commune_duty",
    subjects: { vi: "Trưởng họ", en: "Clan heads" },
    retention: { years: 10, from: { vi: "từ khi dòng họ được lưu trữ", en: "from the clan's archiving" } },
    fields: {
      name: notPersonal("Tên dòng họ", "The clan's name"),
      headName: adultName("Người liên hệ của dòng họ", "The clan's contact person"),
      householdIds: householdLink,
    },
  },
} as const satisfies KindDeclaration;

export type Clan = ItemOf<typeof clans>;
