/**
 * Reading the tables officers keep in Excel or CSV: the header row may sit below title rows, and header spelling
 * may lack diacritics or differ in case ("Ten thon" = "Tên thôn"). Cells come back as trimmed NFC strings.
 *
 * Every file is held to the limits of sheet-limits.ts before and while it is read (a crafted workbook is refused in
 * seconds with bounded memory), its text encoding is told from its bytes (text-encoding.ts), and the cells an import
 * reads are checked (cell-text.ts): a control or invisible character, a cell longer than the field allows, a formula
 * error is refused naming the row and the column. A guard quote put in front of formula-like text by our own
 * exports is taken off again (formula-guard.ts), so an exported file imports back unchanged.
 */
import { foldText } from "../../shared/text";
import { AppError } from "../errors";
import { cellTextProblem } from "./cell-text";
import { csvRows, likelyDelimiters } from "./csv";
import { restoreFormula } from "./formula-guard";
import { DEFAULT_MAX_ROWS, MAX_FILE_BYTES } from "./sheet-limits";
import { decodeText, type TextEncoding } from "./text-encoding";
import { openXlsxSheet, type SheetMerge, type SheetRow } from "./xlsx-read";
import { brokenWorkbook } from "./xlsx-zip";

export { writeTemplate } from "./spreadsheet-template";

export type ColumnSpec = {
  key: string;
  label: string;
  aliases: string[];
  required?: boolean;
  /** The field's longest text; longer cells are refused naming the row (default: Excel's 32,767). */
  maxLength?: number;
};
export type TableRecord = { line: number; values: Record<string, string> };
export type ReadTableOptions = {
  /** The most data rows the import takes (blank rows not counted); default DEFAULT_MAX_ROWS (100,000). */
  maxRows?: number;
};
export type TableRead = {
  records: TableRecord[];
  /** "xlsx", or the encoding a CSV was written in. */
  format: "xlsx" | TextEncoding;
};

type RowError = { row: number; column?: string; message: string };
const MAX_REPORTED = 100;
const HEADER_ROWS = 15;

/** "Tên thôn, tổ dân phố" = "TEN THON TO DAN PHO": no diacritics, case or punctuation. */
const headerKey = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The columns of the specs in a row that has every required one, or null. */
function headerPositions(row: SheetRow, columns: ColumnSpec[]): Map<string, number> | null {
  const keys = columns.map((spec) => new Set([spec.label, ...spec.aliases].map(headerKey)));
  const found = new Map<string, number>();
  for (const cell of row.cells) {
    const key = headerKey(cell.text);
    const index = keys.findIndex((aliases) => aliases.has(key));
    if (index >= 0 && !found.has(columns[index]!.key)) found.set(columns[index]!.key, cell.col);
  }
  return columns.filter((c) => c.required).every((c) => found.has(c.key)) && found.size > 0 ? found : null;
}

function missingHeader(columns: ColumnSpec[], where = ""): AppError {
  const required = columns.filter((c) => c.required).map((c) => `"${c.label}"`);
  return new AppError("validation", `Không tìm thấy dòng tiêu đề có các cột ${required.join(", ")}${where}`, {
    rows: [{ row: 1, message: `Thiếu cột ${required.join(", ")} (tìm trong ${HEADER_ROWS} dòng đầu)` }],
  });
}

function fileKind(bytes: Uint8Array, fileName: string): "xlsx" | "csv" {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  if ([0xd0, 0xcf, 0x11, 0xe0].every((b, i) => bytes[i] === b))
    throw new AppError(
      "validation",
      "Đây là tệp Excel dạng cũ (.xls) hoặc tệp có đặt mật khẩu: mở bằng Excel, bỏ mật khẩu nếu có, rồi Lưu thành “Sổ làm việc Excel (*.xlsx)”",
    );
  if (/\.xls[xm]?$/i.test(fileName)) throw new AppError("validation", brokenWorkbook);
  return "csv";
}

/** The rows of a file, whichever its format; `merges` is complete once the rows are. */
async function openRows(bytes: Uint8Array, fileName: string, columns: ColumnSpec[]) {
  if (fileKind(bytes, fileName) === "xlsx") {
    const sheet = await openXlsxSheet(bytes);
    return {
      format: "xlsx" as const,
      rows: sheet.rows,
      merges: sheet.merges,
      where: ` trong trang tính “${sheet.sheetName}”`,
    };
  }
  const { text, encoding } = decodeText(bytes);
  // The delimiter is the one with which the header is found (comma, semicolon or tab).
  for (const delimiter of likelyDelimiters(text)) {
    const first: SheetRow[] = [];
    for (const row of csvRows(text, delimiter)) {
      if (row.line > HEADER_ROWS) break;
      first.push(csvSheetRow(row));
    }
    if (first.some((row) => headerPositions(row, columns))) {
      async function* rows() {
        for (const row of csvRows(text, delimiter)) yield csvSheetRow(row, delimiter);
      }
      return { format: encoding, rows: rows(), merges: [] as SheetMerge[], where: "" };
    }
  }
  throw missingHeader(columns);
}

/** A CSV record as a sheet row; a lone cell holding another delimiter tells of a row written with a different one. */
function csvSheetRow(row: { line: number; cells: string[] }, delimiter?: string): SheetRow {
  const cells: SheetRow["cells"] = row.cells.map((text, col) => ({ col, text }));
  if (delimiter && cells.length === 1) {
    const other = [",", ";", "\t"].find((d) => d !== delimiter && cells[0]!.text.includes(d));
    if (other)
      cells[0] = {
        col: 0,
        text: "",
        problem: `Dòng này dùng dấu phân cách “${other === "\t" ? "tab" : other}” khác dòng tiêu đề (“${delimiter === "\t" ? "tab" : delimiter}”): dùng một loại dấu cho cả tệp`,
      };
  }
  return { line: row.line, cells };
}

/** Fills vertically merged cells of the data (a village written once over its households' rows) into every row. */
function applyMerges(
  records: TableRecord[],
  merges: SheetMerge[],
  headerLine: number,
  positions: Map<string, number>,
) {
  let budget = records.length * positions.size + merges.length;
  for (const merge of merges) {
    if (merge.top <= headerLine || merge.bottom <= merge.top) continue;
    const key = [...positions].find(([, col]) => col === merge.left)?.[0];
    if (key === undefined) continue;
    let low = 0;
    let high = records.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (records[mid]!.line < merge.top) low = mid + 1;
      else high = mid;
    }
    const master = records[low]?.line === merge.top ? (records[low]!.values[key] ?? "") : "";
    if (master === "") continue;
    for (let i = low; i < records.length && records[i]!.line <= merge.bottom; i++) {
      if (--budget < 0) throw new AppError("validation", "Tệp Excel bị hỏng: các vùng gộp ô chồng lên nhau");
      if (records[i]!.values[key] === "") records[i]!.values[key] = master;
    }
  }
}

/** Finds the header row among the first 15 rows and returns the data rows keyed by column spec. */
export async function readTable(
  bytes: Uint8Array,
  fileName: string,
  columns: ColumnSpec[],
  options: ReadTableOptions = {},
): Promise<TableRecord[]> {
  return (await readTableWithFormat(bytes, fileName, columns, options)).records;
}

/** `readTable`, also saying what the file was: an .xlsx, or a CSV in which encoding. */
export async function readTableWithFormat(
  bytes: Uint8Array,
  fileName: string,
  columns: ColumnSpec[],
  options: ReadTableOptions = {},
): Promise<TableRead> {
  if (bytes.length === 0)
    throw new AppError("validation", "Tệp rỗng: chọn tệp danh sách đã điền", {
      fields: { file: "Tệp rỗng" },
    });
  if (bytes.length > MAX_FILE_BYTES)
    throw new AppError(
      "validation",
      `Tệp quá lớn (tối đa ${MAX_FILE_BYTES / 1_000_000} MB): chia danh sách thành nhiều tệp`,
      {
        fields: { file: "Tệp quá lớn" },
      },
    );
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const source = await openRows(bytes, fileName, columns);
  let positions: Map<string, number> | null = null;
  let headerLine = 0;
  const records: TableRecord[] = [];
  const errors: RowError[] = [];
  const fail = () =>
    new AppError(
      "validation",
      `Tệp có ${errors.length >= MAX_REPORTED ? `từ ${MAX_REPORTED}` : errors.length} ô không nhận được, không có gì được ghi. Đầu tiên: dòng ${errors[0]!.row}, cột ${errors[0]!.column}: ${errors[0]!.message}`,
      { rows: errors },
    );
  for await (const row of source.rows) {
    if (!positions) {
      if (row.line > HEADER_ROWS) break;
      positions = headerPositions(row, columns);
      headerLine = row.line;
      continue;
    }
    if (row.cells.every((cell) => cell.text.trim() === "" && !cell.problem)) continue;
    if (records.length >= maxRows)
      throw new AppError(
        "validation",
        `Tệp có hơn ${maxRows.toLocaleString("vi-VN")} dòng dữ liệu (dòng ${row.line} vượt giới hạn): chia danh sách thành nhiều tệp`,
        { rows: [{ row: row.line, message: `Quá ${maxRows.toLocaleString("vi-VN")} dòng dữ liệu` }] },
      );
    const byColumn = new Map(row.cells.map((cell) => [cell.col, cell]));
    const values: Record<string, string> = {};
    for (const spec of columns) {
      const cell = byColumn.get(positions.get(spec.key) ?? -1);
      const text = cell ? restoreFormula(cell.text.trim()).normalize("NFC") : "";
      const problem = cell?.problem ?? cellTextProblem(text, spec.maxLength);
      if (problem) {
        errors.push({ row: row.line, column: spec.label, message: problem });
        if (errors.length >= MAX_REPORTED) throw fail();
      }
      values[spec.key] = text;
    }
    // In a CSV, a row written with another delimiter concerns the whole row, whichever column it landed in. (In a
    // workbook, a formula error in a column the import does not read is no reason to refuse the file.)
    const read = [...positions.values()];
    const stray =
      source.format !== "xlsx" && row.cells.find((cell) => cell.problem && !read.includes(cell.col));
    if (stray) errors.push({ row: row.line, message: stray.problem! });
    records.push({ line: row.line, values });
  }
  if (!positions) throw missingHeader(columns, source.where);
  if (errors.length > 0) throw fail();
  applyMerges(records, source.merges, headerLine, positions);
  return { records, format: source.format };
}
