/**
 * The statistics of the learning-promotion funds (issue 9, point 8), declared once for the server (roll-up, series,
 * CSV, XLSX) and the web (dashboard). The figures come from the fund counters (migration 0023): money raised and
 * disbursed in a year, the scholarships paid to pupils, and the balance of the funds' assets at the end of the year
 * (31/12, or today for the current year), in total and by the kind of the fund's keeper.
 *
 * Money is an integer number of đồng written as a string of digits ("-" in front when negative: a reversal posted
 * in a later year than what it reverses lowers that year): a nation's sums are added as BigInt, never as floats.
 */
import type { StatsUnitRef } from "./association-stats";
import { fundOwnerKinds } from "./fund";

export { fundOwnerKinds };
export type FundOwnerKind = (typeof fundOwnerKinds)[number];

/** The figures of one fund, or of the funds of one kind of keeper, for one year. */
export type FundAmounts = {
  /** Receipts posted in the year, in kind included at their value, less the reversals posted in the year. */
  raised: string;
  /** The part of `raised` received in kind (hiện vật). */
  raisedInKind: string;
  /** Paid disbursements and paid award rounds posted in the year, less the reversals posted in the year. */
  disbursed: string;
  /** Payments to pupils (suất học bổng): a disbursement to a pupil, or each pupil of an award round. */
  scholarships: number;
  scholarshipAmount: string;
  /** The sum of the asset balances (cash, bank, in kind) at the end of the year. */
  balance: string;
};

export type FundFigures = FundAmounts & { byOwnerKind: Record<FundOwnerKind, FundAmounts> };

export type FundMetricKey = keyof FundAmounts;
export type FundMetric = { key: FundMetricKey; label: { vi: string; en: string }; kind: "money" | "count" };

/** The columns of the tables and exports, in order. */
export const fundMetrics: FundMetric[] = [
  { key: "raised", label: { vi: "Thu trong năm (đồng)", en: "Raised (VND)" }, kind: "money" },
  {
    key: "raisedInKind",
    label: { vi: "Trong đó hiện vật (đồng)", en: "Of which in kind (VND)" },
    kind: "money",
  },
  { key: "disbursed", label: { vi: "Chi trong năm (đồng)", en: "Disbursed (VND)" }, kind: "money" },
  { key: "scholarships", label: { vi: "Học bổng (suất)", en: "Scholarships" }, kind: "count" },
  {
    key: "scholarshipAmount",
    label: { vi: "Tiền học bổng (đồng)", en: "Scholarships (VND)" },
    kind: "money",
  },
  {
    key: "balance",
    label: { vi: "Tồn quỹ cuối năm (đồng)", en: "Balance at year end (VND)" },
    kind: "money",
  },
];

/** The keepers' kinds as the reports name them. */
export const fundOwnerLabels: Record<FundOwnerKind, { vi: string; en: string }> = {
  association: { vi: "Quỹ của Hội", en: "The association's funds" },
  chapter: { vi: "Quỹ của chi hội", en: "Chapters' funds" },
  clan: { vi: "Quỹ dòng họ", en: "Clans' funds" },
  school: { vi: "Quỹ trường học", en: "Schools' funds" },
};

export const zeroFundAmounts = (): FundAmounts => ({
  raised: "0",
  raisedInKind: "0",
  disbursed: "0",
  scholarships: 0,
  scholarshipAmount: "0",
  balance: "0",
});

export const zeroFundFigures = (): FundFigures => ({
  ...zeroFundAmounts(),
  byOwnerKind: {
    association: zeroFundAmounts(),
    chapter: zeroFundAmounts(),
    clan: zeroFundAmounts(),
    school: zeroFundAmounts(),
  },
});

/** `a + sign × b`, field by field, exactly. */
export function addFundAmounts(into: FundAmounts, more: FundAmounts, sign: 1 | -1 = 1): FundAmounts {
  for (const metric of fundMetrics) {
    if (metric.key === "scholarships") into.scholarships += sign * more.scholarships;
    else into[metric.key] = String(BigInt(into[metric.key]) + BigInt(sign) * BigInt(more[metric.key]));
  }
  return into;
}

export function addFundFigures(into: FundFigures, more: FundFigures, sign: 1 | -1 = 1): FundFigures {
  addFundAmounts(into, more, sign);
  for (const kind of fundOwnerKinds) addFundAmounts(into.byOwnerKind[kind], more.byOwnerKind[kind], sign);
  return into;
}

/** Whether anything is counted (a row of zeros is left out). */
export const fundAmountsAreZero = (a: FundAmounts) =>
  fundMetrics.every((m) => (m.key === "scholarships" ? a.scholarships === 0 : BigInt(a[m.key]) === 0n));

export const fundFiguresAreZero = (f: FundFigures) =>
  fundAmountsAreZero(f) && fundOwnerKinds.every((kind) => fundAmountsAreZero(f.byOwnerKind[kind]));

/** A fund kept by the unit itself, as the roll-up lists it. */
export type FundRef = { id: number; name: string; ownerKind: FundOwnerKind; ownerName: string };

/** GET /stats/fund: a unit's funds in a year, its children's, and the funds the unit keeps itself. */
export type FundRollup = {
  unit: StatsUnitRef;
  year: number;
  /** The day the balance is taken on: 31/12 of the year, or today for the current year. */
  date: string;
  figures: FundFigures;
  /** Child units (none for a commune: funds are kept by communes and provinces only). */
  children: { unit: StatsUnitRef; figures: FundFigures }[];
  /**
   * What is not in a child: a province's own funds, communes not in force on the date; null when nothing, and for a
   * commune (its funds are listed in `funds`).
   */
  own: FundFigures | null;
  /** The funds kept by the unit itself (a commune's, or a province's own), each with its figures. */
  funds: { fund: FundRef; figures: FundAmounts }[];
};

export type FundSeriesPoint = { year: number; date: string; figures: FundFigures };

/** GET /stats/fund/series: a unit's funds over the years. */
export type FundSeries = { unit: StatsUnitRef; points: FundSeriesPoint[] };
