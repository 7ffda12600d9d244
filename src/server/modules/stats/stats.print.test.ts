/**
 * "Biểu thống kê" as an office program sees it: printed (LibreOffice → PDF) on A4 landscape pages the width of the
 * table, the header on every page and the title on the first; and the CSV opened as Excel on a Vietnamese Windows
 * would (";" between fields, UTF-8, decimal comma), its cells in separate columns with the Vietnamese intact.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { convert, libreOfficeAvailable } from "../../../../test/helpers/libreoffice";
import { writeXlsx } from "../../lib/xlsx-stream";
import { figures, zeroCounts } from "./metrics";
import { reportTitle, rollupCsv, rollupSheet } from "./stats.export";
import type { Rollup, StatsUnit, TitleRollup } from "./stats.service";

const unit = (id: number, name: string, level = "commune"): StatsUnit => ({
  id,
  code: String(id).padStart(5, "0"),
  name,
  level,
  kind: "Xã",
});
const province = unit(1, "Tỉnh Thử Nghiệm", "province");

/** A province of 240 communes (one named as a formula would be), six titles. */
function bigRollup(): Rollup {
  const children = Array.from({ length: 240 }, (_, i) => {
    const counts = { ...zeroCounts(), total: 1000 + i, registered: 800 + i, recognized: 700 + (i % 63) };
    return {
      unit: unit(100 + i, i === 7 ? "=cmd|' /C calc'!A0" : `Xã Nguyễn Trãi số ${i + 1}`),
      figures: figures(counts),
    };
  });
  const sum = zeroCounts();
  for (const child of children)
    for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += child.figures[key];
  const titles = [
    "Gia đình học tập",
    "Dòng họ học tập",
    "CĐHT cấp thôn",
    "CĐHT cấp xã",
    "Đơn vị học tập",
    "Công dân học tập",
  ];
  return {
    unit: province,
    year: 2025,
    date: "2025-07-01",
    boundaries: "historical",
    totalsFrozenAt: null,
    totalsFrozenCommunes: 0,
    totalsCommunes: 0,
    titles: titles.map((label) => ({
      title: "learning_family",
      label,
      totalDefinition: "",
      figures: figures(sum),
      children,
      childrenTotal: figures(sum),
      targets: [],
    })) as TitleRollup[],
  };
}

const run = libreOfficeAvailable("the statistics report printed to PDF and its CSV opened by a spreadsheet");

describe.skipIf(!run)("the statistics report in an office program", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-print-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints on A4 landscape, as wide as the page, the header on every page and the title on the first", async () => {
    const file = path.join(dir, "bieu-thong-ke.xlsx");
    const { sheet, rows } = rollupSheet(bigRollup());
    const output = createWriteStream(file);
    await writeXlsx(output, sheet, rows);
    await finished(output);
    const pdf = convert(file, "pdf");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number) as [
      number,
      number,
    ];
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(Math.round(width)).toBe(842); // A4, landscape
    expect(Math.round(height)).toBe(595);
    for (let page = 1; page <= pages; page++) {
      const text = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], {
        encoding: "utf8",
      });
      expect(text, `page ${page}`).toContain("Tỷ lệ đạt (%)"); // the repeated header
      expect(text.includes(reportTitle.toUpperCase()), `title on page ${page}`).toBe(page === 1);
      // fitted to the width: the last title's columns are on the same page as the first
      expect(text, `page ${page}`).toContain("Công dân học tập");
    }
    const all = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(all).toContain("'=cmd|' /C calc'!A0"); // shown as text, never run
    expect(all).toMatch(/70,0\d%|70\.0\d%/); // a rate printed as a percentage
  }, 180_000);

  it("its CSV opens with ';' and UTF-8 into separate columns, Vietnamese intact, rates as numbers", async () => {
    const table = bigRollup().titles[0]!;
    const file = path.join(dir, "thong-ke.csv");
    writeFileSync(file, rollupCsv(table, province));
    // Excel on Windows with Vietnamese regional settings: list separator ";", decimal ","; UTF-8 (code 76); the
    // language 1066 (vi-VN) reads "84,13" as a number.
    const xlsx = convert(file, "xlsx", "CSV:59,34,76,1,,1066");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Đơn vị",
      "Tổng số",
      "Đăng ký",
      "Đạt",
      "Tỷ lệ đăng ký (%)",
      "Tỷ lệ đạt (%)",
    ]);
    expect(sheet.getCell("A2").value).toBe("Xã Nguyễn Trãi số 1");
    expect(sheet.getCell("B2").value).toBe(1000);
    expect(sheet.getCell("E2").value).toBe(80);
    expect(sheet.getCell("F2").value).toBe(70);
    expect(sheet.getCell("A9").value).toBe("'=cmd|' /C calc'!A0");
    expect(sheet.getCell("A242").value).toBe("Tổng cộng");
    expect(sheet.getRow(3).cellCount).toBe(6);
  }, 180_000);
});
