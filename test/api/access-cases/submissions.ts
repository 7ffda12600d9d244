/** Access cases of the saved reports: drafts, autosave, submission, return and accept, the status table (issue 11). */
import type { CaseModule } from "./types";

export const submissionCases: CaseModule = {
  tables: ["reports"],
  async addCases({ hcm, hcmProvince, ward, add }) {
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    const templateId = templates.find((x) => x.code === "xa-nam" && x.current).id;
    const create = async (year: number) =>
      (
        await hcm.post(`/api/v1/units/${ward}/reports`, {
          templateId,
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
        })
      ).body.report;
    const draft = await create(2025);
    const submitted = await create(2024);
    for (const s of submitted.sections)
      await hcm.patch(`/api/v1/reports/${submitted.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    await hcm.post(`/api/v1/reports/${submitted.id}/submit`, {});
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
