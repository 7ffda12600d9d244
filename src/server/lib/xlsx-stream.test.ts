import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readTable } from "./spreadsheet";
import { writeXlsx, type XlsxCell, type XlsxSheet } from "./xlsx-stream";

async function bytesOf(sheet: XlsxSheet, rows: AsyncIterable<XlsxCell[]> | Iterable<XlsxCell[]>) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(output, sheet, rows);
  return Buffer.concat(chunks);
}

async function written(sheet: XlsxSheet, rows: AsyncIterable<XlsxCell[]> | Iterable<XlsxCell[]>) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(sheet, rows)) as unknown as ArrayBuffer);
  return workbook;
}

/** Text cells are inline rich text of one run: exceljs reads them back as { richText }. */
const texts = (row: ExcelJS.Row) =>
  (row.values as ExcelJS.CellValue[]).map((value) =>
    value && typeof value === "object" && "richText" in value
      ? value.richText.map((r) => r.text).join("")
      : value,
  );

const columns: XlsxSheet["columns"] = [
  { header: "Đơn vị", kind: "text" },
  { header: "Tổng số", kind: "count" },
  { header: "Tỷ lệ đạt (%)", kind: "rate" },
];

describe("writeXlsx", () => {
  it("writes title lines, a header and typed rows that read back", async () => {
    const workbook = await written(
      { name: "Biểu thống kê", titleLines: ["BIỂU THỐNG KÊ", "Năm 2025"], columns },
      [
        ["Phường Tây Hồ", 1234, 84.13],
        ["Xã Sóc Sơn", 0, null],
      ],
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Biểu thống kê");
    expect(sheet.getCell("A1").text).toBe("BIỂU THỐNG KÊ");
    expect(sheet.getCell("A2").text).toBe("Năm 2025");
    expect(sheet.model.merges).toContain("A1:C1");
    expect(texts(sheet.getRow(4))).toEqual([undefined, "Đơn vị", "Tổng số", "Tỷ lệ đạt (%)"]);
    expect(sheet.getCell("A5").text).toBe("Phường Tây Hồ");
    expect(sheet.getCell("B5").value).toBe(1234);
    expect(sheet.getCell("B5").numFmt).toBe("#,##0");
    expect(sheet.getCell("C5").value).toBe(0.8413); // a number shown as a percentage, not text
    expect(sheet.getCell("C5").numFmt).toBe("0.00%");
    expect(sheet.getCell("B6").value).toBe(0);
    expect(sheet.getCell("C6").value).toBeNull(); // no rate: an empty cell, not 0
  });

  it("starts with the header when there are no title lines and accepts an async iterable", async () => {
    async function* rows() {
      for (let i = 1; i <= 2000; i++) yield [`Thôn ${i}`, i, (i % 100) + 0.5] as XlsxCell[];
    }
    const workbook = await written({ name: "Dài: quá 31 ký tự / có ký tự cấm [x]", columns }, rows());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[:\\/?*[\]]/);
    expect(sheet.getCell("A1").text).toBe("Đơn vị");
    expect(sheet.rowCount).toBe(2001);
    expect(sheet.getCell("A2001").text).toBe("Thôn 2000");
    let sum = 0;
    sheet.eachRow((row, n) => {
      if (n > 1) sum += row.getCell(2).value as number;
    });
    expect(sum).toBe((2000 * 2001) / 2);
  });

  it("writes group headings above the header, merged over their columns", async () => {
    const workbook = await written(
      {
        name: "S",
        titleLines: ["Biểu"],
        columns: [
          { header: "Đơn vị" },
          { header: "Tổng số", kind: "count", group: "Gia đình học tập" },
          { header: "Đạt", kind: "count", group: "Gia đình học tập" },
          { header: "Tổng số", kind: "count", group: "Dòng họ học tập" },
        ],
      },
      [["A", 1, 2, 3]],
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A3").text).toBe("Đơn vị");
    expect(sheet.getCell("B3").text).toBe("Gia đình học tập");
    expect(sheet.getCell("D3").text).toBe("Dòng họ học tập");
    expect(texts(sheet.getRow(4))).toEqual([undefined, "Đơn vị", "Tổng số", "Đạt", "Tổng số"]);
    expect(sheet.model.merges).toEqual(expect.arrayContaining(["A1:D1", "A3:A4", "B3:C3"]));
    expect(texts(sheet.getRow(5))).toEqual([undefined, "A", 1, 2, 3]);
  });

  it("streams: bytes reach the output while rows are still being produced, and a slow reader is waited for", async () => {
    const output = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    let bytesBeforeEnd = 0;
    async function* rows() {
      for (let i = 1; i <= 20_000; i++)
        yield [`Thôn số ${i} có tên khá dài để tệp lớn lên`, i, i % 100] as XlsxCell[];
      bytesBeforeEnd = chunks.reduce((n, c) => n + c.length, 0);
    }
    // A slow reader: it reads a chunk every few milliseconds.
    const reader = (async () => {
      for await (const chunk of output) {
        chunks.push(chunk as Buffer);
        if (chunks.length % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await writeXlsx(output, { name: "S", columns }, rows());
    await reader;
    expect(bytesBeforeEnd).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(20_001);
  });

  it("rounds counts to integers", async () => {
    const workbook = await written({ name: "S", columns }, [["A", 2.6, 1]]);
    expect(workbook.worksheets[0]!.getCell("B2").value).toBe(3);
  });

  it("writes formula-like text as guarded plain strings that no spreadsheet runs, numbers as numbers, and imports back", async () => {
    const hostile = ["=cmd|' /C calc'!A0", "+84912345678", "-", "@SUM(A1:A9)", "\tTab", "'=x", "_x0041_"];
    const rows: XlsxCell[][] = [
      ...hostile.map((text, i): XlsxCell[] => [text, -i, null]),
      ["Thôn 1", -5, 12.5],
    ];
    const bytes = await bytesOf({ name: "S", columns }, rows);
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain('t="str"');
    expect(xml).toContain(
      `<c r="A2" t="inlineStr"><is><r><t>&apos;=cmd|&apos; /C calc&apos;!A0</t></r></is></c>`,
    );
    expect(xml).toMatch(/<c r="B9"[^>]*><v>-5<\/v><\/c>/); // a negative number stays a number
    const back = await readTable(bytes, "s.xlsx", [
      { key: "unit", label: "Đơn vị", aliases: [], required: true },
      { key: "total", label: "Tổng số", aliases: [] },
    ]);
    expect(back.map((r) => r.values.unit)).toEqual([...hostile, "Thôn 1"]);
    expect(back.at(-1)!.values.total).toBe("-5");
  });

  it("prints on A4 across the page width, header rows repeated on each page, the title on the first", async () => {
    const bytes = await bytesOf(
      {
        name: "Biểu",
        titleLines: ["BIỂU", "Năm 2025"],
        landscape: true,
        columns: [{ header: "Đơn vị" }, { header: "Tổng số", kind: "count", group: "Gia đình" }],
      },
      [["A", 1]],
    );
    const zip = await JSZip.loadAsync(bytes);
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(sheetXml).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheetXml).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
    // title lines 1–2 and a blank row 3 print once; the group row 4 and the header row 5 on every page
    expect(workbookXml).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Biểu&apos;!$4:$5</definedName>`,
    );
  });
});
