/** The reports API: templates of a unit, the preview with its live figures, and the .docx / PDF downloads. */
import type { PreviewRequest, ReportPreview, ReportTemplate } from "../../shared/reports";
import { request, requestBlob } from "./client";

export type { PreviewRequest, ReportPreview, ReportTemplate };

export const reportApi = {
  templates: (unitId: number) =>
    request<{ templates: ReportTemplate[] }>("GET", "/report-templates", { query: { unitId } }).then(
      (r) => r.templates,
    ),
  preview: (unitId: number, body: PreviewRequest) =>
    request<ReportPreview>("POST", `/units/${unitId}/reports/preview`, { body }),
  file: (unitId: number, format: "docx" | "pdf", body: PreviewRequest) =>
    requestBlob(`/units/${unitId}/reports/preview.${format}`, body),
};
