/**
 * The commendations' statistics (issue 10, point 7), declared once for the server (GET /commendations/stats, the
 * roll-up, series, CSV, XLSX) and the web (the commendations page, the dashboard). Counts come from the
 * commendations' counters (migration 0033): per commune, year and metric (`total`, `collective`, `individual`,
 * `form:<form>`, `level:<level>`), a commendation counting in its year.
 */
import type { StatsUnitRef } from "./association-stats";
import {
  type CommendationFigures,
  commendationForms,
  commendationLevels,
  levelLabels,
} from "./commendations";

export type { CommendationFigures };

/** Counter values by metric, as the counters name them. */
export type CommendationCounts = Map<string, number>;

export function addCount(counts: CommendationCounts, metric: string, value: number) {
  counts.set(metric, (counts.get(metric) ?? 0) + value);
}

/** The figures of counter values: every form of the list (then any other counted) and every level. */
export function commendationFiguresOf(counts: CommendationCounts): CommendationFigures {
  const known = new Set<string>(commendationForms.map((f) => f.code));
  const others = [...counts.keys()]
    .filter((m) => m.startsWith("form:") && !known.has(m.slice(5)))
    .map((m) => m.slice(5))
    .sort();
  const get = (metric: string) => counts.get(metric) ?? 0;
  return {
    total: get("total"),
    collective: get("collective"),
    individual: get("individual"),
    byForm: [...known, ...others].map((form) => ({ form, count: get(`form:${form}`) })),
    byLevel: commendationLevels.map((level) => ({ level, count: get(`level:${level}`) })),
  };
}

export type CommendationColumn = {
  key: string;
  label: { vi: string; en: string };
  /** Grouped header of the workbook ("Theo hình thức", "Theo cấp"); none for the first three. */
  group?: { vi: string; en: string };
  value: (f: CommendationFigures) => number;
};

const byForm = { vi: "Theo hình thức", en: "By form" };
const byLevel = { vi: "Theo cấp", en: "By level" };

/** The columns of the tables and exports, in order: in all, by recipient, by form, by level. */
export const commendationColumns: CommendationColumn[] = [
  { key: "total", label: { vi: "Tổng số", en: "Total" }, value: (f) => f.total },
  { key: "collective", label: { vi: "Tập thể", en: "Collective" }, value: (f) => f.collective },
  { key: "individual", label: { vi: "Cá nhân", en: "Individual" }, value: (f) => f.individual },
  ...commendationForms.map((form) => ({
    key: `form:${form.code}`,
    label: { vi: form.vi, en: form.en },
    group: byForm,
    value: (f: CommendationFigures) => f.byForm.find((x) => x.form === form.code)?.count ?? 0,
  })),
  ...commendationLevels.map((level) => ({
    key: `level:${level}`,
    label: levelLabels[level],
    group: byLevel,
    value: (f: CommendationFigures) => f.byLevel.find((x) => x.level === level)?.count ?? 0,
  })),
];

/** GET /stats/commendations: a unit's commendations of a year and its children's. */
export type CommendationRollup = {
  unit: StatsUnitRef;
  year: number;
  figures: CommendationFigures;
  /** The children in force at the end of the year (none for a commune: commendations are kept by communes). */
  children: { unit: StatsUnitRef; figures: CommendationFigures }[];
  /**
   * What is in no child: counted on units no longer in force, or all of it when no child is in force (null for a
   * commune, and when nothing).
   */
  own: CommendationFigures | null;
};

export type CommendationSeriesPoint = { year: number; figures: CommendationFigures };

/** GET /stats/commendations/series: a unit's commendations year by year. */
export type CommendationSeries = { unit: StatsUnitRef; points: CommendationSeriesPoint[] };
