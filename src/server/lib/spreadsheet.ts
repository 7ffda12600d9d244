/**
 * Reading the tables officers keep in Excel or CSV: the header row may sit below title rows, and header spelling
 * may lack diacritics or differ in case ("Ten thon" = "Tên thôn"). Cells come back as trimmed strings.
 */
import ExcelJS from "exceljs";
import { foldText } from "../../shared/text";
import { AppError } from "../errors";
import { parseCsv } from "./csv";

export type ColumnSpec = { key: string; label: string; aliases: string[]; required?: boolean };
export type TableRecord = { line: number; values: Record<string, string> };

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

async function rowsOf(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    if (/\.xlsx?$/i.test(fileName))
      throw new AppError("validation", "Tệp Excel bị hỏng hoặc không phải .xlsx");
    const text = new TextDecoder("utf-8").decode(bytes);
    const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
    return parseCsv(text, delimiter);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("validation", "Không đọc được tệp Excel (.xlsx)");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("validation", "Tệp Excel không có trang tính nào");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value).trim();
    });
    rows[number - 1] = Array.from(values, (v) => v ?? "");
  });
  return Array.from(rows, (r) => r ?? []);
}

/** "Tên thôn, tổ dân phố" = "TEN THON TO DAN PHO": no diacritics, case or punctuation. */
const headerKey = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Finds the header row among the first 15 rows and returns the data rows keyed by column spec. */
export async function readTable(bytes: Uint8Array, fileName: string, columns: ColumnSpec[]) {
  const rows = await rowsOf(bytes, fileName);
  const matches = (cell: string, spec: ColumnSpec) =>
    [spec.label, ...spec.aliases].some((alias) => headerKey(alias) === headerKey(cell));
  let headerIndex = -1;
  let positions = new Map<string, number>();
  for (let index = 0; index < Math.min(rows.length, 15); index++) {
    const found = new Map<string, number>();
    rows[index]!.forEach((cell, column) => {
      const spec = columns.find((s) => matches(cell, s));
      if (spec && !found.has(spec.key)) found.set(spec.key, column);
    });
    if (columns.filter((c) => c.required).every((c) => found.has(c.key)) && found.size > positions.size) {
      headerIndex = index;
      positions = found;
      break;
    }
  }
  if (headerIndex < 0) {
    const required = columns.filter((c) => c.required).map((c) => `"${c.label}"`);
    throw new AppError("validation", `Không tìm thấy dòng tiêu đề có các cột ${required.join(", ")}`, {
      rows: [{ row: 1, message: `Thiếu cột ${required.join(", ")}` }],
    });
  }
  const records: TableRecord[] = [];
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.every((cell) => (cell ?? "").trim() === "")) continue;
    const values: Record<string, string> = {};
    for (const spec of columns) values[spec.key] = (row[positions.get(spec.key) ?? -1] ?? "").trim();
    records.push({ line: index + 1, values });
  }
  return records;
}

/** A one-sheet template with a title row and the headers, for officers to fill in. */
export async function writeTemplate(
  title: string,
  columns: ColumnSpec[],
  example: string[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const header = sheet.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  for (const row of example) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 28;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
