/** Kysely table types of the report drafts, their sections and submissions (migration 0043). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ReportStatus = "draft" | "submitted" | "returned" | "accepted";

export type ReportTable = {
  /** The reporting unit: a commune, or a province. */
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  template_id: number;
  level: "commune" | "province" | "association";
  kind: "year" | "midterm" | "summary" | "week" | "plan";
  period_from: string;
  period_to: string;
  /** 1 for the first submission; a resubmission is a new row with the next version. */
  version: Generated<number>;
  previous_id: number | null;
  /** documentFields of src/shared/reports.ts. */
  document: ColumnType<unknown, string | undefined, string>;
  /** Where a province's title figures come from (migration 0046). */
  source: Generated<"live" | "accepted">;
  status: Generated<ReportStatus>;
  submitted_at: Timestamp | null;
  submitted_by_name: string | null;
  resubmit_reason: string | null;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  snapshot_sha256: string | null;
  docx: Uint8Array | null;
  changes: ColumnType<unknown, string | null | undefined, string | null>;
  decided_at: Timestamp | null;
  decided_by_name: string | null;
  return_reason: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
};

export type ReportSectionTable = {
  commune_id: number;
  report_id: number;
  key: string;
  body: Generated<string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

export type SubmissionTables = { reports: ReportTable; report_sections: ReportSectionTable };
