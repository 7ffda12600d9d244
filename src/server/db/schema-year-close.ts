/** Kysely table types of the year closures and their frozen totals (migration 0050, docs/STATISTICS.md). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type YearClosureTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  year: number;
  closed_at: Generated<Date>;
  closed_by: number | null;
  closed_by_name: string;
  /** Set once, when the year is reopened; the closure and its frozen totals stay as history. */
  reopened_at: Timestamp | null;
  reopened_by: number | null;
  reopened_by_name: string | null;
  reopen_reason: string | null;
};

/** Today's title_totals of the commune at the closing, per unit (commune or village) and title. */
export type YearTotalTable = {
  commune_id: number;
  closure_id: number;
  unit_id: number;
  title: string;
  province_id: number;
  total: number;
};

export type YearCloseTables = { year_closures: YearClosureTable; year_totals: YearTotalTable };
