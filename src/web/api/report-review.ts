/** Reviewing a report: the level above's comments by section, the commune marking them handled, a draft's refresh. */
import type { CommentInput, RefreshResult, ReportComment } from "../../shared/report-review";
import type { SavedReport } from "../../shared/report-submissions";
import type { ReportTemplate } from "../../shared/reports";
import { request } from "./client";
import { type ReportKey, reportUnit } from "./report-submissions";

export type { CommentInput, RefreshResult, ReportComment };

export const reviewApi = {
  comments: (report: ReportKey) =>
    request<{ comments: ReportComment[] }>("GET", `/reports/${report.id}/comments`, {
      query: reportUnit(report),
    }).then((r) => r.comments),
  comment: (report: ReportKey, body: CommentInput) =>
    request<{ comment: ReportComment }>("POST", `/reports/${report.id}/comments`, {
      query: reportUnit(report),
      body,
    }).then((r) => r.comment),
  resolve: (report: ReportKey, commentId: number) =>
    request<{ comment: ReportComment }>("POST", `/reports/${report.id}/comments/${commentId}/resolve`, {
      query: reportUnit(report),
    }).then((r) => r.comment),
  refresh: (report: ReportKey) =>
    request<RefreshResult>("POST", `/reports/${report.id}/refresh`, { query: reportUnit(report) }),
  report: (report: ReportKey) =>
    request<{ report: SavedReport }>("GET", `/reports/${report.id}`, { query: reportUnit(report) }).then(
      (r) => r.report,
    ),
  template: (id: number) =>
    request<{ template: ReportTemplate }>("GET", `/report-templates/${id}`).then((r) => r.template),
};
