/**
 * Phiếu thu and phiếu chi: one A5 landscape page in the common Vietnamese layout (unit, number, date, person,
 * reason, amount in figures and in words, who approved and when, signatures), DejaVu Serif as the certificates.
 */
import type { PDFFont, PDFPage } from "pdf-lib";
import { amountInWords, formatDong } from "../modules/fund/money";
import { rgb, type SerifFonts, serifPdf } from "./fonts";

export type VoucherData = {
  kind: "receipt" | "payment";
  /** e.g. "Hội Khuyến học phường Tây Hồ". */
  unitName: string;
  fundName: string;
  /** e.g. "PT1/2025". */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  personName: string;
  address?: string | null;
  reason: string;
  amount: number;
  inKind?: string | null;
  /** Kèm theo: the account and purpose, e.g. "Tiền mặt — Học bổng học sinh nghèo". */
  accountLine: string;
  /** Who proposed and approved (phiếu chi), printed above the signatures. */
  approvals?: { label: string; name: string; at: string }[];
  signers: { title: string; name?: string | null }[];
};

const WIDTH = 595.28; // A5 landscape
const HEIGHT = 419.53;
const INK = rgb(0.1, 0.1, 0.1);
const MARGIN = 36;

type Fonts = SerifFonts;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function dateLine(date: string): string {
  return `Ngày ${date.slice(8, 10)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}`;
}

function draw(page: PDFPage, fonts: Fonts, data: VoucherData) {
  const { regular, bold, italic } = fonts;
  let y = HEIGHT - MARGIN;
  page.drawText(`Đơn vị: ${data.unitName}`, { x: MARGIN, y, size: 9, font: bold, color: INK });
  const numberText = `Số: ${data.number}`;
  page.drawText(numberText, {
    x: WIDTH - MARGIN - bold.widthOfTextAtSize(numberText, 10),
    y,
    size: 10,
    font: bold,
    color: INK,
  });
  y -= 13;
  page.drawText(`Quỹ: ${data.fundName}`, { x: MARGIN, y, size: 9, font: regular, color: INK });
  y -= 30;
  const title = data.kind === "receipt" ? "PHIẾU THU" : "PHIẾU CHI";
  page.drawText(title, {
    x: (WIDTH - bold.widthOfTextAtSize(title, 18)) / 2,
    y,
    size: 18,
    font: bold,
    color: INK,
  });
  y -= 16;
  const day = dateLine(data.date);
  page.drawText(day, {
    x: (WIDTH - italic.widthOfTextAtSize(day, 10)) / 2,
    y,
    size: 10,
    font: italic,
    color: INK,
  });
  y -= 24;
  const field = (label: string, value: string, valueFont = regular) => {
    const lines = wrap(`${label}: ${value}`, valueFont, 10.5, WIDTH - 2 * MARGIN);
    for (const line of lines) {
      page.drawText(line, { x: MARGIN, y, size: 10.5, font: valueFont, color: INK });
      y -= 15;
    }
  };
  const person = data.kind === "receipt" ? "Họ và tên người nộp" : "Họ và tên người nhận";
  field(person, data.personName);
  if (data.address) field("Địa chỉ", data.address);
  field(data.kind === "receipt" ? "Lý do nộp" : "Lý do chi", data.reason);
  if (data.inKind) field("Hiện vật", data.inKind);
  field("Số tiền", `${formatDong(data.amount)} đồng${data.inKind ? " (giá trị hiện vật)" : ""}`, bold);
  field("Viết bằng chữ", amountInWords(data.amount), italic);
  field("Hạch toán", data.accountLine);
  for (const a of data.approvals ?? []) field(a.label, `${a.name}, lúc ${a.at}`);
  y -= 10;
  const column = (WIDTH - 2 * MARGIN) / data.signers.length;
  data.signers.forEach((signer, i) => {
    const center = MARGIN + column * i + column / 2;
    const lines = wrap(signer.title, bold, 9, column - 6);
    let sy = y;
    for (const line of lines) {
      page.drawText(line, {
        x: center - bold.widthOfTextAtSize(line, 9) / 2,
        y: sy,
        size: 9,
        font: bold,
        color: INK,
      });
      sy -= 11;
    }
    const hint = "(Ký, họ tên)";
    page.drawText(hint, {
      x: center - italic.widthOfTextAtSize(hint, 8) / 2,
      y: sy,
      size: 8,
      font: italic,
      color: INK,
    });
    if (signer.name) {
      const nameLines = wrap(signer.name, regular, 9, column - 6);
      let ny = MARGIN + 10 * (nameLines.length - 1);
      for (const line of nameLines) {
        page.drawText(line, {
          x: center - regular.widthOfTextAtSize(line, 9) / 2,
          y: ny,
          size: 9,
          font: regular,
          color: INK,
        });
        ny -= 10;
      }
    }
  });
}

export async function renderVoucher(data: VoucherData): Promise<Uint8Array> {
  const { pdf, fonts } = await serifPdf();
  pdf.setTitle(`${data.kind === "receipt" ? "Phiếu thu" : "Phiếu chi"} ${data.number}`);
  draw(pdf.addPage([WIDTH, HEIGHT]), fonts, data);
  return pdf.save();
}
