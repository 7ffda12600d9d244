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
