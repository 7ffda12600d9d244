/**
 * What the roll-ups of the counters kept per commune share (the Hội's, migration 0019; the funds', 0023; the
 * centres', 0028): the day a year's figures are taken on, the unit asked for (or the nation) with its children in
 * force, the SQL that sends an old commune's counters to the child that took it over whole, and the fold of the
 * bucketed rows into total, children and the unit's own remainder.
 */
import { type RawBuilder, sql } from "kysely";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { notFound } from "../../errors";
import { today } from "../territory/dates";
import { inForce, readableUnitRow } from "../territory/territory.repo";
import { NATION } from "./stats.service";

/** The day a year's figures are taken on: its last day, or today while it runs. */
export function figuresDate(year: number): string {
  const now = today();
  return Number(now.slice(0, 4)) === year ? now : `${year}-12-31`;
}

const unitColumns = ["u.id", "u.code", "u.name", "u.level", "u.kind"] as const;

/** The unit (the nation when `unitId` is absent: national users only) and its children in force on `date`. */
export async function zoneOf(tx: Db, actor: Actor, unitId: number | undefined, date: string) {
  // JIT is off for the transaction (asActor): row-level security makes the planner's estimates large enough to compile
  // the sums, which took longer than running them (bench/association: 350 ms of 660 for a province).
  if (unitId === undefined) {
    if (!actor.global)
      throw notFound(
        "Số liệu toàn quốc chỉ dành cho quản trị hệ thống: chọn một tỉnh hoặc xã trong phạm vi của bạn",
      );
    const children = await tx
      .selectFrom("admin_units as u")
      .select(unitColumns)
      .where("u.level", "=", "province")
      .where(inForce("u", date))
      .orderBy("u.name")
      .execute();
    return { unit: NATION, children };
  }
  const { id, code, name, level, kind } = await readableUnitRow(tx, actor, unitId);
  const unit = { id, code, name, level, kind };
  const children = await tx
    .selectFrom("admin_units as u")
    .select(unitColumns)
    .where("u.parent_id", "=", unitId)
    .where(inForce("u", date))
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  return { unit, children };
}

/**
 * `heir_of (unit_id, child)`: each unit inside a unit that ended and passed whole (a `full` succession) to one of
 * `childIds`, with that child; its counters land there.
 */
export const heirsOf = (childIds: number[]): RawBuilder<unknown> => sql`heir_of AS (
        SELECT sp.descendant_id AS unit_id, min(s.successor_id) AS child
        FROM unit_successions s JOIN admin_unit_paths sp ON sp.ancestor_id = s.predecessor_id
        WHERE s.coverage = 'full' AND s.successor_id = ANY (${childIds}::bigint[]) GROUP BY 1
      )`;

export type SectionFigures<F, R> = {
  zero: () => F;
  /** Adds one counter row to figures. */
  addRow: (into: F, row: R) => void;
  /** Adds (sign 1) or subtracts (sign -1) figures. */
  add: (into: F, more: F, sign: 1 | -1) => F;
  isZero: (figures: F) => boolean;
};

export type SectionFold<F, U> = {
  total: F;
  children: { unit: U; figures: F }[];
  /** Null when nothing is left. */
  own: F | null;
};

/**
 * Folds a section's counter rows of one query, bucketed by child unit (or "own"), into the unit's total, each child's
 * figures and the unit's own remainder (the total less its children: what sits at the unit itself, e.g. a province's
 * own fund).
 */
export function foldSection<F, R extends { bucket: string }, U extends { id: number }>(
  rows: readonly R[],
  children: readonly U[],
  figures: SectionFigures<F, R>,
): SectionFold<F, U> {
  const byBucket = new Map<string, F>();
  const total = figures.zero();
  for (const row of rows) {
    const bucket = byBucket.get(row.bucket) ?? figures.zero();
    byBucket.set(row.bucket, bucket);
    figures.addRow(bucket, row);
    figures.addRow(total, row);
  }
  const childRows = children.map((unit) => ({
    unit,
    figures: byBucket.get(String(unit.id)) ?? figures.zero(),
  }));
  const own = figures.add(figures.zero(), total, 1);
  for (const child of childRows) figures.add(own, child.figures, -1);
  return {
    total,
    children: childRows,
    own: figures.isZero(own) ? null : own,
  };
}
