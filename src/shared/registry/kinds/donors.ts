/**
 * Nhà hảo tâm: the donors of a commune's learning-promotion funds (a person or an organisation, with address and
 * phone for the receipt). A receipt may name a donor of this list; anonymous gifts still record the donor here,
 * the public never sees the name.
 */

import { adultName, notPersonal, personAddress, personPhone, rowCode } from "../../privacy/fields";
import type { KindDeclaration } from "../declaration";
import type { ItemOf } from "../schemas";

export const donors = {
  name: "donors",
  entity: "donor",
  table: "fund_donors",
  noun: { vi: "nhà hảo tâm", en: "donor", enPlural: "donors" },
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
      label: { vi: "Mã nhà hảo tâm", en: "Code" },
      unique: true,
      generate: { pad: 4 },
      import: { label: "Mã nhà hảo tâm", aliases: ["Mã", "Mã số"] },
    },
    name: {
      type: "text",
      column: "name",
      max: 300,
      required: true,
      label: { vi: "Họ tên hoặc tên tổ chức", en: "Name" },
      legacy: true,
      import: { label: "Họ tên hoặc tên tổ chức", aliases: ["Họ tên", "Tên", "Nhà hảo tâm", "Tên tổ chức"] },
    },
    kind: {
      type: "choice",
      column: "kind",
      label: { vi: "Là", en: "Kind" },
      options: {
        person: { vi: "Cá nhân", en: "Person" },
        organization: { vi: "Tổ chức", en: "Organisation" },
      },
      default: "person",
      aliases: [
        ["ca nhan", "person"],
        ["to chuc", "organization"],
        ["doanh nghiep", "organization"],
        ["cong ty", "organization"],
      ],
      import: { label: "Cá nhân/Tổ chức", aliases: ["Loại", "Là"] },
    },
    address: {
      type: "text",
      column: "address",
      max: 300,
      label: { vi: "Địa chỉ", en: "Address" },
      legacy: true,
      import: { label: "Địa chỉ", aliases: ["Nơi ở", "Trụ sở"] },
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
  list: { title: "name", columns: ["code", "name", "kind", "address"] },
  form: { fields: ["name", "kind", "address", "phone", "code"] },
  import: {
    columns: ["code", "name", "kind", "address", "phone"],
    key: ["code"],
    example: [
      {
        code: "0001",
        name: "Công ty TNHH Minh Phát",
        kind: "Tổ chức",
        address: "Số 5 Âu Cơ",
        phone: "0243 123 456",
      },
      { code: "0002", name: "Nguyễn Văn Hảo", kind: "Cá nhân", address: "Tổ dân phố số 2", phone: "" },
    ],
    wide: ["name", "address"],
  },
  web: { path: "/nha-hao-tam", icon: "heart" },
  api: {
    tag: "Nhà hảo tâm",
    summaries: {
      list: "Nhà hảo tâm của một xã, phường, tìm theo tên không dấu hoặc mã",
      template: "Mẫu Excel danh sách nhà hảo tâm",
      export: "Xuất danh sách nhà hảo tâm ra Excel (cùng cột với mẫu nhập)",
      get: "Một nhà hảo tâm",
      create: "Thêm nhà hảo tâm",
      update: "Sửa nhà hảo tâm",
      archive: "Lưu trữ nhà hảo tâm",
      import: "Nhập danh sách nhà hảo tâm từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    },
    descriptions: { list: "Danh sách nhà hảo tâm", item: "Nhà hảo tâm" },
  },
  privacy: {
    purpose: {
      vi: "Ghi nhận người đóng góp quỹ khuyến học, lập phiếu thu, công khai (trừ người xin ẩn danh)",
      en: "Recording donors to the funds, receipts, disclosure (except anonymous donors)",
    },
    basis: "fund_disclosure",
    subjects: {
      vi: "Nhà hảo tâm (cá nhân, gia đình, doanh nghiệp)",
      en: "Donors (persons, families, businesses)",
    },
    retention: {
      years: 10,
      from: { vi: "từ khi nhà hảo tâm được lưu trữ", en: "from the donor's archiving" },
    },
    alsoKeptBy: ["fund"],
    fields: {
      code: rowCode,
      name: adultName("Ghi trên phiếu thu, công khai đóng góp", "On receipts and the public disclosure"),
      kind: notPersonal("Cá nhân hay tổ chức", "Person or organisation"),
      address: personAddress,
      phone: personPhone,
    },
  },
} as const satisfies KindDeclaration;

export type Donor = ItemOf<typeof donors>;
