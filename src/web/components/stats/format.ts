/** Numbers of the dashboard in the reader's language: counts with thousands separators, rates with two decimals. */
import type { Figures, TitleRollup } from "../../api/stats";
import type { Lang, MessageKey } from "../../i18n/messages";

export const metricKeys = ["total", "registered", "recognized", "registeredRate", "recognizedRate"] as const;
export type MetricKey = (typeof metricKeys)[number];
export type RateKey = "registeredRate" | "recognizedRate";

export const isRate = (key: MetricKey): key is RateKey =>
  key === "registeredRate" || key === "recognizedRate";
export const metricLabel = (key: MetricKey): MessageKey => `stats.metric.${key}`;

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
}

/** A rate with two decimals ("84,13" in Vietnamese); null (no total) as an em dash. */
export function formatRate(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    value,
  );
}

export function formatMetric(key: MetricKey, figures: Figures, lang: Lang): string {
  return isRate(key) ? formatRate(figures[key], lang) : formatCount(figures[key], lang);
}

/** Whether a row (or the unit) is an estimate: the flag may sit on the row or on its figures. */
export function estimateOf(row: { estimated?: boolean; estimateNote?: string; figures: Figures }) {
  const estimated = row.estimated ?? row.figures.estimated ?? false;
  return { estimated, note: row.estimateNote ?? row.figures.estimateNote };
}

/** The targets of a title for one metric (none when the server sends none). */
export function targetsFor(table: TitleRollup, metric: RateKey) {
  return (table.targets ?? []).filter((target) => target.metric === metric);
}

/**
 * The years a trend chart draws: from the first year with any registration or recognition to the last, in order.
 * Years before the unit used the product would otherwise show as 0 %; a gap after the first year stays (a year
 * with no work is a fact). Nothing when no year has data.
 */
export function trendPoints<P extends { year: number; figures: Pick<Figures, "registered" | "recognized"> }>(
  points: readonly P[],
): P[] {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const first = sorted.findIndex((p) => p.figures.registered > 0 || p.figures.recognized > 0);
  return first < 0 ? [] : sorted.slice(first);
}
