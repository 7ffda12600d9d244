import { type SqlBool, sql } from "kysely";
import type { AuditEntry } from "../../../shared/api";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { forbidden } from "../../errors";
import { canOnUnit } from "../territory/territory.repo";

/** Audit entries the actor may read: their own actions, and everything on units they administer. */
export async function listAudit(
  db: Db,
  actor: Actor,
  options: { unitId?: number; before?: number; limit?: number },
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const limit = Math.min(options.limit ?? 50, 200);
  return asActor(db, actor, async (tx) => {
    if (options.unitId !== undefined && !(await canOnUnit(tx, actor, "admin", options.unitId)))
      throw forbidden("Đơn vị này nằm ngoài phạm vi quản trị của bạn");
    let query = tx
      .selectFrom("audit_log as a")
      .leftJoin("admin_units as u", "u.id", "a.unit_id")
      .select([
        "a.id",
        "a.at",
        "a.actor_name",
        "a.action",
        "a.entity",
        "a.entity_id",
        "a.before",
        "a.after",
        "u.id as unit_id",
        "u.code",
        "u.name",
        "u.level",
        "u.kind",
      ])
      .where((eb) =>
        actor.global
          ? sql<SqlBool>`true`
          : eb.or([eb("a.actor_id", "=", actor.userId), unitInScope(actor, "admin", "a.unit_id")]),
      );
    if (options.unitId !== undefined)
      query = query.where(
        sql<SqlBool>`a.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${options.unitId})`,
      );
    if (options.before !== undefined) query = query.where("a.id", "<", options.before);
    const rows = await query
      .orderBy("a.id", "desc")
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        unit:
          r.unit_id === null
            ? null
            : { id: r.unit_id, code: r.code!, name: r.name!, level: r.level!, kind: r.kind! },
        before: r.before,
        after: r.after,
      })),
      nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  });
}
