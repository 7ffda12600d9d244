/** Units as the commendations module reads them: a unit the caller reads, a unit's subtree, a field's refusal. */
import { type Expression, type SqlBool, sql } from "kysely";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";

export const invalid = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

/** The unit, when the caller reads it; else 404 (the same answer as a unit that does not exist). */
export async function readableUnit(tx: Db, actor: Actor, unitId: number) {
  const unit = await tx
    .selectFrom("admin_units as u")
    .select(["u.id", "u.name", "u.level"])
    .where("u.id", "=", unitId)
    .where(unitInScope(actor, "read", "u.id"))
    .executeTakeFirst();
  if (!unit) throw notFound("Không tìm thấy đơn vị trong phạm vi của bạn");
  return { id: Number(unit.id), name: unit.name, level: unit.level };
}

/** SQL condition: the unit in `column` lies in the subtree of `unitId` (closure table). */
export function inSubtree(unitId: number, column: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM admin_unit_paths subtree
    WHERE subtree.ancestor_id = ${unitId} AND subtree.descendant_id = ${sql.ref(column)})`;
}
