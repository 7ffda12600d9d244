/** Access cases of the review of a report: comments by section, marking one handled, a draft's refresh (issue 11). */
import { wardReports } from "./report-fixtures";
import type { CaseModule } from "./types";

export const reviewCases: CaseModule = {
  tables: ["report_comments", "report_comment_resolutions", "report_refreshes"],
  async addCases({ hcm, ward, add }) {
    const reports = await wardReports({ hcm, ward });
    const draft = await reports.draft(2021);
    const submitted = await reports.submitted(2022);
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
