import { type Expression, sql } from "kysely";
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

/** The province of an audit row: the unit's top ancestor, 0 without a unit. */
const provinceOfUnit = (unitId: Expression<number | null> | number) =>
  sql<number>`coalesce((SELECT p.ancestor_id FROM admin_unit_paths p
    WHERE p.descendant_id = ${unitId} ORDER BY p.depth DESC LIMIT 1), 0)`;

/** The audit_log row of a record: who, when, what, before and after (its province found from the unit). */
export function auditValues(actor: Actor, record: AuditRecord) {
  const unitId = record.unitId ?? null;
  return {
    province_id: unitId === null ? sql<number>`0` : provinceOfUnit(unitId),
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

/**
 * Appends many entries in one statement (a whole-file import): the same rows as auditValues, sent as one JSON
 * array and spread by jsonb_to_recordset, so that the statement and its parameters do not grow with the rows.
 */
export async function recordAudits(tx: Db, actor: Actor, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    action: r.action,
    entity: r.entity,
    entity_id: r.entityId === undefined || r.entityId === null ? null : String(r.entityId),
    unit_id: r.unitId ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
  // The province looked up once per unit, not once per row.
  await sql`WITH t AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(action text, entity text,
        entity_id text, unit_id bigint, before jsonb, after jsonb)),
      units AS (SELECT u.unit_id, ${provinceOfUnit(sql.ref("u.unit_id"))} AS province_id
        FROM (SELECT DISTINCT unit_id FROM t WHERE unit_id IS NOT NULL) u)
    INSERT INTO audit_log (province_id, actor_id, actor_name, action, entity, entity_id, unit_id, before, after,
      request_id)
    SELECT coalesce(units.province_id, 0), ${actor.userId}, ${actor.name}, t.action, t.entity, t.entity_id, t.unit_id,
      t.before, t.after, ${actor.requestId ?? null}
    FROM t LEFT JOIN units ON units.unit_id = t.unit_id`.execute(tx);
}
