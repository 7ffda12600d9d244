/**
 * Row locks of the yearly cycle. Every operation that moves registrations between states (self-assessment,
 * review, drafting, issuing or cancelling a decision, carrying forward) first locks the registration rows it
 * reads, FOR UPDATE and always in id order, and only then reads their state and checks it. A concurrent operation
 * on the same rows has then either committed before (and its result is what we check) or waits until we commit;
 * taking the locks in one order means two operations never wait on each other in a circle. Without this, a
 * self-assessment saved while the review was being recorded put a reviewed registration back to "assessed".
 */
import { type SqlBool, sql } from "kysely";
import type { Db } from "../../db/connection";
import type { RegistrationStatus } from "../../db/schema";
import { forbidden } from "../../errors";
import type { VersionedRecord } from "../../lib/concurrency";

export type LockedRegistration = {
  id: number;
  communeId: number;
  status: RegistrationStatus;
  version: number;
  reviewId: number | null;
  decisionId: number | null;
  revocationId: number | null;
};

const lockedColumns = [
  "id",
  "commune_id",
  "status",
  "version",
  "review_id",
  "decision_id",
  "revocation_id",
] as const;

type LockedRow = {
  id: number;
  commune_id: number;
  status: RegistrationStatus;
  version: number;
  review_id: number | null;
  decision_id: number | null;
  revocation_id: number | null;
};

function present(r: LockedRow): LockedRegistration {
  return {
    id: r.id,
    communeId: r.commune_id,
    status: r.status,
    version: r.version,
    reviewId: r.review_id,
    decisionId: r.decision_id,
    revocationId: r.revocation_id,
  };
}

/**
 * Locks the registrations with these ids that the caller may change (row-level security leaves out the others)
 * and returns their state after the lock.
 */
export async function lockRegistrations(tx: Db, ids: number[]): Promise<Map<number, LockedRegistration>> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length === 0) return new Map();
  const rows = await tx
    .selectFrom("registrations")
    .select(lockedColumns)
    // One array parameter, not one per id: a whole-file import locks up to 100,000 rows (65,535 parameters at most).
    .where(sql<SqlBool>`id = ANY (${unique}::bigint[])`)
    .orderBy("id")
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, present(r)]));
}

/**
 * The one locked row, or 403 when row-level security keeps it from the caller (who could read it), naming the
 * record's holder when given (a list's refused row).
 */
export function lockedOrForbidden(
  locked: Map<number, LockedRegistration>,
  id: number,
  name?: string,
): LockedRegistration {
  const row = locked.get(id);
  if (!row)
    throw forbidden(name ? `Bạn không có quyền sửa hồ sơ của "${name}"` : "Bạn không có quyền sửa hồ sơ này");
  return row;
}

/** The registrations of a decision's list, locked in id order (after the decision itself, see lockDecision). */
export async function lockDecisionRegistrations(
  tx: Db,
  decision: { id: number; communeId: number; kind: "recognition" | "revocation" },
): Promise<LockedRegistration[]> {
  const rows = await tx
    .selectFrom("registrations")
    .select(lockedColumns)
    .where("commune_id", "=", decision.communeId)
    .where(decision.kind === "recognition" ? "decision_id" : "revocation_id", "=", decision.id)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map(present);
}

/** Locks a decision row (before its registrations, always in that order); undefined when the caller may not. */
export async function lockDecision(tx: Db, id: number, communeId: number) {
  return tx
    .selectFrom("decisions")
    .select(["id", "commune_id", "status", "version"])
    .where("commune_id", "=", communeId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A registration as a versioned record: a review or a decision changes it too, audited under its own name, so
 * the 409 answer names whoever came last among them.
 */
export function registrationRecord(row: LockedRegistration): VersionedRecord {
  const related: { entity: string; id: number }[] = [];
  if (row.reviewId !== null) related.push({ entity: "review", id: row.reviewId });
  if (row.decisionId !== null) related.push({ entity: "decision", id: row.decisionId });
  if (row.revocationId !== null) related.push({ entity: "decision", id: row.revocationId });
  return { entity: "registration", id: row.id, related };
}
