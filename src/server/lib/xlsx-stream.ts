/**
 * One-sheet .xlsx written with exceljs's streaming WorkbookWriter straight into an output stream: each row is
 * committed (serialised and dropped) as soon as it is added, so the workbook is never held in memory and a report of
 * any length costs the same memory. Counts are integers with a thousands separator, rates are numbers shown as
 * percentages with two decimals.
 *
 * Text cells are plain inline strings (t="inlineStr"), through the formula guard: exceljs's streaming writer would
 * otherwise store strings as t="str", the type of a formula's result. It prints on A4, fitted to the page width, with
 * the header rows repeated on every page and the title lines on the first one only.
 *
 * A document such as a signature list also has blocks of free text: a letterhead above the title (the unit on the
 * left, the national motto on the right) and a footer below the table (the total in words, the signers), each cell
 * merged over the columns it spans; its data rows may be bordered and tall enough to sign in.
 */
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { neutralizeFormula } from "./formula-guard";

export type XlsxColumn = {
  header: string;
  width?: number;
  kind?: "text" | "count" | "rate";
  /** A heading above the header, merged over consecutive columns of the same group; a column without one spans both rows. */
  group?: string;
};
/** A row of free text: each cell merged over `span` columns, centred unless `left`. */
export type XlsxBlockRow = {
  cells: { text: string; span: number; bold?: boolean; italic?: boolean; left?: boolean }[];
  height?: number;
};
export type XlsxSheet = {
  name: string;
  /** Above the title lines (an NĐ 30 letterhead). */
  letterhead?: XlsxBlockRow[];
  titleLines?: string[];
  /** Below the table (the total in words, the signers). */
  footer?: XlsxBlockRow[];
  /** Thin borders around every data cell, and the data rows' height in points. */
  bordered?: boolean;
  rowHeight?: number;
  columns: XlsxColumn[];
  /** Printed across the page (wide tables such as the statistics report); default portrait. */
  landscape?: boolean;
  /**
   * "Xuất bởi … lúc …" of an export with personal data (readlog/processing-log.ts), in the printed page footer
   * beside the page number: a last row would be read back as data when the file is imported again.
   */
  exportedBy?: string;
};
/** Text, a number, or nothing. A rate is a percentage (84.13 for 84,13%). */
export type XlsxCell = string | number | null;

const numberFormats = { count: "#,##0", rate: "0.00%" } as const;

/** Excel refuses sheet names longer than 31 characters or containing : \ / ? * [ ] (and quotes at either end). */
function sheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]']/g, " ").trim();
  return (cleaned || "Sheet1").slice(0, 31);
}

/**
 * A text cell's value: guarded against formula injection, "_x0041_"-like text escaped as Excel does (else a reader
 * would decode it), and written as an inline string (a rich text of one run) rather than t="str".
 */
export function plainText(text: string): ExcelJS.CellRichTextValue {
  return { richText: [{ text: neutralizeFormula(text).replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_") }] };
}

/** The printed footer: the page number, and on the left who exported the file ("&" doubled for Excel's codes). */
const pageFooter = (exportedBy?: string) =>
  exportedBy ? `&L${exportedBy.replace(/&/g, "&&")}&RTrang &P/&N` : "Trang &P/&N";

/** A percentage (84.13) as the fraction a "%" format shows (0.8413), without binary drift from dividing. */
const fractionOf = (percent: number) => Math.round(percent * 100) / 10_000;

/**
 * Lets the zip compress and flush what the committed rows produced: waits for the output to drain when it is full
 * (a slow reader slows the writer instead of the rows piling up in memory), else for one turn of the event loop.
 */
async function breathe(output: NodeJS.WritableStream): Promise<void> {
  const writable = output as Writable;
  if (writable.writableNeedDrain && !writable.destroyed)
    await new Promise<void>((resolve) => {
      const done = () => {
        writable.off("drain", done);
        writable.off("close", done);
        resolve();
      };
      writable.on("drain", done);
      writable.on("close", done);
    });
  else await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Writes `rows` (one array of cells per row, in `sheet.columns` order) under optional title lines and a bold header
 * row. Resolves once the whole file has been flushed to `output` (which is ended); rejects on a stream error.
 */
export async function writeXlsx(
  output: NodeJS.WritableStream,
  sheet: XlsxSheet,
  rows: AsyncIterable<XlsxCell[]> | Iterable<XlsxCell[]>,
): Promise<void> {
  const { default: exceljs } = await import("exceljs"); // on first use: see docs/ARCHITECTURE.md, "Start-up"
  const workbook = new exceljs.stream.xlsx.WorkbookWriter({
    stream: output as unknown as Writable,
    useSharedStrings: false,
    useStyles: true,
  });
  const letterheadRows = sheet.letterhead?.length ? sheet.letterhead.length + 1 : 0;
  const titleRows = letterheadRows + (sheet.titleLines?.length ? sheet.titleLines.length + 1 : 0);
  const grouped = sheet.columns.some((column) => column.group);
  const headerRows = `${titleRows + 1}:${titleRows + (grouped ? 2 : 1)}`;
  const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as the rows need
      printTitlesRow: headerRows,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: pageFooter(sheet.exportedBy) },
    views: [{ state: "frozen", ySplit: titleRows + (grouped ? 2 : 1) }],
  });
  const width = Math.max(sheet.columns.length, 1);
  worksheet.columns = sheet.columns.map((column, index) => ({
    key: `c${index}`,
    width: column.width ?? (column.kind === "text" || column.kind === undefined ? 28 : 14),
  }));

  let rowNumber = 0;
  const block = (rows: XlsxBlockRow[]) => {
    for (const line of rows) {
      rowNumber++;
      const row = worksheet.getRow(rowNumber);
      if (line.height) row.height = line.height;
      let column = 1;
      for (const cell of line.cells) {
        const target = row.getCell(column);
        if (cell.text !== "") target.value = plainText(cell.text);
        target.font = { bold: cell.bold, italic: cell.italic };
        target.alignment = { horizontal: cell.left ? "left" : "center", vertical: "top", wrapText: true };
        if (cell.span > 1) worksheet.mergeCells(rowNumber, column, rowNumber, column + cell.span - 1);
        column += cell.span;
      }
      row.commit();
    }
  };
  if (sheet.letterhead?.length) {
    block(sheet.letterhead);
    rowNumber++;
    worksheet.getRow(rowNumber).commit();
  }
  for (const [index, line] of (sheet.titleLines ?? []).entries()) {
    rowNumber++;
    const row = worksheet.getRow(rowNumber);
    row.getCell(1).value = plainText(line);
    row.getCell(1).font = { bold: index === 0, size: index === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (width > 1) worksheet.mergeCells(rowNumber, 1, rowNumber, width);
    row.commit();
  }
  if (sheet.titleLines?.length) {
    rowNumber++;
    worksheet.getRow(rowNumber).commit(); // blank line between the title and the table
  }

  const border = {
    top: { style: "thin" },
    bottom: { style: "thin" },
    left: { style: "thin" },
    right: { style: "thin" },
  } as const;
  const headingCell = (cell: ExcelJS.Cell, text: string) => {
    cell.value = plainText(text);
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = border;
  };
  if (grouped) {
    rowNumber++;
    const groupRow = worksheet.getRow(rowNumber);
    const merges: [number, number, number, number][] = [];
    for (let index = 0; index < sheet.columns.length; ) {
      const column = sheet.columns[index]!;
      if (!column.group) {
        headingCell(groupRow.getCell(index + 1), column.header);
        merges.push([rowNumber, index + 1, rowNumber + 1, index + 1]);
        index++;
        continue;
      }
      let end = index;
      while (sheet.columns[end + 1]?.group === column.group) end++;
      for (let i = index; i <= end; i++) headingCell(groupRow.getCell(i + 1), column.group);
      if (end > index) merges.push([rowNumber, index + 1, rowNumber, end + 1]);
      index = end + 1;
    }
    for (const merge of merges) worksheet.mergeCells(...merge);
    groupRow.commit();
  }
  rowNumber++;
  const header = worksheet.getRow(rowNumber);
  sheet.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    if (grouped && !column.group) cell.border = border;
    else headingCell(cell, column.header);
  });
  header.commit();

  let sinceBreath = 0;
  for await (const values of rows) {
    if (++sinceBreath === 256) {
      sinceBreath = 0;
      await breathe(output);
    }
    rowNumber++;
    const row = worksheet.getRow(rowNumber);
    if (sheet.rowHeight) row.height = sheet.rowHeight;
    sheet.columns.forEach((column, index) => {
      const value = values[index];
      const cell = row.getCell(index + 1);
      if (sheet.bordered) {
        cell.border = border;
        cell.alignment = { vertical: "middle", wrapText: true };
      }
      if (value === null || value === undefined || value === "") return;
      if (column.kind === "count" && typeof value === "number") {
        cell.value = Math.round(value);
        cell.numFmt = numberFormats.count;
      } else if (column.kind === "rate" && typeof value === "number") {
        cell.value = fractionOf(value);
        cell.numFmt = numberFormats.rate;
      } else cell.value = typeof value === "string" ? plainText(value) : value;
    });
    row.commit();
  }
  if (sheet.footer?.length) {
    rowNumber++;
    worksheet.getRow(rowNumber).commit();
    block(sheet.footer);
  }

  worksheet.commit();
  await workbook.commit();
}
