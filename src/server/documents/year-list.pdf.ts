/**
 * The year's list of a title (registered, or recognised) of a commune or village as a printable PDF: A4 portrait,
 * the NĐ 30 letterhead, the title and the unit, a table (STT, name, village, result or decision) with its header
 * repeated on every page, the count, and on every page a footer naming who exported it and when.
 */
import type { PDFPage } from "pdf-lib";
import { serifPdf } from "./fonts";
import {
  A4,
  drawLetterhead,
  drawPageFooters,
  drawTableRow,
  drawTitleLines,
  type Letterhead,
  MARGIN,
  type PdfColumn,
  TEXT_WIDTH,
} from "./pdf-table";

export type YearListPdf = {
  letterhead: Letterhead;
  /** "DANH SÁCH HỘ GIA ĐÌNH ĐĂNG KÝ …", then the unit's line. */
  titleLines: string[];
  /** Headings of the columns after STT, with their relative widths. */
  columns: { header: string; weight: number }[];
  rows: string[][];
  /** Under the table ("Tổng số: 12 hộ gia đình."). */
  summary: string;
  /** On every page: "Xuất từ Hiếu Học bởi … lúc …". */
  footer: string;
};

const ROW = 20;
const HEAD = 24;
const STT = 30;

export async function renderYearList(data: YearListPdf): Promise<Uint8Array> {
  const { pdf, fonts } = await serifPdf();
  pdf.setTitle(data.titleLines.join(" "), { showInWindowTitleBar: true });
  pdf.setLanguage("vi-VN");
  pdf.setCreator("Hiếu Học");
  pdf.setAuthor(data.letterhead.issuer);
  const total = data.columns.reduce((sum, c) => sum + c.weight, 0);
  const columns: PdfColumn[] = [
    { header: "STT", width: STT, align: "center" },
    ...data.columns.map((c) => ({
      header: c.header,
      width: ((TEXT_WIDTH - STT) * c.weight) / total,
      align: "left" as const,
    })),
  ];
  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  let y = drawTitleLines(
    page,
    data.titleLines.map((text, i) => ({
      text,
      font: i === 0 ? fonts.bold : fonts.italic,
      size: i === 0 ? 13 : 11.5,
    })),
    drawLetterhead(page, fonts, data.letterhead),
  );
  const header = () => {
    drawTableRow(
      page,
      columns,
      columns.map((c) => c.header),
      y,
      HEAD,
      fonts.bold,
      true,
    );
    y -= HEAD;
  };
  header();
  for (const [i, cells] of data.rows.entries()) {
    if (y - ROW < MARGIN.bottom) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
      header();
    }
    drawTableRow(page, columns, [String(i + 1), ...cells], y, ROW, fonts.regular);
    y -= ROW;
  }
  if (y - 30 < MARGIN.bottom) {
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN.top;
  }
  page.drawText(data.summary, { x: MARGIN.left, y: y - 18, size: 11, font: fonts.italic });
  drawPageFooters(pdf.getPages(), fonts, data.footer);
  return pdf.save();
}
