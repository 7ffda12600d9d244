/** Reading officers' workbooks: what Excel writes is read as the officer sees it; what it never writes is refused. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { row, sheetXml, stylesXml, xlsxOf } from "../../../test/fixtures/workbooks";
import { AppError } from "../errors";
import { type ColumnSpec, readTable } from "./spreadsheet";

const columns: ColumnSpec[] = [
  { key: "code", label: "Mã hộ", aliases: ["Mã"], required: true },
  { key: "name", label: "Họ và tên chủ hộ", aliases: ["Chủ hộ"], required: true, maxLength: 200 },
  { key: "members", label: "Số nhân khẩu", aliases: [] },
];
const header = row(1, ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu"]);

async function refusal(bytes: Uint8Array, name = "ds.xlsx", specs = columns): Promise<AppError> {
  try {
    await readTable(bytes, name, specs);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBeLessThan(500);
    return error as AppError;
  }
  throw new Error("the file was read");
}
const rowsOf = (error: AppError) =>
  (error.details as { rows: { row: number; column?: string; message: string }[] }).rows;

describe("the workbook reader", () => {
  it("refuses a sheet with two rows numbered 5 instead of dropping one, naming the row", async () => {
    const sheet = sheetXml(
      `${header}${row(5, ["0001", "Nguyễn Văn An", "4"])}${row(5, ["0002", "Trần Thị Bình", "3"])}`,
    );
    const error = await refusal(xlsxOf({ sheet }));
    expect(error.message).toContain("dòng 5 xuất hiện hai lần");
    expect(rowsOf(error)[0]).toMatchObject({ row: 5 });
  });

  it("refuses rows out of order, a cell twice, and references beyond row 1,048,576 or column XFD", async () => {
    const late = await refusal(
      xlsxOf({ sheet: sheetXml(`${header}${row(7, ["1", "A", "1"])}${row(6, ["2", "B", "1"])}`) }),
    );
    expect(late.message).toContain("dòng 6 xuất hiện sau dòng 7");
    const twice = await refusal(
      xlsxOf({ sheet: sheetXml(`${header}<row r="2"><c r="A2"><v>1</v></c><c r="A2"><v>2</v></c></row>`) }),
    );
    expect(twice.message).toContain("ô A2 xuất hiện hai lần");
    for (const sheet of [
      sheetXml(`${header}<row r="1000000000"><c r="A1000000000"><v>1</v></c></row>`),
      sheetXml(`${header}<row r="2"><c r="XFE2"><v>1</v></c></row>`),
      sheetXml(header, "", '<dimension ref="A1:C50000000"/>'),
      sheetXml(`${header}<row r="2"><c r="B3"><v>1</v></c></row>`),
    ]) {
      const error = await refusal(xlsxOf({ sheet }));
      expect(error.message).toMatch(/^Tệp Excel bị hỏng: /);
    }
  });

  it("reads a row far down the sheet without allocating the rows above it", async () => {
    const sheet = sheetXml(`${header}${row(1_048_576, ["0009", "Lê Văn Cường", "2"])}`);
    const records = await readTable(xlsxOf({ sheet }), "ds.xlsx", columns);
    expect(records).toEqual([
      { line: 1_048_576, values: { code: "0009", name: "Lê Văn Cường", members: "2" } },
    ]);
  });

  it("reads shared strings, rich text runs without phonetic guides, escaped characters, dates and cached formula values", async () => {
    const shared = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Mã hộ</t></si><si><t>Họ và tên chủ hộ</t></si><si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r><rPh><t>ignored</t></rPh></si><si><t>Số nhân khẩu</t></si><si><t>Ngõ_x000D_5 a_x005F_x</t></si></sst>`;
    const sheet = sheetXml(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="inlineStr"><is><t>Ngày</t></is></c><c r="E1" t="inlineStr"><is><t>Ghi chú</t></is></c></row>` +
        `<row r="2"><c r="A2" t="str"><f>"00"&amp;"01"</f><v>0001</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><f>2+2</f><v>4</v></c><c r="D2" s="1"><v>45662</v></c><c r="E2" t="s"><v>4</v></c></row>` +
        `<row r="3"><c r="A3"><v>0.30000000000000004</v></c><c r="B3" t="inlineStr"><is><r><t>Trần </t></r><r><t>Thị Bình</t></r></is></c><c r="C3" t="b"><v>1</v></c><c r="D3" s="2"><v>45292</v></c></row>`,
    );
    const specs = [
      ...columns,
      { key: "date", label: "Ngày", aliases: [] },
      { key: "note", label: "Ghi chú", aliases: [] },
    ];
    const records = await readTable(
      xlsxOf({ sheet, sharedStrings: shared, styles: stylesXml }),
      "ds.xlsx",
      specs,
    );
    expect(records.map((r) => r.values)).toEqual([
      { code: "0001", name: "Nguyễn Văn An", members: "4", date: "05/01/2025", note: "Ngõ\r5 a_x" },
      { code: "0.3", name: "Trần Thị Bình", members: "true", date: "01/01/2024", note: "" },
    ]);
  });

  it("refuses formula errors and formulas never computed in the columns read, naming row and column, and ignores them elsewhere", async () => {
    const sheet = sheetXml(
      `${row(1, ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu", "Ghi chú"])}` +
        `<row r="2"><c r="A2" t="inlineStr"><is><t>0001</t></is></c><c r="B2" t="inlineStr"><is><t>An</t></is></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" t="e"><v>#N/A</v></c></row>` +
        `<row r="3"><c r="A3"><f>A2+1</f></c><c r="B3" t="inlineStr"><is><t>Bình</t></is></c></row>`,
    );
    const error = await refusal(xlsxOf({ sheet }));
    expect(rowsOf(error)).toEqual([
      { row: 2, column: "Số nhân khẩu", message: expect.stringContaining("lỗi công thức “#DIV/0!”") },
      { row: 3, column: "Mã hộ", message: expect.stringContaining("công thức chưa được tính") },
    ]);
  });

  it("fills a village merged over several rows into each of them, and skips a merged title above the header", async () => {
    const sheet = sheetXml(
      `${row(1, ["DANH SÁCH HỘ", null, null])}${row(2, ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu"])}${row(3, ["0001", "An", "4"])}${row(4, ["0002", "Bình", null])}${row(5, ["0003", "Cường", null])}`,
      `<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="C3:C5"/></mergeCells>`,
    );
    const records = await readTable(xlsxOf({ sheet }), "ds.xlsx", columns);
    expect(records.map((r) => [r.line, r.values.code, r.values.members])).toEqual([
      [3, "0001", "4"],
      [4, "0002", "4"],
      [5, "0003", "4"],
    ]);
  });

  it("reads the first visible worksheet, and says which sheet had no header", async () => {
    const hiddenFirst = xlsxOf({
      sheet: sheetXml(`${header}${row(2, ["0001", "An", "4"])}`),
      sheets:
        '<sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Danh sách" sheetId="1" r:id="rId1"/>',
      extraRels:
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
    });
    expect((await readTable(hiddenFirst, "ds.xlsx", columns)).map((r) => r.values.code)).toEqual(["0001"]);
    const wrongSheet = await refusal(xlsxOf({ sheet: sheetXml(row(1, ["Tên", "Tuổi"])) }));
    expect(wrongSheet.message).toBe(
      'Không tìm thấy dòng tiêu đề có các cột "Mã hộ", "Họ và tên chủ hộ" trong trang tính “Danh sách”',
    );
  });

  it("refuses an old .xls, a password-protected file and a broken zip with what to do", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole, "ds.xls")).message).toContain("Lưu thành “Sổ làm việc Excel (*.xlsx)”");
    const truncated = xlsxOf({ sheet: sheetXml(header) }).slice(0, 200);
    expect((await refusal(truncated)).message).toContain("Tệp Excel bị hỏng hoặc không phải tệp .xlsx");
    expect((await refusal(new TextEncoder().encode("not a workbook"), "ds.xlsx")).message).toContain(".xlsx");
  });

  it("reads what exceljs writes, and refuses more rows than the import takes", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow(["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu"]);
    for (let i = 1; i <= 30; i++) sheet.addRow([String(i).padStart(4, "0"), `Hộ ${i}`, i % 9]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readTable(bytes, "ds.xlsx", columns)).toHaveLength(30);
    const error = await readTable(bytes, "ds.xlsx", columns, { maxRows: 20 }).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("Tệp có hơn 20 dòng dữ liệu (dòng 22 vượt giới hạn)");
  });
});
