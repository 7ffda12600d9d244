/**
 * The pieces of a printed list on A4 portrait (pdf-lib, DejaVu Serif from fonts.ts): the NĐ 30 letterhead (the
 * superior body and the unit on the left, the national motto and the place and date on the right), centred title
 * lines, and a bordered table whose cells fit their text (shrunk, then on two lines, never out of the cell). Used
 * by the award round's signature list and the year's lists of a title.
 */
import type { PDFFont, PDFPage } from "pdf-lib";
import { rgb, type SerifFonts } from "./fonts";
import { formatNd30PlaceDate } from "./nd30.docx";

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 56, right: 36, top: 42, bottom: 46 } as const;
export const INK = rgb(0.1, 0.1, 0.1);
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export type PdfColumn = { header: string; width: number; align: "left" | "center" | "right" };

/** The size at which `text` fits `width` (shrunk from `size` down to 6). */
export function fittedSize(font: PDFFont, text: string, size: number, width: number): number {
  const at1 = font.widthOfTextAtSize(text, 1);
  return at1 === 0 ? size : Math.max(6, Math.min(size, width / at1));
}

export function centered(
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

export type Letterhead = {
  /** Tên cơ quan chủ quản (upper-cased here), or null. */
  superior: string | null;
  /** The unit issuing the list (upper-cased here). */
  issuer: string;
  /** Địa danh of the date line, e.g. "Tây Hồ". */
  place: string;
  /** YYYY-MM-DD, or null for a date left to write by hand. */
  date: string | null;
};

/** The letterhead at the top of `page`; returns the baseline 76 points below the top margin. */
export function drawLetterhead(page: PDFPage, fonts: SerifFonts, head: Letterhead): number {
  const leftX = MARGIN.left + 110;
  const rightX = A4.width - MARGIN.right - 140;
  const top = A4.height - MARGIN.top;
  let y = top;
  if (head.superior) {
    centered(page, fonts.regular, head.superior.toLocaleUpperCase("vi"), 10.5, leftX, y, 220);
    y -= 14;
  }
  const issuer = head.issuer.toLocaleUpperCase("vi");
  centered(page, fonts.bold, issuer, 11, leftX, y, 220);
  rule(page, leftX, y - 5, Math.min(fonts.bold.widthOfTextAtSize(issuer, 11), 220) * 0.4);
  const motto = "Độc lập - Tự do - Hạnh phúc";
  centered(page, fonts.bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11, rightX, top, 270);
  centered(page, fonts.bold, motto, 12, rightX, top - 15, 270);
  rule(page, rightX, top - 20, fonts.bold.widthOfTextAtSize(motto, 12));
  const dateLine = head.date
    ? formatNd30PlaceDate(head.place, head.date)
    : `${head.place}, ngày ...... tháng ...... năm ........`;
  centered(page, fonts.italic, dateLine, 11.5, rightX, top - 38, 270);
  return top - 76;
}

/** Title lines centred across the text width from `y` down (skipping empty ones); returns the next baseline. */
export function drawTitleLines(
  page: PDFPage,
  lines: readonly { text: string | null; font: PDFFont; size: number }[],
  y: number,
): number {
  const middle = MARGIN.left + TEXT_WIDTH / 2;
  let at = y;
  for (const [i, line] of lines.entries()) {
    if (!line.text) continue;
    if (i > 0) at -= line.size + 5;
    centered(page, line.font, line.text, line.size, middle, at, TEXT_WIDTH);
  }
  return at - 16;
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

/** One table row from `top` down: bordered cells, the text fitted to its cell; a header row is centred. */
export function drawTableRow(
  page: PDFPage,
  columns: readonly PdfColumn[],
  cells: readonly string[],
  top: number,
  height: number,
  font: PDFFont,
  header = false,
) {
  let x = MARGIN.left;
  columns.forEach((column, i) => {
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

/** "Trang i/n" at the bottom right of every page, after `footer` (a line on the left) when given. */
export function drawPageFooters(pages: readonly PDFPage[], fonts: SerifFonts, footer?: string) {
  pages.forEach((p, i) => {
    const text = `Trang ${i + 1}/${pages.length}`;
    const y = MARGIN.bottom - 24;
    p.drawText(text, {
      x: A4.width - MARGIN.right - fonts.italic.widthOfTextAtSize(text, 9),
      y,
      size: 9,
      font: fonts.italic,
      color: INK,
    });
    if (footer)
      p.drawText(footer, {
        x: MARGIN.left,
        y,
        size: fittedSize(fonts.italic, footer, 9, TEXT_WIDTH - 70),
        font: fonts.italic,
        color: INK,
      });
  });
}
