import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

// Administrative documents in the Nghị định 30/2020/NĐ-CP (Phụ lục I) layout. See RULES.md section 9.
// Times New Roman is named but never embedded (NĐ 30 fonts are on every office PC; LibreOffice maps it to the
// metric-compatible Liberation Serif).

export type Nd30Align = "left" | "center" | "right" | "justify";
export type Nd30Run = { text: string; bold?: boolean; italic?: boolean };
export type Nd30Text = string | readonly Nd30Run[];
export type Nd30Cell =
  | string
  | { text: Nd30Text; bold?: boolean; italic?: boolean; align?: Nd30Align; colSpan?: number };
export type Nd30TableRow = { cells: readonly Nd30Cell[]; bold?: boolean };
export type Nd30TableBlock = {
  kind: "table";
  /** `width` values are relative weights; the table always spans the text width. */
  columns: readonly { title: string; width: number; align?: Nd30Align }[];
  rows: readonly Nd30TableRow[];
  /** Tables are usually set one size smaller than the body (default 13). */
  fontSize?: number;
};
export type Nd30Block =
  /** The caller writes the numbering ("I. …", "1. …", "a) …") because NĐ 30 reports mix Roman and Arabic levels. */
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  /** `align` other than the default justified drops the first-line indent (e.g. a centred italic note). */
  | { kind: "paragraph"; text: Nd30Text; align?: Nd30Align }
  /** Printed with a leading "- ". */
  | { kind: "bullet"; text: Nd30Text }
  | Nd30TableBlock;

export type Nd30Document = {
  /** Document metadata title; defaults to type name + trích yếu. */
  title?: string;
  /** Tên cơ quan chủ quản, e.g. "UBND THÀNH PHỐ HÀ NỘI" (upper-cased here). */
  agencyParent?: string;
  /** Tên cơ quan ban hành (upper-cased here); "\n" forces a line break, e.g. "Ủy ban nhân dân\nPhường Tây Hồ". */
  agency: string;
  /**
   * Text after "Số: ", e.g. "05/BC-UBND"; drafts leave the ordinal blank ("      /BC-UBND") for the văn thư.
   * Omitted for attachments that carry no number of their own.
   */
  number?: string;
  /** Địa danh for the date line, e.g. "Tây Hồ". */
  place: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Tên loại văn bản, e.g. "BÁO CÁO". */
  typeName: string;
  /** Trích yếu nội dung. */
  summary?: string;
  body: readonly Nd30Block[];
  /** `authority` may hold several lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"). */
  signature: { authority?: string; title: string; name: string };
  recipients?: readonly string[];
  /**
   * A second signer on the left instead of "Nơi nhận" (a biên bản: the secretary on the left, the chair on the
   * right), each signing under "(Ký, ghi rõ họ tên)".
   */
  countersign?: { title: string; name: string };
  /** Text after "Lưu: ", default "VT". */
  archive?: string;
  /** An attachment printed after the signature on a new page (e.g. the list a decision refers to). */
  annex?: readonly Nd30Block[];
};

function parseIsoDate(date: string): { d: number; m: number; y: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Expected YYYY-MM-DD, got "${date}"`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "Tây Hồ, ngày 05 tháng 01 năm 2026": NĐ 30 pads only days below 10 and the months 1 and 2. */
export function formatNd30PlaceDate(place: string, date: string): string {
  const { d, m, y } = parseIsoDate(date);
  const day = String(d).padStart(2, "0");
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "05/01/2026", the numeric form used when citing a document ("Quyết định số … ngày …"). */
export function formatDmy(date: string): string {
  const { d, m, y } = parseIsoDate(date);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

// docx's convertMillimetersToTwip truncates (A4 would become 11905 × 16837); Word's own A4 is 11906 × 16838.
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

const FONT = "Times New Roman";
const BODY = 14;
const MARGIN = { top: 20, bottom: 20, left: 30, right: 15 } as const;
const TEXT_WIDTH = mm(210 - MARGIN.left - MARGIN.right);
const LEFT_COL = Math.round(TEXT_WIDTH * 0.4);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
const INDENT = mm(12.7);
const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

type RunStyle = { size?: number; bold?: boolean; italic?: boolean };
type ParaOptions = RunStyle & { align?: Nd30Align; before?: number; after?: number; firstLine?: boolean };

function runs(text: Nd30Text, style: RunStyle): TextRun[] {
  const parts: readonly Nd30Run[] = typeof text === "string" ? [{ text }] : text;
  const size = (style.size ?? BODY) * 2;
  return parts.map(
    (part) =>
      new TextRun({
        text: part.text,
        size,
        bold: part.bold ?? style.bold,
        italics: part.italic ?? style.italic,
      }),
  );
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

function para(text: Nd30Text, options: ParaOptions = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[options.align ?? "center"],
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    indent: options.firstLine ? { firstLine: INDENT } : undefined,
    children: runs(text, options),
  });
}

// Rough Times New Roman advance widths (em) so the rule under a line can follow its length. Word has no "line as
// long as the text" primitive short of drawing shapes, so an indented, 3 pt high empty paragraph with a bottom border stands in.
function approxWidth(text: string, sizePt: number, bold: boolean): number {
  let em = 0;
  for (const ch of text.normalize("NFC")) {
    if (ch === " ") em += 0.25;
    else if (ch === "-") em += 0.33;
    else if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += bold ? 0.74 : 0.7;
    else em += bold ? 0.55 : 0.5;
  }
  return em * sizePt * 20;
}

function rule(cellWidth: number, lineWidth: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - Math.min(lineWidth, cellWidth * 0.9)) / 2));
  return new Paragraph({
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 0 } },
    indent: { left: side, right: side },
    // An exact 3 pt empty line: its bottom border sits just clear of the descenders of the text above.
    spacing: { before: 0, after: 0, line: 60, lineRule: LineRuleType.EXACT },
    children: [],
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
// Borders go on every cell as well as on the table: LibreOffice 7.4 drew none from <w:tblBorders> alone.
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE } as const;

function cell(
  width: number,
  children: (Paragraph | Table)[],
  extra: { colSpan?: number; bordered?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: extra.colSpan,
    borders: extra.bordered ? CELL_BORDERS : undefined,
    children,
  });
}

function borderlessTable(widths: readonly number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows,
  });
}

function headerTable(doc: Nd30Document): Table {
  const agency = lines(doc.agency.toUpperCase());
  const widest = Math.max(...agency.map((l) => approxWidth(l, 13, true)));
  const left = [
    ...(doc.agencyParent ? [para(doc.agencyParent.toUpperCase(), { size: 13 })] : []),
    ...agency.map((l) => para(l, { size: 13, bold: true })),
    rule(LEFT_COL, widest * 0.4),
    ...(doc.number === undefined ? [] : [para(`Số: ${doc.number}`, { size: 13, before: 120 })]),
  ];
  const motto = "Độc lập - Tự do - Hạnh phúc";
  const right = [
    para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 12.5, bold: true }),
    para(motto, { size: 13, bold: true }),
    rule(RIGHT_COL, approxWidth(motto, 13, true)),
    para(formatNd30PlaceDate(doc.place, doc.date), { size: 14, italic: true, before: 120 }),
  ];
  return borderlessTable(
    [LEFT_COL, RIGHT_COL],
    [new TableRow({ children: [cell(LEFT_COL, left), cell(RIGHT_COL, right)] })],
  );
}

function titleBlock(doc: Nd30Document): Paragraph[] {
  const out = [para(doc.typeName.toUpperCase(), { bold: true, before: 360 })];
  if (doc.summary) {
    out.push(
      para(doc.summary, { bold: true }),
      rule(TEXT_WIDTH, approxWidth(doc.summary, BODY, true) * 0.35),
    );
  }
  out.push(para("", { after: 120 }));
  return out;
}

function dataTable(block: Nd30TableBlock): Table {
  const size = block.fontSize ?? 13;
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = block.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / total));
  const pad = { before: 40, after: 40 };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) =>
      cell(widths[i]!, [para(c.title, { size, bold: true, ...pad })], { bordered: true }),
    ),
  });
  const body = block.rows.map((row) => {
    let col = 0;
    const cells = row.cells.map((raw) => {
      const c = typeof raw === "string" ? { text: raw } : raw;
      const span = c.colSpan ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      const align = c.align ?? block.columns[col]?.align ?? "left";
      col += span;
      const style = { size, bold: c.bold ?? row.bold, italic: c.italic, align, ...pad };
      return cell(width, [para(c.text, style)], { colSpan: span > 1 ? span : undefined, bordered: true });
    });
    return new TableRow({ cantSplit: true, children: cells });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { ...CELL_BORDERS, insideHorizontal: LINE, insideVertical: LINE },
    rows: [header, ...body],
  });
}

function bodyBlock(block: Nd30Block): Paragraph | Table {
  const text = { align: "justify", firstLine: true, before: 120 } as const;
  switch (block.kind) {
    case "heading":
      return para(block.text, { ...text, bold: true, italic: block.level === 3 || undefined });
    case "paragraph":
      return para(block.text, block.align ? { before: 120, align: block.align } : text);
    case "bullet":
      return para(typeof block.text === "string" ? `- ${block.text}` : [{ text: "- " }, ...block.text], text);
    case "table":
      return dataTable(block);
  }
}

function closingTable(doc: Nd30Document): Table {
  const recipients = doc.recipients ?? [];
  const sig = doc.signature;
  const signHere = doc.countersign ? [para("(Ký, ghi rõ họ tên)", { italic: true })] : [];
  const left = doc.countersign
    ? [
        para(doc.countersign.title.toUpperCase(), { bold: true }),
        ...signHere,
        para(doc.countersign.name, { bold: true, before: mm(30) }),
      ]
    : [
        para("Nơi nhận:", { size: 12, bold: true, italic: true, align: "left" }),
        ...recipients.map((r) => para(`- ${r.replace(/[;.]\s*$/, "")};`, { size: 11, align: "left" })),
        para(`- Lưu: ${doc.archive ?? "VT"}.`, { size: 11, align: "left" }),
      ];
  const right = [
    ...lines(sig.authority?.toUpperCase() ?? "").map((l) => para(l, { bold: true })),
    para(sig.title.toUpperCase(), { bold: true }),
    ...signHere,
    // Room for the signature and seal (about 3 cm).
    para(sig.name, { bold: true, before: mm(30) }),
  ];
  const widths = [Math.round(TEXT_WIDTH * 0.5), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.5)] as const;
  const spacer = para("", { before: 240 });
  return borderlessTable(widths, [
    new TableRow({
      cantSplit: true,
      children: [cell(widths[0], [spacer, ...left]), cell(widths[1], [spacer, ...right])],
    }),
  ]);
}

function pageNumberHeader(): Header {
  const number = new TextRun({ children: [PageNumber.CURRENT], size: BODY * 2 });
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [number] })] });
}

export function buildNd30Document(doc: Nd30Document): Document {
  return new Document({
    title: doc.title ?? [doc.typeName, doc.summary].filter(Boolean).join(" "),
    creator: lines(doc.agency).join(" "),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY * 2, language: { value: "vi-VN" } },
          paragraph: { spacing: { line: 276 } },
        },
      },
    },
    sections: [
      {
        properties: {
          // NĐ 30: no number on the first page; later pages centred in the top margin.
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(MARGIN.top),
              bottom: mm(MARGIN.bottom),
              left: mm(MARGIN.left),
              right: mm(MARGIN.right),
              header: mm(8),
              footer: mm(8),
            },
          },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: [
          headerTable(doc),
          ...titleBlock(doc),
          ...doc.body.map(bodyBlock),
          closingTable(doc),
          ...(doc.annex?.length
            ? [new Paragraph({ children: [new PageBreak()] }), ...doc.annex.map(bodyBlock)]
            : []),
        ],
      },
    ],
  });
}

export function renderNd30Document(doc: Nd30Document): Promise<Buffer> {
  return Packer.toBuffer(buildNd30Document(doc));
}
