/**
 * The server's side of the capability table (src/shared/capabilities.ts): whether the caller may take an action
 * on a unit, and the refusal naming the roles that may. Every check of the titles cycle and the registries goes
 * through here, so the API and the pages agree.
 */
import { type Action, capabilities, refusal } from "../../shared/capabilities";
import type { Db } from "../db/connection";
import { forbidden } from "../errors";
import { type Actor, unitInScope } from "./scope";

/** Whether the actor holds one of the action's permissions on the unit (its subtree or a predecessor's). */
export async function mayOnUnit(tx: Db, actor: Actor, action: Action, unitId: number): Promise<boolean> {
  const row = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", unitId)
    .where((eb) => eb.or(capabilities[action].permissions.map((p) => unitInScope(actor, p, "u.id"))))
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
