/**
 * Who takes part each year and how they score. Shares follow the seed reports (seed 001, Quận 11 in 2020: about
 * 72 % of households "Gia đình học tập", 50 % of clans, 84 % of residential groups, 96 % of organisations),
 * rising a little each year as the QĐ 387/QĐ-TTg targets ask; score sheets are filled in item by item from the
 * criteria set in force, so the product's own evaluation decides the result.
 */
import type { LevelsDefinition, PointsDefinition, Title } from "../../shared/rubric";
import { hash, random } from "./demo-names";

type Shares = { registered: number; recognized: number };

/** Share of the subjects registered and recognised in a year (rising from the 2021 level, capped). */
export function sharesFor(title: Title, year: number): Shares {
  const step = Math.max(0, year - 2021);
  const rising = (from: number, perYear: number, cap: number) => Math.min(cap, from + perYear * step);
  switch (title) {
    case "learning_family": {
      const recognized = rising(0.66, 0.02, 0.82);
      return { recognized, registered: Math.min(0.95, recognized + 0.14) };
    }
    case "learning_clan":
      return { recognized: rising(0.5, 0.04, 0.75), registered: 0.9 };
    case "learning_community_village":
      return { recognized: rising(0.6, 0.06, 0.9), registered: 1 };
    case "learning_organization":
      return { recognized: rising(0.85, 0.03, 0.97), registered: 1 };
    case "learning_citizen": {
      const recognized = rising(0.3, 0.06, 0.6);
      return { recognized, registered: Math.min(0.9, recognized + 0.2) };
    }
    case "learning_community_commune":
    case "centre_rating":
      return { recognized: 1, registered: 1 };
  }
}

export type Outcome = "absent" | "fails" | "passes";

/**
 * Outcomes for a year by rank: each subject has a steady "strength" (families keep their habits) shifted a little
 * each year, so that the counts hit the shares exactly while some families come and go between years.
 */
export function outcomesFor(keys: string[], title: Title, year: number): Map<string, Outcome> {
  const { registered, recognized } = sharesFor(title, year);
  const ranked = keys
    .map((key) => {
      const strength = random(hash(`strength:${key}`))();
      const jitter = (random(hash(`year:${year}:${key}`))() - 0.5) * 0.3;
      return { key, score: strength + jitter };
    })
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
  const passing = Math.round(recognized * keys.length);
  const taking = Math.max(passing, Math.round(registered * keys.length));
  return new Map(
    ranked.map((r, i) => [r.key, i < passing ? "passes" : i < taking ? "fails" : "absent"] as const),
  );
}

/**
 * Item scores of a points set adding up to a total that passes (or just misses) the recognition threshold, never
 * below a criterion's minimum when it passes. Whole points only, as the evaluation requires.
 */
export function pointsSheet(
  definition: PointsDefinition,
  passes: boolean,
  seed: number,
  floor?: number,
): Record<string, number> {
  const next = random(seed);
  const items = definition.criteria.flatMap((c) => c.items.map((i) => ({ ...i, criterion: c })));
  const max = items.reduce((sum, i) => sum + i.maxPoints, 0);
  const threshold = Math.min(
    ...definition.thresholds.filter((t) => t.recognized).map((t) => t.minPoints),
    max,
  );
  const low = Math.max(threshold, floor ?? threshold);
  const target = passes
    ? low + Math.floor(next() * (Math.min(max, low + 18) - low + 1))
    : Math.max(0, threshold - 1 - Math.floor(next() * 14));
  const scores = new Map(items.map((i) => [i.key, i.maxPoints]));
  const criterionPoints = (key: string) =>
    items.filter((i) => i.criterion.key === key).reduce((sum, i) => sum + scores.get(i.key)!, 0);
  let deficit = max - target;
  for (let guard = 0; deficit > 0 && guard < 10_000; guard++) {
    const item = items[Math.floor(next() * items.length)]!;
    const score = scores.get(item.key)!;
    const minimum = item.criterion.minPoints ?? 0;
    if (score === 0 || (passes && criterionPoints(item.criterion.key) - 1 < minimum)) continue;
    scores.set(item.key, score - 1);
    deficit--;
  }
  return Object.fromEntries(scores);
}

/**
 * Items of a levels set: every item of the levels up to `level` met; of the next level all but one (so it is not
 * reached). Level 0 misses one item of level 1.
 */
export function levelsSheet(
  definition: LevelsDefinition,
  level: number,
  seed: number,
): Record<string, boolean> {
  const next = random(seed);
  const out: Record<string, boolean> = {};
  for (const l of definition.levels) {
    const keys = l.criteria.flatMap((c) => c.items.map((i) => i.key));
    const missed = l.level > level ? keys[Math.floor(next() * keys.length)] : undefined;
    for (const key of keys) out[key] = key !== missed;
  }
  return out;
}
