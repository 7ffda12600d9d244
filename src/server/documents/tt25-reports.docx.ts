import {
  formatDmy,
  type Nd30Block,
  type Nd30Document,
  type Nd30TableRow,
  type Nd30Text,
  renderNd30Document,
} from "./nd30.docx";
import { placeList, signatureBlock, unitInSentence } from "./nd30-names";

// The two documents a commune prepares for "Cộng đồng học tập" cấp xã under Thông tư 25/2023/TT-BGDĐT
// (RULES.md 1.2): the Báo cáo tự đánh giá and the Bản tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu.
// The official form numbers are unconfirmed, so both follow the plain NĐ 30 report layout.

/** `null`/absent = not assessed at that level (e.g. mức độ 2 when only mức độ 1 is sought). */
export type Tt25Met = boolean | null;

export type Tt25Item = {
  key: string;
  text: string;
  metLevel1?: Tt25Met;
  metLevel2?: Tt25Met;
  evidence?: string;
};

export type Tt25Criterion = {
  key: string;
  name: string;
  items: readonly Tt25Item[];
  metLevel1: Tt25Met;
  metLevel2: Tt25Met;
};

export type Tt25ReportInput = {
  /** name with its unit type ("Phường Tây Hồ"); place = địa danh for the date line ("Tây Hồ"). */
  commune: { name: string; provinceName: string; place: string };
  /** The assessed year; data period 01/01–31/12 of that year. */
  year: number;
  /** The level the commune assesses itself against. */
  level: 1 | 2;
  /** Text after "Số: " for the report, e.g. "05/BC-UBND"; blank ordinal when absent. */
  documentNumber?: string;
  /** YYYY-MM-DD, date of signing. */
  date: string;
  signerName: string;
  /** "CHỦ TỊCH" or "PHÓ CHỦ TỊCH" (the latter signs "KT. CHỦ TỊCH"). */
  signerTitle: string;
  /** Free text; blank lines separate paragraphs. */
  situation?: string;
  criteria: readonly Tt25Criterion[];
  levelReached: 0 | 1 | 2;
  /**
   * Why the level-2 criteria, all met, do not give mức độ 2 (the 12-month wait after mức độ 1): the documents then
   * say so and never mark mức độ 2 "Đạt" beside a mức độ 1 result.
   */
  level2Withheld?: string | null;
  recommendations?: string;
  /** Overrides the default "Nơi nhận" list. */
  recipients?: readonly string[];
};

const TT25 = "Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo";

function metLabel(met: Tt25Met | undefined): string {
  if (met === true) return "Đạt";
  if (met === false) return "Không đạt";
  return "Chưa đánh giá";
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.;!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function levelReachedLabel(level: 0 | 1 | 2): string {
  return level === 0 ? "Chưa đạt mức độ 1" : `Đạt mức độ ${level}`;
}

function paragraphs(text: string | undefined): Nd30Block[] {
  return (text ?? "")
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: "paragraph", text: p }));
}

// Per-level results only up to the level sought: a mức độ 1 report has nothing to say about mức độ 2.
function levelResults(input: Tt25ReportInput, met1: Tt25Met | undefined, met2: Tt25Met | undefined): string {
  const parts = [`Mức độ 1: ${metLabel(met1)}`];
  if (input.level === 2) parts.push(`Mức độ 2: ${metLabel(met2)}`);
  return parts.join("; ");
}

function frame(input: Tt25ReportInput): Omit<Nd30Document, "typeName" | "summary" | "body" | "number"> {
  const { commune } = input;
  return {
    agency: `Ủy ban nhân dân\n${commune.name}`,
    place: commune.place,
    date: input.date,
    signature: { ...signatureBlock("Ủy ban nhân dân", input.signerTitle), name: input.signerName },
    recipients: input.recipients ?? [
      `Sở Giáo dục và Đào tạo ${unitInSentence(commune.provinceName)}`,
      `Thường trực Đảng ủy, HĐND ${unitInSentence(commune.name)}`,
      `Hội Khuyến học ${unitInSentence(commune.name)}`,
    ],
    archive: "VT, VHXH",
  };
}

function criterionBlocks(input: Tt25ReportInput, criterion: Tt25Criterion, index: number): Nd30Block[] {
  const n = index + 1;
  const blocks: Nd30Block[] = [{ kind: "heading", level: 2, text: `${n}. Tiêu chí ${n}: ${criterion.name}` }];
  criterion.items.forEach((item, j) => {
    const text: Nd30Text = [
      { text: `Chỉ tiêu ${n}.${j + 1}. ${item.text}: ` },
      { text: `${levelResults(input, item.metLevel1, item.metLevel2)}.`, bold: true },
      ...(item.evidence ? [{ text: ` Minh chứng: ${sentence(item.evidence)}`, italic: true }] : []),
    ];
    blocks.push({ kind: "bullet", text });
  });
  blocks.push({
    kind: "paragraph",
    text: [
      { text: `Đánh giá chung Tiêu chí ${n}: `, italic: true },
      { text: `${levelResults(input, criterion.metLevel1, criterion.metLevel2)}.`, bold: true },
    ],
  });
  return blocks;
}

function conclusionBlocks(input: Tt25ReportInput): Nd30Block[] {
  const { criteria, commune, year } = input;
  const count = (pick: (c: Tt25Criterion) => Tt25Met) => criteria.filter((c) => pick(c) === true).length;
  const counts = [`mức độ 1: ${count((c) => c.metLevel1)}/${criteria.length}`];
  if (input.level === 2) counts.push(`mức độ 2: ${count((c) => c.metLevel2)}/${criteria.length}`);
  const verdict =
    input.levelReached === 0
      ? `chưa đạt chuẩn Cộng đồng học tập cấp xã năm ${year}`
      : `đạt chuẩn Cộng đồng học tập cấp xã Mức độ ${input.levelReached} năm ${year}`;
  return [
    { kind: "paragraph", text: `Số tiêu chí đạt ${counts.join("; ")}.` },
    {
      kind: "paragraph",
      text: [
        { text: `Căn cứ ${TT25}, ${unitInSentence(commune.name)} tự đánh giá ` },
        { text: `${verdict}.`, bold: true },
      ],
    },
    ...(input.level2Withheld
      ? [{ kind: "paragraph" as const, text: withheldSentence(input.level2Withheld) }]
      : []),
  ];
}

function recommendationBlocks(input: Tt25ReportInput): Nd30Block[] {
  const custom = paragraphs(input.recommendations);
  if (custom.length > 0) return custom;
  const { commune, year, levelReached } = input;
  // Who recognises a cấp xã CĐHT after the 2025 reform is unconfirmed (RULES.md 1.3), hence "cấp có thẩm quyền".
  const text =
    levelReached === 0
      ? `${commune.name} tiếp tục khắc phục các chỉ tiêu chưa đạt để đề nghị đánh giá, công nhận trong năm tiếp theo.`
      : `Đề nghị cấp có thẩm quyền xem xét, đánh giá, công nhận ${unitInSentence(commune.name)} đạt chuẩn Cộng đồng học tập cấp xã Mức độ ${levelReached} năm ${year}.`;
  return [{ kind: "paragraph", text }];
}

export function buildSelfAssessmentReport(input: Tt25ReportInput): Nd30Document {
  const { commune, year } = input;
  const situation = paragraphs(input.situation);
  const body: Nd30Block[] = [
    { kind: "heading", level: 1, text: "I. ĐẶC ĐIỂM TÌNH HÌNH" },
    ...(situation.length > 0
      ? situation
      : [{ kind: "paragraph", text: `${placeList([commune.name, commune.provinceName])}.` } as const]),
    {
      kind: "paragraph",
      text: `Số liệu tự đánh giá được tính từ ngày 01/01/${year} đến ngày 31/12/${year}, theo ${TT25} quy định về đánh giá, công nhận Cộng đồng học tập cấp xã.`,
    },
    { kind: "heading", level: 1, text: "II. KẾT QUẢ TỰ ĐÁNH GIÁ THEO TỪNG TIÊU CHÍ" },
    ...input.criteria.flatMap((criterion, i) => criterionBlocks(input, criterion, i)),
    { kind: "heading", level: 1, text: "III. KẾT LUẬN: MỨC ĐỘ ĐẠT" },
    ...conclusionBlocks(input),
    { kind: "heading", level: 1, text: "IV. KIẾN NGHỊ" },
    ...recommendationBlocks(input),
  ];
  return {
    ...frame(input),
    number: input.documentNumber ?? "      /BC-UBND",
    typeName: "BÁO CÁO",
    summary: `Tự đánh giá xây dựng Cộng đồng học tập cấp xã năm ${year}`,
    body,
  };
}

/** The criteria of mức độ 2 are met, yet the commune stays at mức độ 1: why, with the rule. */
function withheldSentence(why: string): string {
  return `Các tiêu chí mức độ 2 đều đáp ứng nhưng chưa được công nhận mức độ 2: ${sentence(why)} Theo Thông tư số 25/2023/TT-BGDĐT, xã đạt mức độ 1 sau ít nhất 12 tháng mới được đánh giá, công nhận mức độ 2.`;
}

function tableMark(met: Tt25Met | undefined): string {
  if (met === true) return "Đạt";
  if (met === false) return "Không đạt";
  return "–";
}

export function buildCriteriaSummary(input: Tt25ReportInput): Nd30Document {
  const { commune, year } = input;
  // Mức độ 2 not recognised: its column says the items are met ("Đáp ứng"), never "Đạt".
  const level2Mark = (met: Tt25Met | undefined) =>
    input.level2Withheld && met === true ? "Đáp ứng" : tableMark(met);
  const rows: Nd30TableRow[] = input.criteria.flatMap((criterion, i) => [
    {
      bold: true,
      cells: [
        String(i + 1),
        `Tiêu chí ${i + 1}: ${criterion.name}`,
        tableMark(criterion.metLevel1),
        level2Mark(criterion.metLevel2),
        "",
      ],
    },
    ...criterion.items.map((item, j) => ({
      cells: [
        `${i + 1}.${j + 1}`,
        item.text,
        tableMark(item.metLevel1),
        level2Mark(item.metLevel2),
        item.evidence ?? "",
      ],
    })),
  ]);
  rows.push({
    bold: true,
    cells: [
      { text: "Mức độ đạt được", colSpan: 2, align: "center" },
      { text: levelReachedLabel(input.levelReached), colSpan: 3, align: "center" },
    ],
  });
  if (input.level2Withheld)
    rows.push({ cells: [{ text: withheldSentence(input.level2Withheld), colSpan: 5 }] });
  const reportRef = input.documentNumber ? `số ${input.documentNumber} ` : "";
  return {
    ...frame(input),
    typeName: "BẢN TỔNG HỢP",
    summary: `Kết quả đánh giá các tiêu chí, chỉ tiêu Cộng đồng học tập cấp xã năm ${year}`,
    body: [
      {
        kind: "paragraph",
        align: "center",
        text: [
          {
            text: `(Kèm theo Báo cáo tự đánh giá ${reportRef}ngày ${formatDmy(input.date)} của Ủy ban nhân dân ${unitInSentence(commune.name)})`,
            italic: true,
          },
        ],
      },
      {
        kind: "table",
        fontSize: 12,
        columns: [
          { title: "STT", width: 8, align: "center" },
          { title: "Tiêu chí, chỉ tiêu", width: 40, align: "left" },
          { title: "Mức độ 1", width: 14, align: "center" },
          { title: "Mức độ 2", width: 14, align: "center" },
          { title: "Minh chứng", width: 24, align: "left" },
        ],
        rows,
      },
    ],
  };
}

export function renderSelfAssessmentReport(input: Tt25ReportInput): Promise<Buffer> {
  return renderNd30Document(buildSelfAssessmentReport(input));
}

export function renderCriteriaSummary(input: Tt25ReportInput): Promise<Buffer> {
  return renderNd30Document(buildCriteriaSummary(input));
}
