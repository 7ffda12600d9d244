/** Hộ gia đình: the households of a commune, candidates for "Gia đình học tập". */

import {
  adultName,
  householdLink,
  personAddress,
  personFact,
  personPhone,
  personSex,
  rowCode,
} from "../../privacy/fields";
import { inVillage, type KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";
import { sexAliases, sexOptions } from "./person";

export const households = {
  name: "households",
  entity: "household",
  table: "households",
  noun: { vi: "hộ gia đình", en: "household", enPlural: "households" },
  unit: inVillage,
  fields: {
    code: {
      type: "code",
      column: "code",
      label: { vi: "Mã hộ", en: "Code" },
      unique: true,
      generate: { pad: 4 },
      import: { label: "Mã hộ", aliases: ["Mã số hộ", "Số hộ", "Mã"] },
    },
    headName: {
      type: "text",
      column: "head_name",
      max: 200,
      required: true,
      label: { vi: "Chủ hộ", en: "Head of household" },
      what: "họ tên chủ hộ",
      legacy: true,
      import: { label: "Họ và tên chủ hộ", aliases: ["Chủ hộ", "Họ tên chủ hộ", "Tên chủ hộ"] },
    },
    // For addressing the head as "ông" or "bà" in certificates and letters; not recorded when unknown.
    headSex: {
      type: "choice",
      column: "head_sex",
      label: { vi: "Giới tính chủ hộ", en: "Sex of the head" },
      options: sexOptions,
      aliases: sexAliases,
      import: { label: "Giới tính chủ hộ", aliases: ["Giới tính", "Nam/Nữ"], blank: "keep" },
    },
    address: {
      type: "text",
      column: "address",
      max: 300,
      label: { vi: "Địa chỉ", en: "Address" },
      legacy: true,
      import: { label: "Địa chỉ", aliases: ["Địa chỉ hộ", "Số nhà"] },
    },
    members: {
      type: "integer",
      column: "members",
      min: 1,
      max: 99,
      required: true,
      label: { vi: "Số nhân khẩu", en: "Members" },
      import: { label: "Số nhân khẩu", aliases: ["Nhân khẩu", "Số người", "Số khẩu", "Số thành viên"] },
    },
    phone: {
      type: "phone",
      column: "phone",
      label: { vi: "Điện thoại", en: "Phone" },
      import: { label: "Điện thoại", aliases: ["Số điện thoại", "SĐT", "ĐT"] },
    },
    clanId: { type: "reference", kind: "clans", column: "clan_id", label: { vi: "Dòng họ", en: "Clan" } },
  },
  search: ["headName", "code"],
  order: ["unit", "code"],
  totals: "learning_family",
  list: { title: "headName", columns: ["code", "headName", "unit", "members"], detail: "address" },
  form: { fields: ["unit", "headName", "headSex", "members", "code", "address", "phone", "clanId"] },
  import: {
    columns: ["code", "unit", "headName", "headSex", "address", "members", "phone"],
    key: ["code"],
    example: [
      {
        code: "0001",
        unit: "Tổ dân phố số 1",
        headName: "Nguyễn Văn An",
        headSex: "Nam",
        address: "Số 12, ngõ 5",
        members: "4",
        phone: "0912345678",
      },
    ],
    wide: ["headName"],
  },
  archive: {
    reasons: {
      moved: { vi: "Chuyển đi nơi khác", en: "Moved away" },
      merged: { vi: "Nhập vào hộ khác", en: "Merged into another household" },
      dissolved: { vi: "Không còn hộ", en: "No longer exists" },
    },
  },
  updatedAt: true,
  web: { path: "/ho-gia-dinh", icon: "home" },
  api: {
    tag: "Hộ gia đình",
    summaries: {
      list: "Hộ gia đình của một đơn vị (xã hoặc thôn), tìm theo tên chủ hộ không dấu hoặc mã hộ",
      template: "Mẫu Excel danh sách hộ gia đình",
      export: "Xuất danh sách hộ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
      get: "Một hộ gia đình",
      create: "Thêm hộ gia đình vào một thôn, tổ dân phố",
      update: "Sửa hộ gia đình (chuyển thôn trong cùng xã, đổi chủ hộ, số nhân khẩu...)",
      archive: "Lưu trữ hộ (chuyển đi, nhập hộ, không còn)",
      import: "Nhập danh sách hộ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách hộ", item: "Hộ gia đình" },
  },
  privacy: {
    purpose: {
      vi: 'Theo dõi hộ gia đình, bình xét và công nhận "Gia đình học tập", số liệu báo cáo',
      en: "Following households, reviewing and recognising learning families, statistics",
    },
    basis: "commune_duty",
    subjects: { vi: "Chủ hộ và hộ gia đình", en: "Heads of household and their households" },
    retention: {
      years: 10,
      from: { vi: "từ khi hộ được lưu trữ (chuyển đi, nhập hộ)", en: "from the household's archiving" },
    },
    fields: {
      code: rowCode,
      headName: adultName(
        "Nêu tên hộ trong sổ, danh sách công nhận, giấy công nhận",
        "Naming the household in lists and certificates",
      ),
      headSex: personSex,
      address: personAddress,
      members: personFact("Số nhân khẩu cho số liệu", "Household size for statistics"),
      phone: personPhone,
      clanId: householdLink,
    },
  },
} as const satisfies KindDeclaration;

export type Household = ItemOf<typeof households>;
export type HouseholdSex = NonNullable<Household["headSex"]>;
export type ArchiveReason = NonNullable<Household["archivedReason"]>;
