/**
 * The first sheet of an .xlsx, row by row, streamed out of the zip: memory holds the shared strings and the row
 * being read, never the sheet. Every row and cell reference is checked as it comes (at most row 1,048,576 and
 * column XFD, rows in increasing order, no row or cell twice), so a row numbered 1,000,000,000 or a second
 * <row r="5"> is refused, naming it, instead of being allocated or silently overwritten.
 *
 * Cells come back as text the way the officer sees them: numbers rounded to Excel's 15 significant digits, dates
 * (date-formatted numbers) as dd/mm/yyyy, booleans as "true"/"false", a formula as its last computed value. A cell
 * that cannot be read honestly (a formula error such as #N/A, a formula never computed, a broken value) carries a
 * `problem` instead; the table reader refuses it if the import reads that column.
 */
import { AppError } from "../errors";
import { MAX_CELL_LENGTH } from "./cell-text";
import { MAX_COLUMNS, MAX_MERGES, MAX_SHEET_ROWS, zipLimits } from "./sheet-limits";
import { dateStyles, decodeEscapes, sharedStrings, workbookLayout } from "./xlsx-parts";
import { openWorkbookZip } from "./xlsx-zip";
import { xmlPushParser } from "./xml-stream";

export type SheetCell = { col: number; text: string; problem?: string };
export type SheetRow = { line: number; cells: SheetCell[] };
export type SheetMerge = { top: number; left: number; bottom: number; right: number };

/** Column letters of a 0-based index: 0 → "A", 16383 → "XFD". */
export function columnLetters(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "B12" → { row: 12, col: 1 }; refuses references beyond Excel's sheet (a row above 1,048,576, a column past XFD). */
export function parseCellRef(ref: string, where: string): { row: number; col: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) throw broken(`${where} có tham chiếu ô “${ref.slice(0, 20)}” không hợp lệ`);
  let col = 0;
  for (const ch of match[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (col > MAX_COLUMNS || row < 1 || row > MAX_SHEET_ROWS)
    throw broken(
      `${where} tham chiếu ô “${ref}” nằm ngoài trang tính của Excel (tối đa dòng 1.048.576, cột XFD)`,
    );
  return { row, col: col - 1 };
}

function broken(why: string, row?: number, column?: string): AppError {
  const message = `Tệp Excel bị hỏng: ${why}`;
  return new AppError(
    "validation",
    message,
    row ? { rows: [{ row, ...(column ? { column } : {}), message: why }] } : undefined,
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An Excel serial day as dd/mm/yyyy (1900 system: day 60 is the 29 February 1900 that never was). */
export function serialToDate(serial: number, date1904: boolean): string | null {
  const days = Math.floor(serial);
  if (!date1904 && days === 60) return "29/02/1900";
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
  const date = new Date(epoch + days * 86_400_000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1900 || year > 9999) return null;
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${year}`;
}

/** A number as Excel shows it: at most 15 significant digits ("0.30000000000000004" → "0.3"). */
const numberText = (value: number) => String(Number(value.toPrecision(15)));

type CellDraft = {
  ref?: string;
  type: string;
  style: number;
  value: string | null;
  formula: boolean;
  inline: string | null;
};

export type OpenSheet = {
  sheetName: string;
  rows: AsyncGenerator<SheetRow>;
  /** Filled once `rows` is done: merged ranges come after the cells in a sheet. */
  merges: SheetMerge[];
};

export async function openXlsxSheet(bytes: Uint8Array): Promise<OpenSheet> {
  const zip = await openWorkbookZip(bytes);
  const layout = await workbookLayout(zip);
  const isDate = await dateStyles(zip, layout.stylesPart);
  const strings = await sharedStrings(zip, layout.sharedStringsPart);
  const merges: SheetMerge[] = [];

  function cellText(cell: CellDraft): { text: string; problem?: string } {
    const raw = cell.inline ?? cell.value;
    if (raw === null) {
      return cell.formula
        ? { text: "", problem: "Ô có công thức chưa được tính: mở tệp bằng Excel, lưu lại rồi chọn lại tệp" }
        : { text: "" };
    }
    switch (cell.type) {
      case "s": {
        const index = Number(raw);
        const found = Number.isInteger(index) ? strings[index] : undefined;
        return found === undefined
          ? { text: "", problem: "Ô trỏ tới một chuỗi không có trong tệp (tệp bị hỏng)" }
          : { text: found };
      }
      case "str":
      case "inlineStr":
        return { text: decodeEscapes(raw) };
      case "b":
        return { text: raw.trim() === "1" || raw.trim() === "true" ? "true" : "false" };
      case "e":
        return {
          text: "",
          problem: `Ô có lỗi công thức “${raw.trim().slice(0, 20)}”: sửa công thức hoặc gõ giá trị`,
        };
      case "d": {
        const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.trim());
        return match
          ? { text: `${match[3]}/${match[2]}/${match[1]}` }
          : { text: "", problem: "Ô ngày tháng không hợp lệ" };
      }
      default: {
        const value = Number(raw.trim());
        if (raw.trim() === "" || !Number.isFinite(value))
          return { text: "", problem: `Ô số có giá trị không hợp lệ “${raw.trim().slice(0, 20)}”` };
        if (isDate[cell.style]) {
          const date = serialToDate(value, layout.date1904);
          if (date) return { text: date };
        }
        return { text: numberText(value) };
      }
    }
  }

  async function* rows(): AsyncGenerator<SheetRow> {
    let inSheetData = false;
    let row: SheetRow | null = null;
    let lastLine = 0;
    let lastCol = -1;
    let cell: CellDraft | null = null;
    let target: "value" | "inline" | null = null;
    let inPhonetic = false;
    const ready: SheetRow[] = [];
    const parser = xmlPushParser({
      open: (tag) => {
        const a = tag.attributes;
        switch (tag.name) {
          case "dimension":
            for (const ref of (a.ref ?? "").split(":").filter(Boolean))
              parseCellRef(ref, "Vùng dữ liệu của trang tính");
            break;
          case "sheetData":
            inSheetData = true;
            break;
          case "row": {
            if (!inSheetData) break;
            const line = a.r === undefined ? lastLine + 1 : Number(a.r);
            if (!Number.isInteger(line) || line < 1 || line > MAX_SHEET_ROWS)
              throw broken(
                `dòng số “${String(a.r).slice(0, 20)}” nằm ngoài trang tính của Excel (tối đa 1.048.576 dòng)`,
              );
            if (line === lastLine) throw broken(`dòng ${line} xuất hiện hai lần trong trang tính`, line);
            if (line < lastLine)
              throw broken(`dòng ${line} xuất hiện sau dòng ${lastLine} (lặp lại hoặc sai thứ tự)`, line);
            row = { line, cells: [] };
            lastLine = line;
            lastCol = -1;
            break;
          }
          case "c": {
            if (!row) break;
            cell = {
              ref: a.r,
              type: a.t ?? "n",
              style: Number(a.s ?? 0),
              value: null,
              formula: false,
              inline: null,
            };
            break;
          }
          case "v":
            if (cell) {
              target = "value";
              cell.value = "";
            }
            break;
          case "f":
            if (cell) cell.formula = true;
            break;
          case "is":
            if (cell) cell.inline = "";
            break;
          case "rPh":
            inPhonetic = true;
            break;
          case "t":
            if (cell && cell.inline !== null && !inPhonetic) target = "inline";
            break;
          case "mergeCell": {
            if (!a.ref) break;
            if (merges.length >= MAX_MERGES)
              throw broken(`có hơn ${MAX_MERGES.toLocaleString("vi-VN")} vùng gộp ô`);
            const [from, to = from] = a.ref.split(":") as [string, string?];
            const start = parseCellRef(from, "Vùng gộp ô");
            const end = parseCellRef(to!, "Vùng gộp ô");
            merges.push({ top: start.row, left: start.col, bottom: end.row, right: end.col });
            break;
          }
        }
      },
      text: (text) => {
        if (!cell || target === null) return;
        if (target === "value") cell.value += text;
        else cell.inline += text;
        const length = (target === "value" ? cell.value : cell.inline)!.length;
        if (length > MAX_CELL_LENGTH * 7) {
          const column = cell.ref ? cell.ref.replace(/\d+$/, "") : columnLetters(lastCol + 1);
          throw new AppError(
            "validation",
            `Dòng ${row?.line}, cột ${column}: ô dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự`,
            {
              rows: [
                {
                  row: row?.line ?? 0,
                  column,
                  message: `Ô dài hơn ${MAX_CELL_LENGTH.toLocaleString("vi-VN")} ký tự`,
                },
              ],
            },
          );
        }
      },
      close: (name) => {
        switch (name) {
          case "v":
          case "t":
            target = null;
            break;
          case "rPh":
            inPhonetic = false;
            break;
          case "c": {
            if (!row || !cell) break;
            let col = lastCol + 1;
            if (cell.ref !== undefined) {
              const ref = parseCellRef(cell.ref, `Dòng ${row.line}`);
              if (ref.row !== row.line) throw broken(`ô ${cell.ref} nằm trong dòng ${row.line}`, row.line);
              col = ref.col;
            }
            if (col > MAX_COLUMNS - 1)
              throw broken(`dòng ${row.line} có hơn ${MAX_COLUMNS.toLocaleString("vi-VN")} cột`, row.line);
            if (col <= lastCol)
              throw broken(
                `ô ${columnLetters(col)}${row.line} xuất hiện hai lần hoặc sai thứ tự`,
                row.line,
                columnLetters(col),
              );
            lastCol = col;
            const { text, problem } = cellText(cell);
            if (text !== "" || problem) row.cells.push(problem ? { col, text, problem } : { col, text });
            cell = null;
            break;
          }
          case "row":
            if (row) ready.push(row);
            row = null;
            break;
          case "sheetData":
            inSheetData = false;
            break;
        }
      },
    });
    for await (const chunk of zip.read(layout.sheetPart, zipLimits.maxSheetBytes)) {
      parser.write(chunk);
      if (ready.length > 0) yield* ready.splice(0, ready.length);
    }
    parser.end();
    yield* ready.splice(0, ready.length);
  }

  return { sheetName: layout.sheetName, rows: rows(), merges };
}
