/**
 * The metrics of the learning titles, declared once and used by the API, the CSV/XLSX exports, the command line
 * and (later) the pages. Later capabilities (members, fund, learning centres) add their metrics to `metrics`.
 *
 * Rates are percentages of the TOTAL (tổng số: households, clans, villages, organisations, citizens that exist),
 * never of the registrations (RULES.md §2.5), to two decimals, with ONE rounding rule: round half away from zero,
 * applied to the exact rational numerator × 100 / total, computed in integers (no floating-point drift: 1/32 is
 * 3.13, not 3.12 as a binary float or banker's rounding could give). The rule matches how a person rounds by hand
 * and how spreadsheets round (Excel ROUND). Seed report 001 prints 53/63 as "84,12%", which is truncation; by
 * this rule it is 84,13. A rate with a total of 0 is null (no rate), not 0.
 */
import { isRatingTitle, type Title } from "../../../shared/rubric";
import type { Counts, Figures, RatingFigures } from "../../../shared/stats";

export type { Counts, Figures, RatingFigures };

export const zeroCounts = (): Counts => ({
  total: 0,
  registered: 0,
  recognized: 0,
  recognizedGood: 0,
  recognizedFair: 0,
  recognizedAverage: 0,
  level1: 0,
  level2: 0,
});

/** The counter columns of a query row, as the SQL names them. */
export type CounterColumns = {
  total: number;
  registered: number;
  recognized: number;
  recognized_good: number;
  recognized_fair: number;
  recognized_average: number;
  level1: number;
  level2: number;
};

/** A query row's counter columns as Counts (the driver may hand sums back as strings). */
export const countsOfRow = (row: CounterColumns): Counts => ({
  total: Number(row.total),
  registered: Number(row.registered),
  recognized: Number(row.recognized),
  recognizedGood: Number(row.recognized_good),
  recognizedFair: Number(row.recognized_fair),
  recognizedAverage: Number(row.recognized_average),
  level1: Number(row.level1),
  level2: Number(row.level2),
});

export function addCounts(into: Counts, more: Counts): Counts {
  // Written out: a dashboard adds hundreds of these per request (a loop over Object.keys cost more than the sums).
  into.total += more.total;
  into.registered += more.registered;
  into.recognized += more.recognized;
  into.recognizedGood += more.recognizedGood;
  into.recognizedFair += more.recognizedFair;
  into.recognizedAverage += more.recognizedAverage;
  into.level1 += more.level1;
  into.level2 += more.level2;
  return into;
}

/**
 * `numerator / denominator` as a percentage with two decimals, rounded half away from zero on the exact value.
 * Both are non-negative integers; returns null when the denominator is 0.
 */
export function percent(numerator: number, denominator: number): number | null {
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    numerator < 0 ||
    denominator < 0
  )
    throw new RangeError(`percent(${numerator}, ${denominator}): non-negative integers only`);
  if (denominator === 0) return null;
  // floor(n/d + 1/2) = floor((2n + d) / 2d), n the hundredths of a percent times the denominator: half away from
  // zero for non-negative values. In doubles while every product is an exact integer (a dashboard computes this
  // for every cell), the floating quotient corrected by one either way; in BigInt beyond.
  const x = 20000 * numerator + denominator;
  const y = 2 * denominator;
  if (Number.isSafeInteger(x) && Number.isSafeInteger(x + y)) {
    let q = Math.floor(x / y);
    if (q * y > x) q--;
    else if ((q + 1) * y <= x) q++;
    return q / 100;
  }
  const n = BigInt(numerator) * 10000n;
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d)) / 100;
}

/** A rate as Vietnamese reports write it: two decimals and a decimal comma ("84,13"); "" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? "" : rate.toFixed(2).replace(".", ",");
}

export type MetricKey =
  | "total"
  | "registered"
  | "recognized"
  | "registeredRate"
  | "recognizedRate"
  | keyof Omit<RatingFigures, "unrated">;

export type Metric = {
  key: MetricKey;
  /** Column heading in exports and tables. */
  label: string;
  kind: "count" | "rate";
  value: (counts: Counts) => number | null;
};

export const metrics: Metric[] = [
  { key: "total", label: "Tổng số", kind: "count", value: (c) => c.total },
  { key: "registered", label: "Đăng ký", kind: "count", value: (c) => c.registered },
  { key: "recognized", label: "Đạt", kind: "count", value: (c) => c.recognized },
  {
    key: "registeredRate",
    label: "Tỷ lệ đăng ký (%)",
    kind: "rate",
    value: (c) => percent(c.registered, c.total),
  },
  {
    key: "recognizedRate",
    label: "Tỷ lệ đạt (%)",
    kind: "rate",
    value: (c) => percent(c.recognized, c.total),
  },
];

/**
 * A rating's subjects by grade from its counters: the rated are `recognized` (every decided subject has a grade),
 * yếu those rated without one of the three graded counters, "chưa xếp loại" the total less the rated (never below
 * 0: a centre rated and archived later leaves the total but stays rated for its year).
 */
export function ratingOf(c: Counts): RatingFigures {
  return {
    rated: c.recognized,
    good: c.recognizedGood,
    fair: c.recognizedFair,
    average: c.recognizedAverage,
    weak: Math.max(0, c.recognized - c.recognizedGood - c.recognizedFair - c.recognizedAverage),
    unrated: Math.max(0, c.total - c.recognized),
  };
}

/** The columns of a rating title (xếp loại TTHTCĐ): its subjects by grade, no rate. */
export const ratingMetrics: Metric[] = [
  { key: "total", label: "Tổng số", kind: "count", value: (c) => c.total },
  { key: "rated", label: "Đã xếp loại", kind: "count", value: (c) => ratingOf(c).rated },
  { key: "good", label: "Tốt", kind: "count", value: (c) => ratingOf(c).good },
  { key: "fair", label: "Khá", kind: "count", value: (c) => ratingOf(c).fair },
  { key: "average", label: "Trung bình", kind: "count", value: (c) => ratingOf(c).average },
  { key: "weak", label: "Yếu", kind: "count", value: (c) => ratingOf(c).weak },
];

/** The columns of a title in the exports: the rates of a learning title, the grades of a rating. */
export const metricsFor = (title: Title): Metric[] => (isRatingTitle(title) ? ratingMetrics : metrics);

/** A title's figures: the counts with the rates, or for a rating the counts by grade and no rate. */
export function figures(c: Counts, title?: Title): Figures {
  // The fields of `metrics` written out, one object shape (a dashboard builds hundreds of these per request: with
  // `{ ...counts }` and the garbage it left, they were half of a province's roll-up in Node, 5.5 → 2.7 ms).
  const rating = title !== undefined && isRatingTitle(title);
  const shown: Figures = {
    total: c.total,
    registered: c.registered,
    recognized: c.recognized,
    recognizedGood: c.recognizedGood,
    recognizedFair: c.recognizedFair,
    recognizedAverage: c.recognizedAverage,
    level1: c.level1,
    level2: c.level2,
    registeredRate: rating ? null : percent(c.registered, c.total),
    recognizedRate: rating ? null : percent(c.recognized, c.total),
  };
  if (rating) shown.rating = ratingOf(c);
  return shown;
}

/** What "tổng số" counts for each title. */
export const totalDefinitions: Record<Title, string> = {
  learning_family: "Hộ gia đình chưa lưu trữ của thôn, tổ dân phố",
  learning_clan: "Dòng họ chưa lưu trữ của xã, phường",
  learning_community_village: "Thôn, tổ dân phố đang có hiệu lực",
  learning_community_commune: "Xã, phường đang có hiệu lực",
  learning_organization: "Cơ quan, đơn vị, trường học, doanh nghiệp chưa lưu trữ",
  learning_citizen: "Công dân chưa lưu trữ trong danh sách",
  centre_rating: "Trung tâm học tập cộng đồng chưa lưu trữ của xã, phường",
};
