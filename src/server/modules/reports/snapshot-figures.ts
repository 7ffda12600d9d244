/**
 * The numbers behind a report's title figures, kept in its submission snapshot beside the formatted text (version 1
 * of `figures`): per learning title the total, registered and recognised of the report's unit for the period's last
 * year and the year before, and the same per child unit. A province's report built from accepted commune reports
 * sums these (accepted-source.ts). Snapshots taken before this field existed have none and stay as stored.
 */
import type { ReportSource } from "../../../shared/reports";
import { isRecognitionTitle, type RecognitionTitle } from "../../../shared/rubric";
import { addCounts, type Figures, figures, zeroCounts } from "../stats/metrics";
import { rollup } from "../stats/rollup";
import type { Rollup } from "../stats/stats.service";
import { type BlockContext, endYear, previousYear } from "./blocks/context";

export type TitleCounts = { total: number; registered: number; recognized: number };

export type SnapshotTitle = TitleCounts & {
  title: RecognitionTitle;
  /** The year before the period (the "năm trước" of the sentences). */
  previous: TitleCounts;
  children: (TitleCounts & { unitId: number; name: string })[];
};

/** The commune reports a province's figures were summed from, and the communes without an accepted one. */
export type AcceptedProvenance = {
  reports: { unitId: number; name: string; reportId: number; version: number; sha256: string }[];
  missing: { unitId: number; name: string; why: string }[];
};

export type SnapshotFigures = {
  version: 1;
  source: ReportSource;
  unitId: number;
  year: number;
  previousYear: number;
  titles: SnapshotTitle[];
  accepted?: AcceptedProvenance;
};

/** Whether a stored snapshot carries figures this code reads (an older or newer shape is ignored, not guessed). */
export function readFigures(snapshot: unknown): SnapshotFigures | null {
  const figures = (snapshot as { figures?: { version?: unknown } } | null)?.figures;
  return figures?.version === 1 ? (figures as SnapshotFigures) : null;
}

export const countsOf = (f: TitleCounts): TitleCounts => ({
  total: f.total,
  registered: f.registered,
  recognized: f.recognized,
});

/** Counts summed, with their rates by the statistics' one rounding rule (metrics.ts). */
export function sumFigures(parts: readonly TitleCounts[]): Figures {
  const sum = zeroCounts();
  for (const p of parts) addCounts(sum, { ...zeroCounts(), ...countsOf(p) });
  return figures(sum);
}

function titleRollup(result: Rollup, title: RecognitionTitle) {
  return result.titles.find((t) => t.title === title);
}

/** The unit's own figures from the live statistics, as the live blocks read them (same boundaries). */
export async function liveFigures(ctx: BlockContext): Promise<SnapshotFigures> {
  const boundaries = ctx.unit.inForce ? "current" : "historical";
  const [now, before] = await Promise.all(
    [endYear(ctx), previousYear(ctx)].map((year) =>
      rollup(ctx.db, ctx.actor, { unitId: ctx.unit.id, year, boundaries }),
    ),
  );
  const titles = now!.titles.flatMap((t): SnapshotTitle[] => {
    if (!isRecognitionTitle(t.title)) return [];
    const p = titleRollup(before!, t.title)?.figures;
    return [
      {
        title: t.title,
        ...countsOf(t.figures),
        previous: p ? countsOf(p) : { total: 0, registered: 0, recognized: 0 },
        children: t.children.map((c) => ({ unitId: c.unit.id, name: c.unit.name, ...countsOf(c.figures) })),
      },
    ];
  });
  return {
    version: 1,
    source: "live",
    unitId: ctx.unit.id,
    year: endYear(ctx),
    previousYear: previousYear(ctx),
    titles,
  };
}
