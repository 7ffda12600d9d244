/**
 * A centre's yearly plan: saved as a whole list while a draft (bad items refused naming the field, nothing
 * written), approved by the commune's approver only (data entry is told who may), which locks it (the service and
 * the database's trigger both refuse a change), reopened with a reason (audited); each item shows the survey's
 * demand for its topic; plan vs done by quarter counts the centre's activities of the quarter, not archived ones,
 * nor another year's; the subtree totals for a ward and its province; nothing of it reachable from another province.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const year = 2026;

describeEachEngine("centre plans", (engine) => {
  let t: TestApp;
  let entry: ApiClient; // data entry of Phường Tây Hồ
  let approver: ApiClient; // reviewer of Phường Tây Hồ
  let ward: number;
  let centre: number;
  let village: number;
  const plan = () => `/api/v1/centres/${centre}/plans/${year}`;
  const items = [
    { quarter: 1, activityKind: "class", topic: "computing", plannedCount: 2, expectedParticipants: 60 },
    {
      quarter: 2,
      activityKind: "talk",
      topic: "law",
      plannedCount: 3,
      expectedParticipants: 300,
      note: "Luật mới",
    },
    { quarter: 2, activityKind: "talk", topic: "health", plannedCount: 1, expectedParticipants: 100 },
  ];
  const activity = async (startsOn: string, topic: string, activityKind = "talk") => {
    const response = await entry.post("/api/v1/activities", {
      communeId: ward,
      title: `Hoạt động ${topic} ${startsOn}`,
      centreId: centre,
      activityKind,
      topic,
      startsOn,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.activity;
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    entry = await t.as("tayho");
    approver = await t.as("tayho.duyet");
    ward = await t.unitId("00103");
    const created = await entry.post("/api/v1/centres", {
      communeId: ward,
      name: "Trung tâm học tập cộng đồng",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    centre = created.body.centre.id;
    village = (await entry.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
  });
  afterAll(() => t?.close());

  it("starts as an empty draft, refuses bad items naming the field, and saves the whole list", async () => {
    const empty = await entry.get(plan());
    expect(empty.status).toBe(200);
    expect(empty.body.plan).toMatchObject({ id: null, status: "draft", items: [], surveyResponses: null });
    const bad = await entry.request("PUT", plan(), { items: [{ ...items[0], quarter: 5 }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details.fields)).toContain("quarter");
    const topic = await entry.request("PUT", plan(), { items: [{ ...items[0], topic: "swimming" }] });
    expect(topic.status).toBe(422);
    expect(topic.body.error.details.fields["items.0.topic"]).toContain("Chủ đề không có trong danh sách");
    expect((await entry.get(plan())).body.plan.id).toBeNull();
    const saved = await entry.request("PUT", plan(), { note: "Kế hoạch năm", items });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.plan.items.map((i: any) => i.line)).toEqual([1, 2, 3]);
    expect(saved.body.plan.items[1]).toMatchObject({
      topic: "law",
      plannedCount: 3,
      note: "Luật mới",
      demand: 0,
    });
    // Saving again without the version it was opened at is refused: someone may have changed it.
    expect((await entry.request("PUT", plan(), { items })).status).toBe(409);
    const again = await entry.request("PUT", plan(), { items, version: saved.body.plan.version });
    expect(again.status).toBe(200);
  });

  it("shows the survey's demand for each item's topic", async () => {
    const survey = await entry.post("/api/v1/needs-surveys", {
      communeId: ward,
      year,
      title: "Khảo sát 2026",
    });
    expect(survey.status, JSON.stringify(survey.body)).toBe(201);
    for (const topics of [["law", "health"], ["law"], ["computing"]]) {
      const answer = await entry.post(`/api/v1/needs-surveys/${survey.body.survey.id}/responses`, {
        villageId: village,
        ageGroup: "from_36_to_60",
        topics,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    const read = (await entry.get(plan())).body.plan;
    expect(read.surveyResponses).toBe(3);
    expect(read.items.map((i: any) => [i.topic, i.demand])).toEqual([
      ["computing", 1],
      ["law", 2],
      ["health", 1],
    ]);
  });

  it("is approved by the commune's approver only, which locks it", async () => {
    const current = (await entry.get(plan())).body.plan;
    const byEntry = await entry.post(`${plan()}/approve`, { version: current.version });
    expect(byEntry.status).toBe(403);
    expect(byEntry.body.error.message).toContain("Phê duyệt");
    expect((await approver.post(`${plan()}/approve`, { version: current.version - 1 })).status).toBe(409);
    const approved = await approver.post(`${plan()}/approve`, { version: current.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.plan).toMatchObject({
      status: "approved",
      approvedBy: "Phó Chủ tịch UBND phường Tây Hồ (tayho.duyet)",
    });
    const edit = await entry.request("PUT", plan(), { items: [], version: approved.body.plan.version });
    expect(edit.status).toBe(422);
    expect(edit.body.error.message).toContain("mở lại");
    // Behind the service, the database refuses a change to an approved plan's items.
    await expect(
      sql`UPDATE centre_plan_items SET planned_count = 9 WHERE plan_id = ${current.id}`.execute(t.db),
    ).rejects.toThrow(/đã được duyệt/);
    expect((await entry.get(plan())).body.plan.items).toHaveLength(3);
  });

  it("is reopened with a reason, by the approver, audited", async () => {
    const current = (await entry.get(plan())).body.plan;
    const noReason = await approver.post(`${plan()}/reopen`, { version: current.version, reason: " " });
    expect(noReason.status).toBe(422);
    expect((await entry.post(`${plan()}/reopen`, { version: current.version, reason: "Sửa" })).status).toBe(
      403,
    );
    const reopened = await approver.post(`${plan()}/reopen`, {
      version: current.version,
      reason: "Bổ sung lớp kỹ năng số theo chỉ đạo",
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.plan).toMatchObject({ status: "draft", approvedBy: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "centre_plan")
      .where("entity_id", "=", String(current.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "centre.plan.create",
      "centre.plan.update",
      "centre.plan.approve",
      "centre.plan.reopen",
    ]);
    expect(JSON.stringify(audit[3]!.after)).toContain("Bổ sung lớp kỹ năng số");
    const back = await approver.post(`${plan()}/approve`, { version: reopened.body.plan.version });
    expect(back.status).toBe(200);
  });

  it("sets plan against done by quarter, kind and topic", async () => {
    const computing = await activity(`${year}-01-10`, "computing", "class");
    const law = await activity(`${year}-04-02`, "law");
    // Lượt người done: the attendees of the activities' sessions (the attendance module).
    for (const [done, heldOn, attendees] of [
      [computing, `${year}-01-10`, 25],
      [law, `${year}-04-02`, 80],
    ] as const) {
      const session = await entry.post(`/api/v1/activities/${done.id}/sessions`, {
        clientKey: crypto.randomUUID(),
        heldOn,
        attendees,
      });
      expect(session.status, JSON.stringify(session.body)).toBe(201);
    }
    await activity(`${year}-06-30`, "law");
    await activity(`${year}-09-15`, "agriculture");
    await activity(`${year - 1}-05-01`, "law"); // another year
    const archived = await activity(`${year}-05-05`, "law");
    expect(
      (await entry.post(`/api/v1/activities/${archived.id}/archive`, { reason: "mistake" })).status,
    ).toBeLessThan(300);
    const progress = await entry.get(`${plan()}/progress`);
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    const row = (quarter: number, kind: string, topic: string) =>
      progress.body.rows.find(
        (r: any) => r.quarter === quarter && r.activityKind === kind && r.topic === topic,
      );
    expect(row(1, "class", "computing")).toMatchObject({
      plannedCount: 2,
      doneCount: 1,
      plannedParticipants: 60,
      doneParticipants: 25,
    });
    expect(row(2, "talk", "law")).toMatchObject({
      plannedCount: 3,
      doneCount: 2,
      plannedParticipants: 300,
      doneParticipants: 80,
    });
    expect(row(2, "talk", "health")).toMatchObject({ plannedCount: 1, doneCount: 0 });
    expect(row(3, "talk", "agriculture")).toMatchObject({ plannedCount: 0, doneCount: 1 });
    expect(progress.body.quarters.map((q: any) => q.doneCount)).toEqual([1, 2, 1, 0]);
    expect(progress.body.total).toMatchObject({ plannedCount: 6, doneCount: 4, doneParticipants: 105 });
  });

  it("totals a ward and its province for the statistics", async () => {
    const hanoi = await t.as("hanoi");
    const province = await t.unitId("01", { level: "province" });
    for (const [client, unit] of [
      [entry, ward],
      [hanoi, province],
    ] as const) {
      const summary = await client.get(`/api/v1/units/${unit}/centre-plans/summary?year=${year}`);
      expect(summary.status, JSON.stringify(summary.body)).toBe(200);
      expect(summary.body).toMatchObject({
        centres: 1,
        plans: 1,
        approvedPlans: 1,
        plannedCount: 6,
        doneCount: 4,
        plannedParticipants: 460,
        doneParticipants: 105,
        doneRate: 66.7,
        surveyResponses: 3,
      });
    }
  });

  it("names the centre's commune: another commune's centre is not found, nothing written", async () => {
    const badinh = await t.unitId("00004"); // a commune, not the centre's
    const current = (await entry.get(`${plan()}?communeId=${ward}`)).body.plan;
    expect(current.status).toBe("approved");
    expect((await entry.get(`${plan()}/progress?communeId=${ward}`)).status).toBe(200);
    const missing = (await entry.get(`/api/v1/centres/999999999/plans/${year}`)).body.error.message;
    const elsewhere = `?communeId=${badinh}`;
    const { version } = current;
    for (const refused of [
      await entry.get(`${plan()}${elsewhere}`),
      await entry.get(`${plan()}/progress${elsewhere}`),
      await entry.request("PUT", `${plan()}${elsewhere}`, { items, version }),
      await approver.post(`${plan()}/reopen${elsewhere}`, { version, reason: "Sửa" }),
      await approver.post(`${plan()}/approve${elsewhere}`, { version }),
    ]) {
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toBe(missing);
    }
    expect((await entry.get(plan())).body.plan).toEqual(current);
    const reopened = await approver.post(`${plan()}/reopen?communeId=${ward}`, {
      version,
      reason: "Sửa số lớp",
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const saved = await entry.request("PUT", `${plan()}?communeId=${ward}`, {
      items,
      version: reopened.body.plan.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const back = await approver.post(`${plan()}/approve?communeId=${ward}`, {
      version: saved.body.plan.version,
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
  });

  it("is out of reach from another province, and read-only for the centre's teacher", async () => {
    const outsider = await t.as("maokhe");
    expect((await outsider.get(plan())).status).toBe(404);
    expect((await outsider.get(`${plan()}/progress`)).status).toBe(404);
    expect((await outsider.request("PUT", plan(), { items })).status).toBe(404);
    expect((await outsider.get(`/api/v1/units/${ward}/centre-plans/summary?year=${year}`)).status).toBe(404);
    const teacher = await t.as("giaovien.tayho");
    expect((await teacher.get(plan())).status).toBe(200);
    const other = `/api/v1/centres/${centre}/plans/${year + 1}`;
    const refused = await teacher.request("PUT", other, { items });
    expect(refused.status).toBe(403);
    expect((await entry.get(other)).body.plan.id).toBeNull();
  });
});
