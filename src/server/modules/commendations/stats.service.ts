/**
 * The commendations' figures (issue 10, point 7) from their counters (migration 0033): a unit's commendations of a
 * year in all, by recipient, by form and by level, with a row per child; the series over the years; and the
 * figures of GET /commendations/stats (the commendations page). Only counter rows are read, never the register: a
 * unit reads the rows of the communes of its subtree (a few per commune and year), the nation the same rows.
 *
 * Units, as the Hội's and the funds' figures: a commendation is kept by a commune. A child row shows the communes of
 * its subtree, plus those of a unit that ended and passed whole to it (a `full` succession: a 2024 ward merged into
 * a 2025 ward counts in that ward's row of its province); what belongs to no child in force (an old commune split
 * in parts, an old province's communes at the nation's level without a `full` succession) is in the unit's own row,
 * so the rows always add up to the unit's figure.
 */
import { sql } from "kysely";
import {
  addCount,
  type CommendationCounts,
  type CommendationRollup,
  type CommendationSeries,
  commendationFiguresOf,
} from "../../../shared/commendation-stats";
import type { CommendationStats } from "../../../shared/commendations";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { figuresDate, heirsOf, zoneOf } from "../stats/zone";

type CounterRow = { bucket: string; year: number; metric: string; value: number };

type Zone = { id: number; level: string } | null;

/**
 * The counter rows of the years `from`–`to` in the zone (the nation when null), grouped by bucket (a child in
 * `childIds`, the child that took its commune over whole, or "own"), year and metric. `across`: the zone also holds
 * the units that passed whole to it (its `full` predecessors, transitively, and their subtrees), so that a 2025
 * unit's figures run through the reform; without it, the unit's own subtree only.
 */
async function counterRows(
  tx: Db,
  zone: Zone,
  childIds: number[],
  years: { from: number; to: number },
  across: boolean,
): Promise<CounterRow[]> {
  const { rows } = await sql<Omit<CounterRow, "bucket"> & { bucket: number | string | null }>`
    WITH RECURSIVE roots (id) AS (
      SELECT ${zone?.id ?? null}::bigint
      UNION SELECT s.predecessor_id FROM unit_successions s JOIN roots r ON s.successor_id = r.id
      WHERE ${across} AND s.coverage = 'full'
    ), child_of AS (
      SELECT cp.descendant_id AS unit_id, min(cp.ancestor_id) AS child FROM admin_unit_paths cp
      WHERE cp.ancestor_id = ANY (${childIds}::bigint[]) GROUP BY 1
    ), ${heirsOf(childIds)}
    SELECT coalesce(c.child, h.child) AS bucket, a.year::int AS year, a.metric, sum(a.value)::int AS value
    FROM commendation_counters a LEFT JOIN child_of c ON c.unit_id = a.commune_id
      LEFT JOIN heir_of h ON h.unit_id = a.commune_id
    WHERE ${
      zone === null
        ? sql`TRUE`
        : zone.level === "province"
          ? sql`a.province_id IN (SELECT id FROM roots)`
          : zone.level === "commune" && !across
            ? // A commune's own rows alone (one shard; docs/SCALE-OUT.md): its subtree's counters are all its own.
              sql`a.commune_id = ${zone.id}`
            : sql`a.commune_id IN (SELECT p.descendant_id FROM admin_unit_paths p JOIN roots r ON p.ancestor_id = r.id)`
    } AND a.year BETWEEN ${years.from} AND ${years.to}
    GROUP BY 1, 2, 3`.execute(tx);
  return rows.map((r) => ({ ...r, bucket: r.bucket === null ? "own" : String(r.bucket) }));
}

/** A unit's commendations of a year and its children's (the nation's provinces when unitId is absent). */
export async function commendationRollup(
  db: Db,
  actor: Actor,
  options: { unitId?: number; year: number },
  across = true,
): Promise<CommendationRollup> {
  return asActor(db, actor, async (tx) => {
    const zone = await zoneOf(tx, actor, options.unitId, figuresDate(options.year));
    // Commendations are kept by communes: a commune's villages have none.
    const children = zone.unit.level === "commune" ? [] : zone.children;
    const rows = await counterRows(
      tx,
      options.unitId === undefined ? null : zone.unit,
      children.map((c) => c.id),
      { from: options.year, to: options.year },
      across,
    );
    const byBucket = new Map<string, CommendationCounts>();
    const total: CommendationCounts = new Map();
    for (const row of rows) {
      const counts = byBucket.get(row.bucket) ?? new Map();
      addCount(counts, row.metric, row.value);
      byBucket.set(row.bucket, counts);
      addCount(total, row.metric, row.value);
    }
    // The unit's own row: what is in no child (none for a commune, whose figures are all its own).
    const own = zone.unit.level === "commune" ? undefined : byBucket.get("own");
    return {
      unit: zone.unit,
      year: options.year,
      figures: commendationFiguresOf(total),
      children: children.map((child) => ({
        unit: child,
        figures: commendationFiguresOf(byBucket.get(String(child.id)) ?? new Map()),
      })),
      own: own && [...own.values()].some((v) => v !== 0) ? commendationFiguresOf(own) : null,
    };
  });
}

/** A unit's (or the nation's) commendations year by year, from `from` to `to`. */
export async function commendationSeries(
  db: Db,
  actor: Actor,
  options: { unitId?: number; from: number; to: number },
): Promise<CommendationSeries> {
  return asActor(db, actor, async (tx) => {
    const { unit } = await zoneOf(tx, actor, options.unitId, figuresDate(options.to));
    const rows = await counterRows(tx, options.unitId === undefined ? null : unit, [], options, true);
    const byYear = new Map<number, CommendationCounts>();
    for (const row of rows) {
      const counts = byYear.get(row.year) ?? new Map();
      addCount(counts, row.metric, row.value);
      byYear.set(row.year, counts);
    }
    const points = [];
    for (let year = options.from; year <= options.to; year++)
      points.push({ year, figures: commendationFiguresOf(byYear.get(year) ?? new Map()) });
    return { unit, points };
  });
}

/**
 * GET /commendations/stats: a unit's commendations of a year, by form and by level: its subtree only, as the
 * register's list beside it on the page (no predecessor's records).
 */
export async function commendationStats(
  db: Db,
  actor: Actor,
  unitId: number,
  year: number,
): Promise<CommendationStats> {
  const { figures } = await commendationRollup(db, actor, { unitId, year }, false);
  return { unitId, year, ...figures };
}
