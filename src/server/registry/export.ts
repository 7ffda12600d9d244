/**
 * The template and the export of a kind, in the import's columns, so that an exported file can be edited and
 * imported back unchanged. The export streams page by page with exceljs's streaming writer.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { UnitRef } from "../../shared/api";
import { capitalize, type KindDeclaration } from "../../shared/registry/declaration";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { writeTemplate } from "../lib/spreadsheet";
import { cellText, importColumns } from "./cells";
import type { Item } from "./rows";
import { listItems } from "./service";

export function templateOf(kind: KindDeclaration) {
  const columns = importColumns(kind);
  const example = kind.import.example.map((row) => columns.map((c) => row[c.key] ?? ""));
  return writeTemplate(`DANH SÁCH ${kind.noun.vi.toUpperCase()}`, columns, example);
}

/** An item as a row of the file: the village by name (empty for the commune itself), choices by label. */
function fileRow(kind: KindDeclaration, item: Item): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const key of kind.import.columns) {
    if (key === "unit") {
      const unit = kind.unit.item ? (item[kind.unit.item] as UnitRef) : null;
      row.unit = unit?.level === "village" ? unit.name : "";
      continue;
    }
    const field = kind.fields[key]!;
    if (field.type === "members") continue;
    const value = item[key];
    row[key] =
      (field.type === "integer" || field.type === "year") && value !== null
        ? Number(value)
        : cellText(field, value);
  }
  return row;
}

export async function exportItems(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  unitId: number,
  kinds?: readonly KindDeclaration[],
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(capitalize(kind.noun.vi));
  const wide = kind.import.wide ?? [];
  sheet.columns = importColumns(kind).map((c) => ({
    header: c.label,
    key: c.key,
    width: wide.includes(c.key) ? 32 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let offset = 0; ; offset += 500) {
    const page = await listItems(db, actor, kind, { unitId, offset, limit: 500 }, kinds);
    const items = page[kind.name] as Item[];
    for (const item of items) sheet.addRow(fileRow(kind, item)).commit();
    if (items.length < 500) break;
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
