/**
 * Công dân học tập: the citizens of a commune. Personal data is kept to the minimum the title needs: name,
 * village, birth year and population group; no identity number, no phone.
 */

import { adultName, householdLink, personBirthYear, personFact } from "../../privacy/fields";
import { inVillage, type KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const citizens = {
  name: "citizens",
  entity: "citizen",
  table: "citizens",
  noun: { vi: "công dân", en: "citizen", enPlural: "citizens" },
  unit: inVillage,
  fields: {
    fullName: {
      type: "text",
      column: "full_name",
      max: 200,
      required: true,
      label: { vi: "Họ và tên", en: "Full name" },
      what: "họ tên",
      legacy: true,
      import: { label: "Họ và tên", aliases: ["Họ tên", "Tên", "Họ và tên công dân"] },
    },
    birthYear: {
      type: "year",
      column: "birth_year",
      min: 1900,
      max: 2100,
      label: { vi: "Năm sinh", en: "Year of birth" },
      import: { label: "Năm sinh", aliases: ["Sinh năm", "Năm"] },
    },
    group: {
      type: "choice",
      column: "population_group",
      label: { vi: "Đối tượng", en: "Group" },
      options: {
        farmer: { vi: "Nông dân", en: "Farmer" },
        worker: { vi: "Công nhân", en: "Worker" },
        official: { vi: "Cán bộ, công chức", en: "Official" },
        other: { vi: "Khác", en: "Other" },
      },
      aliases: [
        ["cong chuc", "official"],
        ["can bo", "official"],
        ["vien chuc", "official"],
        ["can bo cong chuc vien chuc", "official"],
      ],
      default: "other",
      legacy: true,
      import: {
        label: "Đối tượng",
        aliases: ["Nhóm", "Nhóm đối tượng", "Thành phần", "Nghề nghiệp"],
        blank: "keep",
      },
    },
    householdId: {
      type: "reference",
      kind: "households",
      column: "household_id",
      form: false,
      label: { vi: "Hộ gia đình", en: "Household" },
    },
  },
  search: ["fullName"],
  order: ["unit", "fullName"],
  totals: "learning_citizen",
  list: { title: "fullName", columns: ["fullName", "birthYear", "group", "unit"] },
  form: {
    fields: ["unit", "fullName", "birthYear", "group"],
    notice: {
      vi: "Chỉ ghi họ tên, năm sinh, đối tượng và nơi ở để xét danh hiệu; không ghi số định danh, điện thoại hay dữ liệu nhạy cảm.",
      en: "Only name, year of birth, group and village are kept, for the title; no identity number, phone or sensitive data.",
    },
  },
  import: {
    columns: ["unit", "fullName", "birthYear", "group"],
    key: ["unit", "fullName", "birthYear"],
    example: [{ unit: "Tổ dân phố số 1", fullName: "Nguyễn Thị Hoa", birthYear: "1985", group: "Công nhân" }],
    wide: ["fullName"],
  },
  web: { path: "/cong-dan", icon: "idcard" },
  api: {
    tag: "Công dân học tập",
    summaries: {
      list: "Công dân của một đơn vị (xã hoặc thôn), tìm theo họ tên không dấu; chỉ người dùng có phạm vi mới xem được",
      template: "Mẫu Excel danh sách công dân học tập",
      export: "Xuất danh sách công dân của một đơn vị ra Excel (cùng cột với mẫu nhập)",
      get: "Một công dân",
      create: "Thêm công dân vào một thôn, tổ dân phố (họ tên, năm sinh, đối tượng)",
      update: "Sửa công dân (chuyển thôn trong cùng xã, họ tên, năm sinh, đối tượng)",
      archive: "Lưu trữ công dân (chuyển đi, mất)",
      import: "Nhập danh sách công dân của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách công dân", item: "Công dân" },
  },
  privacy: {
    purpose: {
      vi: 'Bình xét và công nhận "Công dân học tập", số liệu người học',
      en: "Reviewing and recognising learning citizens, learners' statistics",
    },
    basis: "commune_duty",
    subjects: {
      vi: "Công dân của xã, phường (có thể có người dưới 18 tuổi)",
      en: "Citizens (some may be minors)",
    },
    retention: { years: 5, from: { vi: "từ khi công dân được lưu trữ", en: "from the citizen's archiving" } },
    fields: {
      fullName: {
        ...adultName("Nêu tên trong sổ và danh sách công nhận", "Naming the citizen in lists"),
        minors: true,
        audience: "readers",
      },
      birthYear: personBirthYear(true),
      group: personFact("Nhóm đối tượng cho số liệu", "Population group for statistics"),
      householdId: householdLink,
    },
  },
} as const satisfies KindDeclaration;

export type Citizen = ItemOf<typeof citizens>;
export type PopulationGroup = Citizen["group"];
