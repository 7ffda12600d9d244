/** Kysely table type of the programme's calendar of deadlines (migration 0038). */
import type { ColumnType, Generated } from "kysely";
import type { DeadlineKey, DeadlineLevel } from "../../shared/deadlines";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ProgrammeDeadlineTable = {
  id: Generated<number>;
  key: DeadlineKey;
  label: string;
  level: DeadlineLevel;
  start_month: number | null;
  start_day: number | null;
  month: number;
  day: number;
  year_offset: number;
  owner_unit_id: number | null;
  valid_from: number;
  legal_basis: string | null;
  confirmed: Generated<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
};

export type DeadlineTables = { programme_deadlines: ProgrammeDeadlineTable };
