/**
 * Roll-ups of the learning titles from the counters (migration 0003): a unit's figures and a table of its
 * children, each summed over its subtree, so a province costs a few hundred counter rows whatever the number of
 * households. Verification and rebuild recount from the registries.
 */
import { type RawBuilder, sql } from "kysely";
import { isRecognitionTitle, type Title, titleLabels, titles } from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { addDays, today } from "../territory/dates";
import { canOnUnit, inForce } from "../territory/territory.repo";
import { type FrozenState, frozenStates, frozenTotalDeltas } from "./frozen-totals";
import { type Boundaries, boundaryCounts } from "./history.service";
import {
  type LevelBucket,
  type LevelDifference,
  levelCounters,
  levelDifferences,
  levelTotals,
  nationCounters,
  nationTotals,
  rebuildUpperLevels,
} from "./levels";
import {
  addCounts,
  type CounterColumns,
  type Counts,
  countsOfRow,
  type Figures,
  figures,
  totalDefinitions,
  zeroCounts,
} from "./metrics";
import { progressFor, type TargetProgress } from "./targets.service";

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
  /** Progress against the targets that apply to the unit for the year (targets.service.ts). */
  targets: TargetProgress[];
} & Estimate;

export type Rollup = {
  unit: StatsUnit;
  year: number;
  date: string;
  boundaries: Boundaries;
  titles: TitleRollup[];
} & FrozenState;

const estimate = (notes: Set<string>): Estimate =>
  notes.size > 0 ? { estimated: true, estimateNote: [...notes].join("; ") } : {};

type CountRow = CounterColumns & { unit_id: number; title: Title };

/**
 * Counts per (ancestor unit, title), each summed over the ancestor's subtree, for one year. The counters and today's
 * totals come from the coarsest level that holds each unit (levels.ts: a province's or a commune's own rows). The
 * frozen totals' corrections of provinces (the nation's children) are summed by their own province_id instead of
 * through the closure table: the same rows (a total's province is the province above its unit).
 */
async function subtreeCounts(
  tx: Db,
  buckets: LevelBucket[],
  year: number,
  title?: Title,
  by: "subtree" | "province" = "subtree",
) {
  const unitIds = buckets.map((b) => b.id);
  const source = (from: RawBuilder<unknown>, alias: string) =>
    by === "province"
      ? sql`${from} ${sql.raw(alias)} WHERE ${sql.ref(`${alias}.province_id`)} = ANY (${unitIds}::bigint[])`
      : sql`admin_unit_paths p JOIN ${from} ${sql.raw(alias)} ON ${sql.ref(`${alias}.unit_id`)} = p.descendant_id
      WHERE p.ancestor_id = ANY (${unitIds}::bigint[])`;
  const group = (alias: string) => (by === "province" ? sql.ref(`${alias}.province_id`) : sql`p.ancestor_id`);
  // Today's totals, corrected to the frozen ones of the communes that closed the year (frozen-totals.ts).
  const { rows } = await sql<CountRow>`
    WITH totals AS (
      SELECT unit_id, title, sum(total)::int AS total FROM (
        ${levelTotals(buckets, title)}
        UNION ALL
        SELECT ${group("f")}, f.title, sum(f.total)
        FROM ${source(frozenTotalDeltas(year, year, title), "f")}
        GROUP BY 1, 2
      ) x GROUP BY 1, 2
    ), counters AS (${levelCounters(buckets, year, title)})
    SELECT coalesce(t.unit_id, c.unit_id) AS unit_id, coalesce(t.title, c.title) AS title,
      coalesce(t.total, 0) AS total, coalesce(c.registered, 0) AS registered,
      coalesce(c.recognized, 0) AS recognized, coalesce(c.recognized_good, 0) AS recognized_good,
      coalesce(c.recognized_fair, 0) AS recognized_fair, coalesce(c.recognized_average, 0) AS recognized_average,
      coalesce(c.level1, 0) AS level1, coalesce(c.level2, 0) AS level2
    FROM totals t FULL JOIN counters c ON c.unit_id = t.unit_id AND c.title = t.title`.execute(tx);
  const byKey = new Map<string, Counts>();
  for (const row of rows) byKey.set(`${Number(row.unit_id)}:${row.title}`, countsOfRow(row));
  return (unitId: number, t: Title) => byKey.get(`${unitId}:${t}`) ?? zeroCounts();
}

const unitColumns = ["u.id", "u.code", "u.name", "u.level", "u.kind"] as const;

/** The whole country: the roll-up asked without a unit (system administrators only); its children are provinces. */
export const NATION: StatsUnit = { id: 0, code: "VN", name: "Toàn quốc", level: "country", kind: "Quốc gia" };

/**
 * The national figures for a range of years: every counter of every unit, old or new, so the nation is exact
 * whatever the boundaries (nothing is split at this level). `get(year, title)`.
 */
async function nationalCounts(tx: Db, fromYear: number, toYear: number, title?: Title) {
  const totals = await sql<{ title: Title; total: number }>`${nationTotals(title)}`.execute(tx);
  // With each year's correction of the totals for the communes that closed it (frozen-totals.ts).
  const counters = await sql<CountRow & { year: number }>`
    WITH c AS (${nationCounters(fromYear, toYear, title)}), f AS (
      SELECT f.year, f.title, sum(f.total)::int AS total FROM ${frozenTotalDeltas(fromYear, toYear, title)} f
      GROUP BY 1, 2
    )
    SELECT coalesce(c.year, f.year) AS year, coalesce(c.title, f.title) AS title, coalesce(f.total, 0) AS total,
      coalesce(c.registered, 0) AS registered, coalesce(c.recognized, 0) AS recognized,
      coalesce(c.recognized_good, 0) AS recognized_good, coalesce(c.recognized_fair, 0) AS recognized_fair,
      coalesce(c.recognized_average, 0) AS recognized_average, coalesce(c.level1, 0) AS level1,
      coalesce(c.level2, 0) AS level2
    FROM c FULL JOIN f ON f.year = c.year AND f.title = c.title`.execute(tx);
  const totalOf = new Map(totals.rows.map((r) => [r.title, Number(r.total)]));
  const byKey = new Map(counters.rows.map((r) => [`${r.year}:${r.title}`, r]));
  return (year: number, t: Title): Counts => {
    const row = byKey.get(`${year}:${t}`);
    const counts = row ? countsOfRow(row) : zeroCounts();
    return { ...counts, total: (totalOf.get(t) ?? 0) + counts.total };
  };
}

/**
 * Refuses the national figures to anyone but a system administrator, and switches PostgreSQL's JIT off for the
 * transaction: the national sums cross its cost threshold and compiling took longer than running (PERFORMANCE.md).
 */
async function nationalScope(tx: Db, actor: Actor) {
  if (!actor.global)
    throw notFound(
      "Số liệu toàn quốc chỉ dành cho quản trị hệ thống: chọn một tỉnh hoặc xã trong phạm vi của bạn",
    );
  await sql`SET LOCAL jit = off`.execute(tx);
}

export async function rollup(
  db: Db,
  actor: Actor,
  options: { unitId?: number; year: number; title?: Title; date?: string; boundaries?: Boundaries },
): Promise<Rollup> {
  const date = options.date ?? today();
  const boundaries = options.boundaries ?? "historical";
  return asActor(db, actor, async (tx) => {
    let unit: StatsUnit;
    let children: StatsUnit[];
    let own: (title: Title) => { counts: Counts; notes: Set<string> };
    if (options.unitId === undefined) {
      await nationalScope(tx, actor);
      unit = NATION;
      children = await tx
        .selectFrom("admin_units as u")
        .select(unitColumns)
        .where("u.level", "=", "province")
        .where(inForce("u", date))
        .orderBy("u.name")
        .orderBy("u.id")
        .execute();
      const nation = await nationalCounts(tx, options.year, options.year, options.title);
      own = (title) => ({ counts: nation(options.year, title), notes: new Set() });
    } else {
      if (!(await canOnUnit(tx, actor, "read", options.unitId)))
        throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
      const { valid_from, valid_to, ...found } = await tx
        .selectFrom("admin_units as u")
        .select([...unitColumns, "u.valid_from", "u.valid_to"])
        .where("u.id", "=", options.unitId)
        .executeTakeFirstOrThrow();
      unit = found;
      if (
        boundaries === "current" &&
        !((valid_from ?? date) <= date && (valid_to === null || date < valid_to))
      )
        throw new AppError(
          "validation",
          `${unit.name} không có hiệu lực vào ngày ${date.split("-").reverse().join("/")}: chọn một ngày trong thời gian hiệu lực của đơn vị, hoặc xem số liệu như đã ghi (boundaries=historical)`,
          { fields: { date: "Đơn vị không có hiệu lực vào ngày này" } },
        );
      children = await tx
        .selectFrom("admin_units as u")
        .select(unitColumns)
        .where("u.parent_id", "=", options.unitId)
        .where(inForce("u", date))
        .orderBy("u.name")
        .orderBy("u.id")
        .execute();
      own = (title) => counts(unit.id, title);
    }
    const nation = options.unitId === undefined;
    const buckets = nation ? children : [unit, ...children];
    const bucketIds = buckets.map((c) => c.id);
    let counts: (unitId: number, title: Title) => { counts: Counts; notes: Set<string> };
    if (boundaries === "current") {
      const mapped = await boundaryCounts(tx, {
        zoneId: nation ? null : unit.id,
        bucketIds,
        date,
        fromYear: options.year,
        toYear: options.year,
        title: options.title,
      });
      counts = (unitId, title) => mapped.get(unitId, options.year, title);
    } else {
      const recorded = await subtreeCounts(
        tx,
        buckets,
        options.year,
        options.title,
        nation ? "province" : "subtree",
      );
      counts = (unitId, title) => ({ counts: recorded(unitId, title), notes: new Set() });
    }
    const shown = options.title ? [options.title] : [...titles];
    const tables = shown.map((title) => {
      const total = zeroCounts();
      const rows = children.map((child) => {
        const c = counts(child.id, title);
        addCounts(total, c.counts);
        return { unit: child, figures: figures(c.counts, title), ...estimate(c.notes) };
      });
      const mine = own(title);
      return {
        title,
        label: titleLabels[title],
        totalDefinition: totalDefinitions[title],
        figures: figures(mine.counts, title),
        ...estimate(mine.notes),
        children: rows,
        childrenTotal: figures(total, title),
      };
    });
    // A rating (xếp loại TTHTCĐ) has no target: its subjects are shown by grade.
    const progress = await progressFor(
      tx,
      nation ? null : unit.id,
      options.year,
      tables.flatMap((table) => (isRecognitionTitle(table.title) ? [{ ...table, title: table.title }] : [])),
    );
    const frozen = await frozenStates(tx, nation ? null : unit.id, options.year, options.year, date);
    return {
      unit,
      year: options.year,
      date,
      boundaries,
      ...frozen(options.year),
      titles: tables.map((table) => ({
        ...table,
        targets: isRecognitionTitle(table.title) ? (progress.get(table.title) ?? []) : [],
      })),
    };
  });
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
      await nationalScope(tx, actor);
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
    if (!(await canOnUnit(tx, actor, "read", options.unitId)))
      throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
    const unit = await tx
      .selectFrom("admin_units as u")
      .select([...unitColumns, "u.valid_from", "u.valid_to"])
      .where("u.id", "=", options.unitId)
      .executeTakeFirstOrThrow();
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
