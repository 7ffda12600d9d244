/**
 * Where registry rows live: scope checks on the unit a list or a write is aimed at, the commune a file goes into,
 * and its villages by name or code. 404 outside the caller's read scope, 403 where the caller may only read.
 */
import { type SqlBool, sql } from "kysely";
import { editAction, refusal } from "../../shared/capabilities";
import { foldText } from "../../shared/text";
import { mayOnUnit, requireOnUnit } from "../auth/capabilities";
import type { Actor, Permission } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError, forbidden, notFound } from "../errors";
import { unitContextIfCan } from "../modules/territory/territory.repo";

/** SQL condition: the unit in `column` lies under (or is) `unitId`. */
export const underUnit = (unitId: number, column: string) =>
  sql<SqlBool>`${sql.ref(column)} IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})`;

/** The folded search text for a LIKE on search_name, without LIKE's wildcards ("" when there is nothing to find). */
export const searchPattern = (q: string | undefined) => foldText(q ?? "").replace(/[%_\\]/g, "");

/**
 * Throws 404 unless the caller may read the unit a list is asked for; answers the unit's level and commune (the unit
 * itself or its commune for a village, null above a commune).
 */
export async function readableUnit(tx: Db, actor: Actor, unitId: number) {
  const context = await unitContextIfCan(tx, actor, "read", unitId);
  if (!context) throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
  return { communeId: context.communeId, level: context.level };
}

/**
 * A unit of one of `levels` that the caller may write, with its commune and province: 404 outside the caller's
 * read scope, 422 at another level (naming `field`), 403 where the caller may only read. `permission` is the
 * kind's write permission ("write" by default); `secretary` says the caller writes as the secretary of the row's
 * chapter, which the unit's scope need not grant.
 */
export async function writableUnit(
  tx: Db,
  actor: Actor,
  unitId: number,
  options: {
    levels: readonly ("commune" | "village")[];
    field: string;
    message: string;
    permission?: Permission;
    secretary?: boolean;
  },
) {
  const context = await unitContextIfCan(tx, actor, "read", unitId);
  if (!context) throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
  if (!options.levels.includes(context.level as "commune") || context.communeId === null)
    throw new AppError("validation", options.message, { fields: { [options.field]: options.message } });
  if (!options.secretary)
    await requireOnUnit(tx, actor, editAction(options.permission ?? "write"), unitId, "đơn vị này");
  return { ...context, communeId: context.communeId };
}

/**
 * The commune a file is imported into, once the caller may write there (`what`: "danh sách hộ gia đình"), with
 * `permission` ("write" by default). `secretary` lets a chapter secretary in: each row then names their chapter.
 */
export async function importCommune(
  tx: Db,
  actor: Actor,
  communeId: number,
  what: string,
  permission: Permission = "write",
  secretary = false,
) {
  const commune = await unitContextIfCan(tx, actor, "read", communeId);
  if (!commune) throw notFound("Không tìm thấy xã, phường");
  if (commune.level !== "commune") throw new AppError("validation", `Chọn một xã, phường để nhập ${what}`);
  const edit = editAction(permission);
  const onUnit = await mayOnUnit(tx, actor, edit, communeId);
  if (!onUnit && !secretary) throw forbidden(refusal(edit, "xã, phường này"));
  return { ...commune, communeId, asSecretary: !onUnit };
}

export type Village = { id: number; code: string; name: string };

/** The villages in force of a commune, by folded name and by folded code. */
export async function communeVillages(tx: Db, communeId: number): Promise<Map<string, Village>> {
  const villages = await tx
    .selectFrom("admin_units")
    .select(["id", "code", "name"])
    .where("parent_id", "=", communeId)
    .where("level", "=", "village")
    .where("valid_to", "is", null)
    .execute();
  const byKey = new Map<string, Village>();
  for (const v of villages) {
    byKey.set(foldText(v.name), v);
    byKey.set(foldText(v.code), v);
  }
  return byKey;
}

/** The row error for a village cell that names no village of the commune in force (or is empty). */
export const villageMessage = (text: string | undefined) =>
  text ? `Không có thôn, tổ dân phố "${text}" trong xã, phường (đang có hiệu lực)` : "Thiếu thôn, tổ dân phố";
