/** The saved reports API: drafts, autosave of one section, submission, revision, return and accept, status table. */
import type { ReportChange, SavedReport, StatusDue, StatusRow } from "../../shared/report-submissions";
import type { ReportSource } from "../../shared/reports";
import { request } from "./client";

export type { ReportChange, SavedReport, StatusDue, StatusRow };
export type SavedSection = SavedReport["sections"][number];

export const submissionApi = {
  list: (unitId: number) =>
    request<{ reports: SavedReport[] }>("GET", `/units/${unitId}/reports`).then((r) => r.reports),
  create: (
    unitId: number,
    body: {
      templateId: number;
      period: { from: string; to: string };
      document?: object;
      source?: ReportSource;
    },
  ) => request<{ report: SavedReport }>("POST", `/units/${unitId}/reports`, { body }).then((r) => r.report),
  saveSection: (id: number, key: string, text: string, version: number) =>
    request<{ section: SavedSection }>("PATCH", `/reports/${id}/sections/${key}`, {
      body: { text, version },
    }).then((r) => r.section),
  saveDocument: (id: number, document: object, source?: ReportSource) =>
    request<{ report: SavedReport }>("PATCH", `/reports/${id}`, { body: { document, source } }).then(
      (r) => r.report,
    ),
  submit: (id: number, reason?: string) =>
    request<{ report: SavedReport }>("POST", `/reports/${id}/submit`, {
      body: reason ? { reason } : {},
    }).then((r) => r.report),
  revise: (id: number) =>
    request<{ report: SavedReport }>("POST", `/reports/${id}/revise`).then((r) => r.report),
  changes: (id: number) =>
    request<{ changes: ReportChange[] }>("GET", `/reports/${id}/changes`).then((r) => r.changes),
  decide: (id: number, accept: boolean, reason?: string) =>
    request<{ report: SavedReport }>("POST", `/reports/${id}/${accept ? "accept" : "return"}`, {
      body: accept ? undefined : { reason },
    }).then((r) => r.report),
  status: (query: { unitId: number; level: string; kind: string; from: string; to: string; due?: string }) =>
    request<{ due: string; dueFrom: StatusDue; units: StatusRow[] }>("GET", "/report-status", { query }),
  docxUrl: (id: number) => `/api/v1/reports/${id}/document.docx`,
};
