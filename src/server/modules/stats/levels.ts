/**
 * The title counters and totals at every level (migrations 0051, 0052): which rows a roll-up reads for a unit, by
 * its level. A province reads its striped province rows, a commune its commune row, a village its own row, the nation
 * its striped national rows; only a district (a pre-2025 level) still sums its villages through the closure table. Every
 * level is keyed by the unit where the counts were recorded, so these are the same sums as the closure-table
 * roll-up (boundaries=historical); mapping across boundary changes reads the village rows (history.service.ts).
 */
import { type RawBuilder, sql } from "kysely";
import type { Title } from "../../../shared/rubric";
import type { Db } from "../../db/connection";

export type LevelBucket = { id: number; level: string };

const sums = sql`sum(c.registered)::int AS registered, sum(c.recognized)::int AS recognized,
  sum(c.recognized_good)::int AS recognized_good, sum(c.recognized_fair)::int AS recognized_fair,
  sum(c.recognized_average)::int AS recognized_average, sum(c.level1)::int AS level1, sum(c.level2)::int AS level2`;

type LevelTables = { province: string; commune: string; unit: string };

/**
 * One row per bucket and title of `columns` summed over the bucket's subtree, each bucket read from the coarsest
 * level that holds it: a province's rows, a commune's, a village's own; a district through the closure table.
 */
function byLevel(
  buckets: LevelBucket[],
  tables: LevelTables,
  columns: RawBuilder<unknown>,
  filter: RawBuilder<unknown>,
  commune?: number,
): RawBuilder<unknown> {
  // The unit rows (title_counters, title_totals) of buckets all in one commune, read from its shard only: a unit's
  // parent never changes, so every row of a village carries its commune (docs/SCALE-OUT.md).
  const ofCommune = commune === undefined ? sql`` : sql`AND c.commune_id = ${commune}`;
  const ids = (level: string) => buckets.filter((b) => b.level === level).map((b) => b.id);
  const parts: RawBuilder<unknown>[] = [];
  const levels: [string, string, string][] = [
    ["province", "province_id", tables.province],
    ["commune", "commune_id", tables.commune],
    ["village", "unit_id", tables.unit],
  ];
  for (const [level, key, table] of levels) {
    const chosen = ids(level);
    if (chosen.length > 0)
      parts.push(sql`SELECT ${sql.ref(`c.${key}`)} AS unit_id, c.title, ${columns} FROM ${sql.table(table)} c
        WHERE ${sql.ref(`c.${key}`)} = ANY (${chosen}::bigint[]) ${filter} ${level === "province" ? sql`` : ofCommune}
        GROUP BY 1, 2`);
  }
  const other = buckets.filter((b) => !levels.some(([level]) => level === b.level)).map((b) => b.id);
  if (other.length > 0)
    parts.push(sql`SELECT p.ancestor_id AS unit_id, c.title, ${columns}
      FROM admin_unit_paths p JOIN ${sql.table(tables.unit)} c ON c.unit_id = p.descendant_id
      WHERE p.ancestor_id = ANY (${other}::bigint[]) ${filter} GROUP BY 1, 2`);
  if (parts.length === 0)
    return sql`SELECT NULL::bigint AS unit_id, NULL::text AS title, ${columns} FROM ${sql.table(tables.unit)} c
      WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}

const titleOnly = (title?: Title) => (title ? sql`AND c.title = ${title}` : sql``);

/**
 * A query of (unit_id, title, the seven counter sums) for one year: one row per bucket and title, each bucket summed
 * over its subtree from the coarsest level that holds it.
 */
export function levelCounters(
  buckets: LevelBucket[],
  year: number,
  title?: Title,
  commune?: number,
): RawBuilder<unknown> {
  return byLevel(
    buckets,
    { province: "title_province_counters", commune: "title_commune_counters", unit: "title_counters" },
    sums,
    sql`AND c.year = ${year} ${titleOnly(title)}`,
    commune,
  );
}

/** A query of (unit_id, title, total): today's totals (tổng số) per bucket and title, as levelCounters (0052). */
export function levelTotals(buckets: LevelBucket[], title?: Title, commune?: number): RawBuilder<unknown> {
  return byLevel(
    buckets,
    { province: "title_province_totals", commune: "title_commune_totals", unit: "title_totals" },
    sql`sum(c.total)::int AS total`,
    titleOnly(title),
    commune,
  );
}

/** The nation's counters per year and title for a range of years: the sum of the national stripes. */
export function nationCounters(fromYear: number, toYear: number, title?: Title): RawBuilder<unknown> {
  return sql`SELECT c.year::int AS year, c.title, ${sums} FROM title_nation_counters c
    WHERE c.year BETWEEN ${fromYear} AND ${toYear} ${titleOnly(title)}
    GROUP BY c.year, c.title`;
}

/** The nation's totals (tổng số) per title: the sum of the national stripes. */
export function nationTotals(title?: Title): RawBuilder<unknown> {
  return sql`SELECT c.title, sum(c.total)::int AS total FROM title_nation_totals c WHERE true ${titleOnly(title)}
    GROUP BY c.title`;
}

export type LevelDifference = {
  unit_id: number;
  unit_name: string | null;
  year: number | null;
  title: string;
  measure: string;
  stored: string;
  expected: string;
};

/**
 * Where the levels disagree: a commune's row against its village rows (with a commune), or every province's and the
 * nation's stripes against the commune rows (without).
 */
export async function levelDifferences(db: Db, communeId: number | null, year: number | null) {
  const { rows } = await sql<LevelDifference>`SELECT d.unit_id, d.year, d.title, d.measure,
      d.stored::text AS stored, d.expected::text AS expected, u.name AS unit_name
    FROM hieuhoc_title_level_differences(${communeId}::bigint, ${year}::smallint) d
    LEFT JOIN admin_units u ON u.id = d.unit_id`.execute(db);
  return rows;
}

/** Rewrites the province and nation rows (of a year, or all) from the commune rows: the end of a rebuild. */
export async function rebuildUpperLevels(tx: Db, year: number | null) {
  await sql`SELECT hieuhoc_rebuild_title_upper_levels(${year}::smallint)`.execute(tx);
}
