/**
 * What the registry imports (households, clans, organisations, citizens) share: the commune the file goes into,
 * its villages by name or code, legacy-encoded columns converted to Unicode, the all-or-nothing transaction, and the
 * export in the template's columns so that an exported file imports back unchanged.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { RegistryImportReport } from "../../shared/api";
import { foldText } from "../../shared/text";
import { type Actor, asActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError, forbidden, notFound } from "../errors";
import { recordAudit } from "../modules/audit/audit.repo";
import { canOnUnit, unitContext } from "../modules/territory/territory.repo";
import { detectColumnEncoding, tcvn3ToUnicode, vniToUnicode } from "./legacy-vietnamese";
import type { ColumnSpec, TableRecord } from "./spreadsheet";

export type { RegistryImportReport };

export function newImportReport(dryRun: boolean): RegistryImportReport {
  return { dryRun, total: 0, created: 0, updated: 0, unchanged: 0, errors: [], converted: {} };
}

/** Converts each column written in TCVN3 or VNI to Unicode; returns which encoding was found, per column. */
export function convertLegacyColumns(records: TableRecord[], keys: string[]) {
  const converted: Record<string, string> = {};
  for (const key of keys) {
    const encoding = detectColumnEncoding(records.map((r) => r.values[key] ?? ""));
    if (!encoding) continue;
    const convert = encoding === "tcvn3" ? tcvn3ToUnicode : vniToUnicode;
    for (const record of records) record.values[key] = convert(record.values[key] ?? "");
    converted[key] = encoding;
  }
  return converted;
}

/** Thrown inside the import's transaction to undo everything when a row has an error. */
export class RollbackImport extends Error {}

/**
 * Runs an import in one transaction as the caller. A real run with any row error is rolled back whole; the report
 * then counts nothing as created, updated or unchanged.
 */
export async function runImport(
  db: Db,
  actor: Actor,
  report: RegistryImportReport,
  work: (tx: Db) => Promise<void>,
): Promise<RegistryImportReport> {
  try {
    await asActor(db, actor, async (tx) => {
      await work(tx);
      if (report.errors.length > 0 && !report.dryRun) throw new RollbackImport();
    });
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
  }
  if (report.errors.length > 0) Object.assign(report, { created: 0, updated: 0, unchanged: 0 });
  return report;
}

/** The commune a file is imported into, once the caller may write there (`what`: "danh sách hộ"). */
export async function importCommune(tx: Db, actor: Actor, communeId: number, what: string) {
  const commune = await unitContext(tx, communeId);
  if (!commune || !(await canOnUnit(tx, actor, "read", communeId)))
    throw notFound("Không tìm thấy xã, phường");
  if (commune.level !== "commune") throw new AppError("validation", `Chọn một xã, phường để nhập ${what}`);
  if (!(await canOnUnit(tx, actor, "write", communeId)))
    throw forbidden("Bạn không có quyền nhập liệu ở xã, phường này");
  return { ...commune, communeId };
}

/** The villages in force of a commune, by folded name and by folded code. */
export async function communeVillages(tx: Db, communeId: number) {
  const villages = await tx
    .selectFrom("admin_units")
    .select(["id", "code", "name"])
    .where("parent_id", "=", communeId)
    .where("level", "=", "village")
    .where("valid_to", "is", null)
    .execute();
  const byKey = new Map<string, number>();
  for (const v of villages) {
    byKey.set(foldText(v.name), v.id);
    byKey.set(foldText(v.code), v.id);
  }
  return byKey;
}

/**
 * Rows as .xlsx in the import template's columns, written with exceljs's streaming writer, page by page:
 * `page(offset, limit)` returns fewer than `limit` rows on the last page.
 */
export async function writeExport(
  sheetName: string,
  columns: ColumnSpec[],
  page: (offset: number, limit: number) => Promise<Record<string, string | number>[]>,
  wide: string[] = [],
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: wide.includes(c.key) ? 32 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let offset = 0; ; offset += 500) {
    const rows = await page(offset, 500);
    for (const row of rows) sheet.addRow(row).commit();
    if (rows.length < 500) break;
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const BATCH = 2000;

/**
 * Writes the plan of a validated import: a planned row whose key is new is inserted, one that differs from the
 * stored row is updated, the rest count as unchanged; 2,000 rows a statement, one audit entry for the file. A dry
 * run only fills the counts.
 */
export async function applyImportPlan<P, E extends { id: number }>(
  tx: Db,
  actor: Actor,
  report: RegistryImportReport,
  plan: {
    entity: string;
    communeId: number;
    fileName: string;
    planned: P[];
    existing: Map<string, E>;
    key: (row: P) => string;
    same: (row: P, stored: E) => boolean;
    insert: (batch: P[]) => Promise<unknown>;
    update: (batch: (P & { id: number })[]) => Promise<unknown>;
  },
): Promise<void> {
  const inserts: P[] = [];
  const updates: (P & { id: number })[] = [];
  for (const row of plan.planned) {
    const stored = plan.existing.get(plan.key(row));
    if (!stored) inserts.push(row);
    else if (plan.same(row, stored)) report.unchanged++;
    else updates.push({ ...row, id: stored.id });
  }
  report.created = inserts.length;
  report.updated = updates.length;
  if (report.dryRun) return;
  for (let start = 0; start < inserts.length; start += BATCH)
    await plan.insert(inserts.slice(start, start + BATCH));
  for (let start = 0; start < updates.length; start += BATCH)
    await plan.update(updates.slice(start, start + BATCH));
  if (report.created + report.updated > 0)
    await recordAudit(tx, actor, {
      action: "import",
      entity: plan.entity,
      unitId: plan.communeId,
      after: {
        file: plan.fileName,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        converted: report.converted,
      },
    });
}

/** The village column of the registry templates, with the spellings officers use for it. */
export const villageColumn = (required: boolean): ColumnSpec => ({
  key: "village",
  label: "Thôn, tổ dân phố",
  aliases: ["Thôn", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Thôn/Tổ dân phố", "Tên thôn", "Khu dân cư"],
  ...(required ? { required: true } : {}),
});

/** The row error for a village cell that names no village of the commune in force (or is empty). */
export const villageMessage = (text: string | undefined) =>
  text ? `Không có thôn, tổ dân phố "${text}" trong xã, phường (đang có hiệu lực)` : "Thiếu thôn, tổ dân phố";

/**
 * Reads a coded value from what officers write: the code itself, its Vietnamese label or another spelling, compared
 * after `fold` (default: no diacritics, lower case). Returns undefined for anything else.
 */
export function labelLookup<T extends string>(
  labels: Record<T, string>,
  aliases: [string, T][] = [],
  fold: (text: string) => string = foldText,
): (text: string) => T | undefined {
  const codes = Object.keys(labels) as T[];
  const byKey = new Map<string, T>([
    ...codes.map((c) => [c, c] as const),
    ...codes.map((c) => [fold(labels[c]), c] as const),
    ...aliases,
  ]);
  return (text) => byKey.get(fold(text));
}
