/**
 * The server's side of the capability table (src/shared/capabilities.ts): whether the caller may take an action
 * on a unit, and the refusal naming the roles that may. Every check of the titles cycle and the registries goes
 * through here, so the API and the pages agree.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import { type Action, capabilities, refusal } from "../../shared/capabilities";
import type { Db } from "../db/connection";
import { forbidden } from "../errors";
import { type Actor, unitInScope } from "./scope";

/** SQL condition: the actor holds one of the action's permissions on the unit in `column`. */
export const actionInScope = (actor: Actor, action: Action, column: string): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.join(
    capabilities[action].permissions.map((p) => unitInScope(actor, p, column)),
    sql` OR `,
  )})`;

/** Whether the actor holds one of the action's permissions on the unit (its subtree or a predecessor's). */
export async function mayOnUnit(tx: Db, actor: Actor, action: Action, unitId: number): Promise<boolean> {
  const row = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", unitId)
    .where(actionInScope(actor, action, "u.id"))
    .executeTakeFirst();
  return row !== undefined;
}

/** Refuses (403) an action the actor may not take on the unit, saying which roles may ("… ở <where>"). */
export async function requireOnUnit(
  tx: Db,
  actor: Actor,
  action: Action,
  unitId: number,
  where?: string,
): Promise<void> {
  if (!(await mayOnUnit(tx, actor, action, unitId))) throw forbidden(refusal(action, where));
}
