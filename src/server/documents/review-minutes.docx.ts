/**
 * Biên bản họp bình xét: the minutes of the meeting where a village's or a commune's candidates for a title are
 * reviewed, in the NĐ 30/2020 layout (header, BIÊN BẢN with its trích yếu, time and place, I. attendees, II.
 * content, III. the result with its counts and the table of candidates, the secretary's and the chair's
 * signatures).
 */
import type { SubjectKindName } from "../../shared/cycle";
import { listsVillage, nameHeadings, subjectNouns } from "./decision.docx";
import { type Nd30Block, type Nd30Document, renderNd30Document } from "./nd30.docx";
import { placeName, unitInSentence } from "./nd30-names";

export type ReviewMinutesInput = {
  /** "Hội Khuyến học Thành phố Hà Nội" (cơ quan chủ quản) and "Hội Khuyến học Phường Tây Hồ" (who holds it). */
  agencyParent: string;
  agency: string;
  /** The unit where the meeting was held ("Tổ dân phố số 1", "Phường Tây Hồ") and its commune. */
  unitName: string;
  communeName: string;
  titleLabel: string;
  year: number;
  subjectKind: SubjectKindName;
  /** YYYY-MM-DD. */
  heldOn: string;
  place: string;
  chair: { name: string; title: string };
  secretary: { name: string; title: string };
  attendees: readonly string[];
  /** What the meetings recorded (ý kiến thảo luận), as paragraphs. */
  discussion: readonly string[];
  counts: { registered: number; assessed: number; reviewed: number; proposed: number; notProposed: number };
  candidates: readonly { name: string; village: string; result: string; proposed: boolean; note: string }[];
};

function dateWords(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
}

const p = (text: string): Nd30Block => ({ kind: "paragraph", text });

export function buildReviewMinutes(input: ReviewMinutesInput): Nd30Document {
  const noun = subjectNouns[input.subjectKind];
  const title = `danh hiệu “${input.titleLabel}” năm ${input.year}`;
  const where = unitInSentence(input.unitName);
  const c = input.counts;
  const withPlace = listsVillage(input.subjectKind);
  const table: Nd30Block = {
    kind: "table",
    columns: [
      { title: "STT", width: 1.4, align: "center" },
      { title: nameHeadings[input.subjectKind], width: 4 },
      ...(withPlace ? [{ title: "Thôn, tổ dân phố", width: 3 }] : []),
      { title: "Kết quả tự đánh giá", width: 3 },
      { title: "Kết quả bình xét", width: 3 },
    ],
    rows: input.candidates.map((r, i) => ({
      cells: [
        String(i + 1),
        r.name,
        ...(withPlace ? [r.village] : []),
        r.result,
        `${r.proposed ? "Đề nghị công nhận" : "Không đề nghị"}${r.note ? ` (${r.note})` : ""}`,
      ],
    })),
  };
  return {
    title: `Biên bản họp bình xét ${title}`,
    agencyParent: input.agencyParent,
    agency: input.agency,
    number: "      /BB-KH",
    place: placeName(input.communeName),
    date: input.heldOn,
    typeName: "BIÊN BẢN",
    summary: `Họp bình xét ${title}`,
    body: [
      p(
        `Hôm nay, ${dateWords(input.heldOn)}, tại ${input.place}, ${input.agency} tổ chức họp bình xét ${title} ở ${where}.`,
      ),
      { kind: "heading", level: 1, text: "I. THÀNH PHẦN THAM DỰ" },
      p(`- Chủ trì: ${input.chair.name || "................................"}, ${input.chair.title}.`),
      p(`- Thư ký: ${input.secretary.name || "................................"}.`),
      ...(input.attendees.length
        ? [
            p("- Thành phần tham dự:"),
            ...input.attendees.map((a): Nd30Block => ({ kind: "bullet", text: a })),
          ]
        : []),
      { kind: "heading", level: 1, text: "II. NỘI DUNG" },
      p(
        `Hội nghị nghe báo cáo kết quả đăng ký và tự đánh giá ${title} ở ${where}: ${c.registered} ${noun} đăng ký, ${c.assessed} ${noun} đã tự đánh giá; thảo luận, bình xét công khai, dân chủ từng trường hợp theo bộ tiêu chí.`,
      ),
      ...input.discussion.map(p),
      { kind: "heading", level: 1, text: "III. KẾT QUẢ BÌNH XÉT" },
      p(
        `Số ${noun} được bình xét: ${c.reviewed}; đề nghị công nhận: ${c.proposed}; không đề nghị: ${c.notProposed}.`,
      ),
      table,
      p(
        `Hội nghị thống nhất đề nghị cấp có thẩm quyền xem xét, công nhận ${title} cho ${c.proposed} ${noun} có kết quả "Đề nghị công nhận" trong danh sách trên.`,
      ),
      p("Biên bản kết thúc cùng ngày, đã được đọc lại và thông qua trước hội nghị."),
    ],
    signature: { title: "CHỦ TRÌ", name: input.chair.name },
    countersign: { title: "THƯ KÝ", name: input.secretary.name },
  };
}

export function renderReviewMinutes(input: ReviewMinutesInput): Promise<Buffer> {
  return renderNd30Document(buildReviewMinutes(input));
}
