/**
 * Danh sách ký nhận: the list an award round's recipients sign at the ceremony. A4 portrait with the NĐ 30
 * letterhead (the superior body and the unit on the left, the national motto and the place and date on the right),
 * the round's decision, a table (STT, họ và tên, lớp, trường, số tiền, ký nhận) repeated with its header on every
 * page, a total row with the amount in words, and the signers. DejaVu Serif, as the vouchers and certificates.
 */
import type { PDFFont, PDFPage } from "pdf-lib";
import { amountInWords, formatDong } from "../modules/fund/money";
import { type SerifFonts, serifPdf } from "./fonts";
import {
  A4,
  centered,
  drawLetterhead,
  drawPageFooters,
  drawTableRow,
  drawTitleLines,
  fittedSize,
  INK,
  MARGIN,
  type PdfColumn,
} from "./pdf-table";

export type SignatureListData = {
  /** Tên cơ quan chủ quản, e.g. "Hội Khuyến học thành phố Hà Nội" (upper-cased here). */
  superior: string | null;
  /** The unit keeping the fund, e.g. "Hội Khuyến học phường Tây Hồ" (upper-cased here). */
  issuer: string;
  /** Địa danh of the date line, e.g. "Tây Hồ". */
  place: string;
  /** YYYY-MM-DD, or null for a date left to write by hand. */
  date: string | null;
  /** The round, e.g. "Lễ trao học bổng năm học 2026–2027". */
  title: string;
  /** e.g. "(Kèm theo Quyết định số 12/QĐ-KH ngày 01/9/2026 của Hội Khuyến học phường Tây Hồ)". */
  subtitle: string | null;
  /** A line under it, e.g. "Dự thảo: đợt trao chưa được duyệt". */
  note: string | null;
  rows: { line: number; name: string; class: string | null; school: string | null; amount: number }[];
  total: number;
  /** Each signer: the title lines ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH") and the name, when known. */
  signers: { title: string[]; name: string | null }[];
};

const WIDTH = A4.width;
const HEIGHT = A4.height;
const LEFT = MARGIN.left;
const RIGHT = MARGIN.right;
const TOP = MARGIN.top;
const BOTTOM = MARGIN.bottom;
const ROW = 21; // room to sign
const HEAD = 26;

type Fonts = SerifFonts;

const COLUMNS: PdfColumn[] = [
  { header: "STT", width: 28, align: "center" },
  { header: "Họ và tên", width: 135, align: "left" },
  { header: "Lớp", width: 36, align: "center" },
  { header: "Trường", width: 160, align: "left" },
  { header: "Số tiền (đồng)", width: 72, align: "right" },
  { header: "Ký nhận", width: 72, align: "center" },
];

/** The letterhead and the title; returns the baseline below them. */
function drawTop(page: PDFPage, fonts: Fonts, data: SignatureListData): number {
  const y = drawLetterhead(page, fonts, data);
  return drawTitleLines(
    page,
    [
      { text: "DANH SÁCH KÝ NHẬN", font: fonts.bold, size: 14 },
      { text: data.title, font: fonts.bold, size: 12.5 },
      { text: data.subtitle, font: fonts.italic, size: 11 },
      { text: data.note, font: fonts.bold, size: 11 },
    ],
    y,
  );
}

const drawRow = (
  page: PDFPage,
  cells: string[],
  top: number,
  height: number,
  font: PDFFont,
  header = false,
) => drawTableRow(page, COLUMNS, cells, top, height, font, header);

/** The total in words and the signers; needs about 150 points. */
function drawFooter(page: PDFPage, fonts: Fonts, data: SignatureListData, top: number) {
  let y = top - 16;
  const words = `Số tiền bằng chữ: ${amountInWords(data.total)}.`;
  page.drawText(words, {
    x: LEFT,
    y,
    size: fittedSize(fonts.italic, words, 11, WIDTH - LEFT - RIGHT),
    font: fonts.italic,
    color: INK,
  });
  y -= 26;
  const column = (WIDTH - LEFT - RIGHT) / data.signers.length;
  data.signers.forEach((signer, i) => {
    const x = LEFT + column * i + column / 2;
    let sy = y;
    for (const line of signer.title) {
      centered(page, fonts.bold, line.toLocaleUpperCase("vi"), 10.5, x, sy, column - 8);
      sy -= 13;
    }
    centered(page, fonts.italic, "(Ký, ghi rõ họ tên)", 9.5, x, sy, column - 8);
    if (signer.name) centered(page, fonts.bold, signer.name, 10.5, x, y - 100, column - 8);
  });
}

export async function renderSignatureList(data: SignatureListData): Promise<Uint8Array> {
  const { pdf, fonts } = await serifPdf();
  pdf.setTitle(`Danh sách ký nhận: ${data.title}`, { showInWindowTitleBar: true });
  pdf.setLanguage("vi-VN");
  pdf.setCreator("Hiếu Học");
  pdf.setAuthor(data.issuer);
  let page = pdf.addPage([WIDTH, HEIGHT]);
  let y = drawTop(page, fonts, data);
  const header = () => {
    drawRow(
      page,
      COLUMNS.map((c) => c.header),
      y,
      HEAD,
      fonts.bold,
      true,
    );
    y -= HEAD;
  };
  header();
  const rows: [string[], PDFFont][] = data.rows.map((r) => [
    [String(r.line), r.name, r.class ?? "", r.school ?? "", formatDong(r.amount), ""],
    fonts.regular,
  ]);
  rows.push([["", "Tổng cộng", "", `${data.rows.length} người`, formatDong(data.total), ""], fonts.bold]);
  for (const [cells, font] of rows) {
    if (y - ROW < BOTTOM) {
      page = pdf.addPage([WIDTH, HEIGHT]);
      y = HEIGHT - TOP;
      header();
    }
    drawRow(page, cells, y, ROW, font);
    y -= ROW;
  }
  if (y - 150 < BOTTOM) {
    page = pdf.addPage([WIDTH, HEIGHT]);
    y = HEIGHT - TOP;
  }
  drawFooter(page, fonts, data, y);
  drawPageFooters(pdf.getPages(), fonts);
  return pdf.save();
}
