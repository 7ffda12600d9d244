/**
 * Progress against targets (chỉ tiêu) (docs/STATISTICS.md, "Targets"): the rules below, applied to the targets that
 * targets.repo.ts reads.
 *
 * Which target applies to a unit, a title, a metric and a year: the unit's own local targets, else those of its
 * nearest ancestor that has any for that title and metric, else the national ones; within that source, the
 * target of the year itself or else of the next target year ahead (2027 is measured against 2030, 2021 against
 * 2025). When a source has nothing for that year or later, the next source up is tried; after the last target
 * year of every source there is no target (no extrapolation). National figures for difficult areas are kept but
 * not applied: units carry no such flag yet.
 *
 * Status, on values with two decimals compared exactly in hundredths of a percent: actual < target is
 * `not_met` (chưa đạt), actual = target is `met` (đạt), actual > target is `exceeded` (vượt); no actual (a total of
 * 0) gives no status.
 */
import {
  subjectMetrics,
  type TargetMetric,
  type TargetProgress,
  type TargetStatus,
  type TargetSubject,
} from "../../../shared/stats";
import type { Db } from "../../db/connection";
import { chainOf, chainTargets, type Target, type TargetChain } from "./targets.repo";

export type { TargetProgress, TargetStatus };

/** The rules in Vietnamese, for the OpenAPI descriptions. */
export const statusRule =
  "Trạng thái so sánh tỷ lệ thực tế với chỉ tiêu, cả hai làm tròn 2 chữ số thập phân, so đúng từng phần trăm của phần trăm: " +
  "thấp hơn là not_met (chưa đạt), bằng là met (đạt), cao hơn là exceeded (vượt); không có tỷ lệ (tổng số 0) thì null.";
export const resolutionRule =
  "Chỉ tiêu áp dụng: chỉ tiêu riêng của đơn vị, nếu không có thì của đơn vị cấp trên gần nhất, nếu không có thì chỉ tiêu quốc gia; " +
  "trong nguồn đó lấy chỉ tiêu của chính năm, nếu không có thì của năm chỉ tiêu gần nhất phía sau (năm 2027 so với chỉ tiêu 2030).";

/** Compares in hundredths of a percent (both values have two decimals). */
export function targetStatus(actual: number | null, value: number): TargetStatus | null {
  if (actual === null) return null;
  const a = Math.round(actual * 100);
  const v = Math.round(value * 100);
  return a < v ? "not_met" : a === v ? "met" : "exceeded";
}

/** The target that applies for a title, metric and year (see the rule at the top), or undefined. */
export function resolve(
  chain: { target: Target; depth: number | null }[],
  title: TargetSubject,
  metric: TargetMetric,
  year: number,
): Target | undefined {
  const candidates = chain.filter(
    (c) =>
      c.target.title === title &&
      c.target.metric === metric &&
      c.target.variant === "standard" &&
      c.target.year >= year,
  );
  const sources = [...new Set(candidates.map((c) => c.depth ?? Number.POSITIVE_INFINITY))].sort(
    (a, b) => a - b,
  );
  for (const depth of sources) {
    const found = candidates
      .filter((c) => (c.depth ?? Number.POSITIVE_INFINITY) === depth)
      .sort((a, b) => a.target.year - b.target.year)[0];
    if (found) return found.target;
  }
  return undefined;
}

/** The targets of a unit's titles for a year with its figures' progress: one entry per metric that has one. */
export async function progressFor(
  tx: Db,
  unitId: number | null,
  year: number,
  shown: { title: TargetSubject; figures: Partial<Record<TargetMetric, number | null>> }[],
): Promise<Map<TargetSubject, TargetProgress[]>> {
  return progressOf(await chainTargets(tx, unitId), year, shown);
}

/** `progressFor` from the rows of `chainTargetsQuery`, read with other reads in one statement. */
export function progressFrom(
  rows: Parameters<typeof chainOf>[0],
  year: number,
  shown: Parameters<typeof progressFor>[3],
): Map<TargetSubject, TargetProgress[]> {
  return progressOf(chainOf(rows), year, shown);
}

function progressOf(
  chain: TargetChain,
  year: number,
  shown: Parameters<typeof progressFor>[3],
): Map<TargetSubject, TargetProgress[]> {
  const result = new Map<TargetSubject, TargetProgress[]>();
  for (const { title, figures } of shown) {
    const list: TargetProgress[] = [];
    for (const metric of subjectMetrics(title)) {
      const target = resolve(chain, title, metric, year);
      if (!target) continue;
      const actual = figures[metric] ?? null;
      list.push({
        metric,
        targetYear: target.year,
        value: target.value,
        basis: target.basis.text,
        source: target.source,
        unitId: target.unit?.id ?? null,
        actual,
        status: targetStatus(actual, target.value),
      });
    }
    result.set(title, list);
  }
  return result;
}
