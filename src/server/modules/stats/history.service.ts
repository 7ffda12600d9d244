/**
 * Figures across boundary changes (docs/STATISTICS.md, "Across the 2025 reform"). The counters stay where they were
 * recorded: on the village or commune of the registration, old or new. With `boundaries=current` a roll-up shows
 * every year in the units in force on the chosen date:
 *
 * - counters of a commune in force on that date count where they are (as `historical` does);
 * - counters of a commune NOT in force on that date (an old ward seen in 2026, or a new ward's pre-reform figures
 *   seen in 2020) follow the successions: forward (old → new) when the unit ended before the date, backward
 *   (new → old) when it began after it;
 * - a village with its own succession (a village reassigned to a village of another commune) follows it exactly;
 *   the other villages' counters and the commune's own go with the commune;
 * - a `full` succession (forward), or a single predecessor (backward), moves everything: exact;
 * - otherwise the figures are split equally between the linked units (integers, the remainder one by one in the
 *   order of their ids so that the parts add up exactly), and the rows they land in are marked estimated with a
 *   Vietnamese note saying how.
 */
import { sql } from "kysely";
import type { Title } from "../../../shared/rubric";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { inForce } from "../territory/territory.repo";
import { frozenTotalDeltas } from "./frozen-totals";
import { addCounts, type CounterColumns, type Counts, countsOfRow, zeroCounts } from "./metrics";

export type Boundaries = "historical" | "current";

type UnitNode = {
  id: number;
  level: string;
  code: string;
  name: string;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
};
type Link = { predecessor_id: number; successor_id: number; coverage: "full" | "partial" };

/** Figures landed in one bucket (the unit or one child): counts by year ("*" for the totals) and the notes. */
export type Landed = { counts: Counts; notes: Set<string> };

export type BoundaryCounts = {
  /** The counts of a bucket unit for a year and title, and the estimate notes (empty when exact). */
  get(unitId: number, year: number, title: Title): Landed;
};

type CounterRow = CounterColumns & { unit_id: number; commune_id: number; year: number | null; title: Title };

const isZero = (c: Counts) => Object.values(c).every((v) => v === 0);
const mass = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);

/** Splits integer counts into k parts that add up exactly: floor, then the remainder one each to the first parts. */
export function splitCounts(counts: Counts, k: number): Counts[] {
  const parts = Array.from({ length: k }, zeroCounts);
  for (const key of Object.keys(counts) as (keyof Counts)[]) {
    const value = counts[key];
    const base = Math.floor(value / k);
    const remainder = value - base * k;
    parts.forEach((part, i) => {
      part[key] = base + (i < remainder ? 1 : 0);
    });
  }
  return parts;
}

const titleFilter = (column: string, title?: Title) =>
  title ? sql`AND ${sql.ref(column)} = ${title}` : sql``;

/**
 * Counts of `bucketIds` (a unit and its children, all in force on `date`) for the years `fromYear`..`toYear`
 * (totals: today's under `*`, and for a year closed by a commune the correction to its frozen totals under the
 * year, frozen-totals.ts), with the figures of units not in force on `date` mapped onto them. `zoneId` is the unit whose subtree and
 * successions are searched (the unit of the roll-up). Runs in the caller's transaction, under its scope.
 */
export async function boundaryCounts(
  tx: Db,
  options: {
    /** The unit whose subtree (and linked predecessors and successors) is mapped; null for the whole nation. */
    zoneId: number | null;
    bucketIds: number[];
    date: IsoDate;
    fromYear: number;
    toYear: number;
    title?: Title;
  },
): Promise<BoundaryCounts> {
  const { zoneId, bucketIds, date, fromYear, toYear, title } = options;
  const landed = new Map<string, Landed>();
  const land = (unitId: number, year: number | "*", t: Title, counts: Counts, notes: Iterable<string>) => {
    const key = `${unitId}:${year}:${t}`;
    let entry = landed.get(key);
    if (!entry) {
      entry = { counts: zeroCounts(), notes: new Set() };
      landed.set(key, entry);
    }
    addCounts(entry.counts, counts);
    for (const note of notes) entry.notes.add(note);
  };

  // 1. Counters of communes in force on the date, summed over each bucket's subtree.
  const communeInForce = sql`EXISTS (SELECT 1 FROM admin_units cu WHERE cu.id = x.commune_id AND ${inForce("cu", date)})`;
  const direct = await sql<CounterRow>`
    SELECT p.ancestor_id AS unit_id, 0 AS commune_id, NULL::int AS year, x.title, sum(x.total)::int AS total,
      0 AS registered, 0 AS recognized, 0 AS recognized_good, 0 AS recognized_fair, 0 AS recognized_average,
      0 AS level1, 0 AS level2
    FROM admin_unit_paths p JOIN title_totals x ON x.unit_id = p.descendant_id
    WHERE p.ancestor_id = ANY (${bucketIds}::bigint[]) AND ${communeInForce} ${titleFilter("x.title", title)}
    GROUP BY p.ancestor_id, x.title
    UNION ALL
    SELECT p.ancestor_id, 0, x.year::int, x.title, 0, sum(x.registered)::int, sum(x.recognized)::int,
      sum(x.recognized_good)::int, sum(x.recognized_fair)::int, sum(x.recognized_average)::int,
      sum(x.level1)::int, sum(x.level2)::int
    FROM admin_unit_paths p JOIN title_counters x ON x.unit_id = p.descendant_id
    WHERE p.ancestor_id = ANY (${bucketIds}::bigint[]) AND ${communeInForce}
      AND x.year BETWEEN ${fromYear} AND ${toYear} ${titleFilter("x.title", title)}
    GROUP BY p.ancestor_id, x.year, x.title
    UNION ALL
    SELECT p.ancestor_id, 0, x.year, x.title, sum(x.total)::int, 0, 0, 0, 0, 0, 0, 0
    FROM admin_unit_paths p JOIN ${frozenTotalDeltas(fromYear, toYear, title)} x ON x.unit_id = p.descendant_id
    WHERE p.ancestor_id = ANY (${bucketIds}::bigint[]) AND ${communeInForce}
    GROUP BY p.ancestor_id, x.year, x.title`.execute(tx);
  for (const row of direct.rows)
    land(Number(row.unit_id), row.year === null ? "*" : Number(row.year), row.title, countsOfRow(row), []);

  // 2. Counters of communes not in force on the date, in the subtree of the zone or of a unit linked to it by
  //    successions (forward: its predecessors, backward: its successors, transitively).
  // The nation (zoneId null) takes every unit.
  const attached =
    zoneId === null
      ? sql`attached AS (SELECT id FROM admin_units)`
      : sql`zone AS (
      SELECT descendant_id AS id FROM admin_unit_paths WHERE ancestor_id = ${zoneId}
    ), before_it (id, depth) AS (
      SELECT s.predecessor_id, 1 FROM unit_successions s JOIN zone ON zone.id = s.successor_id
      UNION
      SELECT s.predecessor_id, b.depth + 1 FROM unit_successions s JOIN before_it b ON b.id = s.successor_id
      WHERE b.depth < 5
    ), after_it (id, depth) AS (
      SELECT s.successor_id, 1 FROM unit_successions s JOIN zone ON zone.id = s.predecessor_id
      UNION
      SELECT s.successor_id, a.depth + 1 FROM unit_successions s JOIN after_it a ON a.id = s.predecessor_id
      WHERE a.depth < 5
    ), roots AS (
      SELECT ${zoneId}::bigint AS id UNION SELECT id FROM before_it UNION SELECT id FROM after_it
    ), attached AS (
      SELECT DISTINCT p.descendant_id AS id FROM admin_unit_paths p JOIN roots r ON r.id = p.ancestor_id
    )`;
  const foreign = await sql<CounterRow>`
    WITH RECURSIVE ${attached}
    SELECT x.unit_id, x.commune_id, NULL::int AS year, x.title, x.total, 0 AS registered, 0 AS recognized,
      0 AS recognized_good, 0 AS recognized_fair, 0 AS recognized_average, 0 AS level1, 0 AS level2
    FROM title_totals x JOIN attached a ON a.id = x.unit_id
    WHERE NOT ${communeInForce} AND x.total <> 0 ${titleFilter("x.title", title)}
    UNION ALL
    SELECT x.unit_id, x.commune_id, x.year::int, x.title, 0, x.registered, x.recognized, x.recognized_good,
      x.recognized_fair, x.recognized_average, x.level1, x.level2
    FROM title_counters x JOIN attached a ON a.id = x.unit_id
    WHERE NOT ${communeInForce} AND x.year BETWEEN ${fromYear} AND ${toYear} ${titleFilter("x.title", title)}
    UNION ALL
    SELECT x.unit_id, x.commune_id, x.year, x.title, x.total, 0, 0, 0, 0, 0, 0, 0
    FROM ${frozenTotalDeltas(fromYear, toYear, title)} x JOIN attached a ON a.id = x.unit_id
    WHERE NOT ${communeInForce}`.execute(tx);
  if (foreign.rows.length > 0) {
    const graph = await loadGraph(
      tx,
      foreign.rows.flatMap((r) => [Number(r.unit_id), Number(r.commune_id)]),
    );
    // Rows that move together are summed first (the villages of an old ward without links of their own go
    // with their ward), so that an equal split divides the ward's figures, not each village's.
    const sources = new Map<string, { unitId: number; year: number | "*"; title: Title; counts: Counts }>();
    for (const row of foreign.rows) {
      const counts = countsOfRow(row);
      if (isZero(counts)) continue;
      const year = row.year === null ? "*" : Number(row.year);
      const unitId = entryPoint(graph, date, Number(row.unit_id));
      const key = `${unitId}:${year}:${row.title}`;
      const source = sources.get(key);
      if (source) addCounts(source.counts, counts);
      else sources.set(key, { unitId, year, title: row.title, counts });
    }
    const placed: { unitId: number; year: number | "*"; title: Title; counts: Counts; notes: string[] }[] =
      [];
    // How much went through each split: a bucket that received all of it is exact for that split.
    const splitMass = new Map<string, number>();
    for (const { unitId, year, title: t, counts } of sources.values())
      place(
        {
          graph,
          date,
          out: (landing, c, notes) => placed.push({ unitId: landing, year, title: t, counts: c, notes }),
          onSplit: (note, c) => {
            const key = `${year}:${t}:${note}`;
            splitMass.set(key, (splitMass.get(key) ?? 0) + mass(c));
          },
        },
        unitId,
        counts,
        [],
        0,
      );
    // Which bucket each landing unit lies in.
    const landings = [...new Set(placed.map((p) => p.unitId))];
    const paths = landings.length
      ? await tx
          .selectFrom("admin_unit_paths")
          .select(["ancestor_id", "descendant_id"])
          .where("descendant_id", "in", landings)
          .where("ancestor_id", "in", bucketIds)
          .execute()
      : [];
    const bucketsOf = new Map<number, number[]>();
    for (const p of paths) {
      const list = bucketsOf.get(Number(p.descendant_id)) ?? [];
      list.push(Number(p.ancestor_id));
      bucketsOf.set(Number(p.descendant_id), list);
    }
    const bucketMass = new Map<string, number>();
    for (const p of placed)
      for (const bucket of bucketsOf.get(p.unitId) ?? [])
        for (const note of p.notes) {
          const key = `${bucket}:${p.year}:${p.title}:${note}`;
          bucketMass.set(key, (bucketMass.get(key) ?? 0) + mass(p.counts));
        }
    for (const p of placed)
      for (const bucket of bucketsOf.get(p.unitId) ?? [])
        land(
          bucket,
          p.year,
          p.title,
          p.counts,
          p.notes.filter(
            (note) =>
              bucketMass.get(`${bucket}:${p.year}:${p.title}:${note}`) !==
              splitMass.get(`${p.year}:${p.title}:${note}`),
          ),
        );
  }

  return {
    get(unitId, year, t) {
      const result: Landed = { counts: zeroCounts(), notes: new Set() };
      for (const key of [`${unitId}:*:${t}`, `${unitId}:${year}:${t}`]) {
        const entry = landed.get(key);
        if (!entry) continue;
        addCounts(result.counts, entry.counts);
        for (const note of entry.notes) result.notes.add(note);
      }
      return result;
    },
  };
}

type Graph = { units: Map<number, UnitNode>; out: Map<number, Link[]>; in: Map<number, Link[]> };

/** The units involved and their successions, followed until closed (a few rounds: chains are short). */
async function loadGraph(tx: Db, start: number[]): Promise<Graph> {
  const graph: Graph = { units: new Map(), out: new Map(), in: new Map() };
  const seenLinks = new Set<string>();
  let pending = [...new Set(start)];
  for (let round = 0; round < 8 && pending.length > 0; round++) {
    const ids = pending.filter((id) => !graph.units.has(id));
    pending = [];
    if (ids.length === 0) break;
    const units = await tx
      .selectFrom("admin_units")
      .select(["id", "level", "code", "name", "parent_id", "valid_from", "valid_to"])
      .where("id", "in", ids)
      .execute();
    for (const u of units) {
      graph.units.set(Number(u.id), {
        ...u,
        id: Number(u.id),
        parent_id: u.parent_id && Number(u.parent_id),
      });
      if (u.level === "village" && u.parent_id !== null) pending.push(Number(u.parent_id));
    }
    const links = await tx
      .selectFrom("unit_successions")
      .select(["predecessor_id", "successor_id", "coverage"])
      .where((eb) => eb.or([eb("predecessor_id", "in", ids), eb("successor_id", "in", ids)]))
      .execute();
    for (const l of links) {
      const link = {
        predecessor_id: Number(l.predecessor_id),
        successor_id: Number(l.successor_id),
        coverage: l.coverage,
      };
      const key = `${link.predecessor_id}>${link.successor_id}`;
      if (seenLinks.has(key)) continue;
      seenLinks.add(key);
      graph.out.set(link.predecessor_id, [...(graph.out.get(link.predecessor_id) ?? []), link]);
      graph.in.set(link.successor_id, [...(graph.in.get(link.successor_id) ?? []), link]);
      pending.push(link.predecessor_id, link.successor_id);
    }
  }
  for (const list of [...graph.out.values(), ...graph.in.values()])
    list.sort((a, b) => a.successor_id - b.successor_id || a.predecessor_id - b.predecessor_id);
  return graph;
}

/** "ended" before the date, "later" (began after it), or "in force"; a village follows its commune too. */
function stateOn(graph: Graph, unit: UnitNode, date: IsoDate): "ended" | "later" | "in_force" {
  if (unit.valid_to !== null && unit.valid_to <= date) return "ended";
  if (unit.valid_from !== null && unit.valid_from > date) return "later";
  if (unit.level === "village" && unit.parent_id !== null) {
    const parent = graph.units.get(unit.parent_id);
    if (parent) return stateOn(graph, parent, date);
  }
  return "in_force";
}

const label = (graph: Graph, id: number) => {
  const unit = graph.units.get(id);
  return unit ? `${unit.name} (mã ${unit.code})` : `đơn vị #${id}`;
};

/** Where a unit's counts start moving: a village without links of its own moves with its commune. */
function entryPoint(graph: Graph, date: IsoDate, unitId: number): number {
  let id = unitId;
  for (let depth = 0; depth < 5; depth++) {
    const unit = graph.units.get(id);
    if (unit?.level !== "village" || unit.parent_id === null) return id;
    const state = stateOn(graph, unit, date);
    if (state === "in_force") return id;
    const links = (state === "ended" ? graph.out.get(id) : graph.in.get(id)) ?? [];
    if (links.length > 0) return id;
    id = unit.parent_id;
  }
  return id;
}

type Placing = {
  graph: Graph;
  date: IsoDate;
  /** A landing on a unit in force on the date, with the notes of the splits on the way. */
  out: (unitId: number, counts: Counts, notes: string[]) => void;
  /** Counts about to be split, under the note that describes the split. */
  onSplit: (note: string, counts: Counts) => void;
};

/** Moves counts from a unit to the unit(s) in force on the date. */
function place(ctx: Placing, unitId: number, counts: Counts, notes: string[], depth: number): void {
  const { graph, date, out } = ctx;
  const unit = graph.units.get(unitId);
  if (!unit || depth > 10) return; // not readable in the caller's scope, or a cycle: nowhere to go
  const state = stateOn(graph, unit, date);
  if (state === "in_force") {
    out(unitId, counts, notes);
    return;
  }
  const forward = state === "ended";
  const links = (forward ? graph.out.get(unitId) : graph.in.get(unitId)) ?? [];
  const other = (l: Link) => (forward ? l.successor_id : l.predecessor_id);
  if (links.length === 0) {
    // A village without a succession of its own goes with its commune; a commune without one has no successor.
    if (unit.level === "village" && unit.parent_id !== null)
      place(ctx, unit.parent_id, counts, notes, depth + 1);
    return;
  }
  const full = forward ? links.find((l) => l.coverage === "full") : undefined;
  if (full) {
    place(ctx, other(full), counts, notes, depth + 1);
    return;
  }
  if (links.length === 1) {
    const only = links[0]!;
    // Backward: a new unit with one predecessor lies within it, exact. Forward: only part of the old unit went
    // into its one recorded successor, but there is nowhere else to put its figures.
    const note = forward
      ? `Ước tính: ${label(graph, unitId)} chỉ chuyển một phần vào ${label(graph, other(only))}; toàn bộ số liệu của đơn vị cũ được tính cho đơn vị này`
      : undefined;
    if (note) ctx.onSplit(note, counts);
    place(ctx, other(only), counts, note ? [...notes, note] : notes, depth + 1);
    return;
  }
  const names = links.map((l) => label(graph, other(l))).join(", ");
  const note = forward
    ? `Ước tính: số liệu của ${label(graph, unitId)} chia đều cho ${links.length} đơn vị kế thừa (${names}), mỗi đơn vị 1/${links.length}, vì chưa có danh sách thôn, tổ dân phố được điều chuyển`
    : `Ước tính: số liệu ghi theo ${label(graph, unitId)} chia đều cho ${links.length} đơn vị trước sắp xếp (${names}), mỗi đơn vị 1/${links.length}, vì chưa có danh sách thôn, tổ dân phố được điều chuyển`;
  ctx.onSplit(note, counts);
  const parts = splitCounts(counts, links.length);
  links.forEach((l, i) => {
    if (!isZero(parts[i]!)) place(ctx, other(l), parts[i]!, [...notes, note], depth + 1);
  });
}
