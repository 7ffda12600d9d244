/**
 * The title counters at every level (migration 0051): which rows a roll-up reads for a unit, by its level. A
 * province reads its striped province rows, a commune its commune row, a village its own row, the nation its
 * striped national rows; only a district (a pre-2025 level) still sums its villages through the closure table. Every
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

/**
 * A query of (unit_id, title, the seven counter sums) for one year: one row per bucket and title, each bucket summed
 * over its subtree from the coarsest level that holds it.
 */
export function levelCounters(buckets: LevelBucket[], year: number, title?: Title): RawBuilder<unknown> {
  const ids = (levels: string[]) => buckets.filter((b) => levels.includes(b.level)).map((b) => b.id);
  const titleFilter = title ? sql`AND c.title = ${title}` : sql``;
  const parts: RawBuilder<unknown>[] = [];
  const byLevel: [string[], RawBuilder<unknown>, RawBuilder<unknown>][] = [
    [["province"], sql`c.province_id`, sql`title_province_counters c WHERE c.province_id`],
    [["commune"], sql`c.commune_id`, sql`title_commune_counters c WHERE c.commune_id`],
    [["village"], sql`c.unit_id`, sql`title_counters c WHERE c.unit_id`],
  ];
  for (const [levels, key, from] of byLevel) {
    const chosen = ids(levels);
    if (chosen.length > 0)
      parts.push(sql`SELECT ${key} AS unit_id, c.title, ${sums} FROM ${from} = ANY (${chosen}::bigint[])
        AND c.year = ${year} ${titleFilter} GROUP BY 1, 2`);
  }
  const other = buckets.filter((b) => !["province", "commune", "village"].includes(b.level)).map((b) => b.id);
  if (other.length > 0)
    parts.push(sql`SELECT p.ancestor_id AS unit_id, c.title, ${sums}
      FROM admin_unit_paths p JOIN title_counters c ON c.unit_id = p.descendant_id
      WHERE p.ancestor_id = ANY (${other}::bigint[]) AND c.year = ${year} ${titleFilter} GROUP BY 1, 2`);
  if (parts.length === 0)
    return sql`SELECT NULL::bigint AS unit_id, NULL::text AS title, ${sums} FROM title_nation_counters c WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}

/** The nation's counters per year and title for a range of years: the sum of the national stripes. */
export function nationCounters(fromYear: number, toYear: number, title?: Title): RawBuilder<unknown> {
  return sql`SELECT c.year::int AS year, c.title, ${sums} FROM title_nation_counters c
    WHERE c.year BETWEEN ${fromYear} AND ${toYear} ${title ? sql`AND c.title = ${title}` : sql``}
    GROUP BY c.year, c.title`;
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
