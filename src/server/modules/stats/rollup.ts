/**
 * A unit's (or the nation's) figures of the learning titles for a year, with a table of its children, each summed
 * over its subtree from the counters kept at every level (levels.ts), the targets that apply and whether the year's
 * totals are frozen. The dashboards' read: besides BEGIN, the caller's context and COMMIT it is **two statements**
 * (db/together.ts), whatever the unit: the unit, the caller's right to read it, its children and the targets in the
 * first; the figures of the unit and its children and the frozen state in the second (which needs the children's
 * levels to pick the counter table of each, and the unit's commune: a commune's or a village's rows are then read from
 * its shard alone). With boundaries=current the figures are mapped onto today's units by
 * history.service.ts in statements of its own.
 */
import { type RawBuilder, sql } from "kysely";
import { isRecognitionTitle, type Title, titleLabels, titles } from "../../../shared/rubric";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { readTogether } from "../../db/together";
import { AppError, notFound } from "../../errors";
import { today } from "../territory/dates";
import { inForce, unitOutOfScope } from "../territory/territory.repo";
import { type FrozenRow, frozenStatesOf, frozenStatesQuery, frozenTotalDeltas } from "./frozen-totals";
import { type Boundaries, boundaryCounts } from "./history.service";
import { type LevelBucket, levelCounters, levelTotals } from "./levels";
import { addCounts, type Counts, countsOfRow, figures, totalDefinitions, zeroCounts } from "./metrics";
import {
  type CountRow,
  estimate,
  NATION,
  nationalCountsOf,
  nationalCountsReads,
  type Rollup,
  type StatsUnit,
  unitColumns,
} from "./stats.service";
import { progressFrom } from "./target-progress";
import { chainTargetsQuery } from "./targets.repo";

export async function rollup(
  db: Db,
  actor: Actor,
  options: { unitId?: number; year: number; title?: Title; date?: string; boundaries?: Boundaries },
): Promise<Rollup> {
  const date = options.date ?? today();
  const boundaries = options.boundaries ?? "historical";
  const { year, title } = options;
  const nation = options.unitId === undefined;
  if (nation && !actor.global)
    throw notFound(
      "Số liệu toàn quốc chỉ dành cho quản trị hệ thống: chọn một tỉnh hoặc xã trong phạm vi của bạn",
    );
  const unitId = options.unitId ?? null;
  return asActor(db, actor, async (tx) => {
    // Statement 1.
    const first = await readTogether(tx, {
      unit: tx
        .selectFrom("admin_units as u")
        .select([...unitColumns, "u.parent_id", "u.valid_from", "u.valid_to"])
        .select(sql<boolean>`${unitInScope(actor, "read", "u.id")}`.as("readable"))
        .where("u.id", "=", unitId ?? 0),
      children: tx
        .selectFrom("admin_units as u")
        .select(unitColumns)
        .where((eb) => (unitId === null ? eb("u.level", "=", "province") : eb("u.parent_id", "=", unitId)))
        .where(inForce("u", date))
        .orderBy("u.name")
        .orderBy("u.id"),
      targets: chainTargetsQuery(tx, unitId),
    });
    const children: StatsUnit[] = first.children.map((c) => ({ ...c, id: Number(c.id) }));
    let unit: StatsUnit = NATION;
    let commune: number | undefined;
    if (!nation) {
      const found = first.unit[0];
      if (!found?.readable) throw notFound(unitOutOfScope);
      const { valid_from, valid_to, parent_id, readable: _, ...shown } = found;
      unit = { ...shown, id: Number(shown.id) };
      // A commune's or a village's figures are all in one commune: named, its rows are read from one shard.
      if (unit.level === "commune") commune = unit.id;
      else if (unit.level === "village" && parent_id !== null) commune = Number(parent_id);
      if (
        boundaries === "current" &&
        !((valid_from ?? date) <= date && (valid_to === null || date < valid_to))
      )
        throw new AppError(
          "validation",
          `${unit.name} không có hiệu lực vào ngày ${date.split("-").reverse().join("/")}: chọn một ngày trong thời gian hiệu lực của đơn vị, hoặc xem số liệu như đã ghi (boundaries=historical)`,
          { fields: { date: "Đơn vị không có hiệu lực vào ngày này" } },
        );
    }
    // Statement 2 (and history.service's for boundaries=current): the figures and whether the year's totals are
    // frozen, once the unit's commune is known.
    const buckets = nation ? children : [unit, ...children];
    const historical = boundaries === "historical";
    const frozen = frozenStatesQuery(unitId, year, year, date, commune);
    const subtree = subtreeCountsQuery(buckets, year, title, nation ? "province" : "subtree", commune);
    let recordedRows: CountRow[] = [];
    let frozenRows: FrozenRow[];
    let national: ((year: number, title: Title) => Counts) | undefined;
    if (nation) {
      const rows = historical
        ? await readTogether(tx, { ...nationalCountsReads(year, year, title), subtree, frozen })
        : { ...(await readTogether(tx, { ...nationalCountsReads(year, year, title), frozen })), subtree: [] };
      national = nationalCountsOf(rows.totals, rows.counters);
      recordedRows = rows.subtree;
      frozenRows = rows.frozen;
    } else if (historical)
      ({ subtree: recordedRows, frozen: frozenRows } = await readTogether(tx, { subtree, frozen }));
    else frozenRows = (await readTogether(tx, { frozen })).frozen;
    let counts: (unitId: number, title: Title) => { counts: Counts; notes: Set<string> };
    if (historical) {
      const recorded = countsByUnit(recordedRows);
      counts = (id, t) => ({ counts: recorded(id, t), notes: new Set() });
    } else {
      const mapped = await boundaryCounts(tx, {
        zoneId: unitId,
        bucketIds: buckets.map((b) => b.id),
        date,
        fromYear: year,
        toYear: year,
        title,
      });
      counts = (id, t) => mapped.get(id, year, t);
    }
    const own = (t: Title) =>
      national ? { counts: national(year, t), notes: new Set<string>() } : counts(unit.id, t);
    const shown = title ? [title] : [...titles];
    const tables = shown.map((t) => {
      const total = zeroCounts();
      const rows = children.map((child) => {
        const c = counts(child.id, t);
        addCounts(total, c.counts);
        return { unit: child, figures: figures(c.counts, t), ...estimate(c.notes) };
      });
      const mine = own(t);
      return {
        title: t,
        label: titleLabels[t],
        totalDefinition: totalDefinitions[t],
        figures: figures(mine.counts, t),
        ...estimate(mine.notes),
        children: rows,
        childrenTotal: figures(total, t),
      };
    });
    // A rating (xếp loại TTHTCĐ) has no target: its subjects are shown by grade.
    const progress = progressFrom(
      first.targets,
      year,
      tables.flatMap((table) => (isRecognitionTitle(table.title) ? [{ ...table, title: table.title }] : [])),
    );
    return {
      unit,
      year,
      date,
      boundaries,
      ...frozenStatesOf(frozenRows)(year),
      titles: tables.map((table) => ({
        ...table,
        targets: isRecognitionTitle(table.title) ? (progress.get(table.title) ?? []) : [],
      })),
    };
  });
}

/**
 * Counts per (ancestor unit, title), each summed over the ancestor's subtree, for one year. The counters and today's
 * totals come from the coarsest level that holds each unit (levels.ts: a province's or a commune's own rows). The
 * frozen totals' corrections of provinces (the nation's children) are summed by their own province_id instead of
 * through the closure table: the same rows (a total's province is the province above its unit).
 */
function subtreeCountsQuery(
  buckets: LevelBucket[],
  year: number,
  title: Title | undefined,
  by: "subtree" | "province",
  commune: number | undefined,
) {
  const unitIds = buckets.map((b) => b.id);
  const source = (from: RawBuilder<unknown>, alias: string) =>
    by === "province"
      ? sql`${from} ${sql.raw(alias)} WHERE ${sql.ref(`${alias}.province_id`)} = ANY (${unitIds}::bigint[])`
      : sql`admin_unit_paths p JOIN ${from} ${sql.raw(alias)} ON ${sql.ref(`${alias}.unit_id`)} = p.descendant_id
      WHERE p.ancestor_id = ANY (${unitIds}::bigint[])`;
  const group = (alias: string) => (by === "province" ? sql.ref(`${alias}.province_id`) : sql`p.ancestor_id`);
  // Today's totals, corrected to the frozen ones of the communes that closed the year (frozen-totals.ts).
  return sql<CountRow>`
    WITH totals AS (
      SELECT unit_id, title, sum(total)::int AS total FROM (
        ${levelTotals(buckets, title, commune)}
        UNION ALL
        SELECT ${group("f")}, f.title, sum(f.total)
        FROM ${source(frozenTotalDeltas(year, year, title, commune), "f")}
        GROUP BY 1, 2
      ) x GROUP BY 1, 2
    ), counters AS (${levelCounters(buckets, year, title, commune)})
    SELECT coalesce(t.unit_id, c.unit_id) AS unit_id, coalesce(t.title, c.title) AS title,
      coalesce(t.total, 0) AS total, coalesce(c.registered, 0) AS registered,
      coalesce(c.recognized, 0) AS recognized, coalesce(c.recognized_good, 0) AS recognized_good,
      coalesce(c.recognized_fair, 0) AS recognized_fair, coalesce(c.recognized_average, 0) AS recognized_average,
      coalesce(c.level1, 0) AS level1, coalesce(c.level2, 0) AS level2
    FROM totals t FULL JOIN counters c ON c.unit_id = t.unit_id AND c.title = t.title`;
}

function countsByUnit(rows: CountRow[]) {
  const byKey = new Map<string, Counts>();
  for (const row of rows) byKey.set(`${Number(row.unit_id)}:${row.title}`, countsOfRow(row));
  return (unitId: number, t: Title) => byKey.get(`${unitId}:${t}`) ?? zeroCounts();
}
