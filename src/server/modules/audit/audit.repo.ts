import { sql } from "kysely";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";

export type AuditRecord = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
};

/** The audit_log row of a record: who, when, what, before and after (its province found from the unit). */
export function auditValues(actor: Actor, record: AuditRecord) {
  const unitId = record.unitId ?? null;
  const provinceId =
    unitId === null
      ? sql<number>`0`
      : sql<number>`coalesce((SELECT p.ancestor_id FROM admin_unit_paths p
          WHERE p.descendant_id = ${unitId} ORDER BY p.depth DESC LIMIT 1), 0)`;
  return {
    province_id: provinceId,
    actor_id: actor.userId,
    actor_name: actor.name,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
    unit_id: unitId,
    before: record.before === undefined ? null : JSON.stringify(record.before),
    after: record.after === undefined ? null : JSON.stringify(record.after),
    request_id: actor.requestId ?? null,
  };
}

/** Appends one entry to the audit log, in the caller's transaction. */
export async function recordAudit(tx: Db, actor: Actor, record: AuditRecord): Promise<void> {
  await tx.insertInto("audit_log").values(auditValues(actor, record)).execute();
}
