/**
 * Optimistic concurrency. Every editable record has a `version` that the database raises on each update
 * (migration 0007). A save carries the version the user started from; when the row has moved on, the save is
 * refused with 409 and the details say who changed it last and when (the record's latest audit entry), so the
 * page can offer to reload instead of silently overwriting someone else's work.
 *
 * Two ways to use it, both safe under concurrent requests:
 * - read the row with `.forUpdate()` (so a second save waits for the first), then `expectVersion(...)`;
 * - or update `WHERE version = expected` and pass the result to `ensureUpdated(...)`.
 */
import { sql, type UpdateResult } from "kysely";
import type { StaleRecord } from "../../shared/api";
import type { Db } from "../db/connection";
import { AppError } from "../errors";

export type VersionedRecord = {
  /** The audit log's entity name of the record, e.g. "household". */
  entity: string;
  id: number | string;
  /**
   * Other audit entities whose entries change this record too (a review or a decision changes the registrations
   * on its list, audited once under its own name): the latest entry of any of them names who changed it.
   */
  related?: { entity: string; id: number | string }[];
};

const vietnamTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** The 409 answer to a stale save: who changed the record last and when, from the audit log. */
export async function staleVersionError(
  tx: Db,
  record: VersionedRecord,
  currentVersion: number | null,
): Promise<AppError> {
  const entries = [{ entity: record.entity, id: record.id }, ...(record.related ?? [])];
  // Through a security definer function (migration 0010): the caller may not be allowed to read the audit log.
  const { rows } = await sql<{ changed_by: string; changed_at: Date | string }>`
    SELECT changed_by, changed_at FROM hieuhoc_last_change(
      ${entries.map((e) => e.entity)}::text[], ${entries.map((e) => String(e.id))}::text[])`.execute(tx);
  const last = rows[0] ? { actor_name: rows[0].changed_by, at: rows[0].changed_at } : undefined;
  const stale: StaleRecord = {
    currentVersion,
    changedBy: last?.actor_name ?? null,
    changedAt: last ? new Date(last.at).toISOString() : null,
  };
  const who = last ? `${last.actor_name} lúc ${vietnamTime.format(new Date(last.at))}` : "người khác";
  return new AppError(
    "conflict",
    `Dữ liệu này vừa được ${who} sửa sau khi bạn mở. Hãy tải lại để xem thay đổi rồi lưu lại.`,
    { stale },
  );
}

/** Refuses the save unless the user started from the row's current version (read in this transaction). */
export async function expectVersion(
  tx: Db,
  record: VersionedRecord,
  expected: number,
  current: number,
): Promise<void> {
  if (expected !== current) throw await staleVersionError(tx, record, current);
}

/** After an `UPDATE … WHERE version = expected`: no row changed means someone else saved first. */
export async function ensureUpdated(
  tx: Db,
  record: VersionedRecord,
  result: UpdateResult | UpdateResult[],
  currentVersion: () => Promise<number | null>,
): Promise<void> {
  const rows = (Array.isArray(result) ? result : [result]).reduce(
    (sum, r) => sum + Number(r.numUpdatedRows),
    0,
  );
  if (rows === 0) throw await staleVersionError(tx, record, await currentVersion());
}
