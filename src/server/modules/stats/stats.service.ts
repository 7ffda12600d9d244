/**
 * Roll-ups of the learning titles from the counters (migration 0003): a unit's figures and a table of its
 * children, each summed over its subtree, so a province costs a few hundred counter rows whatever the number of
 * households. Verification and rebuild recount from the registries.
 */
import { sql } from "kysely";
import { type Title, titleLabels } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { readTogether } from "../../db/together";
import { notFound } from "../../errors";
import { addDays, today } from "../territory/dates";
import { readableUnitRow } from "../territory/territory.repo";
import { type FrozenState, frozenStates, frozenTotalDeltas } from "./frozen-totals";
import { type Boundaries, boundaryCounts } from "./history.service";
import {
  type LevelDifference,
  levelDifferences,
  nationCounters,
  nationTotals,
  rebuildUpperLevels,
} from "./levels";
import { type CounterColumns, type Counts, countsOfRow, type Figures, figures, zeroCounts } from "./metrics";
import type { TargetProgress } from "./target-progress";

export type StatsUnit = { id: number; code: string; name: string; level: string; kind: string };

/** Set when figures were mapped across a boundary change by an equal split (history.service.ts). */
export type Estimate = { estimated?: boolean; estimateNote?: string };

export type TitleRollup = {
  title: Title;
  label: string;
  totalDefinition: string;
  figures: Figures;
  children: ({ unit: StatsUnit; figures: Figures } & Estimate)[];
  /** The sum of the children's rows (the total row of the table). */
  childrenTotal: Figures;
  /** Progress against the targets that apply to the unit for the year (target-progress.ts). */
  targets: TargetProgress[];
} & Estimate;

export type Rollup = {
  unit: StatsUnit;
  year: number;
  date: string;
  boundaries: Boundaries;
  titles: TitleRollup[];
} & FrozenState;

export const estimate = (notes: Set<string>): Estimate =>
  notes.size > 0 ? { estimated: true, estimateNote: [...notes].join("; ") } : {};

export type CountRow = CounterColumns & { unit_id: number; title: Title };

export const unitColumns = ["u.id", "u.code", "u.name", "u.level", "u.kind"] as const;

/** The whole country: the roll-up asked without a unit (system administrators only); its children are provinces. */
export const NATION: StatsUnit = { id: 0, code: "VN", name: "Toàn quốc", level: "country", kind: "Quốc gia" };

/**
 * The national figures for a range of years: every counter of every unit, old or new, so the nation is exact
 * whatever the boundaries (nothing is split at this level). `get(year, title)`.
 */
async function nationalCounts(tx: Db, fromYear: number, toYear: number, title?: Title) {
  const { totals, counters } = await readTogether(tx, nationalCountsReads(fromYear, toYear, title));
  return nationalCountsOf(totals, counters);
}

/** The reads of `nationalCounts`, for a caller that sends them with others (db/together.ts). */
export function nationalCountsReads(fromYear: number, toYear: number, title?: Title) {
  return {
    totals: sql<{ title: Title; total: number }>`${nationTotals(title)}`,
    // With each year's correction of the totals for the communes that closed it (frozen-totals.ts).
    counters: sql<CountRow & { year: number }>`
    WITH c AS (${nationCounters(fromYear, toYear, title)}), f AS (
      SELECT f.year, f.title, sum(f.total)::int AS total FROM ${frozenTotalDeltas(fromYear, toYear, title)} f
      GROUP BY 1, 2
    )
    SELECT coalesce(c.year, f.year) AS year, coalesce(c.title, f.title) AS title, coalesce(f.total, 0) AS total,
      coalesce(c.registered, 0) AS registered, coalesce(c.recognized, 0) AS recognized,
      coalesce(c.recognized_good, 0) AS recognized_good, coalesce(c.recognized_fair, 0) AS recognized_fair,
      coalesce(c.recognized_average, 0) AS recognized_average, coalesce(c.level1, 0) AS level1,
      coalesce(c.level2, 0) AS level2
    FROM c FULL JOIN f ON f.year = c.year AND f.title = c.title`,
  };
}

/** The rows of `nationalCountsReads` read per year and title: `get(year, title)`. */
export function nationalCountsOf(
  totals: { title: Title; total: number }[],
  counters: (CountRow & { year: number })[],
) {
  const totalOf = new Map(totals.map((r) => [r.title, Number(r.total)]));
  const byKey = new Map(counters.map((r) => [`${r.year}:${r.title}`, r]));
  return (year: number, t: Title): Counts => {
    const row = byKey.get(`${year}:${t}`);
    const counts = row ? countsOfRow(row) : zeroCounts();
    return { ...counts, total: (totalOf.get(t) ?? 0) + counts.total };
  };
}

/** Refuses the national figures to anyone but a system administrator (JIT is off for the transaction: asActor). */
function nationalScope(actor: Actor) {
  if (!actor.global)
    throw notFound(
      "Số liệu toàn quốc chỉ dành cho quản trị hệ thống: chọn một tỉnh hoặc xã trong phạm vi của bạn",
    );
}

export type SeriesPoint = { year: number; figures: Figures } & {
  estimated: boolean;
  estimateNote?: string;
} & Pick<FrozenState, "totalsFrozenAt">;

/**
 * One unit's figures for a title over the years, in the unit's own boundaries (as in force today, or on its last
 * day for a unit that has ended): years recorded on its predecessors are mapped onto it (boundaries=current), so
 * a 2025 ward's series runs on through the reform.
 */
export async function series(
  db: Db,
  actor: Actor,
  options: { unitId?: number; title: Title; from: number; to: number },
): Promise<{ unit: StatsUnit; title: Title; label: string; date: string; points: SeriesPoint[] }> {
  return asActor(db, actor, async (tx) => {
    if (options.unitId === undefined) {
      nationalScope(actor);
      const nation = await nationalCounts(tx, options.from, options.to, options.title);
      const frozen = await frozenStates(tx, null, options.from, options.to, today());
      const points: SeriesPoint[] = [];
      for (let year = options.from; year <= options.to; year++)
        points.push({
          year,
          figures: figures(nation(year, options.title), options.title),
          estimated: false,
          totalsFrozenAt: frozen(year).totalsFrozenAt,
        });
      return { unit: NATION, title: options.title, label: titleLabels[options.title], date: today(), points };
    }
    const unit = await readableUnitRow(tx, actor, options.unitId);
    const now = today();
    const date =
      unit.valid_to !== null && unit.valid_to <= now
        ? addDays(unit.valid_to, -1)
        : unit.valid_from !== null && unit.valid_from > now
          ? unit.valid_from
          : now;
    const mapped = await boundaryCounts(tx, {
      zoneId: unit.id,
      bucketIds: [unit.id],
      date,
      fromYear: options.from,
      toYear: options.to,
      title: options.title,
    });
    const frozen = await frozenStates(tx, unit.id, options.from, options.to, date);
    const points: SeriesPoint[] = [];
    for (let year = options.from; year <= options.to; year++) {
      const c = mapped.get(unit.id, year, options.title);
      points.push({
        year,
        figures: figures(c.counts, options.title),
        estimated: c.notes.size > 0,
        ...estimate(c.notes),
        totalsFrozenAt: frozen(year).totalsFrozenAt,
      });
    }
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level, kind: unit.kind },
      title: options.title,
      label: titleLabels[options.title],
      date,
      points,
    };
  });
}

export type CounterDifference = {
  communeId: number;
  communeCode: string;
  unitId: number;
  unitName: string;
  year: number | null;
  title: string;
  measure: string;
  /** Exact integers as digits: a fund counter holds đồng (bigint). */
  stored: string;
  expected: string;
};

/** Communes (or, with `level`, provinces) to check: those under or equal to the units with this code, or all. */
async function communesFor(db: Db, unitCode?: string, level: "commune" | "province" = "commune") {
  let query = db
    .selectFrom("admin_units as c")
    .select(["c.id", "c.code"])
    .where("c.level", "=", level)
    .orderBy("c.code")
    .orderBy("c.id");
  if (unitCode)
    query = query.where(
      "c.id",
      "in",
      db
        .selectFrom("admin_unit_paths as p")
        .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
        .select("p.descendant_id")
        .where("a.code", "=", unitCode)
        .where("a.level", "<>", "village"),
    );
  return query.execute();
}

/**
 * Differences between the stored counters and a full recount from the registries and the fund ledgers (empty when
 * they agree): every commune's titles, Hội, funds and commendations, and the provinces' own funds.
 */
export async function verifyCounters(
  db: Db,
  options: { unitCode?: string; year?: number } = {},
): Promise<{ communes: number; differences: CounterDifference[] }> {
  const communes = await communesFor(db, options.unitCode);
  const provinces = await communesFor(db, options.unitCode, "province");
  const year = options.year ?? null;
  const differences: CounterDifference[] = [];
  const check = async (commune: { id: number; code: string }, level: "commune" | "province") => {
    const { rows } =
      await sql<LevelDifference>`SELECT d.unit_id, d.year, d.title, d.measure, d.stored::text AS stored, d.expected::text AS expected,
        u.name AS unit_name
      FROM (${
        level === "commune"
          ? sql`SELECT * FROM hieuhoc_counter_differences(${commune.id}, ${year}::smallint)
        UNION ALL SELECT * FROM hieuhoc_association_differences(${commune.id}, ${year}::smallint)
        UNION ALL SELECT * FROM hieuhoc_centre_differences(${commune.id}, ${year}::smallint)
        UNION ALL SELECT * FROM hieuhoc_commendation_differences(${commune.id}, ${year}::smallint)
        UNION ALL SELECT * FROM hieuhoc_title_level_differences(${commune.id}, ${year}::smallint)
        UNION ALL `
          : sql``
      }SELECT * FROM hieuhoc_fund_differences(${commune.id}, ${year}::smallint)
      ) d LEFT JOIN admin_units u ON u.id = d.unit_id`.execute(db);
    for (const row of rows)
      differences.push({
        communeId: commune.id,
        communeCode: commune.code,
        unitId: Number(row.unit_id),
        unitName: row.unit_name ?? "",
        year: row.year,
        title: row.title,
        measure: row.measure,
        stored: row.stored,
        expected: row.expected,
      });
  };
  for (const commune of communes) await check(commune, "commune");
  for (const province of provinces) await check(province, "province");
  // The province and nation rows against the commune rows: one check of the whole country, whatever the unit.
  for (const row of await levelDifferences(db, null, year))
    differences.push({
      communeId: 0,
      communeCode: "",
      unitId: Number(row.unit_id),
      unitName: row.unit_name ?? NATION.name,
      year: row.year,
      title: row.title,
      measure: row.measure,
      stored: row.stored,
      expected: row.expected,
    });
  return { communes: communes.length, differences };
}

/**
 * Recomputes the counters (of a year, or all years) of the communes under a unit, or of every commune, and the
 * provinces' own funds.
 */
export async function rebuildCounters(
  db: Db,
  options: { unitCode?: string; year?: number } = {},
): Promise<{ communes: number }> {
  const communes = await communesFor(db, options.unitCode);
  const provinces = await communesFor(db, options.unitCode, "province");
  await db.transaction().execute(async (tx) => {
    for (const commune of communes)
      await sql`SELECT hieuhoc_recount_commune(${commune.id}, ${options.year ?? null}::smallint)`.execute(tx);
    for (const province of provinces) await sql`SELECT hieuhoc_recount_fund(${province.id})`.execute(tx);
    await rebuildUpperLevels(tx, options.year ?? null);
  });
  return { communes: communes.length };
}

/** Reads a unit by code for the command line (prefers the unit in force; villages are not addressed by code). */
export async function unitByCode(db: Db, code: string) {
  return db
    .selectFrom("admin_units as u")
    .select(unitColumns)
    .where("u.code", "=", code)
    .where("u.level", "<>", "village")
    .orderBy(sql`u.valid_to IS NULL`, "desc")
    .orderBy("u.valid_from", "desc")
    .executeTakeFirst();
}
