/** Territory queries. Every one is scoped to the caller (unitVisible / unitInScope) and runs under RLS as well. */
import { type Expression, type SqlBool, sql } from "kysely";
import type { SuccessionLink, UnitRef, UnitSearchHit, UnitSummary } from "../../../shared/api";
import { foldText } from "../../../shared/text";
import { type Actor, type Permission, unitInScope, unitVisible } from "../../auth/scope";
import { type Db, prepared } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { notFound } from "../../errors";

const summaryColumns = [
  "u.id",
  "u.code",
  "u.name",
  "u.level",
  "u.kind",
  "u.parent_id",
  "u.valid_from",
  "u.valid_to",
] as const;

type SummaryRow = {
  id: number;
  code: string;
  name: string;
  level: UnitSummary["level"];
  kind: string;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
  child_count?: number | string;
};

export function toSummary(row: SummaryRow): UnitSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    childCount: Number(row.child_count ?? 0),
  };
}

export function toRef(row: Pick<SummaryRow, "id" | "code" | "name" | "level" | "kind">): UnitRef {
  return { id: row.id, code: row.code, name: row.name, level: row.level, kind: row.kind };
}

/** SQL condition: the unit in `alias`.valid_from/valid_to is in force on `date`. */
export function inForce(alias: string, date: IsoDate): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} IS NULL OR ${sql.ref(`${alias}.valid_from`)} <= ${date}::date)
    AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${date}::date < ${sql.ref(`${alias}.valid_to`)})`;
}

function childCount(date: IsoDate) {
  return sql<number>`(SELECT count(*) FROM admin_units c WHERE c.parent_id = u.id AND ${inForce("c", date)})`.as(
    "child_count",
  );
}

const byLevelThenName = sql`array_position(ARRAY['province','district','commune','village'], u.level), u.name`;

export async function findUnit(tx: Db, actor: Actor, id: number, date: IsoDate): Promise<UnitSummary | null> {
  const row = await tx
    .selectFrom("admin_units as u")
    .select([...summaryColumns, childCount(date)])
    .where("u.id", "=", id)
    .where(unitVisible(actor, "u.id"))
    .executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Whether the actor may read the unit's data (its subtree), not just see its name. */
export async function canOnUnit(tx: Db, actor: Actor, permission: Permission, id: number): Promise<boolean> {
  const row = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", id)
    .where(unitInScope(actor, permission, "u.id"))
    .executeTakeFirst();
  return row !== undefined;
}

/** The 404 of a unit that does not exist or lies outside the caller's scope (one answer for both). */
export const unitOutOfScope = "Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn";

export type UnitRow = Omit<SummaryRow, "child_count">;

/**
 * The unit when the caller holds `permission` on it (read: its data, not just its name), else 404 `unitOutOfScope`.
 * One statement: the scope is a condition of the query, not a second canOnUnit.
 */
export async function readableUnitRow(
  tx: Db,
  actor: Actor,
  unitId: number,
  permission: Permission = "read",
): Promise<UnitRow> {
  const row = await tx
    .selectFrom("admin_units as u")
    .select(summaryColumns)
    .where("u.id", "=", unitId)
    .where(unitInScope(actor, permission, "u.id"))
    .executeTakeFirst();
  if (!row) throw notFound(unitOutOfScope);
  return { ...row, id: Number(row.id), parent_id: row.parent_id === null ? null : Number(row.parent_id) };
}

/** Children of a unit in force on a date. */
export async function listChildren(
  tx: Db,
  actor: Actor,
  parentId: number,
  date: IsoDate,
): Promise<UnitSummary[]> {
  const rows = await tx
    .selectFrom("admin_units as u")
    .select([...summaryColumns, childCount(date)])
    .where("u.parent_id", "=", parentId)
    .where(inForce("u", date))
    .where(unitInScope(actor, "read", "u.id"))
    .orderBy(byLevelThenName)
    .execute();
  return rows.map(toSummary);
}

/**
 * Where the caller starts browsing on a date: every province for a nation-wide grant, otherwise the granted units
 * (and their predecessors) that are in force on that date, or, for a date before a merger, the predecessors.
 */
export async function listRoots(tx: Db, actor: Actor, date: IsoDate): Promise<UnitSummary[]> {
  let query = tx
    .selectFrom("admin_units as u")
    .select([...summaryColumns, childCount(date)])
    .where(inForce("u", date));
  if (actor.global) query = query.where("u.level", "=", "province");
  else {
    const roots = actor.roots.read;
    if (roots.length === 0) return [];
    // A root whose ancestor is also a root in force is not a root of the tree.
    query = query.where("u.id", "in", roots).where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
          WHERE p.descendant_id = u.id AND p.depth > 0 AND p.ancestor_id = ANY (${roots}::bigint[])
            AND ${inForce("a", date)})`,
    );
  }
  const rows = await query.orderBy(byLevelThenName).execute();
  return rows.map(toSummary);
}

/** Ancestors from the province down to the parent. */
export async function listAncestors(tx: Db, id: number): Promise<UnitRef[]> {
  const rows = await tx
    .selectFrom("admin_unit_paths as p")
    .innerJoin("admin_units as u", "u.id", "p.ancestor_id")
    .select(["u.id", "u.code", "u.name", "u.level", "u.kind"])
    .where("p.descendant_id", "=", id)
    .where("p.depth", ">", 0)
    .orderBy("p.depth", "desc")
    .execute();
  return rows.map(toRef);
}

/**
 * Search ignoring diacritics and case ("tay ho" finds "Phường Tây Hồ"), among units in force on `date` (or any
 * date with `anyDate`), in the caller's scope. Names starting with the query come first.
 */
export async function searchUnits(
  tx: Db,
  actor: Actor,
  query: string,
  options: { date: IsoDate; anyDate?: boolean; limit?: number },
): Promise<UnitSearchHit[]> {
  const folded = foldText(query).replace(/[%_\\]/g, "");
  if (folded === "") return [];
  let select = tx
    .selectFrom("admin_units as u")
    .select([
      ...summaryColumns,
      childCount(options.date),
      sql<string>`(SELECT string_agg(a.name, ' › ' ORDER BY p.depth DESC) FROM admin_unit_paths p
        JOIN admin_units a ON a.id = p.ancestor_id WHERE p.descendant_id = u.id AND p.depth > 0)`.as("path"),
    ])
    .where((eb) => eb.or([eb("u.search_name", "like", `%${folded}%`), eb("u.code", "=", query.trim())]))
    .where(unitInScope(actor, "read", "u.id"));
  if (!options.anyDate) select = select.where(inForce("u", options.date));
  const rows = await select
    .orderBy(
      sql`CASE WHEN u.search_name LIKE ${`${folded}%`} OR u.search_name LIKE ${`% ${folded}%`} THEN 0 ELSE 1 END`,
    )
    .orderBy(sql`CASE WHEN u.valid_to IS NULL THEN 0 ELSE 1 END`)
    .orderBy(byLevelThenName)
    .limit(Math.min(options.limit ?? 30, 100))
    .execute();
  return rows.map((row) => ({ ...toSummary(row), path: row.path ?? "" }));
}

/**
 * Predecessors (`direction` = "predecessors") or successors of a unit, transitively, with the depth of each link.
 * Units outside the caller's view are left out by RLS on admin_units and by the explicit scope here.
 */
export async function listSuccessionLinks(
  tx: Db,
  actor: Actor,
  id: number,
  direction: "predecessors" | "successors",
): Promise<SuccessionLink[]> {
  const [from, to] =
    direction === "predecessors" ? ["successor_id", "predecessor_id"] : ["predecessor_id", "successor_id"];
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    level: UnitRef["level"];
    kind: string;
    valid_from: IsoDate | null;
    valid_to: IsoDate | null;
    succession_kind: SuccessionLink["kind"];
    coverage: SuccessionLink["coverage"];
    effective_date: IsoDate;
    depth: number;
  }>`
    WITH RECURSIVE chain AS (
      SELECT s.${sql.ref(to)} AS unit_id, s.kind, s.coverage, s.effective_date, 1 AS depth,
             ARRAY[${id}::bigint, s.${sql.ref(to)}] AS seen
      FROM unit_successions s WHERE s.${sql.ref(from)} = ${id}
      UNION ALL
      SELECT s.${sql.ref(to)}, s.kind, s.coverage, s.effective_date, chain.depth + 1, chain.seen || s.${sql.ref(to)}
      FROM unit_successions s JOIN chain ON s.${sql.ref(from)} = chain.unit_id
      WHERE NOT s.${sql.ref(to)} = ANY (chain.seen) AND chain.depth < 20
    )
    SELECT u.id, u.code, u.name, u.level, u.kind, u.valid_from, u.valid_to,
           chain.kind AS succession_kind, chain.coverage, chain.effective_date, chain.depth
    FROM chain JOIN admin_units u ON u.id = chain.unit_id
    WHERE ${unitVisible(actor, "u.id")}
    ORDER BY chain.depth, array_position(ARRAY['province','district','commune','village'], u.level),
             CASE chain.coverage WHEN 'full' THEN 0 ELSE 1 END, u.name`.execute(tx);
  return rows.map((row) => ({
    unit: { ...toRef(row), validFrom: row.valid_from, validTo: row.valid_to },
    kind: row.succession_kind,
    coverage: row.coverage,
    effectiveDate: row.effective_date,
    depth: row.depth,
  }));
}

export type UnitContext = {
  id: number;
  level: UnitRef["level"];
  communeId: number | null;
  provinceId: number;
};

/** The commune and province above (or at) a unit, for the distribution columns of the rows attached to it. */
export async function unitContext(tx: Db, id: number): Promise<UnitContext | null> {
  return contextOf(
    id,
    await tx
      .selectFrom("admin_unit_paths as p")
      .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
      .select(["a.id", "a.level", "p.depth"])
      .where("p.descendant_id", "=", id)
      .execute(),
  );
}

/**
 * canOnUnit and unitContext in one statement: the unit's context when the caller holds `permission` on it, else
 * null (a list's first read on every request).
 */
export async function unitContextIfCan(
  tx: Db,
  actor: Actor,
  permission: Permission,
  id: number,
): Promise<UnitContext | null> {
  const rows = await tx
    .selectFrom("admin_unit_paths as p")
    .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
    .select(["a.id", "a.level", "p.depth"])
    .where("p.descendant_id", "=", id)
    .where(unitInScope(actor, permission, "p.descendant_id"))
    .modifyEnd(prepared)
    .execute();
  return contextOf(id, rows);
}

function contextOf(
  id: number,
  rows: { id: number; level: UnitRef["level"]; depth: number }[],
): UnitContext | null {
  const self = rows.find((r) => r.depth === 0);
  const province = rows.find((r) => r.level === "province");
  if (!self || !province) return null;
  return {
    id,
    level: self.level,
    communeId: rows.find((r) => r.level === "commune")?.id ?? null,
    provinceId: province.id,
  };
}
