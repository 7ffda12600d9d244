/** Live statistics of the learning titles: roll-up of a unit and its children, trend over the years, exports. */
import type { Title } from "../../shared/rubric";
import type {
  Figures as CountedFigures,
  TargetMetric,
  TargetProgress,
  TargetSubject,
} from "../../shared/stats";
import { ApiRequestError, BASE, request } from "./client";

export type StatsUnit = { id: number; code: string; name: string; level: string; kind: string };

export type { TargetMetric, TargetStatus } from "../../shared/stats";

/** Figures of one unit for one title (GET /stats/rollup); rates are percentages with two decimals, null if total is 0. */
export type Figures = CountedFigures & {
  /** Figures estimated (e.g. carried across a boundary change) rather than counted. */
  estimated?: boolean;
  estimateNote?: string;
};

/** A target set for a metric (national or local plan) and where the unit stands against it. */
export type StatsTarget = TargetProgress;

export type ChildRow = { unit: StatsUnit; figures: Figures; estimated?: boolean; estimateNote?: string };

export type TitleRollup = {
  title: Title;
  label: string;
  totalDefinition: string;
  figures: Figures;
  children: ChildRow[];
  childrenTotal: Figures;
  /** Absent until the targets are served; never invented here. */
  targets?: StatsTarget[];
  /** The unit's own figures are (partly) an estimate. */
  estimated?: boolean;
  estimateNote?: string;
};

/**
 * historical: figures as recorded in the units in force on `date`; current: every figure mapped onto the units in
 * force on `date` (equal splits marked as estimates).
 */
export type Boundaries = "historical" | "current";

export type Rollup = {
  unit: StatsUnit;
  year: number;
  date: string;
  boundaries?: Boundaries;
  titles: TitleRollup[];
  /** When every commune of the unit closed the year: the last closing (the totals are frozen); else null. */
  totalsFrozenAt?: string | null;
  totalsFrozenCommunes?: number;
  totalsCommunes?: number;
};

export type SeriesPoint = { year: number; figures: Figures; estimated: boolean; estimateNote?: string };
export type Series = { unit: StatsUnit; title: Title; points: SeriesPoint[] };

export type RollupQuery = {
  /** Absent: the whole country (system administrators). */
  unitId?: number;
  year: number;
  title?: Title;
  date?: string;
  boundaries?: Boundaries;
};

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value));
  return search.toString();
}

export const statsApi = {
  rollup: (q: RollupQuery) => request<Rollup>("GET", "/stats/rollup", { query: q }),
  /**
   * The trend of a title over the years; null on 404 (a server without the route answers "Không có địa chỉ API
   * này"; a unit out of scope is reported by the roll-up itself).
   */
  series: async (q: { unitId?: number; title: Title; from: number; to: number }): Promise<Series | null> => {
    try {
      return await request<Series>("GET", "/stats/series", { query: q });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return null;
      throw error;
    }
  },
  xlsxUrl: (q: RollupQuery) => `${BASE}/stats/rollup.xlsx?${query(q)}`,
  csvUrl: (q: RollupQuery) => `${BASE}/stats/rollup.csv?${query(q)}`,
};

/** A national or local target as GET /targets lists it for a unit. */
export type TargetEntry = {
  id: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: number;
  source: "national" | "local";
  unit: { id: number; code: string; name: string; level: string } | null;
  basis: { text: string; confirmed: boolean };
  note: string | null;
  setBy: string | null;
  inEffect: boolean;
  /** Send it back with a change (PATCH /targets/{id}); a stale one answers 409. */
  version: number;
};

export type TargetInput = {
  unitId: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: number;
  basis: { number: string; issuer: string; signedOn?: string | null };
  note?: string | null;
};

export const targetsApi = {
  list: (unitId: number) =>
    request<{ targets: TargetEntry[] }>("GET", "/targets", { query: { unitId } }).then((r) => r.targets),
  create: (input: TargetInput) => request<{ target: TargetEntry }>("POST", "/targets", { body: input }),
  remove: (id: number) => request<unknown>("DELETE", `/targets/${id}`),
};
