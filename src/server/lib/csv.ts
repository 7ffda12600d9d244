/**
 * CSV as officers' spreadsheets write it (RFC 4180 and Excel's habits): quoted fields, doubled quotes, CRLF or LF,
 * a byte-order mark dropped; a quote inside an unquoted field and text after a closing quote are kept as Excel
 * keeps them. Hand-written rather than a library (csv-parse) because it is short, needs nothing installed, and its
 * failures must name the row and column in Vietnamese: a quote left open (which would swallow the rest of the file),
 * a field longer than a cell may be, more columns than a sheet has.
 *
 * Writing: `writeCsv` is the one CSV writer of the product (UTF-8 with a byte-order mark, CRLF, ";" by default: see
 * docs/IMPORT.md), with every text cell passed through the formula guard.
 */
import { AppError } from "../errors";
import { MAX_CELL_LENGTH } from "./cell-text";
import { neutralizeFormula } from "./formula-guard";
import { MAX_COLUMNS } from "./sheet-limits";

export type CsvRow = { line: number; cells: string[] };

const columnName = (index: number) => {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

function fileError(line: number, column: number, message: string): AppError {
  return new AppError("validation", `Dòng ${line}, cột ${columnName(column)}: ${message}`, {
    rows: [{ row: line, column: columnName(column), message }],
  });
}

/** The records of `text` one by one, with their 1-based record number (the row Excel shows). */
export function* csvRows(text: string, delimiter = ","): Generator<CsvRow> {
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  const push = () => {
    if (field.length > MAX_CELL_LENGTH)
      throw fileError(line, row.length, `ô dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự`);
    if (row.length >= MAX_COLUMNS)
      throw fileError(line, row.length, `dòng có hơn ${MAX_COLUMNS.toLocaleString("vi-VN")} cột`);
    row.push(field);
    field = "";
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      if (field.length > MAX_CELL_LENGTH)
        throw fileError(line, row.length, `ô dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự`);
    } else if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) push();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      push();
      yield { line, cells: row };
      row = [];
      line++;
    } else field += ch;
  }
  if (quoted)
    throw fileError(
      quoteLine,
      row.length,
      'dấu ngoặc kép (") mở ô này không được đóng, nên phần còn lại của tệp sẽ dồn vào một ô: thêm dấu ngoặc kép đóng hoặc xóa dấu mở',
    );
  if (field !== "" || row.length > 0) {
    push();
    yield { line, cells: row };
  }
}

/** All records of `text` (a small file, such as the national unit lists). */
export function parseCsv(text: string, delimiter = ","): string[][] {
  return Array.from(csvRows(text, delimiter), (row) => row.cells);
}

/**
 * The delimiters worth trying for `text`, most likely first: comma, semicolon (Excel's list separator where the
 * decimal mark is a comma, as in Vietnam) and tab, by how often each occurs outside quotes in the first lines.
 */
export function likelyDelimiters(text: string): string[] {
  const sample = text.slice(0, 20_000);
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([delimiter]) => delimiter);
}

/** Rows as records keyed by the header row; `line` is the 1-based line number in the file. */
export function csvRecords(text: string): {
  header: string[];
  records: { line: number; values: Record<string, string> }[];
} {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records = [];
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.every((cell) => cell.trim() === "")) continue;
    const values: Record<string, string> = {};
    header.forEach((name, column) => {
      values[name] = (row[column] ?? "").trim();
    });
    records.push({ line: index + 1, values });
  }
  return { header, records };
}

export type CsvCell = string | number | null | undefined;

/** A number as Vietnamese spreadsheets read it: a decimal comma, no grouping. */
const csvNumber = (value: number) =>
  Number.isInteger(value) ? String(value) : String(value).replace(".", ",");

/**
 * One CSV field: text through the formula guard, quoted when it holds the delimiter, a quote or a line break, or
 * when the guard changed it (OWASP: quote such fields as well).
 */
export function csvField(value: CsvCell, delimiter = ";"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return csvNumber(value);
  const text = neutralizeFormula(value);
  const quote = text !== value || text.includes(delimiter) || /["\r\n]/.test(text);
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: UTF-8 byte-order mark, `delimiter` between fields, CRLF after every row. */
export function writeCsv(rows: CsvCell[][], delimiter = ";"): string {
  return `\uFEFF${rows.map((row) => row.map((cell) => csvField(cell, delimiter)).join(delimiter)).join("\r\n")}\r\n`;
}
