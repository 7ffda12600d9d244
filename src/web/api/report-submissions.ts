/** The saved reports API: drafts, autosave of one section, submission, revision, return and accept, status table. */
import type { ReportChange, SavedReport, StatusDue, StatusRow } from "../../shared/report-submissions";
import type { ReportSource } from "../../shared/reports";
import { commune, request, withQuery } from "./client";

export type { ReportChange, SavedReport, StatusDue, StatusRow };
export type SavedSection = SavedReport["sections"][number];

/**
 * A report version named by its id and its unit (a commune, or the province of a province's report): every
 * /reports/{id}/… request names the unit, and the server looks in it alone (docs/SCALE-OUT.md).
 */
export type ReportKey = { id: number; unitId: number };
/** The query naming a report's unit. */
export const reportUnit = (report: ReportKey) => commune({ id: report.id, communeId: report.unitId });

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
  saveSection: (report: ReportKey, key: string, text: string, version: number) =>
    request<{ section: SavedSection }>("PATCH", `/reports/${report.id}/sections/${key}`, {
      query: reportUnit(report),
      body: { text, version },
    }).then((r) => r.section),
  saveDocument: (report: ReportKey, document: object, source?: ReportSource) =>
    request<{ report: SavedReport }>("PATCH", `/reports/${report.id}`, {
      query: reportUnit(report),
      body: { document, source },
    }).then((r) => r.report),
  submit: (report: ReportKey, reason?: string) =>
    request<{ report: SavedReport }>("POST", `/reports/${report.id}/submit`, {
      query: reportUnit(report),
      body: reason ? { reason } : {},
    }).then((r) => r.report),
  revise: (report: ReportKey) =>
    request<{ report: SavedReport }>("POST", `/reports/${report.id}/revise`, {
      query: reportUnit(report),
    }).then((r) => r.report),
  changes: (report: ReportKey) =>
    request<{ changes: ReportChange[] }>("GET", `/reports/${report.id}/changes`, {
      query: reportUnit(report),
    }).then((r) => r.changes),
  decide: (report: ReportKey, accept: boolean, reason?: string) =>
    request<{ report: SavedReport }>("POST", `/reports/${report.id}/${accept ? "accept" : "return"}`, {
      query: reportUnit(report),
      body: accept ? undefined : { reason },
    }).then((r) => r.report),
  status: (query: { unitId: number; level: string; kind: string; from: string; to: string; due?: string }) =>
    request<{ due: string; dueFrom: StatusDue; units: StatusRow[] }>("GET", "/report-status", { query }),
  docxUrl: (report: ReportKey) => withQuery(`/api/v1/reports/${report.id}/document.docx`, reportUnit(report)),
};
