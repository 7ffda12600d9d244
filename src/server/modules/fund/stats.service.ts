/**
 * The learning-promotion funds' figures (issue 9, point 8) from the fund counters (migration 0023): money raised
 * and disbursed in a year, the scholarships paid to pupils, the balance at the end of the year, in total and by
 * the kind of the fund's keeper, for a unit and its children; the funds the unit keeps itself; and the series over
 * the years. Only counter rows are read, never the ledger: a unit reads the per-commune rows of its subtree (a few
 * per commune, year and keeper's kind), the nation the same rows grouped by province, a unit's own funds the
 * per-fund rows.
 *
 * Units: a fund belongs to a commune, or to a province for a provincial fund. A child row shows the funds of its
 * subtree, plus those of a commune that ended and passed whole to it (a `full` succession); what belongs to no
 * child in force (a province's own funds, a commune split in parts) is in the unit's own row, so the rows always
 * add up to the unit's figure.
 */
import { sql } from "kysely";
import {
  addFundFigures,
  type FundAmounts,
  type FundFigures,
  type FundOwnerKind,
  type FundRollup,
  type FundSeriesPoint,
  fundFiguresAreZero,
  zeroFundAmounts,
  zeroFundFigures,
} from "../../../shared/fund-stats";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { StatsUnit } from "../stats/stats.service";
import { figuresDate, foldSection, heirsOf, zoneOf } from "../stats/zone";
import { today } from "../territory/dates";

export type { FundRollup, FundSeriesPoint };

type Flow = { metric: string; year: number; amount: string; count: number };
type BucketFlow = Flow & { bucket: string; owner_kind: FundOwnerKind };

const plus = (a: string, b: string) => String(BigInt(a) + BigInt(b));

/** Adds one counter row's contribution to the figures of `year`: a flow of that year, or the balance up to it. */
function addFlow(into: FundAmounts, row: Flow, year: number) {
  if (row.year > year) return;
  if (row.metric === "assets") into.balance = plus(into.balance, row.amount);
  if (row.year !== year) return;
  if (row.metric === "raised") into.raised = plus(into.raised, row.amount);
  else if (row.metric === "raised_in_kind") into.raisedInKind = plus(into.raisedInKind, row.amount);
  else if (row.metric === "disbursed") into.disbursed = plus(into.disbursed, row.amount);
  else if (row.metric === "scholarships") {
    into.scholarshipAmount = plus(into.scholarshipAmount, row.amount);
    into.scholarships += Number(row.count);
  }
}

function addBucketFlow(into: FundFigures, row: BucketFlow, year: number) {
  addFlow(into, row, year);
  addFlow(into.byOwnerKind[row.owner_kind], row, year);
}

/**
 * The per-commune counter rows up to `toYear`, grouped by bucket (a child in `childIds`, or "own" for the rest of
 * the zone), keeper's kind, metric and year. The nation (zone null) groups them by province.
 */
async function flows(tx: Db, zone: { id: number; level: string } | null, childIds: number[], toYear: number) {
  type Row = Omit<BucketFlow, "bucket"> & { bucket: number | string | null };
  const { rows } = await (zone === null
    ? sql<Row>`
      SELECT a.province_id AS bucket, a.owner_kind, a.metric, a.year::int AS year, sum(a.amount)::text AS amount,
        sum(a.count)::int AS count
      FROM fund_commune_counters a WHERE a.year <= ${toYear}
      GROUP BY 1, 2, 3, 4`
    : sql<Row>`
      WITH child_of AS (
        SELECT cp.descendant_id AS unit_id, min(cp.ancestor_id) AS child FROM admin_unit_paths cp
        WHERE cp.ancestor_id = ANY (${childIds}::bigint[]) GROUP BY 1
      ), ${heirsOf(childIds)}
      SELECT coalesce(c.child, h.child) AS bucket, a.owner_kind, a.metric, a.year::int AS year,
        sum(a.amount)::text AS amount, sum(a.count)::int AS count
      FROM fund_commune_counters a LEFT JOIN child_of c ON c.unit_id = a.commune_id
        LEFT JOIN heir_of h ON h.unit_id = a.commune_id
      WHERE ${
        zone.level === "province"
          ? sql`a.province_id = ${zone.id}`
          : sql`a.commune_id IN (SELECT p.descendant_id FROM admin_unit_paths p WHERE p.ancestor_id = ${zone.id})`
      } AND a.year <= ${toYear}
      GROUP BY 1, 2, 3, 4`
  ).execute(tx);
  return rows.map((r) => ({ ...r, bucket: r.bucket === null ? "own" : String(r.bucket) }));
}

/** The funds a unit keeps itself (a commune's, a province's own), with their figures of `year`. */
async function ownFunds(tx: Db, unitId: number, year: number): Promise<FundRollup["funds"]> {
  const { rows } = await sql<{
    id: number;
    name: string;
    owner_kind: FundOwnerKind;
    owner_name: string;
    metric: string | null;
    year: number | null;
    amount: string | null;
    count: number | null;
  }>`
    SELECT f.id, f.name, f.owner_kind, f.owner_name, c.metric, c.year::int AS year, c.amount::text AS amount,
      c.count
    FROM funds f LEFT JOIN fund_counters c ON c.commune_id = f.commune_id AND c.fund_id = f.id AND c.year <= ${year}
    WHERE f.commune_id = ${unitId}
    ORDER BY f.name, f.id`.execute(tx);
  const funds = new Map<number, FundRollup["funds"][number] & { counted: boolean }>();
  for (const row of rows) {
    const id = Number(row.id);
    const entry = funds.get(id) ?? {
      fund: { id, name: row.name, ownerKind: row.owner_kind, ownerName: row.owner_name },
      figures: zeroFundAmounts(),
      counted: false,
    };
    if (row.metric !== null) {
      addFlow(
        entry.figures,
        { metric: row.metric, year: Number(row.year), amount: row.amount!, count: Number(row.count) },
        year,
      );
      entry.counted = true;
    }
    funds.set(id, entry);
  }
  // A fund with nothing posted up to the year is listed for the current year only (a fund just opened).
  const current = year >= Number(today().slice(0, 4));
  return [...funds.values()]
    .filter((f) => f.counted || current)
    .map(({ fund, figures }) => ({ fund, figures }));
}

/** A unit's fund figures in a year and its children's (the nation's provinces when unitId is absent). */
export async function fundRollup(
  db: Db,
  actor: Actor,
  options: { unitId?: number; year: number },
): Promise<FundRollup> {
  const date = figuresDate(options.year);
  return asActor(db, actor, async (tx) => {
    const zone = await zoneOf(tx, actor, options.unitId, date);
    const nation = options.unitId === undefined;
    // Funds are kept by communes and provinces: a commune's villages have none, its funds are listed instead.
    const commune = zone.unit.level === "commune";
    const children = commune ? [] : zone.children;
    const rows = await flows(
      tx,
      nation ? null : zone.unit,
      children.map((c) => c.id),
      options.year,
    );
    const fold = foldSection(rows, children, {
      zero: zeroFundFigures,
      addRow: (into, row) => addBucketFlow(into, row, options.year),
      add: addFundFigures,
      isZero: fundFiguresAreZero,
    });
    return {
      unit: zone.unit,
      year: options.year,
      date,
      figures: fold.total,
      children: fold.children,
      own: commune ? null : fold.own,
      funds: nation ? [] : await ownFunds(tx, zone.unit.id, options.year),
    };
  });
}

/** A unit's (or the nation's) fund figures at the end of each year from `from` to `to`. */
export async function fundSeries(
  db: Db,
  actor: Actor,
  options: { unitId?: number; from: number; to: number },
): Promise<{ unit: StatsUnit; points: FundSeriesPoint[] }> {
  return asActor(db, actor, async (tx) => {
    const { unit } = await zoneOf(tx, actor, options.unitId, figuresDate(options.to));
    const rows = await flows(tx, options.unitId === undefined ? null : unit, [], options.to);
    const points: FundSeriesPoint[] = [];
    for (let year = options.from; year <= options.to; year++) {
      const figures = zeroFundFigures();
      for (const row of rows) addBucketFlow(figures, row, year);
      points.push({ year, date: figuresDate(year), figures });
    }
    return { unit, points };
  });
}
