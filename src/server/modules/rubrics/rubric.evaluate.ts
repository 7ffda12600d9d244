/**
 * Evaluation of a criteria set (rubric) against scores, and the choice of the set in force. Pure functions: no
 * database, no clock (the assessment date is an argument), so the same input always gives the same result.
 */
import type { unitLevels } from "../../../shared/api";
import type {
  Evaluation,
  LevelsDefinition,
  LevelsEvaluation,
  PointsDefinition,
  PointsEvaluation,
  RubricDefinition,
  Threshold,
  Title,
} from "../../../shared/rubric";

export type PointsScores = Record<string, number | null | undefined>;
export type LevelItems = Record<string, boolean | null | undefined>;
export type HeldLevel = { level: 1 | 2; recognizedOn: string };

export type { Evaluation, LevelsEvaluation, PointsEvaluation };

export const notScoredLabel = "Chưa chấm đủ";
export const invalidScoresLabel = "Có điểm không hợp lệ";

/**
 * Scores are whole points from 0 to maxPoints: nothing is rounded, a fraction is an error to correct.
 * A missing or invalid item makes the evaluation incomplete, and an incomplete evaluation is never recognised
 * (label "Chưa chấm đủ" / "Có điểm không hợp lệ"), even when the points already reach a threshold: a household
 * must not be recognised on half a score sheet. A criterion below its minimum blocks recognition whatever the
 * total. A total exactly at a threshold reaches it.
 */
export function evaluatePoints(definition: PointsDefinition, scores: PointsScores): PointsEvaluation {
  const missingItems: string[] = [];
  const invalidItems: { key: string; message: string }[] = [];
  const known = new Set<string>();
  const criteria = definition.criteria.map((criterion) => {
    let points = 0;
    let maxPoints = 0;
    let scored = true;
    for (const item of criterion.items) {
      known.add(item.key);
      maxPoints += item.maxPoints;
      const score = scores[item.key];
      const problem = scoreProblem(score, item.maxPoints);
      if (score === null || score === undefined) missingItems.push(item.key);
      else if (problem) invalidItems.push({ key: item.key, message: problem });
      else points += score;
      if (score === null || score === undefined || problem) scored = false;
    }
    const minPoints = criterion.minPoints ?? null;
    // Judged only when the criterion is fully scored: a partial sum may still reach the minimum.
    const belowMinimum = scored && minPoints !== null && points < minPoints;
    return { key: criterion.key, name: criterion.name, points, maxPoints, minPoints, belowMinimum };
  });
  for (const [key, score] of Object.entries(scores))
    if (!known.has(key) && score !== null && score !== undefined)
      invalidItems.push({ key, message: "Không có chỉ tiêu này trong bộ tiêu chí" });

  const total = criteria.reduce((sum, c) => sum + c.points, 0);
  const maxPoints = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const complete = missingItems.length === 0 && invalidItems.length === 0;
  const below = criteria.filter((c) => c.belowMinimum);
  const base = {
    scheme: "points" as const,
    total,
    maxPoints,
    criteria: criteria.map(({ name: _name, ...c }) => c),
    missingItems,
    invalidItems,
    complete,
  };
  const notRecognized = (label: string) => ({ ...base, recognized: false, grade: null, label });
  if (invalidItems.length > 0) return notRecognized(invalidScoresLabel);
  if (!complete) return notRecognized(notScoredLabel);
  if (below.length > 0)
    return notRecognized(
      `Chưa đạt: ${below.map((c) => `tiêu chí "${c.name}" ${c.points}/${c.minPoints} điểm tối thiểu`).join("; ")}`,
    );
  const reached = thresholdFor(definition.thresholds, total);
  if (!reached) return notRecognized("Chưa đạt");
  return { ...base, recognized: reached.recognized, grade: reached.grade ?? null, label: reached.label };
}

function scoreProblem(score: number | null | undefined, maxPoints: number): string | null {
  if (score === null || score === undefined) return null;
  if (typeof score !== "number" || !Number.isFinite(score)) return "Điểm phải là một số";
  if (!Number.isInteger(score)) return "Điểm phải là số nguyên";
  if (score < 0) return "Điểm không được âm";
  if (score > maxPoints) return `Điểm vượt quá điểm tối đa (${maxPoints})`;
  return null;
}

/** The highest threshold whose minimum the total reaches (reaching exactly counts). */
export function thresholdFor(thresholds: Threshold[], total: number): Threshold | null {
  const descending = [...thresholds].sort((a, b) => b.minPoints - a.minPoints);
  return descending.find((t) => total >= t.minPoints) ?? null;
}

/**
 * Pass/fail levels (RULES.md §1.2, TT 25/2023 and TT 24/2023): an item counts only when it is true (missing or
 * false: not met); a criterion is met when all its items are met; a level is met when all its criteria are met.
 *
 * Level 2 (with `requires: 1`) also needs level 1, either met in this evaluation or held from an earlier
 * recognition still valid on `assessedOn` (recognizedOn + validityYears). With `waitMonthsBetweenLevels`
 * (TT 25/2023: "a unit recognised at mức độ 1 may apply for mức độ 2 after at least 12 months", RULES.md §1.2),
 * level 2 further needs level 1 held (a valid earlier recognition) since at least that many months before
 * `assessedOn`; otherwise the result is level 1 (when met) with the note "Chưa đủ 12 tháng kể từ khi đạt mức độ
 * 1". Level 1 met in this same evaluation has been held for 0 months, so it never satisfies the wait. A held
 * level 2 is a renewal, not a step up: the wait does not apply. Without `assessedOn` neither validity nor the wait
 * can be checked, so a held level is not used and level 2 is refused when a wait is set.
 */
export function evaluateLevels(
  definition: LevelsDefinition,
  items: LevelItems,
  heldLevel?: HeldLevel,
  assessedOn?: string,
): LevelsEvaluation {
  const notes: string[] = [];
  const missingItems: string[] = [];
  const levels = [...definition.levels]
    .sort((a, b) => a.level - b.level)
    .map((l) => {
      const criteria = l.criteria.map((criterion) => {
        const missing = criterion.items.filter((i) => items[i.key] === null || items[i.key] === undefined);
        missingItems.push(...missing.map((i) => i.key));
        return {
          key: criterion.key,
          met: criterion.items.every((i) => items[i.key] === true),
          missingItems: missing.map((i) => i.key),
        };
      });
      const missingCount = criteria.reduce((n, c) => n + c.missingItems.length, 0);
      if (missingCount > 0) notes.push(`Mức độ ${l.level}: còn ${missingCount} chỉ tiêu chưa chấm`);
      return {
        level: l.level,
        requires: l.requires,
        met: criteria.every((c) => c.met),
        reached: false,
        criteria,
      };
    });

  const held =
    heldLevel && assessedOn ? heldOn(heldLevel, assessedOn, definition.validityYears, notes) : null;
  if (heldLevel && !assessedOn)
    notes.push("Chưa có ngày đánh giá: không xét mức độ đã được công nhận trước đây");

  for (const l of levels) {
    if (!l.met) continue;
    if (l.requires === undefined) {
      l.reached = true;
      continue;
    }
    const requiredNow = levels.find((other) => other.level === l.requires)?.reached ?? false;
    const requiredHeld = held !== null && held.level >= l.requires;
    if (!requiredNow && !requiredHeld) {
      notes.push(`Chưa đạt mức độ ${l.level}: cần đạt mức độ ${l.requires} trước`);
      continue;
    }
    const wait = definition.waitMonthsBetweenLevels ?? 0;
    const renewal = held !== null && held.level >= l.level;
    if (wait > 0 && !renewal) {
      const eligibleOn = held ? addMonths(held.recognizedOn, wait) : null;
      if (!assessedOn || !eligibleOn || assessedOn < eligibleOn) {
        const since = eligibleOn ? ` (được xét mức độ ${l.level} từ ${formatDay(eligibleOn)})` : "";
        notes.push(`Chưa đủ ${wait} tháng kể từ khi đạt mức độ ${l.requires}${since}`);
        continue;
      }
    }
    l.reached = true;
  }

  const levelReached = Math.max(0, ...levels.filter((l) => l.reached).map((l) => l.level)) as 0 | 1 | 2;
  // A set with a single level (e.g. Công dân học tập) reads better as plain "Đạt".
  const label = levelReached === 0 ? "Chưa đạt" : levels.length === 1 ? "Đạt" : `Đạt mức độ ${levelReached}`;
  return {
    scheme: "levels",
    levels: levels.map(({ requires: _requires, ...l }) => l),
    levelReached,
    missingItems,
    complete: missingItems.length === 0,
    recognized: levelReached > 0,
    label,
    notes,
  };
}

/** The held level when it can count on `assessedOn`, else null with a note saying why. */
function heldOn(
  held: HeldLevel,
  assessedOn: string,
  validityYears: number | undefined,
  notes: string[],
): HeldLevel | null {
  if (held.recognizedOn > assessedOn) {
    notes.push(`Ngày công nhận mức độ ${held.level} (${formatDay(held.recognizedOn)}) sau ngày đánh giá`);
    return null;
  }
  if (validityYears !== undefined && assessedOn >= addMonths(held.recognizedOn, validityYears * 12)) {
    notes.push(
      `Công nhận mức độ ${held.level} ngày ${formatDay(held.recognizedOn)} đã hết hạn ${validityYears} năm`,
    );
    return null;
  }
  return held;
}

/** Calendar months, clamped to the month's last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const formatDay = (day: string) => day.split("-").reverse().join("/");

export type EvaluationInput = {
  scores?: PointsScores;
  items?: LevelItems;
  heldLevel?: HeldLevel;
  assessedOn?: string;
};

export function evaluate(definition: PointsDefinition, input: EvaluationInput): PointsEvaluation;
export function evaluate(definition: LevelsDefinition, input: EvaluationInput): LevelsEvaluation;
export function evaluate(definition: RubricDefinition, input: EvaluationInput): Evaluation;
export function evaluate(definition: RubricDefinition, input: EvaluationInput): Evaluation {
  return definition.scheme === "points"
    ? evaluatePoints(definition, input.scores ?? {})
    : evaluateLevels(definition, input.items ?? {}, input.heldLevel, input.assessedOn);
}

type UnitLevel = (typeof unitLevels)[number];

export type RubricCandidate = {
  title: Title;
  effectiveFrom: string;
  effectiveTo: string | null;
  provinceId: number | null;
  version: number;
  unitLevel?: UnitLevel | null;
  code?: string;
};

/**
 * The set used for the assessment of year Y: the one in force on 31/12/Y (effectiveFrom ≤ 31/12/Y < effectiveTo).
 * The year's data run to 31/12 and the assessment happens at or after the year's end, so the set in force then
 * applies: TT 44/2014 for 2023, TT 25/2023 (from 12/02/2024) for 2024. A set published later (later
 * effectiveFrom) therefore never changes the set of an earlier year.
 * Among the sets in force: a provincial variant of the province beats a national set (another province's variant
 * never applies); a set for the requested unitLevel beats one for every level; then the highest version; then the
 * latest effectiveFrom. Pass unitLevel when a title has sets for several levels (ĐVHT cấp xã / cấp tỉnh).
 */
export function pickRubric<T extends RubricCandidate>(
  rubrics: readonly T[],
  title: Title,
  year: number,
  provinceId: number | null,
  unitLevel?: UnitLevel,
): T | null {
  const day = `${String(year).padStart(4, "0")}-12-31`;
  const candidates = rubrics.filter(
    (r) =>
      r.title === title &&
      r.effectiveFrom <= day &&
      (r.effectiveTo === null || day < r.effectiveTo) &&
      (r.provinceId === null || r.provinceId === provinceId) &&
      (unitLevel === undefined || r.unitLevel == null || r.unitLevel === unitLevel),
  );
  const rank = (r: T) => [
    r.provinceId === null ? 0 : 1,
    unitLevel !== undefined && r.unitLevel === unitLevel ? 1 : 0,
    r.version,
  ];
  candidates.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
    return (a.code ?? "").localeCompare(b.code ?? "");
  });
  return candidates[0] ?? null;
}
