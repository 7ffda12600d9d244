/** Units as the commendations module reads them: a unit's subtree, a field's refusal. */
import { type Expression, type SqlBool, sql } from "kysely";
import { AppError } from "../../errors";

export const invalid = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

/** SQL condition: the unit in `column` lies in the subtree of `unitId` (closure table). */
export function inSubtree(unitId: number, column: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM admin_unit_paths subtree
    WHERE subtree.ancestor_id = ${unitId} AND subtree.descendant_id = ${sql.ref(column)})`;
}
