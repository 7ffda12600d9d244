/**
 * The residential groups of the old wards (before 1 July 2025) and how each went into a group of a 2025 ward.
 * Territory is the state's list, so these changes are made as the command line, like the units import: the old
 * groups are created, ended on the reform date, and each is linked to its new group by a village succession
 * (docs/STATISTICS.md: "A village with its own succession moves exactly along it"). No import writes such links
 * yet, so they are written here, with an audit entry each as mergeVillage does within a commune.
 */
import { sql } from "kysely";
import { commandLineActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { recordAudit } from "../modules/audit/audit.repo";
import { insertVillage, retireVillage } from "../modules/territory/territory.service";
import { reformDate } from "./demo-plan";

/** Back to the database owner inside the loader's transaction (a service call leaves the application role set). */
export const asOwner = (tx: Db) => sql`RESET ROLE`.execute(tx);

/** A commune by code: the 2025 one (in force) or the old one (ended), codes being reused by the reform. */
export async function communeId(tx: Db, code: string, old: boolean): Promise<number> {
  const row = await tx
    .selectFrom("admin_units")
    .select("id")
    .where("level", "=", "commune")
    .where("code", "=", code)
    .where("valid_to", old ? "is not" : "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function villageByName(tx: Db, communeId: number, name: string) {
  const row = await tx
    .selectFrom("admin_units")
    .select(["id", "valid_to"])
    .where("parent_id", "=", communeId)
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? { id: Number(row.id), ended: row.valid_to !== null } : null;
}

/** An old ward's group, created (as it stood before the reform) unless it is there already. */
export async function ensureOldVillage(tx: Db, communeId: number, name: string, kind: string) {
  await asOwner(tx);
  const found = await villageByName(tx, communeId, name);
  if (found) return found.id;
  return (await insertVillage(tx, commandLineActor, communeId, { name, kind })).id;
}

/** The reform for one group: the old one ends on 1 July 2025 and goes whole into the new one. */
export async function reassignVillage(tx: Db, oldVillageId: number, newVillageId: number) {
  await asOwner(tx);
  const old = await tx
    .selectFrom("admin_units")
    .select(["name", "valid_to", "version"])
    .where("id", "=", oldVillageId)
    .executeTakeFirstOrThrow();
  if (old.valid_to === null) await retireVillage(tx, commandLineActor, oldVillageId, reformDate, old.version);
  const linked = await tx
    .insertInto("unit_successions")
    .values({
      predecessor_id: oldVillageId,
      successor_id: newVillageId,
      kind: "merge",
      coverage: "full",
      effective_date: reformDate,
      note: "Tổ dân phố chuyển nguyên trạng sang phường mới (dữ liệu dùng thử)",
    })
    .onConflict((oc) => oc.columns(["predecessor_id", "successor_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (linked)
    await recordAudit(tx, commandLineActor, {
      action: "merge",
      entity: "admin_unit",
      entityId: oldVillageId,
      unitId: newVillageId,
      after: { validTo: reformDate, successorId: newVillageId, successionId: Number(linked.id) },
    });
}
