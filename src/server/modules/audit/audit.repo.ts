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
 * Many entries in one statement (a whole-file import): the end of a statement that appends the rows of a CTE named
 * `entries` (ord, action, entity, entity_id, unit_id, before, after) to the audit log in `ord` order, as auditValues
 * would: `WITH entries AS (…), ${auditEntries(actor)} SELECT …`. The province is looked up once per unit, not once
 * per row. The evaluations import builds its entries from the rows it writes in the same statement, so that the
 * rows go to PostgreSQL once.
 */
export const auditEntries = (actor: Actor) => sql`entry_units AS (
    SELECT u.unit_id, ${provinceOfUnit(sql.ref("u.unit_id"))} AS province_id
    FROM (SELECT DISTINCT unit_id FROM entries WHERE unit_id IS NOT NULL) u),
  audited AS (INSERT INTO audit_log (province_id, actor_id, actor_name, action, entity, entity_id, unit_id, before,
      after, request_id)
    SELECT coalesce(eu.province_id, 0), ${actor.userId}, ${actor.name}, e.action, e.entity, e.entity_id, e.unit_id,
      e.before, e.after, ${actor.requestId ?? null}
    FROM entries e LEFT JOIN entry_units eu ON eu.unit_id = e.unit_id ORDER BY e.ord)`;
