/** Kysely table types of the processing log and the breach register (migration 0042). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ProcessingLogTable = {
  commune_id: Generated<number>;
  id: Generated<number>;
  province_id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_name: string;
  action: "view" | "list" | "export" | "print";
  kind: string;
  format: "json" | "xlsx" | "csv" | "pdf" | "docx" | null;
  record_ids: ColumnType<number[] | string[], number[] | undefined, never>;
  record_count: Generated<number>;
  filter: unknown | null;
  unit_id: number | null;
  request_id: string | null;
};

export type DataBreachTable = {
  id: Generated<number>;
  unit_id: number | null;
  province_id: Generated<number>;
  title: string;
  description: string;
  occurred_at: Timestamp;
  discovered_at: Timestamp;
  people_affected: number;
  data_categories: string[];
  registry_kinds: ColumnType<string[], string[] | undefined, string[]>;
  measures: string | null;
  notified_at: Timestamp | null;
  notified_to: string | null;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: Generated<Date>;
  version: Generated<number>;
};

export type ReadlogTables = {
  processing_log: ProcessingLogTable;
  data_breaches: DataBreachTable;
};
