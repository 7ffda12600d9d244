/**
 * Danh sách ký nhận: the list an award round's recipients sign at the ceremony. A4 portrait with the NĐ 30
 * letterhead (the superior body and the unit on the left, the national motto and the place and date on the right),
 * the round's decision, a table (STT, họ và tên, lớp, trường, số tiền, ký nhận) repeated with its header on every
 * page, a total row with the amount in words, and the signers. DejaVu Serif, as the vouchers and certificates.
 */
import type { PDFFont, PDFPage } from "pdf-lib";
import { amountInWords, formatDong } from "../modules/fund/money";
import { rgb, type SerifFonts, serifPdf } from "./fonts";
import { formatNd30PlaceDate } from "./nd30.docx";

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
  /** "Xuất bởi … lúc …" (readlog/processing-log.ts), at the foot of every page beside the page number. */
  exportedBy?: string;
};

const WIDTH = 595.28; // A4 portrait
const HEIGHT = 841.89;
const LEFT = 56;
const RIGHT = 36;
const TOP = 42;
const BOTTOM = 46;
const INK = rgb(0.1, 0.1, 0.1);
const ROW = 21; // room to sign
const HEAD = 26;

type Fonts = SerifFonts;
type Column = { header: string; width: number; align: "left" | "center" | "right" };

const COLUMNS: Column[] = [
  { header: "STT", width: 28, align: "center" },
  { header: "Họ và tên", width: 135, align: "left" },
  { header: "Lớp", width: 36, align: "center" },
  { header: "Trường", width: 160, align: "left" },
  { header: "Số tiền (đồng)", width: 72, align: "right" },
  { header: "Ký nhận", width: 72, align: "center" },
];

/** The size at which `text` fits `width` (shrunk from `size` down to 6). */
function fittedSize(font: PDFFont, text: string, size: number, width: number): number {
  const at1 = font.widthOfTextAtSize(text, 1);
  return at1 === 0 ? size : Math.max(6, Math.min(size, width / at1));
}

function centered(
  page: PDFPage,
  font: PDFFont,
  text: string,
  size: number,
  x: number,
  y: number,
  width: number,
) {
  const s = fittedSize(font, text, size, width);
  page.drawText(text, { x: x - font.widthOfTextAtSize(text, s) / 2, y, size: s, font, color: INK });
}

function rule(page: PDFPage, x: number, y: number, width: number) {
  page.drawLine({ start: { x: x - width / 2, y }, end: { x: x + width / 2, y }, thickness: 0.6, color: INK });
}

/** The letterhead and the title; returns the baseline below them. */
function drawTop(page: PDFPage, fonts: Fonts, data: SignatureListData): number {
  const leftX = LEFT + 110;
  const rightX = WIDTH - RIGHT - 140;
  let y = HEIGHT - TOP;
  if (data.superior) {
    centered(page, fonts.regular, data.superior.toLocaleUpperCase("vi"), 10.5, leftX, y, 220);
    y -= 14;
  }
  const issuer = data.issuer.toLocaleUpperCase("vi");
  centered(page, fonts.bold, issuer, 11, leftX, y, 220);
  rule(page, leftX, y - 5, Math.min(fonts.bold.widthOfTextAtSize(issuer, 11), 220) * 0.4);
  const motto = "Độc lập - Tự do - Hạnh phúc";
  centered(page, fonts.bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11, rightX, HEIGHT - TOP, 270);
  centered(page, fonts.bold, motto, 12, rightX, HEIGHT - TOP - 15, 270);
  rule(page, rightX, HEIGHT - TOP - 20, fonts.bold.widthOfTextAtSize(motto, 12));
  const dateLine = data.date
    ? formatNd30PlaceDate(data.place, data.date)
    : `${data.place}, ngày ...... tháng ...... năm ........`;
  centered(page, fonts.italic, dateLine, 11.5, rightX, HEIGHT - TOP - 38, 270);
  y = HEIGHT - TOP - 76;
  const middle = LEFT + (WIDTH - LEFT - RIGHT) / 2;
  const full = WIDTH - LEFT - RIGHT;
  centered(page, fonts.bold, "DANH SÁCH KÝ NHẬN", 14, middle, y, full);
  y -= 18;
  centered(page, fonts.bold, data.title, 12.5, middle, y, full);
  for (const [text, font] of [
    [data.subtitle, fonts.italic],
    [data.note, fonts.bold],
  ] as const) {
    if (!text) continue;
    y -= 16;
    centered(page, font, text, 11, middle, y, full);
  }
  return y - 16;
}

/** Two words-wrapped lines of `text` at `size`, or null when they do not fit `width`. */
function twoLines(font: PDFFont, text: string, size: number, width: number): string[] | null {
  const words = text.split(" ");
  let first = "";
  let i = 0;
  while (i < words.length) {
    const next = first ? `${first} ${words[i]}` : words[i]!;
    if (first && font.widthOfTextAtSize(next, size) > width) break;
    first = next;
    i++;
  }
  const second = words.slice(i).join(" ");
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  return fits(first) && fits(second) ? [first, second].filter(Boolean) : null;
}

/**
 * A cell's text: one line at `size` if it fits, else two lines at the largest size from `size` down to 6.5 that
 * fits, else two lines at 6.5 with the second cut short ("…"): nothing ever runs out of its cell.
 */
function cellLines(
  font: PDFFont,
  text: string,
  size: number,
  width: number,
): { lines: string[]; size: number } {
  if (font.widthOfTextAtSize(text, size) <= width) return { lines: [text], size };
  for (let s = Math.min(size, 9); s >= 6.5; s -= 0.5) {
    const lines = twoLines(font, text, s, width);
    if (lines) return { lines, size: s };
  }
  const [first = "", ...rest] = text.split(" ");
  let second = rest.join(" ");
  while (second && font.widthOfTextAtSize(`${second}…`, 6.5) > width) second = second.slice(0, -1);
  return { lines: [first, `${second}…`], size: 6.5 };
}

/** One table row from `top` down: bordered cells, the text fitted to its cell. */
function drawRow(page: PDFPage, cells: string[], top: number, height: number, font: PDFFont, header = false) {
  let x = LEFT;
  COLUMNS.forEach((column, i) => {
    page.drawRectangle({
      x,
      y: top - height,
      width: column.width,
      height,
      borderColor: INK,
      borderWidth: 0.6,
    });
    const text = cells[i] ?? "";
    if (text) {
      const { lines, size } = cellLines(font, text, 10.5, column.width - 6);
      const align = header ? "center" : column.align;
      let y = top - height / 2 + ((lines.length - 1) * size * 1.1) / 2 - size * 0.35;
      for (const line of lines) {
        const w = font.widthOfTextAtSize(line, size);
        const tx =
          align === "left"
            ? x + 3
            : align === "right"
              ? x + column.width - 3 - w
              : x + (column.width - w) / 2;
        page.drawText(line, { x: tx, y, size, font, color: INK });
        y -= size * 1.1;
      }
    }
    x += column.width;
  });
}

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
  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const text = `Trang ${i + 1}/${pages.length}`;
    p.drawText(text, {
      x: WIDTH - RIGHT - fonts.italic.widthOfTextAtSize(text, 9),
      y: BOTTOM - 24,
      size: 9,
      font: fonts.italic,
      color: INK,
    });
    if (data.exportedBy)
      p.drawText(data.exportedBy, { x: LEFT, y: BOTTOM - 24, size: 9, font: fonts.italic, color: INK });
  });
  return pdf.save();
}
