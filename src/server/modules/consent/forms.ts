/**
 * The printable notice and consent form of a purpose (.docx, NĐ 30/2020 layout): the Hội of the commune informs
 * the person (purpose, data, duration, rights: the notice of the newest version, whose number the form prints and
 * the record names), then asks; both boxes are empty (never pre-ticked), a child's form is signed by a parent or
 * guardian. For paper collection; what the person ticks is then recorded on the "Đồng ý" panel.
 */
import { type ConsentPurpose, currentNotice, purposes } from "../../../shared/consent";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { type Nd30Block, renderNd30Document } from "../../documents/nd30.docx";
import { placeName } from "../../documents/nd30-names";
import { todayIso } from "../../registry/rules";
import { readableUnitRow } from "../territory/territory.repo";

const rights = [
  "Người được hỏi ý kiến (với trẻ em: cha, mẹ hoặc người giám hộ) có quyền được biết, xem, sửa dữ liệu của mình, yêu cầu xóa, hạn chế xử lý, phản đối và rút lại sự đồng ý bất cứ lúc nào, bằng lời nói hoặc văn bản gửi Hội; rút lại không ảnh hưởng đến những gì đã làm hợp pháp trước đó (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Nghị định số 356/2025/NĐ-CP).",
  "Không đồng ý hoặc rút lại đồng ý không làm mất quyền lợi khác của người được hỏi (học bổng, tư cách hội viên, ghi nhận đóng góp).",
];

const EMPTY_BOX = "☐";

export async function consentForm(
  db: Db,
  actor: Actor,
  unitId: number,
  purpose: ConsentPurpose,
): Promise<Buffer> {
  const unit = await asActor(db, actor, (tx) => readableUnitRow(tx, actor, unitId));
  const declared = purposes[purpose];
  const notice = currentNotice(purpose);
  const child = !!declared.forMinors;
  const blank = ".".repeat(60);
  const body: Nd30Block[] = [
    {
      kind: "heading",
      level: 1,
      text: `I. THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN (phiên bản ${notice.version})`,
    },
    ...notice.text.map((text) => ({ kind: "bullet" as const, text })),
    ...rights.map((text) => ({ kind: "bullet" as const, text })),
    { kind: "heading", level: 1, text: "II. Ý KIẾN CỦA NGƯỜI ĐƯỢC HỎI" },
    { kind: "paragraph", text: `Họ và tên${child ? " của cháu" : ""}: ${blank}` },
    { kind: "paragraph", text: `Năm sinh: ${".".repeat(20)} Nơi ở (thôn, tổ dân phố): ${".".repeat(30)}` },
    ...(child
      ? [
          { kind: "paragraph" as const, text: `Họ và tên cha, mẹ hoặc người giám hộ: ${".".repeat(40)}` },
          { kind: "paragraph" as const, text: `Quan hệ với cháu: ${".".repeat(50)}` },
        ]
      : []),
    {
      kind: "paragraph",
      text: `Sau khi đọc thông báo trên, về việc "${declared.label.vi}", tôi (đánh dấu một ô):`,
    },
    { kind: "paragraph", text: `${EMPTY_BOX} Đồng ý          ${EMPTY_BOX} Không đồng ý`, align: "center" },
    {
      kind: "paragraph",
      text: [
        {
          text: `Người ghi sổ ghi vào phần mềm: ngày đồng ý, cách ghi nhận (phiếu giấy), phiên bản thông báo ${notice.version}. Phiếu được lưu cùng hồ sơ của Hội.`,
          italic: true,
        },
      ],
    },
  ];
  return renderNd30Document({
    agency: `Hội Khuyến học\n${unit.name}`,
    place: placeName(unit.name),
    date: todayIso(),
    typeName: "PHIẾU",
    summary: `Thông báo và hỏi ý kiến đồng ý: ${declared.label.vi.toLowerCase()}`,
    body,
    signature: {
      title: child ? "Cha, mẹ hoặc người giám hộ" : "Người được hỏi ý kiến",
      name: "(Ký, ghi rõ họ tên)",
    },
    recipients: ["Người được hỏi ý kiến (01 bản)"],
    archive: "Hồ sơ đồng ý",
  });
}
