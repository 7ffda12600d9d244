/** Kysely types of the retention job's runs (migration 0044). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type RetentionRunTable = {
  id: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: Generated<string>;
  started_by: string;
  summary: ColumnType<unknown, string | null, string | null> | null;
  error: string | null;
};

export type RetentionTables = { privacy_retention_runs: RetentionRunTable };
