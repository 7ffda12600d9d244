/**
 * The plans and surveys in the centre counters (migration 0035): approving a plan adds its items' planned counts
 * and expected participants in the plan's year, reopening takes them out, a reopened plan's items are edited
 * freely, survey answers added and deleted count in the survey's year. After each step the roll-up's figures equal
 * a recount straight from the tables, and `stats verify` finds no difference; an altered counter is found and
 * `rebuild` mends it. The CSV carries the new columns and the plan-done rate.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rebuildCounters, verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const year = 2027;

describeEachEngine("centre statistics: plans and survey answers in the counters", (engine) => {
  let t: TestApp;
  let entry: ApiClient;
  let approver: ApiClient;
  let ward: number;
  let village: number;
  let centre: number;
  const plan = () => `/api/v1/centres/${centre}/plans/${year}`;
  beforeAll(async () => {
    t = await demoApp(engine);
    entry = await t.as("tayho");
    approver = await t.as("tayho.duyet");
    ward = await t.unitId("00103");
    village = (await entry.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const created = await entry.post("/api/v1/centres", { communeId: ward, name: "TT kế hoạch thử" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    centre = created.body.centre.id;
  });
  afterAll(() => t?.close());

  /** The year's plan and survey figures recounted from the tables (not the counters). */
  async function recount() {
    const { rows } = await sql<{ planned: number; plannedParticipants: number; surveyResponses: number }>`
      SELECT
        (SELECT coalesce(sum(i.planned_count), 0)::int FROM centre_plans p JOIN centre_plan_items i
          ON i.commune_id = p.commune_id AND i.plan_id = p.id
          WHERE p.status = 'approved' AND p.year = ${year} AND p.commune_id = ${ward}) AS planned,
        (SELECT coalesce(sum(i.expected_participants), 0)::int FROM centre_plans p JOIN centre_plan_items i
          ON i.commune_id = p.commune_id AND i.plan_id = p.id
          WHERE p.status = 'approved' AND p.year = ${year} AND p.commune_id = ${ward}) AS "plannedParticipants",
        (SELECT count(*)::int FROM needs_surveys s JOIN survey_responses r
          ON r.commune_id = s.commune_id AND r.survey_id = s.id
          WHERE s.year = ${year} AND s.commune_id = ${ward}) AS "surveyResponses"`.execute(t.db);
    return rows[0]!;
  }
  const figures = async () => {
    const f = (await entry.get(`/api/v1/stats/centres?unitId=${ward}&year=${year}`)).body.figures;
    return {
      planned: f.planned,
      plannedParticipants: f.plannedParticipants,
      surveyResponses: f.surveyResponses,
    };
  };
  async function expectCounted(expected: Awaited<ReturnType<typeof recount>>) {
    expect(await recount()).toEqual(expected);
    expect(await figures()).toEqual(expected);
    expect((await verifyCounters(t.db)).differences.filter((d) => d.title === "centres")).toEqual([]);
  }
  const item = (plannedCount: number, expectedParticipants: number, topic = "law") => ({
    quarter: 2,
    activityKind: "talk",
    topic,
    plannedCount,
    expectedParticipants,
  });
  const current = async () => (await entry.get(plan())).body.plan;

  it("count an approved plan's items, not a draft's, and follow reopen and edits", async () => {
    const saved = await entry.request("PUT", plan(), { items: [item(2, 60), item(3, 90, "health")] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await expectCounted({ planned: 0, plannedParticipants: 0, surveyResponses: 0 });
    const approved = await approver.post(`${plan()}/approve`, { version: (await current()).version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await expectCounted({ planned: 5, plannedParticipants: 150, surveyResponses: 0 });
    const reopened = await approver.post(`${plan()}/reopen`, {
      version: (await current()).version,
      reason: "Sửa số lớp",
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await expectCounted({ planned: 0, plannedParticipants: 0, surveyResponses: 0 });
    const edited = await entry.request("PUT", plan(), {
      items: [item(4, 100), item(1, 10, "computing"), item(2, 0, "health")],
      version: (await current()).version,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await expectCounted({ planned: 0, plannedParticipants: 0, surveyResponses: 0 });
    expect((await approver.post(`${plan()}/approve`, { version: (await current()).version })).status).toBe(
      200,
    );
    await expectCounted({ planned: 7, plannedParticipants: 110, surveyResponses: 0 });
  });

  it("count the year's survey answers as they are added and deleted", async () => {
    const opened = await entry.post("/api/v1/needs-surveys", {
      communeId: ward,
      year,
      title: "Khảo sát thử",
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const answers = `/api/v1/needs-surveys/${opened.body.survey.id}/responses`;
    const added = [];
    for (const ageGroup of ["under_15", "from_15_to_35", "over_60"]) {
      const answer = await entry.post(answers, { villageId: village, ageGroup, topics: ["health"] });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      added.push(answer.body.response);
    }
    await expectCounted({ planned: 7, plannedParticipants: 110, surveyResponses: 3 });
    const gone = await entry.delete(`/api/v1/survey-responses/${added[0].id}?version=${added[0].version}`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    await expectCounted({ planned: 7, plannedParticipants: 110, surveyResponses: 2 });
  });

  it("export the new columns and the plan-done rate; an altered counter is found and rebuilt", async () => {
    const activity = await entry.post("/api/v1/activities", {
      communeId: ward,
      centreId: centre,
      title: "Chuyên đề pháp luật",
      activityKind: "talk",
      topic: "law",
      startsOn: `${year}-04-10`,
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const f = (await entry.get(`/api/v1/stats/centres?unitId=${ward}&year=${year}`)).body.figures;
    const csv = await entry.get(`/api/v1/stats/centres.csv?unitId=${ward}&year=${year}`);
    expect(csv.status).toBe(200);
    const [head, ...lines] = new TextDecoder().decode(csv.body).trim().split("\r\n");
    const columns = head!.replace("\uFEFF", "").split(";");
    const total = lines.at(-1)!.split(";");
    const cell = (label: string) => total[columns.indexOf(label)];
    expect(cell("Kế hoạch (lớp, chuyên đề)")).toBe("7");
    expect(cell("Phiếu khảo sát nhu cầu")).toBe("2");
    const rate = Math.round((f.activities / 7) * 1000) / 10;
    expect(cell("Tỷ lệ thực hiện kế hoạch (%)")).toBe(String(rate).replace(".", ","));
    await sql`UPDATE centre_counters SET value = value + 1 WHERE commune_id = ${ward} AND metric = 'planned'
      AND year = ${year}`.execute(t.db);
    expect((await verifyCounters(t.db)).differences).toEqual([
      expect.objectContaining({ title: "centres", measure: "planned", year }),
    ]);
    await rebuildCounters(t.db, { unitCode: "00103" });
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  });
});
