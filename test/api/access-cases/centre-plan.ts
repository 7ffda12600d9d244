/** Access cases of the learning-needs surveys and the centres' yearly plans (migration 0029). */
import type { CaseModule } from "./types";

export const centrePlanCases: CaseModule = {
  tables: ["needs_surveys", "survey_responses", "centre_plans", "centre_plan_items"],
  async addCases({ t, hcmProvince, ward, villages, add }) {
    const centre = await t.db
      .insertInto("learning_centres")
      .values({ commune_id: ward, province_id: hcmProvince, code: "P1", name: "Trung tâm có kế hoạch" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("centre_plans")
      .values({ commune_id: ward, province_id: hcmProvince, centre_id: centre.id, year: 2026 })
      .execute();
    const survey = await t.db
      .insertInto("needs_surveys")
      .values({ commune_id: ward, province_id: hcmProvince, year: 2026, title: "Khảo sát 2026" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const response = await t.db
      .insertInto("survey_responses")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        survey_id: survey.id,
        village_id: villages[0]!.id,
        age_group: "over_60",
        topics: ["law"],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const answer = { villageId: villages[0]!.id, ageGroup: "under_15", topics: ["law"] };
    add("GET /needs-surveys", { kind: "own", reason: "lists only surveys of communes the caller reaches" });
    add("POST /needs-surveys", {
      kind: "target",
      path: "/needs-surveys",
      body: { communeId: ward, year: 2027, title: "Khảo sát ngoài" },
    });
    add("GET /needs-surveys/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("PATCH /needs-surveys/{id}", {
      kind: "target",
      path: `/needs-surveys/${survey.id}`,
      body: { status: "closed", version: 1 },
    });
    add("GET /needs-surveys/{id}/responses", {
      kind: "target",
      path: `/needs-surveys/${survey.id}/responses`,
    });
    add("POST /needs-surveys/{id}/responses", {
      kind: "target",
      path: `/needs-surveys/${survey.id}/responses`,
      body: answer,
    });
    add("POST /needs-surveys/{id}/responses/import", {
      kind: "target",
      path: `/needs-surveys/${survey.id}/responses/import?dryRun=0`,
      form: true,
    });
    add("GET /needs-surveys/{id}/results", { kind: "target", path: `/needs-surveys/${survey.id}/results` });
    add("PATCH /survey-responses/{id}", {
      kind: "target",
      path: `/survey-responses/${response.id}`,
      body: { ...answer, version: 1 },
    });
    add("DELETE /survey-responses/{id}", {
      kind: "target",
      path: `/survey-responses/${response.id}?version=1`,
    });
    const plan = `/centres/${centre.id}/plans/2026`;
    add("GET /centres/{id}/plans/{year}", { kind: "target", path: plan });
    add("PUT /centres/{id}/plans/{year}", {
      kind: "target",
      path: plan,
      body: {
        items: [
          { quarter: 1, activityKind: "talk", topic: "law", plannedCount: 1, expectedParticipants: 50 },
        ],
        version: 1,
      },
    });
    add("POST /centres/{id}/plans/{year}/approve", {
      kind: "target",
      path: `${plan}/approve`,
      body: { version: 1 },
    });
    add("POST /centres/{id}/plans/{year}/reopen", {
      kind: "target",
      path: `${plan}/reopen`,
      body: { version: 1, reason: "Sửa" },
    });
    add("GET /centres/{id}/plans/{year}/progress", { kind: "target", path: `${plan}/progress` });
    add("GET /units/{id}/centre-plans/summary", {
      kind: "target",
      path: `/units/${hcmProvince}/centre-plans/summary?year=2026`,
    });
  },
};
