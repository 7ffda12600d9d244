/**
 * Import of the national unit lists (formats of shared/data/dvhc, see docs/IMPORT.md): validate every row, report
 * each problem in Vietnamese with its line and column, and write either everything or nothing. Re-importing the
 * same file changes nothing: units are keyed by (level, code, valid_from), successions by their two units. The rows
 * are read by unit-lists.ts and written by units.import.ts or successions.import.ts; this file is the entry point.
 */
import type { ImportReport } from "../../../shared/api";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { csvRecords } from "../../lib/csv";
import { decodeText } from "../../lib/text-encoding";
import { isIsoDate } from "./dates";
import { importSuccessions } from "./successions.import";
import { headers, RowErrors, type UnitImportFormat, type UnitImportOptions } from "./unit-lists";
import { importUnits } from "./units.import";

/**
 * `file`: the file's bytes (their encoding is told by lib/text-encoding.ts: UTF-8 with or without a byte-order mark,
 * UTF-16, Windows-1258, TCVN3, VNI; a file whose encoding cannot be told is refused), or text already decoded.
 */
export async function importUnitFile(
  db: Db,
  actor: Actor,
  format: UnitImportFormat,
  file: string | Uint8Array,
  options: UnitImportOptions = {},
): Promise<ImportReport> {
  const text = typeof file === "string" ? file : decodeText(file).text;
  for (const [name, value] of Object.entries({
    validFrom: options.validFrom,
    validTo: options.validTo,
    effectiveDate: options.effectiveDate,
  })) {
    if (value !== undefined && !isIsoDate(value))
      throw new AppError("validation", `Ngày ${name} "${value}" không hợp lệ (YYYY-MM-DD)`);
  }
  const errors = new RowErrors();
  const { header } = csvRecords(text.slice(0, 2000));
  const missing = headers[format].filter((h) => !header.includes(h));
  if (missing.length > 0) {
    errors.add(
      1,
      missing.join(", "),
      `Thiếu cột ${missing.join(", ")} trong dòng tiêu đề (định dạng ${format})`,
    );
    return {
      dryRun: Boolean(options.dryRun),
      total: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: errors.list,
    };
  }
  const run = async (tx: Db) =>
    format === "succession"
      ? importSuccessions(tx, actor, text, options, errors)
      : importUnits(tx, actor, format, text, options, errors);
  if (options.dryRun) return run(db);
  // All or nothing: any row error rolls the whole transaction back.
  try {
    return await db.transaction().execute(async (tx) => {
      const report = await run(tx);
      if (report.errors.length > 0) throw new RollbackWithReport(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RollbackWithReport) return error.report;
    throw error;
  }
}

class RollbackWithReport extends Error {
  constructor(readonly report: ImportReport) {
    super("import rolled back");
  }
}
