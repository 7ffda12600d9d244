/**
 * Giấy chứng nhận hoàn thành of a learning centre's class (docs/CENTRES.md, "Giờ học và giấy chứng nhận"): one A4
 * landscape page per learner, in the frame, header, signature and QR code of the title certificates.
 */
import {
  type CertificateOptions,
  CONTENT_WIDTH,
  certificatePage,
  drawCentered,
  fitLines,
  HEIGHT,
  RED,
  WIDTH,
} from "./certificate.pdf";
import { type SerifFonts, serifPdf } from "./fonts";
import { formatDmy } from "./nd30.docx";
import { measureByWord, type PageOps } from "./page-ops";

export type CompletionData = {
  code: string;
  learnerName: string;
  /** e.g. "Năm sinh 1980, Tổ dân phố số 1, Phường Tây Hồ". */
  learnerDetail: string;
  /** e.g. "lớp học “Tin học cho người cao tuổi”". */
  activityLabel: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  sessions: number;
  sessionsPresent: number;
  hours: string;
  /** The certificate's date (the class's last day, or today while it goes on). */
  issuedOn: string;
  authority: {
    /** e.g. "UBND PHƯỜNG TÂY HỒ\nTRUNG TÂM HỌC TẬP CỘNG ĐỒNG PHƯỜNG TÂY HỒ". */
    agencyParent: string;
    signerTitle: string;
    signerName: string;
    place: string;
  };
};

function drawBody(page: PageOps, fonts: SerifFonts, cert: CompletionData) {
  const cx = WIDTH / 2;
  let y = drawCentered(
    page,
    [{ text: "GIẤY CHỨNG NHẬN", font: fonts.bold, size: 36, color: RED }],
    cx,
    HEIGHT - 165,
  );
  y = drawCentered(page, fitLines(fonts.italic, "Chứng nhận ông/bà", 16, 12, CONTENT_WIDTH), cx, y - 6);
  const name = fitLines(fonts.bold, cert.learnerName, 30, 20, CONTENT_WIDTH).map((l) => ({
    ...l,
    color: RED,
  }));
  y = drawCentered(page, name, cx, y - 26, 1.15);
  y = drawCentered(page, fitLines(fonts.regular, cert.learnerDetail, 14, 10, CONTENT_WIDTH), cx, y);
  const lines = [
    `Đã hoàn thành ${cert.activityLabel} (chủ đề: ${cert.topic})`,
    `từ ngày ${formatDmy(cert.startsOn)} đến ngày ${formatDmy(cert.endsOn)}: có mặt ${cert.sessionsPresent}/${cert.sessions} buổi, ${cert.hours} giờ học`,
  ];
  for (const line of lines)
    y = drawCentered(page, fitLines(fonts.regular, line, 15, 10, CONTENT_WIDTH), cx, y - 4);
}

export async function renderCompletionCertificates(
  certificates: readonly CompletionData[],
  options: CertificateOptions,
): Promise<Uint8Array> {
  const { pdf, fonts: plain } = await serifPdf();
  const fonts = measureByWord(plain);
  pdf.setTitle("Giấy chứng nhận hoàn thành lớp học", { showInWindowTitleBar: true });
  pdf.setLanguage("vi-VN");
  pdf.setCreator("Hiếu Học");
  for (const cert of certificates)
    await certificatePage(pdf, fonts, cert, cert.issuedOn, options.verifyBaseUrl, (page) =>
      drawBody(page, fonts, cert),
    );
  return pdf.save();
}
