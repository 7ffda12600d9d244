import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeXlsx, type XlsxCell, type XlsxSheet } from "./xlsx-stream";

async function written(sheet: XlsxSheet, rows: AsyncIterable<XlsxCell[]> | Iterable<XlsxCell[]>) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(output, sheet, rows);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

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
    expect(sheet.getCell("A1").value).toBe("BIỂU THỐNG KÊ");
    expect(sheet.getCell("A2").value).toBe("Năm 2025");
    expect(sheet.model.merges).toContain("A1:C1");
    expect(sheet.getRow(4).values).toEqual([undefined, "Đơn vị", "Tổng số", "Tỷ lệ đạt (%)"]);
    expect(sheet.getCell("A5").value).toBe("Phường Tây Hồ");
    expect(sheet.getCell("B5").value).toBe(1234);
    expect(sheet.getCell("B5").numFmt).toBe("#,##0");
    expect(sheet.getCell("C5").value).toBe(84.13);
    expect(sheet.getCell("C5").numFmt).toBe("0.00");
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
    expect(sheet.getCell("A1").value).toBe("Đơn vị");
    expect(sheet.rowCount).toBe(2001);
    expect(sheet.getCell("A2001").value).toBe("Thôn 2000");
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
    expect(sheet.getCell("A3").value).toBe("Đơn vị");
    expect(sheet.getCell("B3").value).toBe("Gia đình học tập");
    expect(sheet.getCell("D3").value).toBe("Dòng họ học tập");
    expect(sheet.getRow(4).values).toEqual([undefined, "Đơn vị", "Tổng số", "Đạt", "Tổng số"]);
    expect(sheet.model.merges).toEqual(expect.arrayContaining(["A1:D1", "A3:A4", "B3:C3"]));
    expect(sheet.getRow(5).values).toEqual([undefined, "A", 1, 2, 3]);
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
});
