/** Reviewing a report: the level above's comments by section, the commune marking them handled, a draft's refresh. */
import type { CommentInput, RefreshResult, ReportComment } from "../../shared/report-review";
import type { SavedReport } from "../../shared/report-submissions";
import type { ReportTemplate } from "../../shared/reports";
import { request } from "./client";

export type { CommentInput, RefreshResult, ReportComment };

export const reviewApi = {
  comments: (id: number) =>
    request<{ comments: ReportComment[] }>("GET", `/reports/${id}/comments`).then((r) => r.comments),
  comment: (id: number, body: CommentInput) =>
    request<{ comment: ReportComment }>("POST", `/reports/${id}/comments`, { body }).then((r) => r.comment),
  resolve: (id: number, commentId: number) =>
    request<{ comment: ReportComment }>("POST", `/reports/${id}/comments/${commentId}/resolve`).then(
      (r) => r.comment,
    ),
  refresh: (id: number) => request<RefreshResult>("POST", `/reports/${id}/refresh`),
  report: (id: number) => request<{ report: SavedReport }>("GET", `/reports/${id}`).then((r) => r.report),
  template: (id: number) =>
    request<{ template: ReportTemplate }>("GET", `/report-templates/${id}`).then((r) => r.template),
};
