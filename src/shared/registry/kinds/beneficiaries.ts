/**
 * Người nhận học bổng, hỗ trợ: the beneficiaries of a commune's learning-promotion funds, kept as a list so that a
 * proposal names one of them (docs/FUND.md). A pupil (name, sex, birth year, school, class, the household when
 * known), a teacher, a family or a clan; in a village of the commune or the commune itself. Collected to the minimum:
 * no date of birth, no identity number, no address; a parent's or guardian's phone at most. A proposal copies the
 * kind, name, school and class, and a pupil under 18 (or of unknown birth year) is never named in public.
 */

import {
  householdLink,
  notPersonal,
  personBirthYear,
  personPhone,
  personSex,
  rowCode,
} from "../../privacy/fields";
import { inVillageOrCommune, type KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";
import { birthYearField, sexField } from "./person";

/** What the form and the files hold besides the code, in their order. */
const held = [
  "fullName",
  "kind",
  "sex",
  "birthYear",
  "school",
  "class",
  "unit",
  "householdId",
  "guardianPhone",
] as const;

export const beneficiaries = {
  name: "beneficiaries",
  entity: "beneficiary",
  table: "fund_beneficiaries",
  noun: { vi: "người nhận học bổng, hỗ trợ", en: "beneficiary", enPlural: "beneficiaries" },
  unit: inVillageOrCommune,
  fields: {
    code: {
      type: "code",
      column: "code",
      label: { vi: "Mã người nhận", en: "Code" },
      unique: true,
      generate: { pad: 4 },
      import: { label: "Mã người nhận", aliases: ["Mã", "Mã số"] },
    },
    fullName: {
      type: "text",
      column: "full_name",
      max: 200,
      required: true,
      legacy: true,
      label: { vi: "Họ và tên", en: "Full name" },
      what: "họ tên người nhận",
      import: { label: "Họ và tên", aliases: ["Họ tên", "Tên", "Người nhận", "Tên học sinh"] },
    },
    // The same values as a disbursement's beneficiary_kind: the proposal copies it.
    kind: {
      type: "choice",
      column: "kind",
      label: { vi: "Đối tượng", en: "Kind" },
      options: {
        student: { vi: "Học sinh", en: "Pupil" },
        teacher: { vi: "Giáo viên", en: "Teacher" },
        family: { vi: "Gia đình", en: "Family" },
        clan: { vi: "Dòng họ", en: "Clan" },
        other: { vi: "Khác", en: "Other" },
      },
      default: "student",
      aliases: [
        ["sinh vien", "student"],
        ["hs", "student"],
        ["gv", "teacher"],
        ["ho gia dinh", "family"],
      ],
      import: { label: "Đối tượng", aliases: ["Loại", "Là"], blank: "keep" },
    },
    sex: sexField,
    birthYear: {
      ...birthYearField,
      help: {
        vi: "Học sinh dưới 18 tuổi, hoặc chưa ghi năm sinh, chỉ được công khai chữ cái đầu, trường, lớp",
        en: "A pupil under 18, or without a year of birth, is published by initials, school and class only",
      },
    },
    school: {
      type: "text",
      column: "school",
      max: 200,
      legacy: true,
      label: { vi: "Trường", en: "School" },
      import: { label: "Trường", aliases: ["Trường học", "Học trường", "Đơn vị công tác"] },
    },
    class: {
      type: "text",
      column: "class",
      max: 20,
      label: { vi: "Lớp", en: "Class" },
      import: { label: "Lớp" },
    },
    householdId: {
      type: "reference",
      kind: "households",
      column: "household_id",
      label: { vi: "Hộ gia đình", en: "Household" },
      import: { label: "Mã hộ", aliases: ["Hộ gia đình", "Chủ hộ"] },
    },
    guardianPhone: {
      type: "phone",
      column: "guardian_phone",
      label: { vi: "Điện thoại cha mẹ, người giám hộ", en: "Parent's or guardian's phone" },
      import: { label: "Điện thoại cha mẹ", aliases: ["Điện thoại", "Số điện thoại", "SĐT", "ĐT"] },
    },
  },
  search: ["fullName", "code"],
  order: ["code"],
  list: { title: "fullName", columns: ["code", "fullName", "kind", "birthYear", "school", "class", "unit"] },
  form: {
    fields: [...held, "code"],
    notice: {
      vi: "Chỉ ghi họ tên, giới tính, năm sinh, trường, lớp, nơi ở như hồ sơ học bổng; không ghi ngày sinh hay số định danh. Trẻ em không bao giờ được nêu tên khi công khai.",
      en: "Only name, sex, year of birth, school, class and village are kept, as the scholarship papers need; no date of birth or identity number. A minor is never named in public.",
    },
  },
  import: {
    columns: ["code", ...held],
    key: ["code"],
    example: [
      {
        code: "0001",
        fullName: "Phạm Minh Anh",
        kind: "Học sinh",
        sex: "Nữ",
        birthYear: "2013",
        school: "Trường THCS Chu Văn An",
        class: "7A",
        unit: "Tổ dân phố số 1",
        householdId: "0001",
        guardianPhone: "0912345678",
      },
      {
        code: "0002",
        fullName: "Lê Thị Thu",
        kind: "Giáo viên",
        sex: "Nữ",
        school: "Trường Tiểu học Quảng An",
      },
    ],
    wide: ["fullName", "school"],
  },
  duplicates: ["fullName", "birthYear", "unit"],
  archive: {
    reasons: {
      finished: { vi: "Không còn nhận hỗ trợ (ra trường, hết diện)", en: "No longer supported" },
      moved: { vi: "Chuyển đi nơi khác", en: "Moved away" },
      mistake: { vi: "Nhập nhầm hoặc trùng", en: "Entered by mistake or twice" },
    },
  },
  web: { path: "/nguoi-nhan-hoc-bong", icon: "gift" },
  api: {
    tag: "Người nhận học bổng, hỗ trợ",
    summaries: {
      list: "Người nhận học bổng, hỗ trợ của một đơn vị, tìm theo họ tên không dấu hoặc mã",
      template: "Mẫu Excel danh sách người nhận học bổng, hỗ trợ",
      export: "Xuất danh sách người nhận học bổng, hỗ trợ ra Excel (cùng cột với mẫu nhập)",
      get: "Một người nhận học bổng, hỗ trợ",
      create: "Thêm người nhận học bổng, hỗ trợ (học sinh, giáo viên, gia đình, dòng họ)",
      update: "Sửa người nhận học bổng, hỗ trợ (khoản chi đã đề xuất giữ bản ghi lúc đề xuất)",
      archive: "Lưu trữ người nhận (không còn nhận hỗ trợ, chuyển đi, nhập nhầm)",
      import:
        "Nhập danh sách người nhận học bổng, hỗ trợ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách người nhận học bổng, hỗ trợ", item: "Người nhận học bổng, hỗ trợ" },
  },
  privacy: {
    purpose: {
      vi: "Chọn người nhận học bổng, hỗ trợ; lập danh sách ký nhận; công khai chi (trẻ em chỉ chữ cái đầu)",
      en: "Choosing scholarship recipients; signature lists; disclosure (children by initials only)",
    },
    basis: "consent",
    subjects: {
      vi: "Học sinh (phần lớn dưới 18 tuổi, cha mẹ đồng ý), giáo viên, gia đình",
      en: "Pupils (mostly minors, with a parent's consent), teachers, families",
    },
    retention: {
      years: 5,
      from: { vi: "từ khi người nhận được lưu trữ", en: "from the beneficiary's archiving" },
    },
    alsoKeptBy: ["fund", "approve"],
    fields: {
      code: rowCode,
      fullName: {
        purpose: {
          vi: "Nêu tên người nhận trong đề xuất chi, danh sách ký nhận",
          en: "Naming the recipient in proposals",
        },
        category: "basic",
        minors: true,
        audience: "readers",
      },
      kind: notPersonal("Học sinh, giáo viên, gia đình", "Pupil, teacher, family"),
      sex: personSex,
      birthYear: personBirthYear(true),
      school: {
        purpose: { vi: "Trường, lớp như hồ sơ học bổng", en: "School and class, as the scholarship papers" },
        category: "basic",
        minors: true,
        audience: "readers",
      },
      class: {
        purpose: { vi: "Trường, lớp như hồ sơ học bổng", en: "School and class, as the scholarship papers" },
        category: "basic",
        minors: true,
        audience: "readers",
      },
      householdId: { ...householdLink, minors: true },
      guardianPhone: personPhone,
    },
  },
} as const satisfies KindDeclaration;

export type Beneficiary = ItemOf<typeof beneficiaries>;
