/**
 * The programme's calendar (migration 0038, docs/DEADLINES.md): which row of `programme_deadlines` applies to a
 * unit for a data year, and the dates it gives. A province's own row comes first, else the national one; within
 * a source, the row with the latest `valid_from` not after the data year.
 */
import { sql } from "kysely";
import type { DeadlineKey, DeadlineLevel, EffectiveDeadline } from "../../../shared/deadlines";
import { deadlineKeys } from "../../../shared/deadlines";
import type { Db } from "../../db/connection";
import type { ProgrammeDeadlineTable } from "../../db/schema-deadlines";

type Row = Omit<ProgrammeDeadlineTable, "id" | "confirmed" | "created_at" | "updated_at"> & {
  id: number;
  confirmed: boolean;
  owner_name: string | null;
};

const pad = (n: number) => String(n).padStart(2, "0");

export function toEffective(row: Row, dataYear: number): EffectiveDeadline {
  const year = dataYear + row.year_offset;
  return {
    id: Number(row.id),
    key: row.key,
    label: row.label,
    level: row.level,
    dataYear,
    start:
      row.start_month === null || row.start_day === null
        ? null
        : `${year}-${pad(row.start_month)}-${pad(row.start_day)}`,
    due: `${year}-${pad(row.month)}-${pad(row.day)}`,
    day: row.day,
    month: row.month,
    startDay: row.start_day,
    startMonth: row.start_month,
    yearOffset: row.year_offset,
    source: row.owner_unit_id === null ? "national" : "province",
    owner: row.owner_unit_id === null ? null : { id: Number(row.owner_unit_id), name: row.owner_name ?? "" },
    validFrom: row.valid_from,
    legalBasis: row.legal_basis,
    confirmed: row.confirmed,
    note: row.note,
  };
}

/** The rows that may apply in a data year: national ones and those of the given provinces. */
export async function candidateRows(tx: Db, provinceIds: number[], dataYear: number): Promise<Row[]> {
  const rows = await tx
    .selectFrom("programme_deadlines as d")
    .leftJoin("admin_units as o", "o.id", "d.owner_unit_id")
    .selectAll("d")
    .select("o.name as owner_name")
    .where("d.valid_from", "<=", dataYear)
    .where((eb) =>
      provinceIds.length === 0
        ? eb("d.owner_unit_id", "is", null)
        : eb.or([eb("d.owner_unit_id", "is", null), eb("d.owner_unit_id", "in", provinceIds)]),
    )
    .orderBy("d.valid_from", "desc")
    .execute();
  return rows as unknown as Row[];
}

/** The row in effect for a province (or the nation: null) among the candidates, per key and level. */
export function resolveRows(rows: Row[], provinceId: number | null): Row[] {
  const chosen = new Map<string, Row>();
  // Rows come latest valid_from first: the first of the province, else the first national one.
  for (const owner of provinceId === null ? [null] : [provinceId, null])
    for (const row of rows) {
      const ownerId = row.owner_unit_id === null ? null : Number(row.owner_unit_id);
      const key = `${row.key}:${row.level}`;
      if (ownerId === owner && !chosen.has(key)) chosen.set(key, row);
    }
  const levelOrder: DeadlineLevel[] = ["commune", "association", "province"];
  return [...chosen.values()].sort(
    (a, b) =>
      deadlineKeys.indexOf(a.key) - deadlineKeys.indexOf(b.key) ||
      levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level),
  );
}

/** The deadlines of a data year in effect for each of the provinces (and the nation under null). */
export async function deadlinesByProvince(
  tx: Db,
  provinceIds: number[],
  dataYear: number,
): Promise<Map<number | null, EffectiveDeadline[]>> {
  const rows = await candidateRows(tx, provinceIds, dataYear);
  const result = new Map<number | null, EffectiveDeadline[]>();
  for (const province of [null, ...provinceIds])
    result.set(
      province,
      resolveRows(rows, province).map((row) => toEffective(row, dataYear)),
    );
  return result;
}

/** The province of a unit (itself when it is one), or null for no unit. */
export async function provinceOf(tx: Db, unitId: number | null): Promise<number | null> {
  if (unitId === null) return null;
  const row = await tx
    .selectFrom("admin_unit_paths as p")
    .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
    .select("a.id")
    .where("p.descendant_id", "=", unitId)
    .where("a.level", "=", "province")
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** One deadline as it applies to a province (or the nation), or null when the calendar has none that year. */
export async function effectiveFor(
  tx: Db,
  provinceId: number | null,
  key: DeadlineKey,
  level: DeadlineLevel,
  dataYear: number,
): Promise<EffectiveDeadline | null> {
  const rows = await candidateRows(tx, provinceId === null ? [] : [provinceId], dataYear);
  const row = resolveRows(
    rows.filter((r) => r.key === key && r.level === level),
    provinceId,
  )[0];
  return row ? toEffective(row, dataYear) : null;
}

/** The due date of one deadline for a province (or the nation), or null when the calendar has none that year. */
export async function dueDate(
  tx: Db,
  provinceId: number | null,
  key: DeadlineKey,
  level: DeadlineLevel,
  dataYear: number,
): Promise<string | null> {
  return (await effectiveFor(tx, provinceId, key, level, dataYear))?.due ?? null;
}

/** SQL: whether a unit is in force on a date (valid_from NULL: before records). */
export const inForceOn = (alias: string, date: string) =>
  sql<boolean>`((${sql.ref(`${alias}.valid_from`)} IS NULL OR ${sql.ref(`${alias}.valid_from`)} <= ${date}::date)
    AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} > ${date}::date))`;
