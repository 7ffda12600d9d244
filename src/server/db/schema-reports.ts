/** Kysely table types of the report templates (migration 0036). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ReportTemplateTable = {
  id: Generated<number>;
  code: string;
  version: number;
  kind: "year" | "midterm" | "summary" | "week" | "plan";
  level: "commune" | "province" | "association";
  name: string;
  valid_from: string;
  owner_unit_id: number | null;
  /** JSON validated by src/shared/reports.ts `templateOutline`. */
  outline: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: Timestamp;
};

export type ReportTables = { report_templates: ReportTemplateTable };
