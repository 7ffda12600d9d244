import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { documentXml, expectNd30Layout } from "../../../test/helpers/nd30-checklist";
import { formatDmy, formatNd30PlaceDate } from "./nd30.docx";
import {
  buildSelfAssessmentReport,
  renderCriteriaSummary,
  renderSelfAssessmentReport,
  type Tt25ReportInput,
} from "./tt25-reports.docx";

const run = promisify(execFile);

// LibreOffice and poppler are system packages (apt-get install libreoffice-writer-nogui poppler-utils). CI installs
// them and must fail rather than skip when they are missing.
async function hasTool(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 60_000 });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

const inCi = process.env.CI === "true";
const haveTools = (await hasTool("libreoffice", ["--version"])) && (await hasTool("pdftotext", ["-v"]));
if (!haveTools && !inCi) {
  console.warn("[nd30.docx.test] libreoffice or pdftotext not found: .docx → PDF conversion checks skipped");
}

const criterionNames = [
  "Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã",
  "Huy động nguồn lực và tạo môi trường thuận lợi để xây dựng xã hội học tập tại địa phương",
  "Hiệu quả hoạt động của các cơ sở giáo dục, thiết chế văn hóa trên địa bàn",
  "Kết quả xây dựng xã hội học tập",
];
const input: Tt25ReportInput = {
  commune: { name: "Phường Tây Hồ", provinceName: "Thành phố Hà Nội", place: "Tây Hồ" },
  year: 2025,
  level: 1,
  documentNumber: "05/BC-UBND",
  date: "2026-01-05",
  signerName: "Nguyễn Văn An",
  signerTitle: "Chủ tịch",
  situation: "Phường Tây Hồ có 12 tổ dân phố, 8.500 hộ gia đình.\n\nCấp ủy, chính quyền quan tâm chỉ đạo.",
  criteria: criterionNames.map((name, i) => ({
    key: `tc${i + 1}`,
    name,
    metLevel1: i !== 2,
    metLevel2: null,
    items: [1, 2, 3].map((j) => ({
      key: `${i + 1}.${j}`,
      text: `Nội dung chỉ tiêu ${i + 1}.${j} về học tập suốt đời của cộng đồng`,
      metLevel1: !(i === 2 && j === 2),
      metLevel2: null,
      evidence: j === 1 ? "Kế hoạch số 12/KH-UBND ngày 10/02/2025" : undefined,
    })),
  })),
  levelReached: 0,
};

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("NĐ 30 dates", () => {
  it("pads days below 10 and only the months 1 and 2", () => {
    expect(formatNd30PlaceDate("Tây Hồ", "2026-01-05")).toBe("Tây Hồ, ngày 05 tháng 01 năm 2026");
    expect(formatNd30PlaceDate("Mạo Khê", "2026-02-28")).toBe("Mạo Khê, ngày 28 tháng 02 năm 2026");
    expect(formatNd30PlaceDate("Mạo Khê", "2026-03-09")).toBe("Mạo Khê, ngày 09 tháng 3 năm 2026");
    expect(formatNd30PlaceDate("Mạo Khê", "2025-12-31")).toBe("Mạo Khê, ngày 31 tháng 12 năm 2025");
    expect(formatDmy("2026-03-09")).toBe("09/03/2026");
    expect(() => formatDmy("9/3/2026")).toThrow();
  });
});

describe("TT 25/2023 documents (.docx)", () => {
  it("writes the national header, A4 NĐ 30 margins and no embedded fonts", async () => {
    for (const docx of [await renderSelfAssessmentReport(input), await renderCriteriaSummary(input)])
      await expectNd30Layout(docx, "Tây Hồ, ngày 05 tháng 01 năm 2026");
  });

  it("lays out the self-assessment report sections", async () => {
    const { xml } = await documentXml(await renderSelfAssessmentReport(input));
    for (const text of [
      "Số: 05/BC-UBND",
      "BÁO CÁO",
      "Tự đánh giá xây dựng Cộng đồng học tập cấp xã năm 2025",
      "I. ĐẶC ĐIỂM TÌNH HÌNH",
      "II. KẾT QUẢ TỰ ĐÁNH GIÁ THEO TỪNG TIÊU CHÍ",
      "III. KẾT LUẬN: MỨC ĐỘ ĐẠT",
      "IV. KIẾN NGHỊ",
      "TM. ỦY BAN NHÂN DÂN",
      "Nơi nhận:",
      "- Lưu: VT, VHXH.",
    ]) {
      expect(xml).toContain(text);
    }
  });

  it("reports both levels and a deputy's KT. signature for a mức độ 2 self-assessment", () => {
    const doc = buildSelfAssessmentReport({
      ...input,
      level: 2,
      levelReached: 1,
      signerTitle: "Phó Chủ tịch",
    });
    expect(doc.signature.authority).toBe("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH");
    const text = JSON.stringify(doc.body);
    expect(text).toContain("Mức độ 2: Chưa đánh giá");
    expect(text).toContain("đạt chuẩn Cộng đồng học tập cấp xã Mức độ 1 năm 2025");
    expect(doc.number).toBe("05/BC-UBND");
  });

  it("tabulates every criterion and indicator in the summary", async () => {
    const { xml } = await documentXml(await renderCriteriaSummary(input));
    for (const text of ["BẢN TỔNG HỢP", "STT", "Tiêu chí, chỉ tiêu", "Mức độ 1", "Mức độ 2", "Minh chứng"]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain("Tiêu chí 3: Hiệu quả hoạt động");
    expect(xml).toContain("Không đạt");
    expect(xml).toContain("Chưa đạt mức độ 1");
    expect(xml).toContain("<w:tblHeader/>");
  });

  it.skipIf(!haveTools && !inCi)(
    "converts to PDF with LibreOffice and keeps the Vietnamese text",
    async () => {
      if (!haveTools)
        throw new Error(
          "CI needs libreoffice and pdftotext: apt-get install libreoffice-writer-nogui poppler-utils",
        );
      const dir = await mkdtemp(join(tmpdir(), "hieuhoc-nd30-"));
      // A private profile: parallel or leftover LibreOffice instances lock the default one.
      const profile = join(tmpdir(), `lo-${randomUUID()}`);
      dirs.push(dir, profile);
      const report = join(dir, "bao-cao.docx");
      const summary = join(dir, "tong-hop.docx");
      await writeFile(report, await renderSelfAssessmentReport(input));
      await writeFile(summary, await renderCriteriaSummary(input));
      await run(
        "libreoffice",
        [
          `-env:UserInstallation=file://${profile}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          report,
          summary,
        ],
        { timeout: 120_000 },
      );
      const text = async (file: string) => {
        expect((await stat(file)).size).toBeGreaterThan(1000);
        return (await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"])).stdout;
      };
      const reportText = await text(join(dir, "bao-cao.pdf"));
      const summaryText = await text(join(dir, "tong-hop.pdf"));
      for (const out of [reportText, summaryText]) {
        expect(out).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        expect(out).toContain("Độc lập - Tự do - Hạnh phúc");
      }
      expect(reportText).toContain("BÁO CÁO");
      expect(reportText).toContain("Tự đánh giá xây dựng Cộng đồng học tập cấp xã năm 2025");
      expect(summaryText).toContain("BẢN TỔNG HỢP");
      expect(summaryText).toContain("Kết quả đánh giá các tiêu chí, chỉ tiêu");
      // Page numbers: none on page 1, "2" centred at the top of page 2.
      const pages = reportText.split("\f").filter((p) => p.trim() !== "");
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[0]!.trim().startsWith("ỦY BAN NHÂN DÂN")).toBe(true);
      expect(pages[1]!.trim().split("\n")[0]!.trim()).toBe("2");
    },
    150_000,
  );
});
