/**
 * Criteria sets ("bộ tiêu chí", code name `rubric`) as versioned data, shared by the server (validation, seeds,
 * evaluation) and the web client (forms). The rules changed in 2014, 2023/24 and 2025 (RULES.md §0), so criteria,
 * points, thresholds and deadlines live in data, not in code.
 *
 * `unconfirmed: true` marks what RULES.md could not confirm from a primary text. Each flag covers the fields of
 * its own level: on an item its text and maxPoints; on a criterion its name and minPoints; on a definition the
 * thresholds, levels rules (wait, validity) and the overall structure; on meta the dates and legal details;
 * on a deadline its date. The UI should show these as "chưa kiểm chứng".
 */
import { z } from "zod";
import { isoDate, unitLevels } from "./api";

/** The learning titles proper: recognitions, with a recognition rate and targets. */
export const recognitionTitles = [
  "learning_family",
  "learning_clan",
  "learning_community_village",
  "learning_community_commune",
  "learning_organization",
  "learning_citizen",
] as const;
/**
 * Titles that are a yearly rating (xếp loại) rather than a recognition: every subject decided gets a grade, even
 * "Yếu"; no certificate is printed; the statistics show subjects by grade, not a recognition rate, and no target
 * is set on them. The learning centres' yearly rating (xếp loại TTHTCĐ) is one.
 */
export const ratingTitles = ["centre_rating"] as const;
/** Every title the cycle runs: the learning titles, then the ratings. */
export const titles = [...recognitionTitles, ...ratingTitles] as const;
export type Title = (typeof titles)[number];
export type RecognitionTitle = (typeof recognitionTitles)[number];
export const isRatingTitle = (title: Title): boolean => (ratingTitles as readonly Title[]).includes(title);
export const isRecognitionTitle = (title: Title): title is RecognitionTitle => !isRatingTitle(title);

export const titleLabels: Record<Title, string> = {
  learning_family: "Gia đình học tập",
  learning_clan: "Dòng họ học tập",
  learning_community_village: "Cộng đồng học tập cấp thôn",
  learning_community_commune: "Cộng đồng học tập cấp xã",
  learning_organization: "Đơn vị học tập",
  learning_citizen: "Công dân học tập",
  centre_rating: "Xếp loại trung tâm học tập cộng đồng",
};

/** "weak" (Yếu) is a grade of a rating only (xếp loại TTHTCĐ): the learning titles do not recognise below "average". */
export const grades = ["good", "fair", "average", "weak"] as const;
export type Grade = (typeof grades)[number];
export const gradeLabels: Record<Grade, string> = {
  good: "Tốt",
  fair: "Khá",
  average: "Trung bình",
  weak: "Yếu",
};

/** Keys are stable identifiers stored with scores and evidence: they must not change between edits. */
const key = z
  .string()
  .regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, "Mã chỉ gồm chữ thường không dấu, số, dấu chấm, gạch")
  .max(40, "Mã tối đa 40 ký tự");
const text = z.string().trim().min(1, "Nội dung không được để trống").max(1000);
const unconfirmed = z.boolean().optional();

type Issue = { message: string; path: (string | number)[] };

/** Every key (criteria and items, across all levels) is unique: scores are a flat map keyed by item. */
function duplicateKeys(keys: { key: string; path: (string | number)[] }[]): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const { key, path } of keys) {
    if (seen.has(key))
      issues.push({ message: `Mã "${key}" bị trùng trong bộ tiêu chí`, path: [...path, "key"] });
    seen.add(key);
  }
  return issues;
}

// --- scheme "points": items scored 0..maxPoints, total mapped to a result or a grade by thresholds ---

export const pointsItem = z.object({
  key,
  text,
  maxPoints: z.number().int("Điểm tối đa phải là số nguyên").positive("Điểm tối đa phải lớn hơn 0"),
  unconfirmed,
});

export const pointsCriterion = z.object({
  key,
  name: text,
  /** A criterion below this minimum blocks recognition whatever the total. */
  minPoints: z.number().nonnegative("Điểm tối thiểu không được âm").optional(),
  unconfirmed,
  items: z.array(pointsItem).min(1, "Mỗi tiêu chí cần ít nhất một chỉ tiêu"),
});

export const threshold = z.object({
  minPoints: z.number().nonnegative("Ngưỡng điểm không được âm"),
  recognized: z.boolean(),
  grade: z.enum(grades).nullable().optional(),
  /** Vietnamese, shown as the result, e.g. "Tốt", "Đạt", "Không xếp loại". */
  label: text,
});

export const pointsDefinition = z
  .object({
    scheme: z.literal("points"),
    criteria: z.array(pointsCriterion).min(1, "Bộ tiêu chí cần ít nhất một tiêu chí"),
    /** Any order; a threshold at 0 points is required so that every total has a result. */
    thresholds: z.array(threshold).min(1, "Cần ít nhất một ngưỡng"),
    unconfirmed,
  })
  .superRefine((definition, ctx) => {
    const issues = duplicateKeys(
      definition.criteria.flatMap((criterion, c) => [
        { key: criterion.key, path: ["criteria", c] },
        ...criterion.items.map((item, i) => ({ key: item.key, path: ["criteria", c, "items", i] })),
      ]),
    );
    let maxTotal = 0;
    definition.criteria.forEach((criterion, c) => {
      const max = criterion.items.reduce((sum, item) => sum + item.maxPoints, 0);
      maxTotal += max;
      if (criterion.minPoints !== undefined && criterion.minPoints > max)
        issues.push({
          message: `Điểm tối thiểu (${criterion.minPoints}) lớn hơn tổng điểm tối đa của tiêu chí (${max})`,
          path: ["criteria", c, "minPoints"],
        });
    });
    const seen = new Set<number>();
    definition.thresholds.forEach((t, i) => {
      if (seen.has(t.minPoints))
        issues.push({ message: `Hai ngưỡng cùng ${t.minPoints} điểm`, path: ["thresholds", i, "minPoints"] });
      seen.add(t.minPoints);
      if (t.minPoints > maxTotal)
        issues.push({
          message: `Ngưỡng ${t.minPoints} điểm vượt tổng điểm tối đa (${maxTotal})`,
          path: ["thresholds", i, "minPoints"],
        });
    });
    if (!seen.has(0))
      issues.push({ message: "Cần một ngưỡng 0 điểm để mọi tổng điểm đều có kết quả", path: ["thresholds"] });
    // More points can never lose a recognition that fewer points give.
    const ascending = [...definition.thresholds].sort((a, b) => a.minPoints - b.minPoints);
    ascending.forEach((t, i) => {
      const lower = ascending[i - 1];
      if (lower?.recognized && !t.recognized)
        issues.push({
          message: `Ngưỡng ${t.minPoints} điểm "không đạt" trong khi ngưỡng thấp hơn (${lower.minPoints}) "đạt"`,
          path: ["thresholds", definition.thresholds.indexOf(t), "recognized"],
        });
    });
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });

// --- scheme "levels": pass/fail indicators, mức độ 1 and 2 (TT 24/2023, TT 25/2023) ---

export const levelItem = z.object({ key, text, unconfirmed });

export const levelCriterion = z.object({
  key,
  name: text,
  unconfirmed,
  items: z.array(levelItem).min(1, "Mỗi tiêu chí cần ít nhất một chỉ tiêu"),
});

export const level = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  /** Level 2 is reached only with level 1 (reached now or held from a valid earlier recognition). */
  requires: z.literal(1).optional(),
  criteria: z.array(levelCriterion).min(1, "Mỗi mức độ cần ít nhất một tiêu chí"),
});

export const levelsDefinition = z
  .object({
    scheme: z.literal("levels"),
    levels: z.array(level).min(1, "Cần ít nhất một mức độ"),
    /** Months level 1 must have been held before level 2 can be recognised (TT 25/2023: 12). */
    waitMonthsBetweenLevels: z.number().int().min(0).max(120).optional(),
    /** Years a recognition stays valid (bảo lưu), used to accept a held level. */
    validityYears: z.number().int().min(1).max(10).optional(),
    unconfirmed,
  })
  .superRefine((definition, ctx) => {
    const issues = duplicateKeys(
      definition.levels.flatMap((l, li) =>
        l.criteria.flatMap((criterion, c) => [
          { key: criterion.key, path: ["levels", li, "criteria", c] },
          ...criterion.items.map((item, i) => ({
            key: item.key,
            path: ["levels", li, "criteria", c, "items", i],
          })),
        ]),
      ),
    );
    const numbers = definition.levels.map((l) => l.level);
    if (new Set(numbers).size !== numbers.length)
      issues.push({ message: "Mỗi mức độ chỉ được khai báo một lần", path: ["levels"] });
    if (!numbers.includes(1)) issues.push({ message: "Bộ tiêu chí cần có mức độ 1", path: ["levels"] });
    definition.levels.forEach((l, li) => {
      if (l.requires !== undefined && l.requires >= l.level)
        issues.push({
          message: "Mức độ chỉ có thể yêu cầu một mức độ thấp hơn",
          path: ["levels", li, "requires"],
        });
    });
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });

export const rubricDefinition = z.discriminatedUnion("scheme", [pointsDefinition, levelsDefinition]);

// --- meta: legal basis, validity period and the yearly deadlines ---

export const deadlineSteps = [
  "registration",
  "self_assessment",
  "review",
  "dossier",
  "decision",
  "report",
] as const;
export type DeadlineStep = (typeof deadlineSteps)[number];

/** Days of each month in a yearly date (no 29/02: a yearly deadline must exist every year). */
export const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const deadline = z
  .object({
    step: z.enum(deadlineSteps),
    month: z.number().int().min(1, "Tháng từ 1 đến 12").max(12, "Tháng từ 1 đến 12"),
    // 29/02 is refused: a yearly deadline must exist every year.
    day: z.number().int().min(1, "Ngày từ 1 đến 31").max(31, "Ngày từ 1 đến 31"),
    /** 0: in the assessed year; 1: in the following year (TT 25/2023 dossier by 28/02 of the next year). */
    yearOffset: z.union([z.literal(0), z.literal(1)]).optional(),
    label: text,
    unconfirmed,
  })
  .refine((d) => d.day <= (daysInMonth[d.month - 1] ?? 0), {
    message: "Ngày không có trong tháng (hạn hằng năm không dùng 29/02)",
    path: ["day"],
  });

export const rubricMeta = z
  .object({
    /** Stable code of the set, e.g. "tt25-2023-cdht-xa". */
    code: key,
    title: z.enum(titles),
    /** Administrative level the set applies to when a title has several (ĐVHT cấp xã / huyện / tỉnh). */
    unitLevel: z.enum(unitLevels).nullable().optional(),
    name: text,
    legalBasis: z.object({
      number: text,
      date: isoDate,
      issuer: text,
    }),
    /** In force on d when effectiveFrom ≤ d < effectiveTo (effectiveTo is the day the next set takes over). */
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    deadlines: z.array(deadline),
    /** Caveats for the user (Vietnamese): what is unconfirmed and why. */
    notes: z.string().trim().max(2000).optional(),
    unconfirmed,
  })
  .refine((meta) => meta.effectiveTo === null || meta.effectiveTo > meta.effectiveFrom, {
    message: "Ngày hết hiệu lực phải sau ngày có hiệu lực",
    path: ["effectiveTo"],
  });

/**
 * A rating (ratingTitles) scores points and gives every decided subject a grade: each threshold that rates
 * ("recognized") names its grade, so that the statistics count subjects by grade exactly.
 */
export const rubric = z
  .object({ meta: rubricMeta, definition: rubricDefinition })
  .superRefine(({ meta, definition }, ctx) => {
    if (!isRatingTitle(meta.title)) return;
    if (definition.scheme !== "points") {
      ctx.addIssue({
        code: "custom",
        message: "Bộ tiêu chí xếp loại phải chấm theo điểm",
        path: ["definition", "scheme"],
      });
      return;
    }
    definition.thresholds.forEach((t, i) => {
      if (t.recognized && !t.grade)
        ctx.addIssue({
          code: "custom",
          message: `Ngưỡng ${t.minPoints} điểm cần ghi xếp loại (tốt, khá, trung bình, yếu)`,
          path: ["definition", "thresholds", i, "grade"],
        });
    });
  });

export type PointsItem = z.infer<typeof pointsItem>;
export type PointsCriterion = z.infer<typeof pointsCriterion>;
export type Threshold = z.infer<typeof threshold>;
export type PointsDefinition = z.infer<typeof pointsDefinition>;
export type LevelItem = z.infer<typeof levelItem>;
export type LevelCriterion = z.infer<typeof levelCriterion>;
export type Level = z.infer<typeof level>;
export type LevelsDefinition = z.infer<typeof levelsDefinition>;
export type RubricDefinition = z.infer<typeof rubricDefinition>;
export type Deadline = z.infer<typeof deadline>;
export type RubricMeta = z.infer<typeof rubricMeta>;
export type Rubric = z.infer<typeof rubric>;

// --- a stored version of a set (GET /rubrics) ---

type UnitLevelName = (typeof unitLevels)[number];

/** A version of a criteria set as stored and served: the meta flattened, the definition as validated. */
export type StoredRubric = {
  id: number;
  code: string;
  version: number;
  title: Title;
  name: string;
  legalNumber: string;
  legalDate: string | null;
  legalIssuer: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  provinceId: number | null;
  unitLevel: UnitLevelName | null;
  notes: string | null;
  scheme: "points" | "levels";
  definition: RubricDefinition;
  deadlines: Deadline[];
  /** Some value is still "chưa xác minh" and the version was not confirmed since. */
  unconfirmed: boolean;
  confirmedAt: string | null;
};

/** The response schema of a stored version (the definition and deadlines are validated when written). */
export const storedRubric = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  title: z.enum(titles),
  name: z.string(),
  legalNumber: z.string(),
  legalDate: z.string().nullable(),
  legalIssuer: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  provinceId: z.number().nullable(),
  unitLevel: z.string().nullable(),
  notes: z.string().nullable(),
  scheme: z.enum(["points", "levels"]),
  definition: z.unknown(),
  deadlines: z.unknown(),
  unconfirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
});

// --- the evaluation of a set against a self-assessment (stored as a registration's `result`) ---

export type PointsEvaluation = {
  scheme: "points";
  total: number;
  maxPoints: number;
  criteria: {
    key: string;
    points: number;
    maxPoints: number;
    minPoints: number | null;
    belowMinimum: boolean;
  }[];
  missingItems: string[];
  invalidItems: { key: string; message: string }[];
  complete: boolean;
  recognized: boolean;
  grade: Grade | null;
  label: string;
};

export type LevelsEvaluation = {
  scheme: "levels";
  levels: {
    level: 1 | 2;
    /** All criteria of the level are met. */
    met: boolean;
    /** Met, and the level's prerequisite and waiting time are satisfied. */
    reached: boolean;
    criteria: { key: string; met: boolean; missingItems: string[] }[];
  }[];
  levelReached: 0 | 1 | 2;
  missingItems: string[];
  complete: boolean;
  recognized: boolean;
  label: string;
  notes: string[];
};

export type Evaluation = PointsEvaluation | LevelsEvaluation;

/**
 * Why an evaluation whose level-2 criteria are all met still stays at level 1 (TT 25/2023: mức độ 2 only after
 * mức độ 1 has been held at least 12 months; or level 1 itself not met): the evaluation's notes about it, or null
 * when level 2 is reached or not met. Shown on the score sheet and written in the TT 25 documents.
 */
export function level2Withheld(result: Pick<LevelsEvaluation, "levels" | "notes">): string | null {
  const level2 = result.levels?.find((l) => l.level === 2);
  if (!level2?.met || level2.reached) return null;
  const why = (result.notes ?? []).filter((note) => !note.includes("chưa chấm"));
  return why.length > 0 ? why.join("; ") : "Chưa đủ điều kiện công nhận mức độ 2";
}
