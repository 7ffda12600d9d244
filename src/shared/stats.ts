/** The figures of the learning titles and the targets set for them, as the server computes and the web shows them. */
import { recognitionTitles, titleLabels } from "./rubric";

/** The counts of one unit for one title. */
export type Counts = {
  total: number;
  registered: number;
  recognized: number;
  recognizedGood: number;
  recognizedFair: number;
  recognizedAverage: number;
  level1: number;
  level2: number;
};

/**
 * A rating's subjects by grade (xếp loại TTHTCĐ): rated (recognized) split into tốt, khá, trung bình, yếu, and the
 * subjects counted in the total that were not rated that year. Yếu is the rated without one of the three counted
 * grades: a rating's criteria set gives every rated subject a grade (shared/rubric.ts `rubric`), so it is exact.
 */
export type RatingFigures = {
  rated: number;
  good: number;
  fair: number;
  average: number;
  weak: number;
  unrated: number;
};

/**
 * The counts with their rates: percentages of the total with two decimals, null when the total is 0. A rating
 * title has no rates (null) and its subjects by grade in `rating` instead.
 */
export type Figures = Counts & {
  registeredRate: number | null;
  recognizedRate: number | null;
  rating?: RatingFigures;
};

export const targetMetrics = ["recognizedRate", "registeredRate", "householdShare"] as const;
export type TargetMetric = (typeof targetMetrics)[number];

/** What a target is set for: a learning title, or the Hội Khuyến học ("association"). */
export const targetSubjects = [...recognitionTitles, "association"] as const;
export type TargetSubject = (typeof targetSubjects)[number];

/** The metrics a subject's targets measure: the titles' rates, or the Hội's share of households with a member. */
export const subjectMetrics = (subject: TargetSubject): readonly TargetMetric[] =>
  subject === "association" ? ["householdShare"] : ["recognizedRate", "registeredRate"];

export const subjectLabels: Record<TargetSubject, string> = {
  ...titleLabels,
  association: "Hội Khuyến học",
};
export type TargetStatus = "met" | "not_met" | "exceeded";

/** A target applied to a unit's figures (GET /stats/rollup, titles[i].targets) and where the unit stands against it. */
export type TargetProgress = {
  metric: TargetMetric;
  targetYear: number;
  value: number;
  basis: string;
  source: "national" | "local";
  unitId: number | null;
  actual: number | null;
  status: TargetStatus | null;
};
