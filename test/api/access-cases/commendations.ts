/** Access cases of the commendations register, its proposal rules and the proposal list (issue 10). */
import type { CaseModule } from "./types";

export const commendationCases: CaseModule = {
  tables: ["commendations", "commendation_rules"],
  async addCases({ t, hcmProvince, ward, add }) {
    const commendation = await t.db
      .insertInto("commendations")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        year: 2025,
        recipient: "collective",
        subject_name: "Trường Tiểu học Ngoài",
        form: "commune_commendation",
        level: "commune",
        decision_number: "1/QĐ-UBND",
        decision_date: "2025-12-20",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rule = await t.db
      .insertInto("commendation_rules")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        kind: "consecutive_title",
        title: "learning_family",
        years: 3,
        form: "commune_commendation",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const body = {
      communeId: ward,
      year: 2025,
      recipient: "collective",
      subjectName: "Ngoài",
      form: "commune_commendation",
      level: "commune",
      decisionNumber: "2/QĐ-UBND",
      decisionDate: "2025-12-21",
    };
    add("GET /commendations", { kind: "target", path: `/commendations?unitId=${ward}` });
    add("GET /commendations/export.xlsx", {
      kind: "target",
      path: `/commendations/export.xlsx?unitId=${ward}`,
    });
    add("GET /commendations/stats", {
      kind: "target",
      path: `/commendations/stats?unitId=${ward}&year=2025`,
    });
    add("POST /commendations", { kind: "target", path: "/commendations", body });
    add("PATCH /commendations/{id}", {
      kind: "target",
      path: `/commendations/${commendation.id}`,
      body: { reason: "Ngoài", version: 1 },
    });
    add("DELETE /commendations/{id}", {
      kind: "target",
      path: `/commendations/${commendation.id}?version=1`,
    });
    add("GET /commendation-rules", { kind: "target", path: `/commendation-rules?unitId=${ward}` });
    add("POST /commendation-rules", {
      kind: "target",
      path: "/commendation-rules",
      body: { unitId: ward, kind: "membership_years", years: 10, form: "association_merit" },
    });
    add("DELETE /commendation-rules/{id}", { kind: "target", path: `/commendation-rules/${rule.id}` });
    for (const suffix of ["", ".xlsx"])
      add(`GET /units/{id}/commendation-proposals${suffix}`, {
        kind: "target",
        path: `/units/${ward}/commendation-proposals${suffix}?year=2025`,
      });
  },
};
