/** Kysely table types of the reviewer comments and the refreshes of a draft's live blocks (migration 0047). */
import type { ColumnType, Generated } from "kysely";

export type ReportCommentTable = {
  commune_id: number;
  id: Generated<number>;
  report_id: number;
  section_key: string;
  body: string;
  author_id: number | null;
  author_name: string;
  created_at: Generated<Date>;
};

export type ReportCommentResolutionTable = {
  commune_id: number;
  id: Generated<number>;
  comment_id: number;
  resolved_by: number | null;
  resolved_by_name: string;
  resolved_at: Generated<Date>;
};

export type ReportRefreshTable = {
  commune_id: number;
  id: Generated<number>;
  report_id: number;
  /** The sections of the live preview at the last refresh (key, heading, blocks), narratives left out. */
  sections: ColumnType<unknown, string, string>;
  refreshed_by_name: string;
  refreshed_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type ReportReviewTables = {
  report_comments: ReportCommentTable;
  report_comment_resolutions: ReportCommentResolutionTable;
  report_refreshes: ReportRefreshTable;
};
