/**
 * The personal-data inventory for the "hồ sơ đánh giá tác động xử lý dữ liệu cá nhân" (Luật 91/2025, NĐ 356/2025):
 * a NĐ 30/2020 document with one table of the sets of data (subjects, purpose, legal basis, retention) and one table
 * of their fields (category, children, who sees them). The official form is UNCONFIRMED (RULES.md section 8):
 * this is the inventory part a controller attaches to its own dossier.
 */
import type { RoleName } from "../../shared/api";
import { roleNamesVi } from "../../shared/capabilities";
import type { InventoryAnswer } from "../../shared/privacy/api";
import { audiences, categories, legalBases, sensitiveKinds } from "../../shared/privacy/declaration";
import { type Nd30Block, renderNd30Document } from "./nd30.docx";

export type InventoryDocumentInput = {
  inventory: InventoryAnswer;
  /** The controller: "Ủy ban nhân dân\nPhường Tây Hồ", or the platform's operator. */
  agency: string;
  agencyParent?: string;
  place: string;
  date: string;
  preparedBy: string;
};

const rolesText = (roles: RoleName[] | "all") =>
  roles === "all" ? "Công khai" : roles.map((role) => roleNamesVi[role]).join(", ");

export function inventoryBlocks(inventory: InventoryAnswer): Nd30Block[] {
  const sets: Nd30Block = {
    kind: "table",
    columns: [
      { title: "STT", width: 1, align: "center" },
      { title: "Nhóm dữ liệu", width: 4 },
      { title: "Chủ thể dữ liệu", width: 4 },
      { title: "Mục đích xử lý", width: 6 },
      { title: "Cơ sở pháp lý", width: 5 },
      { title: "Thời hạn lưu trữ", width: 4 },
    ],
    rows: inventory.entries.map((entry, index) => ({
      cells: [
        String(index + 1),
        entry.name.vi.charAt(0).toUpperCase() + entry.name.vi.slice(1),
        entry.subjects.vi,
        entry.purpose.vi,
        legalBases[entry.basis].vi,
        `${entry.retention.years} năm ${entry.retention.from.vi}${
          entry.retention.minimum ? ` (tối thiểu ${entry.retention.minimum.years} năm)` : ""
        }`,
      ],
    })),
    fontSize: 11,
  };
  const fields: Nd30Block[] = inventory.entries.flatMap((entry, index) => [
    {
      kind: "heading",
      level: 3,
      text: `${index + 1}. ${entry.name.vi.charAt(0).toUpperCase()}${entry.name.vi.slice(1)}`,
    },
    {
      kind: "table",
      columns: [
        { title: "Trường dữ liệu", width: 4 },
        { title: "Loại dữ liệu", width: 4 },
        { title: "Mục đích", width: 6 },
        { title: "Trẻ em", width: 2, align: "center" },
        { title: "Người được xem", width: 6 },
      ],
      rows: entry.fields.map((field) => ({
        cells: [
          field.label.vi,
          field.category === "sensitive" && field.sensitive
            ? `${categories.sensitive.vi}: ${sensitiveKinds[field.sensitive].vi}`
            : categories[field.category].vi,
          field.basis === entry.basis
            ? field.purpose.vi
            : `${field.purpose.vi} (${legalBases[field.basis].vi})`,
          field.minors ? "Có" : "",
          field.audience === "keepers"
            ? `${audiences.keepers.vi}: ${rolesText(field.roles)}`
            : rolesText(field.roles),
        ],
      })),
      fontSize: 11,
    },
  ]);
  return [
    { kind: "heading", level: 1, text: "I. CÁC NHÓM DỮ LIỆU CÁ NHÂN ĐƯỢC XỬ LÝ" },
    {
      kind: "paragraph",
      text: "Danh mục lập từ khai báo trên phần mềm Hiếu Học: mỗi sổ theo dõi và mỗi nhóm dữ liệu ngoài sổ nêu mục đích, cơ sở pháp lý, thời hạn lưu trữ; mỗi trường nêu loại dữ liệu, có liên quan đến trẻ em hay không và ai được xem.",
    },
    sets,
    { kind: "heading", level: 1, text: "II. CÁC TRƯỜNG DỮ LIỆU CỦA TỪNG NHÓM" },
    ...fields,
    { kind: "heading", level: 1, text: "III. BIỆN PHÁP GIẢM THIỂU" },
    {
      kind: "bullet",
      text: "Trang công khai chỉ hiện họ tên và thôn, tổ dân phố; trẻ em không bao giờ được nêu tên.",
    },
    {
      kind: "bullet",
      text: "Điện thoại, địa chỉ, năm sinh chỉ người giữ sổ được xem; các vai trò khác nhận giá trị trống.",
    },
    { kind: "bullet", text: "Không thu số định danh cá nhân, ảnh căn cước, ngày sinh đầy đủ." },
    { kind: "bullet", text: "Mọi thay đổi được ghi nhật ký; phân quyền theo đơn vị hành chính." },
  ];
}

export function renderInventoryDocument(input: InventoryDocumentInput): Promise<Buffer> {
  return renderNd30Document({
    agencyParent: input.agencyParent,
    agency: input.agency,
    place: input.place,
    date: input.date,
    typeName: "DANH MỤC",
    summary: "Dữ liệu cá nhân được xử lý (kèm theo hồ sơ đánh giá tác động xử lý dữ liệu cá nhân)",
    body: inventoryBlocks(input.inventory),
    signature: { title: "NGƯỜI LẬP", name: input.preparedBy },
    archive: "VT, hồ sơ ĐGTĐ",
  });
}
