/** Cơ quan, trường học, doanh nghiệp: the organisations of a commune, candidates for "Đơn vị học tập". */

import { notPersonal, rowCode } from "../../privacy/fields";
import type { KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const organizations = {
  name: "organizations",
  entity: "organization",
  table: "organizations",
  noun: { vi: "cơ quan, đơn vị", en: "organisation", enPlural: "organisations" },
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
      label: { vi: "Mã đơn vị", en: "Code" },
      unique: true,
      generate: { pad: 3 },
      import: { label: "Mã đơn vị", aliases: ["Mã", "Mã cơ quan", "Mã số"] },
    },
    name: {
      type: "text",
      column: "name",
      max: 300,
      required: true,
      label: { vi: "Tên cơ quan, đơn vị", en: "Name" },
      legacy: true,
      import: {
        label: "Tên cơ quan, đơn vị",
        aliases: ["Tên đơn vị", "Tên cơ quan", "Cơ quan, đơn vị", "Đơn vị", "Tên"],
      },
    },
    kind: {
      type: "choice",
      column: "kind",
      required: true,
      label: { vi: "Loại hình", en: "Kind" },
      options: {
        agency: { vi: "Cơ quan", en: "Agency" },
        school: { vi: "Trường học", en: "School" },
        enterprise: { vi: "Doanh nghiệp", en: "Enterprise" },
        other: { vi: "Khác", en: "Other" },
      },
      aliases: [
        ["truong", "school"],
        ["co quan nha nuoc", "agency"],
        ["cong ty", "enterprise"],
        ["hop tac xa", "enterprise"],
      ],
      legacy: true,
      import: { label: "Loại hình", aliases: ["Loại", "Loại đơn vị", "Loại hình đơn vị"] },
    },
  },
  search: ["name", "code"],
  order: ["code"],
  totals: "learning_organization",
  list: { title: "name", columns: ["code", "name", "kind", "unit"] },
  form: { fields: ["name", "kind", "unit", "code"] },
  import: {
    columns: ["code", "name", "kind", "unit"],
    key: ["code"],
    example: [
      { code: "TH01", name: "Trường Tiểu học Kim Đồng", kind: "Trường học", unit: "" },
      { code: "DN01", name: "Công ty TNHH Minh Phát", kind: "Doanh nghiệp", unit: "Tổ dân phố số 1" },
    ],
    wide: ["name"],
  },
  web: { path: "/co-quan-don-vi", icon: "bank" },
  api: {
    tag: "Cơ quan, đơn vị",
    summaries: {
      list: "Cơ quan, trường học, doanh nghiệp của một đơn vị, tìm theo tên không dấu hoặc mã",
      template: "Mẫu Excel danh sách cơ quan, đơn vị",
      export: "Xuất danh sách cơ quan, đơn vị của một đơn vị ra Excel (cùng cột với mẫu nhập)",
      get: "Một cơ quan, đơn vị",
      create: "Thêm cơ quan, đơn vị vào một xã, phường hoặc thôn",
      update: "Sửa cơ quan, đơn vị (mã, tên, loại hình, nơi thuộc)",
      archive: "Lưu trữ cơ quan, đơn vị (giải thể, chuyển đi)",
      import: "Nhập danh sách cơ quan, đơn vị của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách cơ quan, đơn vị", item: "Cơ quan, đơn vị" },
  },
  privacy: {
    purpose: {
      vi: 'Theo dõi cơ quan, trường học, doanh nghiệp; công nhận "Đơn vị học tập"',
      en: "Following organisations; recognising learning organisations",
    },
    basis: "commune_duty",
    subjects: { vi: "Tổ chức (không phải cá nhân)", en: "Organisations (no person)" },
    retention: {
      years: 10,
      from: { vi: "từ khi cơ quan được lưu trữ", en: "from the organisation's archiving" },
    },
    fields: {
      code: rowCode,
      name: notPersonal("Tên cơ quan, đơn vị", "The organisation's name"),
      kind: notPersonal("Loại cơ quan, đơn vị", "Kind of organisation"),
    },
  },
} as const satisfies KindDeclaration;

export type Organization = ItemOf<typeof organizations>;
export type OrganizationKind = Organization["kind"];
