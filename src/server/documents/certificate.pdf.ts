import { deflateSync } from "node:zlib";
import type { PDFDocument, PDFEmbeddedPage, PDFFont, PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { getOrMake } from "../lib/memo";
import { rgb, type SerifFonts, serifPdf } from "./fonts";
import { formatDmy, formatNd30PlaceDate } from "./nd30.docx";

// Giấy công nhận (RULES.md 2.5): one A4 landscape page per certificate, all certificates of one decision in one PDF
// so a commune prints the whole batch at once.

export type CertificateData = {
  /** Verification code, printed and encoded in the QR code. */
  code: string;
  /** e.g. "Gia đình học tập". */
  titleLabel: string;
  year: number;
  holderName: string;
  /** e.g. "Tổ dân phố số 1, Phường Tây Hồ, Thành phố Hà Nội". */
  holderDetail?: string;
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  authority: {
    /** e.g. "UBND PHƯỜNG TÂY HỒ". */
    agencyParent: string;
    /** e.g. "CHỦ TỊCH"; "\n" separates lines ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
    signerTitle: string;
    signerName: string;
    /** Địa danh for the date line, e.g. "Tây Hồ". */
    place: string;
  };
};

export type CertificateOptions = { verifyBaseUrl: string };

type Fonts = SerifFonts;
export type Line = { text: string; font: PDFFont; size: number; color?: ReturnType<typeof rgb> };

export const WIDTH = 841.89; // A4 landscape, points
export const HEIGHT = 595.28;
export const RED = rgb(0.6, 0.08, 0.08);
const INK = rgb(0.1, 0.1, 0.1);
export const CONTENT_WIDTH = WIDTH - 160;

export function verifyUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/xac-minh/${encodeURIComponent(code)}`;
}

// Widths scale linearly with the size, so each word is measured once at size 1 (fontkit layout is slow enough that
// re-measuring every candidate line took seconds for long names). Summing words ignores kerning across spaces; the
// 2% slack covers that.
function greedyWrap(
  words: readonly string[],
  widths: readonly number[],
  space: number,
  limit: number,
): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  words.forEach((word, i) => {
    const w = widths[i]!;
    if (current.length > 0 && width + space + w > limit) {
      lines.push(current.join(" "));
      current = [];
      width = 0;
    }
    width += (current.length > 0 ? space : 0) + w;
    current.push(word);
  });
  if (current.length > 0) lines.push(current.join(" "));
  return lines;
}

// Shrink first (a name reads best on one line), then wrap at the smallest size, shrinking further if it takes more
// than `maxLines`; a single word longer than the line is squeezed until it fits, so nothing runs past the frame and
// the body never reaches the signature block.
export function fitLines(
  font: PDFFont,
  raw: string,
  size: number,
  minSize: number,
  maxWidth: number,
  maxLines = 2,
): Line[] {
  const text = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  const limit = maxWidth * 0.98;
  const oneLine = Math.min(size, Math.floor(limit / font.widthOfTextAtSize(text, 1)));
  if (oneLine >= minSize) return [{ text, font, size: oneLine }];
  const words = text.split(" ");
  const widths = words.map((w) => font.widthOfTextAtSize(w, 1));
  const space = font.widthOfTextAtSize(" ", 1);
  let s = Math.min(minSize, limit / Math.max(...widths));
  let lines = greedyWrap(words, widths, space, limit / s);
  while (lines.length > maxLines && s > 6) {
    s -= 0.5;
    lines = greedyWrap(words, widths, space, limit / s);
  }
  return lines.map((t) => ({ text: t, font, size: s }));
}

/** Draws centred lines downwards from baseline `y`; returns the baseline after the last line. */
export function drawCentered(
  page: PDFPage,
  lines: Line[],
  centerX: number,
  y: number,
  leading = 1.25,
): number {
  let baseline = y;
  for (const line of lines) {
    const width = line.font.widthOfTextAtSize(line.text, line.size);
    page.drawText(line.text, {
      x: centerX - width / 2,
      y: baseline,
      size: line.size,
      font: line.font,
      color: line.color ?? INK,
    });
    baseline -= line.size * leading;
  }
  return baseline;
}

function rule(page: PDFPage, centerX: number, y: number, width: number): void {
  page.drawLine({
    start: { x: centerX - width / 2, y },
    end: { x: centerX + width / 2, y },
    thickness: 0.8,
    color: INK,
  });
}

function drawFrame(page: PDFPage): void {
  page.drawRectangle({
    x: 18,
    y: 18,
    width: WIDTH - 36,
    height: HEIGHT - 36,
    borderColor: RED,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 26,
    y: 26,
    width: WIDTH - 52,
    height: HEIGHT - 52,
    borderColor: RED,
    borderWidth: 0.8,
  });
}

// NĐ 30 style header: issuing body on the left, Quốc hiệu and Tiêu ngữ on the right, each with its short rule.
function drawHeader(page: PDFPage, fonts: Fonts, cert: { authority: { agencyParent: string } }): void {
  const leftX = 200;
  const rightX = 580;
  // "\n" separates the lines of a two-level header (the commune, then the centre).
  const agency = cert.authority.agencyParent
    .toUpperCase()
    .split("\n")
    .flatMap((t) => fitLines(fonts.bold, t, 13, 10, 300));
  const agencyEnd = drawCentered(page, agency, leftX, HEIGHT - 62);
  const widest = Math.max(...agency.map((l) => l.font.widthOfTextAtSize(l.text, l.size)));
  rule(page, leftX, agencyEnd + 9, widest * 0.4);

  const motto = "Độc lập - Tự do - Hạnh phúc";
  drawCentered(
    page,
    [
      { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font: fonts.bold, size: 13 },
      { text: motto, font: fonts.bold, size: 13 },
    ],
    rightX,
    HEIGHT - 62,
  );
  rule(page, rightX, HEIGHT - 62 - 16.25 - 5, fonts.bold.widthOfTextAtSize(motto, 13));
}

function drawBody(page: PDFPage, fonts: Fonts, cert: CertificateData): void {
  const cx = WIDTH / 2;
  let y = drawCentered(
    page,
    [{ text: "GIẤY CÔNG NHẬN", font: fonts.bold, size: 40, color: RED }],
    cx,
    HEIGHT - 160,
  );
  const title = fitLines(
    fonts.bold,
    `Danh hiệu “${cert.titleLabel}” năm ${cert.year}`,
    22,
    14,
    CONTENT_WIDTH,
  );
  y = drawCentered(page, title, cx, y - 8);
  const name = fitLines(fonts.bold, cert.holderName, 32, 22, CONTENT_WIDTH).map((l) => ({
    ...l,
    color: RED,
  }));
  // Extra room above the name: stacked Vietnamese marks (ễ, ồ) rise well above the cap height.
  y = drawCentered(page, name, cx, y - 34, 1.15);
  if (cert.holderDetail)
    y = drawCentered(page, fitLines(fonts.regular, cert.holderDetail, 15, 11, CONTENT_WIDTH), cx, y);
  const decision = `Theo Quyết định số ${cert.decisionNumber} ngày ${formatDmy(cert.decisionDate)}`;
  drawCentered(page, fitLines(fonts.italic, decision, 14, 10, CONTENT_WIDTH), cx, y - 8);
}

/** The date line and the signer's block on the right (the authority's place, the certificate's date). */
function drawSignature(page: PDFPage, fonts: Fonts, authority: CertificateData["authority"], date: string) {
  const cx = 590;
  const dateLine = formatNd30PlaceDate(authority.place, date);
  const top = [
    ...fitLines(fonts.italic, dateLine, 14, 10, 330),
    // signerTitle may hold several lines ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
    ...authority.signerTitle.split("\n").flatMap((t) => fitLines(fonts.bold, t.toUpperCase(), 14, 10, 330)),
  ];
  drawCentered(page, top, cx, 190);
  // About 2.7 cm left blank for the signature and seal.
  drawCentered(page, fitLines(fonts.bold, authority.signerName, 15, 10, 330), cx, 75);
}

/**
 * The QR code as vector rectangles (one per run of dark modules in a row) on a white square with a one-module quiet
 * zone: what the 360-pixel PNG drew, without encoding a PNG and decoding it again for every page (60 ms a page).
 * Written as a raw content stream of its own, compressed by zlib: a few hundred rectangles as pdf-lib operators
 * made most of the garbage of a 15,000-page decision (issue 13 §4).
 */
function drawQr(page: PDFPage, fonts: Fonts, cert: { code: string }, baseUrl: string) {
  const size = 92;
  const cx = 110;
  const { modules } = QRCode.create(verifyUrl(baseUrl, cert.code), { errorCorrectionLevel: "M" });
  const n = modules.size;
  const unit = size / (n + 2);
  let ops = `q 1 g ${cx - size / 2} 64 ${size} ${size} re f 0 g ${unit.toFixed(5)} 0 0 ${unit.toFixed(5)} ${cx - size / 2} ${64 + size} cm\n`;
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      ops += `${start + 1} ${-row - 2} ${col - start} 1 re\n`;
    }
  ops += "f Q\n";
  // A small window: a QR's stream is a few kilobytes, and zlib's default state costs more to set up than to use.
  const bytes = deflateSync(ops, { windowBits: 11, memLevel: 3 });
  const { context } = page.doc;
  page.node.addContentStream(context.register(context.stream(bytes, { Filter: "FlateDecode" })));
  drawCentered(page, fitLines(fonts.regular, `Mã xác minh: ${cert.code}`, 9, 6, 160), cx, 52);
}

/**
 * The fonts of one document, each distinct text laid out once (fontkit's layout is most of a page's time when the
 * same title, place and decision lines repeat on every certificate of a decision). Widths scale with the size.
 */
function layoutOnce(fonts: Fonts): Fonts {
  for (const font of Object.values(fonts)) {
    const encoded = new Map<string, ReturnType<PDFFont["encodeText"]>>();
    const widths = new Map<string, number>();
    const encode = font.encodeText.bind(font);
    const width = font.widthOfTextAtSize.bind(font);
    font.encodeText = (text) => getOrMake(encoded, text, encode);
    font.widthOfTextAtSize = (text, size) => getOrMake(widths, text, (t) => width(t, 1)) * size;
  }
  return fonts;
}

/**
 * What every page of one authority and date shares (frame, header, date line and signer), drawn once into a page
 * of its own document and embedded as a form XObject that each page draws: a decision's 15,000 certificates lay
 * out and store those lines once instead of 15,000 times (issue 13 §4). By document, then by authority and date.
 */
const templates = new WeakMap<PDFDocument, Map<string, Promise<PDFEmbeddedPage>>>();

async function drawTemplate(authority: CertificateData["authority"], date: string) {
  const { pdf, fonts } = await serifPdf();
  const page = pdf.addPage([WIDTH, HEIGHT]);
  drawFrame(page);
  drawHeader(page, fonts, { authority });
  drawSignature(page, fonts, authority, date);
  return pdf.save();
}

function templateOf(pdf: PDFDocument, authority: CertificateData["authority"], date: string) {
  let byKey = templates.get(pdf);
  if (!byKey) {
    byKey = new Map();
    templates.set(pdf, byKey);
  }
  return getOrMake(byKey, JSON.stringify([authority, date]), () =>
    drawTemplate(authority, date).then(async (bytes) => (await pdf.embedPdf(bytes))[0]!),
  );
}

/** One page in the certificates' frame: header, the body `drawBody` draws, date line and signer, QR code. */
export async function certificatePage(
  pdf: PDFDocument,
  fonts: Fonts,
  cert: { code: string; authority: CertificateData["authority"] },
  date: string,
  baseUrl: string,
  drawBody: (page: PDFPage) => void,
) {
  const template = await templateOf(pdf, cert.authority, date);
  const page = pdf.addPage([WIDTH, HEIGHT]);
  page.drawPage(template, { x: 0, y: 0, width: WIDTH, height: HEIGHT });
  drawBody(page);
  drawQr(page, fonts, cert, baseUrl);
}

export async function renderCertificates(
  certificates: readonly CertificateData[],
  options: CertificateOptions,
): Promise<Uint8Array> {
  const { pdf, fonts: plain } = await serifPdf();
  const fonts = layoutOnce(plain);
  const first = certificates[0];
  pdf.setTitle(first ? `Giấy công nhận ${first.titleLabel} năm ${first.year}` : "Giấy công nhận", {
    showInWindowTitleBar: true,
  });
  pdf.setLanguage("vi-VN");
  pdf.setCreator("Hiếu Học");
  if (first) pdf.setAuthor(first.authority.agencyParent);
  if (first) pdf.setSubject(`Quyết định số ${first.decisionNumber} ngày ${formatDmy(first.decisionDate)}`);

  for (const cert of certificates)
    await certificatePage(pdf, fonts, cert, cert.decisionDate, options.verifyBaseUrl, (page) =>
      drawBody(page, fonts, cert),
    );
  return pdf.save();
}
