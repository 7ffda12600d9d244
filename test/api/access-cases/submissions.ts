/** Access cases of the saved reports: drafts, autosave, submission, return and accept, the status table (issue 11). */
import { wardReports } from "./report-fixtures";
import type { CaseModule } from "./types";

export const submissionCases: CaseModule = {
  tables: ["reports"],
  async addCases({ hcm, hcmProvince, ward, add }) {
    const { templateId, draft: create, submitted: submit } = await wardReports({ hcm, ward });
    const draft = await create(2025);
    const submitted = await submit(2024);
    const section = draft.sections[0];

    add("POST /units/{id}/reports", {
      kind: "target",
      path: `/units/${ward}/reports`,
      body: { templateId, period: { from: "2023-01-01", to: "2023-12-31" } },
    });
    add("GET /units/{id}/reports", { kind: "target", path: `/units/${ward}/reports` });
    add("GET /reports/{id}", { kind: "target", path: `/reports/${draft.id}` });
    add("PATCH /reports/{id}/sections/{key}", {
      kind: "target",
      path: `/reports/${draft.id}/sections/${section.key}`,
      body: { text: "Ngoài", version: section.version },
    });
    add("PATCH /reports/{id}", {
      kind: "target",
      path: `/reports/${draft.id}`,
      body: { document: { number: "99/BC-UBND" } },
    });
    add("POST /reports/{id}/submit", { kind: "target", path: `/reports/${draft.id}/submit`, body: {} });
    add("POST /reports/{id}/revise", { kind: "target", path: `/reports/${submitted.id}/revise` });
    add("GET /reports/{id}/changes", { kind: "target", path: `/reports/${submitted.id}/changes` });
    add("GET /reports/{id}/document.docx", {
      kind: "target",
      path: `/reports/${submitted.id}/document.docx`,
    });
    add("POST /reports/{id}/return", {
      kind: "target",
      path: `/reports/${submitted.id}/return`,
      body: { reason: "Ngoài" },
    });
    add("POST /reports/{id}/accept", { kind: "target", path: `/reports/${submitted.id}/accept` });
    add("GET /report-status", {
      kind: "target",
      path: `/report-status?unitId=${hcmProvince}&level=commune&kind=year&from=2024-01-01&to=2024-12-31`,
    });
  },
};
