/** Access cases of the report templates and the reports generated from live data (issue 11). */
import { seedTemplates } from "../../../src/server/modules/reports/templates.seeds";
import type { CaseModule } from "./types";

export const reportCases: CaseModule = {
  tables: ["report_templates"],
  async addCases({ t, hcmProvince, ward, add }) {
    const seed = seedTemplates[0]!;
    // A template of TP.HCM (its own version of the commune's annual report).
    const own = await t.db
      .insertInto("report_templates")
      .values({
        code: "hcm-xa-nam",
        version: 1,
        kind: seed.kind,
        level: seed.level,
        name: "Báo cáo năm (TP.HCM)",
        valid_from: "2025-07-01",
        owner_unit_id: hcmProvince,
        outline: JSON.stringify(seed.outline),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /report-templates", {
      kind: "own",
      reason: "without unitId, the national templates and those the caller's units read (row-level security)",
    });
    add("GET /report-templates/{id}", { kind: "target", path: `/report-templates/${own.id}` });
    add("POST /report-templates", {
      kind: "target",
      path: "/report-templates",
      body: {
        code: "hcm-xa-nam",
        kind: seed.kind,
        level: seed.level,
        name: "Ngoài",
        validFrom: "2026-01-01",
        ownerUnitId: hcmProvince,
        outline: seed.outline,
      },
    });
    const preview = {
      templateId: Number(own.id),
      period: { from: "2025-01-01", to: "2025-12-31" },
    };
    for (const suffix of ["", ".docx", ".pdf"])
      add(`POST /units/{id}/reports/preview${suffix}`, {
        kind: "target",
        path: `/units/${ward}/reports/preview${suffix}`,
        body: preview,
      });
  },
};
