import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { type CertificateData, renderCertificates, verifyUrl } from "./certificate.pdf";
import { serifPdf } from "./fonts";
import { hexOf, widthOf } from "./page-ops";

const run = promisify(execFile);

// poppler-utils is a system package (apt-get install poppler-utils). CI installs it and must not silently skip.
async function hasTool(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

const inCi = process.env.CI === "true";
const havePdftotext = await hasTool("pdftotext", ["-v"]);
if (!havePdftotext && !inCi) {
  console.warn(
    "[certificate.pdf.test] pdftotext not found (apt-get install poppler-utils): text checks skipped",
  );
}

const authority = {
  agencyParent: "UBND PHƯỜNG TÂY HỒ",
  signerTitle: "CHỦ TỊCH",
  signerName: "Lê Minh Tuấn",
  place: "Tây Hồ",
};
const base = {
  titleLabel: "Gia đình học tập",
  year: 2025,
  decisionNumber: "15/QĐ-UBND",
  decisionDate: "2026-01-05",
  authority,
};
const certificates: CertificateData[] = [
  {
    ...base,
    code: "GDHT-2025-0001",
    holderName: "Nguyễn Thị Hồng Nhung",
    holderDetail: "Tổ dân phố số 1, Phường Tây Hồ, Thành phố Hà Nội",
  },
  // Decomposed input (NFD, as some keyboards and macOS file names produce) must still print the composed letters.
  { ...base, code: "GDHT-2025-0002", holderName: "Phạm Văn Đức".normalize("NFD") },
  { ...base, code: "GDHT-2025-0003", holderName: "Trịnh Quốc Việt", holderDetail: "Tổ dân phố số 3" },
];
const names = ["Nguyễn Thị Hồng Nhung", "Phạm Văn Đức", "Trịnh Quốc Việt"].map((n) => n.normalize("NFC"));

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("renderCertificates", () => {
  it("puts one A4 landscape page per certificate in a single PDF with a title", async () => {
    const bytes = await renderCertificates(certificates, { verifyBaseUrl: "https://hieuhoc.example.vn/" });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(3);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(pdf.getTitle()).toBe("Giấy công nhận Gia đình học tập năm 2025");
    // Subsetting keeps the batch small although four full DejaVu styles are loaded (~2.5 MB).
    expect(bytes.length).toBeLessThan(200_000);
  });

  it("keeps 300 pages in order in a balanced page tree", async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...certificates[0]!,
      code: `GDHT-2025-${i}`,
      holderName: `Hộ số ${i}`,
    }));
    const bytes = await renderCertificates(many, { verifyBaseUrl: "https://hieuhoc.example.vn" });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(300);
    // 128 pages a node: two nodes and 44 pages under the root, not 300 pages.
    expect(pdf.catalog.Pages().Kids().size()).toBe(2 + 44);
    if (!havePdftotext) return;
    const dir = await mkdtemp(join(tmpdir(), "hieuhoc-cert-order-"));
    dirs.push(dir);
    await writeFile(join(dir, "c.pdf"), bytes);
    for (const page of [1, 128, 129, 257, 300]) {
      const { stdout } = await run("pdftotext", ["-f", `${page}`, "-l", `${page}`, join(dir, "c.pdf"), "-"]);
      expect(stdout).toContain(`Hộ số ${page - 1}\n`);
      expect(stdout).toContain(`Mã xác minh: GDHT-2025-${page - 1}`);
    }
  });

  it("lays text out a word at a time with the glyphs and width of the whole line", async () => {
    const { fonts } = await serifPdf();
    const lines = [
      "Nguyễn Thị Hồng Nhung",
      "Tổ dân phố số 1, Phường Tây Hồ, Thành phố Hà Nội",
      "Theo Quyết định số 15/QĐ-UBND ngày 05/01/2026",
      "Độc lập - Tự do - Hạnh phúc",
      "Mã xác minh: GDHT-2025-0001",
      "  hai  khoảng trắng ",
    ];
    for (const font of Object.values(fonts))
      for (const line of lines) {
        expect(hexOf(font, line)).toBe(font.encodeText(line).toString());
        expect(widthOf(font, line, 13)).toBeCloseTo(font.widthOfTextAtSize(line, 13), 6);
      }
  });

  it("builds the verification URL without a double slash", () => {
    expect(verifyUrl("https://hieuhoc.example.vn/", "GDHT-2025-0001")).toBe(
      "https://hieuhoc.example.vn/xac-minh/GDHT-2025-0001",
    );
  });

  it("shrinks or wraps a very long holder name instead of failing", async () => {
    const long =
      "Dòng họ Trịnh Quốc Việt và các chi họ thuộc Tổ dân phố Quảng Bá, Yên Phụ, Nghi Tàm, Phường Tây Hồ";
    const bytes = await renderCertificates([{ ...base, code: "X", holderName: long.repeat(3) }], {
      verifyBaseUrl: "https://x.vn",
    });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it.skipIf(!havePdftotext && !inCi)("extracts exact Vietnamese text with pdftotext", async () => {
    if (!havePdftotext) throw new Error("pdftotext is required in CI: apt-get install -y poppler-utils");
    const dir = await mkdtemp(join(tmpdir(), "hieuhoc-cert-"));
    dirs.push(dir);
    const file = join(dir, "certificates.pdf");
    await writeFile(
      file,
      await renderCertificates(certificates, { verifyBaseUrl: "https://hieuhoc.example.vn" }),
    );
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
    const pages = stdout.split("\f").filter((p) => p.trim() !== "");
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain(names[i]);
      expect(page).toContain("GIẤY CÔNG NHẬN");
      expect(page).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(page).toContain("Độc lập - Tự do - Hạnh phúc");
      expect(page).toContain("Theo Quyết định số 15/QĐ-UBND ngày 05/01/2026");
      expect(page).toContain("Tây Hồ, ngày 05 tháng 01 năm 2026");
      expect(page).toContain(`GDHT-2025-000${i + 1}`);
    });
    // pdftotext output is already NFC; the names must match code point for code point, not just visually.
    expect(stdout.normalize("NFC")).toBe(stdout);
  });
});
