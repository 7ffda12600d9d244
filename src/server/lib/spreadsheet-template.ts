/**
 * The import templates officers download. The first sheet, "Danh sách", holds only the title and the header row:
 * whatever is typed below the header is data, and there is nothing to type over or to forget to delete. The example
 * rows and what each column means are on a second sheet, "Hướng dẫn", which the import never reads (it reads the
 * first sheet). That is sturdier than marking example rows inside the data ("Ví dụ: …" skipped on import): an
 * officer who types over half of such a row would have it skipped without a word.
 *
 * The data columns are formatted as text, so that codes keep their leading zeros ("0001" stays "0001").
 */
import { neutralizeFormula } from "./formula-guard";
import type { ColumnSpec } from "./spreadsheet";

export const templateDataSheet = "Danh sách";
export const templateHelpSheet = "Hướng dẫn";

const border = {
  top: { style: "thin" },
  bottom: { style: "thin" },
  left: { style: "thin" },
  right: { style: "thin" },
} as const;

/** A template with the title and the header on "Danh sách", and the example rows on "Hướng dẫn". */
export async function writeTemplate(
  title: string,
  columns: ColumnSpec[],
  example: string[][],
): Promise<Buffer> {
  const { default: exceljs } = await import("exceljs"); // on first use: see docs/ARCHITECTURE.md, "Start-up"
  const workbook = new exceljs.Workbook();
  const sheet = workbook.addWorksheet(templateDataSheet, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.addRow([neutralizeFormula(title)]).font = { bold: true, size: 13 };
  const header = sheet.addRow(columns.map((c) => neutralizeFormula(c.label)));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.border = border;
    cell.alignment = { wrapText: true, vertical: "middle" };
  });
  columns.forEach((_, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = 28;
    column.numFmt = "@";
  });

  const help = workbook.addWorksheet(templateHelpSheet);
  help.getColumn(1).width = 32;
  help.getColumn(2).width = 14;
  help.getColumn(3).width = 40;
  help.addRow(["HƯỚNG DẪN ĐIỀN DANH SÁCH"]).font = { bold: true, size: 13 };
  help.addRow([
    `Điền vào trang “${templateDataSheet}”, mỗi dòng một mục, bắt đầu ngay dưới dòng tiêu đề (dòng 3). Không đổi tên các cột.`,
  ]);
  help.addRow(["Trang này chỉ để tham khảo: hệ thống không nhập gì từ trang này."]);
  help.addRow([]);
  const list = help.addRow(["Cột", "Bắt buộc", "Ví dụ"]);
  list.font = { bold: true };
  columns.forEach((column, index) => {
    const samples = [...new Set(example.map((row) => row[index] ?? "").filter(Boolean))];
    help.addRow([column.label, column.required ? "Có" : "Không", samples.join("; ")].map(neutralizeFormula));
  });
  if (example.length > 0) {
    help.addRow([]);
    help.addRow(["Ví dụ các dòng đã điền:"]).font = { italic: true };
    help.addRow(columns.map((c) => neutralizeFormula(c.label))).font = { bold: true };
    for (const row of example) help.addRow(row.map(neutralizeFormula)).font = { color: { argb: "FF666666" } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
