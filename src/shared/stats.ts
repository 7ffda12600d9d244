/** The figures of the learning titles and the targets set for them, as the server computes and the web shows them. */

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

/** The counts with their rates: percentages of the total with two decimals, null when the total is 0. */
export type Figures = Counts & { registeredRate: number | null; recognizedRate: number | null };

export const targetMetrics = ["recognizedRate", "registeredRate"] as const;
export type TargetMetric = (typeof targetMetrics)[number];
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
