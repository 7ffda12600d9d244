import type { PDFDocument, PDFEmbeddedPage, PDFFont, PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { getOrMake } from "../lib/memo";
import { rgb, type SerifFonts, serifPdf } from "./fonts";
import { formatDmy, formatNd30PlaceDate } from "./nd30.docx";
import { appendPage, type Line, measureByWord, PageOps } from "./page-ops";

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
  page: PageOps,
  lines: Line[],
  centerX: number,
  y: number,
  leading = 1.25,
): number {
  let baseline = y;
  for (const line of lines) {
    page.text(line, centerX - line.font.widthOfTextAtSize(line.text, line.size) / 2, baseline, INK);
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
function drawHeader(page: PageOps, fonts: Fonts, cert: { authority: { agencyParent: string } }): void {
  const leftX = 200;
  const rightX = 580;
  // "\n" separates the lines of a two-level header (the commune, then the centre).
  const agency = cert.authority.agencyParent
    .toUpperCase()
    .split("\n")
    .flatMap((t) => fitLines(fonts.bold, t, 13, 10, 300));
  const agencyEnd = drawCentered(page, agency, leftX, HEIGHT - 62);
  const widest = Math.max(...agency.map((l) => l.font.widthOfTextAtSize(l.text, l.size)));
  rule(page.page, leftX, agencyEnd + 9, widest * 0.4);

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
  rule(page.page, rightX, HEIGHT - 62 - 16.25 - 5, fonts.bold.widthOfTextAtSize(motto, 13));
}

function drawBody(page: PageOps, fonts: Fonts, cert: CertificateData): void {
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
function drawSignature(page: PageOps, fonts: Fonts, authority: CertificateData["authority"], date: string) {
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
 * The QR code as an inline image mask of one bit a module (a one-module quiet zone around it), painted black over a
 * white square and scaled to 92 points: about 350 bytes of the page's content stream, uncompressed, where the PNG
 * drawn before cost 60 ms a page to encode and decode and the vector rectangles after it a few kilobytes to
 * compress on every page (issue 13 §4). Image masks are drawn without smoothing (ISO 32000 §8.9.6.2: no
 * Interpolate), so the modules keep their edges in print and for a phone's camera.
 * The address is one segment in byte mode instead of the encoder's search for the shortest mix of modes (a third of
 * the QR's time): for the product's addresses (up to 62 characters) the version is the same, version 4, 33 modules
 * a side.
 */
function drawQr(page: PageOps, fonts: Fonts, cert: { code: string }, baseUrl: string) {
  const size = 92;
  const cx = 110;
  const { modules } = QRCode.create([{ data: Buffer.from(verifyUrl(baseUrl, cert.code)), mode: "byte" }], {
    errorCorrectionLevel: "M",
  });
  const n = modules.size;
  const side = n + 2;
  const rowBytes = Math.ceil(side / 8);
  const bits = Buffer.alloc(rowBytes * side);
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (modules.data[row * n + col]) {
        const x = col + 1;
        bits[(row + 1) * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
      }
  const x = cx - size / 2;
  page.raw(
    `q 1 g ${x} 64 ${size} ${size} re f 0 g ${size} 0 0 ${size} ${x} 64 cm\n` +
      `BI /W ${side} /H ${side} /IM true /BPC 1 /D [1 0] /F /AHx ID ${bits.toString("hex")}> EI Q`,
  );
  drawCentered(page, fitLines(fonts.regular, `Mã xác minh: ${cert.code}`, 9, 6, 160), cx, 52);
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
  const ops = new PageOps(page);
  drawHeader(ops, measureByWord(fonts), { authority });
  drawSignature(ops, fonts, authority, date);
  ops.finish();
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
  drawBody: (page: PageOps) => void,
) {
  const template = await templateOf(pdf, cert.authority, date);
  const page = new PageOps(await appendPage(pdf, [WIDTH, HEIGHT]));
  page.drawPage(template);
  drawBody(page);
  drawQr(page, fonts, cert, baseUrl);
  page.finish();
}

export async function renderCertificates(
  certificates: readonly CertificateData[],
  options: CertificateOptions,
): Promise<Uint8Array> {
  const { pdf, fonts: plain } = await serifPdf();
  const fonts = measureByWord(plain);
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
