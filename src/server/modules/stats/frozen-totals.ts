/**
 * Where a rate's denominator comes from (docs/STATISTICS.md, "Closing a year"). `title_totals` holds today's totals;
 * a commune that closed a year (year-close.service.ts, migration 0050) froze its totals for that year in
 * `year_totals`. The roll-ups add, to today's totals, one correction row per closed commune-year, unit and title:
 * frozen − today. So today's totals stay one indexed read (and `*` for every year in a series), and a closed year
 * costs only the rows of its closed communes, in the same query.
 */
import { type RawBuilder, sql } from "kysely";
import type { Title } from "../../../shared/rubric";
import type { Db } from "../../db/connection";

/**
 * A subquery `(…)` with the columns of title_totals plus `year`: for each commune whose year in [fromYear, toYear]
 * is closed, per unit and title, the frozen total less today's (rows where they differ). Scoped by row-level
 * security like the counters.
 */
export function frozenTotalDeltas(
  fromYear: number,
  toYear: number,
  title?: Title,
  commune?: number,
): RawBuilder<unknown> {
  const only = (column: string) => (title ? sql`AND ${sql.ref(column)} = ${title}` : sql``);
  // Given the one commune whose rows are wanted (a commune's or a village's roll-up), one shard (docs/SCALE-OUT.md).
  const ofCommune = commune === undefined ? sql`` : sql`AND k.commune_id = ${commune}`;
  return sql`(SELECT k.commune_id, d.unit_id, d.province_id, k.year::int AS year, d.title, sum(d.total)::int AS total
    FROM year_closures k CROSS JOIN LATERAL (
      SELECT f.unit_id, f.province_id, f.title, f.total FROM year_totals f
      WHERE f.commune_id = k.commune_id AND f.closure_id = k.id ${only("f.title")}
      UNION ALL
      SELECT t.unit_id, t.province_id, t.title, -t.total FROM title_totals t
      WHERE t.commune_id = k.commune_id ${only("t.title")}
    ) d
    WHERE k.reopened_at IS NULL AND k.year BETWEEN ${fromYear} AND ${toYear} ${ofCommune}
    GROUP BY k.commune_id, d.unit_id, d.province_id, k.year, d.title
    HAVING sum(d.total) <> 0)`;
}

/**
 * The total of one commune, year and title as the statistics use it (for SQL over rows that carry them, e.g. the
 * open data): the frozen total when that year of the commune is closed, else today's.
 */
export function communeYearTotal(
  commune: RawBuilder<unknown>,
  year: RawBuilder<unknown>,
  title: RawBuilder<unknown>,
) {
  return sql<number>`(SELECT CASE WHEN k.id IS NULL
      THEN (SELECT coalesce(sum(t.total), 0) FROM title_totals t WHERE t.commune_id = ${commune} AND t.title = ${title})
      ELSE (SELECT coalesce(sum(f.total), 0) FROM year_totals f
        WHERE f.commune_id = k.commune_id AND f.closure_id = k.id AND f.title = ${title}) END
    FROM (SELECT NULL) one LEFT JOIN year_closures k
      ON k.commune_id = ${commune} AND k.year = ${year} AND k.reopened_at IS NULL)`;
}

export type FrozenState = {
  /** When every commune of the unit had closed the year: the last closing; else null (today's totals, or mixed). */
  totalsFrozenAt: string | null;
  /** How many communes of the unit read frozen totals for the year. */
  totalsFrozenCommunes: number;
  /** The communes of the unit in force on the date (1 for a commune). */
  totalsCommunes: number;
};

export type FrozenRow = { year: number | null; communes: number; closed: number; last: Date | string | null };

/**
 * Whether a unit's (or the nation's, `unitId` null) totals of the years `fromYear`..`toYear` are frozen: the
 * communes of its subtree in force on `date` and its closures of those years, in one query.
 */
export async function frozenStates(
  tx: Db,
  unitId: number | null,
  fromYear: number,
  toYear: number,
  date: string,
): Promise<(year: number) => FrozenState> {
  const { rows } = await frozenStatesQuery(unitId, fromYear, toYear, date).execute(tx);
  return frozenStatesOf(rows);
}

/**
 * The query of `frozenStates`, for a caller that sends it with other reads (db/together.ts). `commune`: the commune
 * of a commune or a village, named so that the closures are read from its shard only (the same rows).
 */
export function frozenStatesQuery(
  unitId: number | null,
  fromYear: number,
  toYear: number,
  date: string,
  commune?: number,
): RawBuilder<FrozenRow> {
  // One primary-key probe per closure of the years (a province's paths are thousands of rows).
  const subtree = (column: string) =>
    unitId === null
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM admin_unit_paths sp WHERE sp.ancestor_id = ${unitId}
        AND sp.descendant_id = ${sql.ref(column)})`;
  // The communes in force on the date (and the unit itself, a commune viewed on another date). A commune's parent
  // is its province, or (before the 2025 reform) its district: the children and grandchildren by the parent index,
  // a few hundred rows at most, each then checked by row-level security. A filter on the level instead had every
  // commune of the country checked by it first (30–50 ms for a province's user).
  const inForce = sql`(c.valid_from IS NULL OR c.valid_from <= ${date}) AND (c.valid_to IS NULL OR c.valid_to > ${date})`;
  const communesOf =
    unitId === null
      ? sql`SELECT count(*)::int FROM admin_units c WHERE c.level = 'commune' AND ${inForce}`
      : sql`SELECT count(*)::int FROM (
          SELECT c.id FROM admin_units c WHERE c.parent_id = ${unitId} AND c.level = 'commune' AND ${inForce}
          UNION
          SELECT c.id FROM admin_units d JOIN admin_units c ON c.parent_id = d.id
          WHERE d.parent_id = ${unitId} AND d.level = 'district' AND c.level = 'commune' AND ${inForce}
          UNION
          SELECT c.id FROM admin_units c WHERE c.id = ${unitId} AND c.level = 'commune') x`;
  return sql<FrozenRow>`
    WITH closed AS (
      SELECT k.year::int AS year, count(*)::int AS closed, max(k.closed_at) AS last FROM year_closures k
      WHERE k.year BETWEEN ${fromYear} AND ${toYear} AND k.reopened_at IS NULL AND ${subtree("k.commune_id")}
        ${commune === undefined ? sql`` : sql`AND k.commune_id = ${commune}`}
      GROUP BY k.year
    )
    SELECT closed.year, closed.closed, closed.last, (${communesOf}) AS communes
    FROM (SELECT 1) one LEFT JOIN closed ON true`;
}

/** The rows of `frozenStatesQuery` read per year. */
export function frozenStatesOf(rows: FrozenRow[]): (year: number) => FrozenState {
  const communes = Number(rows[0]?.communes ?? 0);
  const byYear = new Map(rows.filter((r) => r.year !== null).map((r) => [Number(r.year), r]));
  return (year) => {
    const row = byYear.get(year);
    const closed = row ? Number(row.closed) : 0;
    return {
      totalsFrozenAt: row?.last && closed >= communes && closed > 0 ? new Date(row.last).toISOString() : null,
      totalsFrozenCommunes: closed,
      totalsCommunes: communes,
    };
  };
}
