/**
 * The learning centres' figures (issue 10, point 7) from the centre counters (migration 0028): centres active, the
 * year's activities by kind and topic, sessions, lượt người, women, minorities, elderly, named learners, the approved
 * plans' planned counts and expected participants and the survey answers (migration 0035), for a
 * unit and its children, and the series over the years. Only counter rows are read (a few per commune and year):
 * a unit reads the rows of the communes of its subtree, the nation the same rows grouped by province.
 *
 * Units: a counter stays on the commune of the centre. A child row shows its subtree plus the communes that ended
 * and passed whole to it (a `full` succession, e.g. the wards merged in July 2025); what belongs to no child in
 * force (a commune split in parts) is the unit's own row, so the rows always add up to the unit's figure. The
 * communes taken over whole count in their heir even when they belonged to a province of before the reform (old
 * Hà Nội is not the Hà Nội in force).
 */
import { sql } from "kysely";
import {
  type ActivityKind,
  addCentreCounts,
  type CentreCounts,
  type CentreRollup,
  type CentreSeriesPoint,
  centreCountsAreZero,
  zeroCentreCounts,
} from "../../../shared/centre-stats";
import type { Topic } from "../../../shared/registry/kinds/topics";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { StatsUnit } from "../stats/stats.service";
import { figuresDate, foldSection, heirsOf, zoneOf } from "../stats/zone";

type Flow = { bucket: string; metric: string; year: number; value: number };
const flowKeys = ["sessions", "attendees", "women", "minorities", "elderly", "learners", "minutes"] as const;
/** The counters of the plans and surveys (migration 0035) by metric. */
const planKeys = {
  planned: "planned",
  planned_participants: "plannedParticipants",
  survey_responses: "surveyResponses",
} as const;

/** Adds one counter row to the figures of `year`: a flow of that year, or the centres up to it. */
function addFlow(into: CentreCounts, row: Flow, year: number) {
  if (row.year > year) return;
  const value = Number(row.value);
  if (row.metric === "centres") into.centres += value;
  if (row.year !== year) return;
  if (row.metric === "activities") into.activities += value;
  else if (row.metric.startsWith("kind:")) into.byKind[row.metric.slice(5) as ActivityKind] += value;
  else if (row.metric.startsWith("topic:")) into.byTopic[row.metric.slice(6) as Topic] += value;
  else if ((flowKeys as readonly string[]).includes(row.metric))
    into[row.metric as (typeof flowKeys)[number]] += value;
  else if (row.metric in planKeys) into[planKeys[row.metric as keyof typeof planKeys]] += value;
}

/** The counter rows up to `toYear` by bucket (a child in `childIds`, or "own"), metric and year. */
async function flows(tx: Db, zone: { id: number; level: string } | null, childIds: number[], toYear: number) {
  type Row = Omit<Flow, "bucket"> & { bucket: number | string | null };
  const { rows } = await (zone === null
    ? sql<Row>`
      SELECT a.province_id AS bucket, a.metric, a.year::int AS year, sum(a.value)::bigint AS value
      FROM centre_counters a WHERE a.year <= ${toYear}
      GROUP BY 1, 2, 3`
    : sql<Row>`
      WITH child_of AS (
        SELECT cp.descendant_id AS unit_id, min(cp.ancestor_id) AS child FROM admin_unit_paths cp
        WHERE cp.ancestor_id = ANY (${childIds}::bigint[]) GROUP BY 1
      ), ${heirsOf(childIds)}
      SELECT coalesce(c.child, h.child) AS bucket, a.metric, a.year::int AS year, sum(a.value)::bigint AS value
      FROM ( -- two index scans: an OR of the two sets read the whole table (bench/centres: a commune 80 ms)
        SELECT * FROM centre_counters a WHERE ${
          zone.level === "province"
            ? sql`a.province_id = ${zone.id}`
            : sql`a.commune_id IN (SELECT p.descendant_id FROM admin_unit_paths p WHERE p.ancestor_id = ${zone.id})`
        } AND a.year <= ${toYear}
        UNION
        SELECT * FROM centre_counters a WHERE a.commune_id IN (SELECT unit_id FROM heir_of) AND a.year <= ${toYear}
      ) a LEFT JOIN child_of c ON c.unit_id = a.commune_id LEFT JOIN heir_of h ON h.unit_id = a.commune_id
      GROUP BY 1, 2, 3`
  ).execute(tx);
  return rows.map((r) => ({ ...r, bucket: r.bucket === null ? "own" : String(r.bucket) }));
}

/** A unit's centre figures in a year and its children's (the nation's provinces when unitId is absent). */
export async function centreRollup(
  db: Db,
  actor: Actor,
  options: { unitId?: number; year: number },
): Promise<CentreRollup> {
  const date = figuresDate(options.year);
  return asActor(db, actor, async (tx) => {
    const zone = await zoneOf(tx, actor, options.unitId, date);
    const nation = options.unitId === undefined;
    // Centres belong to communes: a commune's villages have none.
    const children = zone.unit.level === "commune" ? [] : zone.children;
    const rows = await flows(
      tx,
      nation ? null : zone.unit,
      children.map((c) => c.id),
      options.year,
    );
    const fold = foldSection(rows, children, {
      zero: zeroCentreCounts,
      addRow: (into, row) => addFlow(into, row, options.year),
      add: addCentreCounts,
      isZero: centreCountsAreZero,
    });
    return {
      unit: zone.unit,
      year: options.year,
      date,
      figures: fold.total,
      children: fold.children,
      own: children.length === 0 ? null : fold.own,
    };
  });
}

/** A unit's (or the nation's) centre figures for each year from `from` to `to`. */
export async function centreSeries(
  db: Db,
  actor: Actor,
  options: { unitId?: number; from: number; to: number },
): Promise<{ unit: StatsUnit; points: CentreSeriesPoint[] }> {
  return asActor(db, actor, async (tx) => {
    const { unit } = await zoneOf(tx, actor, options.unitId, figuresDate(options.to));
    const rows = await flows(tx, options.unitId === undefined ? null : unit, [], options.to);
    const points: CentreSeriesPoint[] = [];
    for (let year = options.from; year <= options.to; year++) {
      const figures = zeroCentreCounts();
      for (const row of rows) addFlow(figures, row, year);
      points.push({ year, date: figuresDate(year), figures });
    }
    return { unit, points };
  });
}
