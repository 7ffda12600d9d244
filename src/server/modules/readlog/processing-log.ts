/**
 * The processing log's writer: one insert per read of personal data (a person's record, a page of a list, an
 * export or a printed document), and the line "Xuất bởi <người dùng> lúc <dd/mm/yyyy hh:mm>" that every export with
 * personal data carries. docs/PRIVACY.md, processing log.
 */
import { sql } from "kysely";
import type { ProcessingAction, ProcessingFormat } from "../../../shared/readlog";
import { type Actor, asActor } from "../../auth/scope";
import { type Db, prepared } from "../../db/connection";
import { vietnamTime } from "../territory/dates";

export type ProcessingRecord = {
  action: ProcessingAction;
  /** A registry kind's name (households) or a document kind of shared/readlog.ts (dues, decision). */
  kind: string;
  format?: ProcessingFormat;
  /** The rows read, listed or exported (one insert whatever their number). */
  recordIds?: readonly number[];
  /** How many rows the read covered when they are not all named (defaults to the ids' count). */
  recordCount?: number;
  /** The list's filter (unit, search, archived, page). */
  filter?: Record<string, unknown>;
  /** The unit read: the record's village or commune, the list's unit. */
  unitId?: number | null;
};

/**
 * Appends one row to the processing log, as the reader (row-level security checks it is them), in the caller's
 * transaction when there is one. The commune and province are found from the unit (0 above a commune).
 */
export async function logProcessing(db: Db, actor: Actor, record: ProcessingRecord): Promise<void> {
  const unitId = record.unitId ?? null;
  const ids = [...new Set(record.recordIds ?? [])];
  const filter = record.filter === undefined ? null : JSON.stringify(record.filter);
  await asActor(db, actor, async (tx) => {
    await sql`${prepared} INSERT INTO processing_log (commune_id, province_id, actor_id, actor_name, action, kind, format,
        record_ids, record_count, filter, unit_id, request_id)
      SELECT coalesce((SELECT p.ancestor_id FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
          WHERE p.descendant_id = ${unitId} AND a.level = 'commune' LIMIT 1), 0),
        coalesce((SELECT p.ancestor_id FROM admin_unit_paths p
          WHERE p.descendant_id = ${unitId} ORDER BY p.depth DESC LIMIT 1), 0),
        ${actor.userId}, ${actor.name}, ${record.action}, ${record.kind}, ${record.format ?? null},
        ${ids}::bigint[], ${record.recordCount ?? ids.length}, ${filter}::jsonb, ${unitId}, ${actor.requestId ?? null}`.execute(
      tx,
    );
  });
}

/** "01/12/2026 17:54": a moment in Vietnam time, as the footers and the letter print it. */
export function formatVietnamDateTime(at: Date): string {
  const wall = vietnamTime(at); // YYYY-MM-DDTHH:MM
  return `${wall.slice(8, 10)}/${wall.slice(5, 7)}/${wall.slice(0, 4)} ${wall.slice(11, 16)}`;
}

/** The footer of every export with personal data: "Xuất bởi Nguyễn Văn An lúc 01/12/2026 17:54". */
export const exportedByLine = (actor: Actor, at: Date = new Date()) =>
  `Xuất bởi ${actor.name} lúc ${formatVietnamDateTime(at)}`;

/**
 * Logs an export (or a printed document) with personal data and gives its footer line: the one call every
 * download of names makes before writing the file.
 */
export async function logExport(
  db: Db,
  actor: Actor,
  record: Omit<ProcessingRecord, "action"> & { print?: boolean },
) {
  const { print, ...rest } = record;
  await logProcessing(db, actor, { ...rest, action: print ? "print" : "export" });
  return exportedByLine(actor);
}
