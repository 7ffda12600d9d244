/**
 * The statistics of the community learning centres (issue 10, point 7), declared once for the server (roll-up,
 * series, CSV, XLSX) and the web (dashboard). Counts come from the centre counters (migration 0028): flows of the
 * year (activities, sessions, lượt người, women, minorities, elderly, named learners) and the centres active at the
 * end of the year (31/12, or today for the current year); the plans and surveys (migration 0035): the planned counts
 * and expected participants of the approved plans of the year, the year's survey answers, and the plan-done rate
 * derived from them (all the year's activities ÷ the approved plans' planned counts, so it may pass 100 %).
 */

import type { StatsUnitRef } from "./association-stats";
import { type Topic, topicOptions, topics } from "./registry/kinds/topics";

export const activityKinds = ["class", "talk", "club"] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKindLabels: Record<ActivityKind, { vi: string; en: string }> = {
  class: { vi: "Lớp học", en: "Classes" },
  talk: { vi: "Chuyên đề", en: "Talks" },
  club: { vi: "Câu lạc bộ", en: "Clubs" },
};
export { topicOptions as topicLabels, topics };

export type CentreCounts = {
  /** Centres active at the end of the year (founded by then, not dissolved or merged). */
  centres: number;
  /** Activities starting in the year (not archived), by kind and topic. */
  activities: number;
  byKind: Record<ActivityKind, number>;
  byTopic: Record<Topic, number>;
  /** Sessions held in the year. */
  sessions: number;
  /** Lượt người: attendance summed over the sessions of the year. */
  attendees: number;
  women: number;
  minorities: number;
  elderly: number;
  /** Named learners enrolled in the year's activities (enrolments). */
  learners: number;
  /** Minutes of the year's sessions whose length was recorded. */
  minutes: number;
  /** Planned counts of the items of the approved plans of the year. */
  planned: number;
  /** Their expected participants. */
  plannedParticipants: number;
  /** Answers of the year's learning-needs surveys. */
  surveyResponses: number;
};

export type CentreMetricKey =
  | "centres"
  | "activities"
  | "sessions"
  | "attendees"
  | "women"
  | "minorities"
  | "elderly"
  | "learners"
  | "planned"
  | "plannedParticipants"
  | "planDoneRate"
  | "surveyResponses";

/** The plan-done rate: the year's activities as a share of the approved plans' planned counts, in percent with one
 * decimal; null when nothing was planned. All the activities count (with or without a plan): it may pass 100 %. */
export const planDoneRate = (c: CentreCounts): number | null =>
  c.planned > 0 ? Math.round((c.activities / c.planned) * 1000) / 10 : null;

/** A metric's value: a count, or the derived rate. */
export const centreValue = (c: CentreCounts, key: CentreMetricKey): number | null =>
  key === "planDoneRate" ? planDoneRate(c) : c[key];

/** The columns of the tables and exports, in order. */
export const centreMetrics: {
  key: CentreMetricKey;
  label: { vi: string; en: string };
  kind: "count" | "rate";
}[] = [
  { key: "centres", label: { vi: "Trung tâm", en: "Centres" }, kind: "count" },
  { key: "activities", label: { vi: "Lớp, chuyên đề", en: "Classes and talks" }, kind: "count" },
  { key: "sessions", label: { vi: "Buổi học", en: "Sessions" }, kind: "count" },
  { key: "attendees", label: { vi: "Lượt người", en: "Attendances" }, kind: "count" },
  { key: "women", label: { vi: "Nữ", en: "Women" }, kind: "count" },
  { key: "minorities", label: { vi: "Dân tộc thiểu số", en: "Ethnic minorities" }, kind: "count" },
  { key: "elderly", label: { vi: "Người cao tuổi", en: "Elderly" }, kind: "count" },
  { key: "learners", label: { vi: "Học viên có tên", en: "Named learners" }, kind: "count" },
  { key: "planned", label: { vi: "Kế hoạch (lớp, chuyên đề)", en: "Planned" }, kind: "count" },
  {
    key: "plannedParticipants",
    label: { vi: "Người dự kiến", en: "Expected participants" },
    kind: "count",
  },
  { key: "planDoneRate", label: { vi: "Tỷ lệ thực hiện kế hoạch (%)", en: "Plan done (%)" }, kind: "rate" },
  { key: "surveyResponses", label: { vi: "Phiếu khảo sát nhu cầu", en: "Survey answers" }, kind: "count" },
];

export const zeroCentreCounts = (): CentreCounts => ({
  centres: 0,
  activities: 0,
  byKind: { class: 0, talk: 0, club: 0 },
  byTopic: Object.fromEntries(topics.map((t) => [t, 0])) as Record<Topic, number>,
  sessions: 0,
  attendees: 0,
  women: 0,
  minorities: 0,
  elderly: 0,
  learners: 0,
  minutes: 0,
  planned: 0,
  plannedParticipants: 0,
  surveyResponses: 0,
});

/** Adds `more` (times `sign`) into `into`. */
export function addCentreCounts(into: CentreCounts, more: CentreCounts, sign = 1): CentreCounts {
  for (const key of Object.keys(into) as (keyof CentreCounts)[]) {
    if (key === "byKind") for (const k of activityKinds) into.byKind[k] += sign * more.byKind[k];
    else if (key === "byTopic") for (const t of topics) into.byTopic[t] += sign * more.byTopic[t];
    else into[key] += sign * more[key];
  }
  return into;
}

export const centreCountsAreZero = (c: CentreCounts) =>
  centreMetrics.every(
    (m) => m.kind === "rate" || c[m.key as Exclude<CentreMetricKey, "planDoneRate">] === 0,
  ) && c.minutes === 0;

/** GET /stats/centres: a unit's figures in a year and its children's. */
export type CentreRollup = {
  unit: StatsUnitRef;
  year: number;
  date: string;
  figures: CentreCounts;
  children: { unit: StatsUnitRef; figures: CentreCounts }[];
  /** What is counted on units no longer in force that no child took over whole (null when nothing). */
  own: CentreCounts | null;
};

export type CentreSeriesPoint = { year: number; date: string; figures: CentreCounts };
export type CentreSeries = { unit: StatsUnitRef; points: CentreSeriesPoint[] };
