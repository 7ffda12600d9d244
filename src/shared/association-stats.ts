/**
 * The statistics of the Hội Khuyến học (issue 8, point 5), declared once for the server (roll-up, series, CSV,
 * XLSX) and the web (dashboard, growth chart). Counts come from the association counters (migration 0019) at the
 * end of a year (31/12, or today for the current year); rates use the one rounding rule of the title statistics
 * (two decimals, half away from zero, null when the denominator is 0).
 */
import type { TargetProgress } from "./stats";

export const chapterKindKeys = ["village", "clan", "school", "agency", "enterprise", "committee"] as const;
export type ChapterKindKey = (typeof chapterKindKeys)[number];

/** The counts of a unit at the end of a year. */
export type MemberCounts = {
  /** Individual members (hội viên cá nhân) at the end of the year. */
  members: number;
  women: number;
  /** Collective members (hội viên tập thể: organisations). */
  collective: number;
  /** Individual members who joined in the year (mới kết nạp). */
  joined: number;
  /** Individual members who left in the year (ra hội). */
  left: number;
  /** Chapters in existence at the end of the year, all kinds. */
  chapters: number;
  chaptersByKind: Record<ChapterKindKey, number>;
  /** Nhân khẩu of the registered households (today: the registry keeps no history of it). */
  residents: number;
  /** Households of the registry not archived (today, as the title totals). */
  households: number;
  /** Households with at least one member at the end of the year ("mỗi gia đình có một hội viên"). */
  householdsWithMember: number;
};

export type MemberFigures = MemberCounts & {
  /** Members per 100 inhabitants, two decimals; null where no household (nhân khẩu) is recorded. */
  membersPer100: number | null;
  /** % of households with a member. */
  householdShare: number | null;
  /** % of members who are women. */
  womenShare: number | null;
};

export type MemberMetricKey =
  | "members"
  | "women"
  | "collective"
  | "joined"
  | "left"
  | "chapters"
  | "membersPer100"
  | "householdsWithMember"
  | "householdShare";

export type MemberMetric = {
  key: MemberMetricKey;
  label: { vi: string; en: string };
  kind: "count" | "rate";
};

/** The columns of the tables and exports, in order. */
export const memberMetrics: MemberMetric[] = [
  { key: "chapters", label: { vi: "Chi hội", en: "Chapters" }, kind: "count" },
  { key: "members", label: { vi: "Hội viên", en: "Members" }, kind: "count" },
  { key: "women", label: { vi: "Nữ", en: "Women" }, kind: "count" },
  { key: "joined", label: { vi: "Mới kết nạp", en: "Joined" }, kind: "count" },
  { key: "left", label: { vi: "Ra hội", en: "Left" }, kind: "count" },
  { key: "collective", label: { vi: "Hội viên tập thể", en: "Collective members" }, kind: "count" },
  {
    key: "membersPer100",
    label: { vi: "Hội viên/100 dân", en: "Members per 100 inhabitants" },
    kind: "rate",
  },
  {
    key: "householdsWithMember",
    label: { vi: "Hộ có hội viên", en: "Households with a member" },
    kind: "count",
  },
  {
    key: "householdShare",
    label: { vi: "Tỷ lệ hộ có hội viên (%)", en: "Households with a member (%)" },
    kind: "rate",
  },
];

export const zeroMemberCounts = (): MemberCounts => ({
  members: 0,
  women: 0,
  collective: 0,
  joined: 0,
  left: 0,
  chapters: 0,
  chaptersByKind: { village: 0, clan: 0, school: 0, agency: 0, enterprise: 0, committee: 0 },
  residents: 0,
  households: 0,
  householdsWithMember: 0,
});

export function addMemberCounts(into: MemberCounts, more: MemberCounts, sign: 1 | -1 = 1): MemberCounts {
  for (const key of Object.keys(into) as (keyof MemberCounts)[]) {
    if (key === "chaptersByKind")
      for (const kind of chapterKindKeys) into.chaptersByKind[kind] += sign * more.chaptersByKind[kind];
    else into[key] += sign * more[key];
  }
  return into;
}

/** A unit as the statistics name it. */
export type StatsUnitRef = { id: number; code: string; name: string; level: string; kind: string };

/** GET /stats/association: a unit's figures at the end of a year and its children's. */
export type MemberRollup = {
  unit: StatsUnitRef;
  year: number;
  /** The day the figures are taken on: 31/12 of the year, or today for the current year. */
  date: string;
  figures: MemberFigures;
  children: { unit: StatsUnitRef; figures: MemberFigures }[];
  /** What is counted at the unit itself or on units that are no longer in force (null when nothing). */
  own: MemberFigures | null;
  /** Progress against the Hội's targets that apply to the unit for the year (share of households with a member). */
  targets: TargetProgress[];
};

export type MemberSeriesPoint = { year: number; date: string; figures: MemberFigures };

/** GET /stats/association/series: the growth of a unit over the years. */
export type MemberSeries = { unit: StatsUnitRef; points: MemberSeriesPoint[] };
