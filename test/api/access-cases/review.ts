/** Access cases of the review of a report: comments by section, marking one handled, a draft's refresh (issue 11). */
import type { CaseModule } from "./types";

export const reviewCases: CaseModule = {
  tables: ["report_comments", "report_comment_resolutions", "report_refreshes"],
  async addCases({ hcm, ward, add }) {
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    const templateId = templates.find((x) => x.code === "xa-nam" && x.current).id;
    const create = async (year: number) =>
      (
        await hcm.post(`/api/v1/units/${ward}/reports`, {
          templateId,
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
        })
      ).body.report;
    const draft = await create(2021);
    const submitted = await create(2022);
    for (const s of submitted.sections)
      await hcm.patch(`/api/v1/reports/${submitted.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    await hcm.post(`/api/v1/reports/${submitted.id}/submit`, {});
    const comment = (
      await hcm.post(`/api/v1/reports/${submitted.id}/comments`, { section: "ton_tai", text: "Góp ý." })
    ).body.comment;

    add("GET /reports/{id}/comments", { kind: "target", path: `/reports/${submitted.id}/comments` });
    add("POST /reports/{id}/comments", {
      kind: "target",
      path: `/reports/${submitted.id}/comments`,
      body: { section: "ton_tai", text: "Ngoài" },
    });
    add("POST /reports/{id}/comments/{commentId}/resolve", {
      kind: "target",
      path: `/reports/${submitted.id}/comments/${comment.id}/resolve`,
    });
    add("POST /reports/{id}/refresh", { kind: "target", path: `/reports/${draft.id}/refresh` });
  },
};
