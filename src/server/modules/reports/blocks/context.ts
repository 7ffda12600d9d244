/** What every live block is computed from: the caller, the unit and the report's period. */
import type { BlockId, BlockRef, BlockTable, ReportLevel } from "../../../../shared/reports";
import type { RecognitionTitle } from "../../../../shared/rubric";
import type { Actor } from "../../../auth/scope";
import type { Db } from "../../../db/connection";

export type Period = {
  from: string;
  to: string;
  /** The calendar years the period touches, in order (the statistics are kept by year). */
  years: number[];
  /** Whether the period is whole calendar years (01/01 to 31/12). */
  wholeYears: boolean;
};

export type BlockContext = {
  db: Db;
  actor: Actor;
  unit: { id: number; name: string; level: string; inForce: boolean };
  level: ReportLevel;
  period: Period;
};

export type BlockOutput = { sentences: string[]; table?: BlockTable; notes?: string[] };

export type BlockDefinition = {
  id: BlockId;
  compute: (ctx: BlockContext, params: NonNullable<BlockRef["params"]>) => Promise<BlockOutput>;
};

export const endYear = (ctx: BlockContext): number => ctx.period.years[ctx.period.years.length - 1]!;
export const startYear = (ctx: BlockContext): number => ctx.period.years[0]!;
/** The year before the period: the previous period's end, shown beside the figures. */
export const previousYear = (ctx: BlockContext): number => startYear(ctx) - 1;

/** The titles a unit's report shows: the commune-level title only from a province up. */
export function levelTitles(ctx: BlockContext): RecognitionTitle[] {
  const titles: RecognitionTitle[] = [
    "learning_family",
    "learning_clan",
    "learning_community_village",
    "learning_organization",
    "learning_citizen",
  ];
  return ctx.unit.level === "commune" || ctx.unit.level === "village"
    ? titles
    : [...titles.slice(0, 3), "learning_community_commune", ...titles.slice(3)];
}

/** A table of metrics (rows) by year (columns): the previous year, then the period's years. */
export function yearTable<P extends { year: number }>(
  points: readonly P[],
  rows: readonly { label: string; value: (point: P) => string }[],
): BlockTable {
  return {
    columns: [
      { title: "Chỉ số", align: "left" },
      ...points.map((p) => ({ title: `Năm ${p.year}`, align: "right" as const })),
    ],
    rows: rows.map((row) => ({ cells: [row.label, ...points.map((p) => row.value(p))] })),
  };
}
