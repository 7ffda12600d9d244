/**
 * A plan's targets become the unit's local targets when it is issued (issue 11, item 3; docs/REPORTS.md, "Chỉ tiêu
 * của kế hoạch"): the officer enters them in the plan's draft (a bad rate is a 422 naming the field, a report that
 * is not a plan carries none); issuing needs the unit's administrators, who set its targets; once issued,
 * GET /targets shows them with the plan (number, date) as their basis, the statistics measure the ward against
 * them, the .docx shows the table, and a re-issued version replaces them, every change audited.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { docxParagraphs } from "../helpers/nd30-checklist";

const period = { from: "2027-01-01", to: "2027-12-31" };

describeEachEngine("plan targets", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let officer: ApiClient;
  let admin: ApiClient;
  let tayho: number;
  let plan: number;
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  const fill = async (client: ApiClient, report: any) => {
    for (const s of report.sections)
      ok(
        await client.patch(`/api/v1/reports/${report.id}/sections/${s.key}`, {
          text: "Nội dung.",
          version: s.version,
        }),
        s.key,
      );
  };
  const local = async () =>
    ((await officer.get(`/api/v1/targets?unitId=${tayho}&year=2026`)).body.targets as any[]).filter(
      (x) => x.source === "local" && x.unit.id === tayho,
    );

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    officer = await t.as("tayho");
    tayho = await t.unitId("00103");
    ok(
      await hanoi.post("/api/v1/users", {
        username: "quantri.tayho",
        fullName: "Chủ tịch UBND phường Tây Hồ",
        password: "mat-khau-du-dai-2026",
        role: "unit_admin",
        unitId: tayho,
      }),
      "admin user",
    );
    admin = await new (hanoi.constructor as typeof ApiClient)(t.app).login(
      "quantri.tayho",
      "mat-khau-du-dai-2026",
    );
    const templates = (await officer.get(`/api/v1/report-templates?unitId=${tayho}`)).body.templates as any[];
    plan = templates.find((x) => x.code === "xa-ke-hoach" && x.current).id;
  }, 400_000);
  afterAll(() => t?.close());

  it("validates the targets in the draft, issues them as local targets citing the plan, replaces them on re-issue", async () => {
    const bad = await officer.post(`/api/v1/units/${tayho}/reports`, {
      templateId: plan,
      period,
      document: { planTargets: [{ title: "learning_family", year: 2027, value: 101 }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields["document.planTargets.0.value"]).toBe("Chỉ tiêu từ 0 đến 100 (%)");
    const year = (await officer.get(`/api/v1/report-templates?unitId=${tayho}`)).body.templates.find(
      (x: any) => x.code === "xa-nam" && x.current,
    ).id;
    const notPlan = await officer.post(`/api/v1/units/${tayho}/reports`, {
      templateId: year,
      period: { from: "2026-01-01", to: "2026-12-31" },
      document: { planTargets: [{ title: "learning_family", year: 2026, value: 70 }] },
    });
    expect(notPlan.status).toBe(422);
    expect(Object.keys(notPlan.body.error.details.fields)).toEqual(["document.planTargets"]);

    const targets = [
      { title: "learning_family", year: 2027, value: 75 },
      { title: "learning_clan", year: 2027, value: 80.5 },
    ];
    const created = await officer.post(`/api/v1/units/${tayho}/reports`, {
      templateId: plan,
      period,
      document: { number: "05/KH-UBND", date: "2027-01-05", planTargets: targets },
    });
    ok(created, "create");
    const draft = created.body.report;
    expect(draft.document.planTargets).toEqual(targets);
    const dup = await officer.patch(`/api/v1/reports/${draft.id}`, {
      document: { planTargets: [...targets, { title: "learning_family", year: 2027, value: 60 }] },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details.fields["document.planTargets.2.year"]).toContain("bị lặp");
    await fill(officer, draft);

    // Local targets are the unit's administrators': the data-entry officer cannot issue a plan that sets them.
    const refused = await officer.post(`/api/v1/reports/${draft.id}/submit`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("Quản trị đơn vị");
    expect(await local()).toEqual([]);

    ok(await admin.post(`/api/v1/reports/${draft.id}/submit`, {}), "issue");
    const issued = await local();
    expect(issued.map((x) => [x.title, x.metric, x.year, x.value])).toEqual([
      ["learning_clan", "recognizedRate", 2027, 80.5],
      ["learning_family", "recognizedRate", 2027, 75],
    ]);
    const family = issued.find((x) => x.title === "learning_family");
    expect(family.basis).toMatchObject({ number: "05/KH-UBND", signedOn: "2027-01-05" });
    expect(family.basis.text).toBe("05/KH-UBND ngày 05/01/2027 của UBND Phường Tây Hồ");
    expect(family.inEffect).toBe(true);

    // The statistics of 2026 measure the ward against the plan's 2027 target (the next target year ahead).
    const rollup = await officer.get(`/api/v1/stats/rollup?unitId=${tayho}&year=2026`);
    ok(rollup, "rollup");
    const familyTarget = rollup.body.titles
      .find((x: any) => x.title === "learning_family")
      .targets.find((x: any) => x.metric === "recognizedRate");
    expect(familyTarget).toMatchObject({ value: 75, targetYear: 2027, source: "local", unitId: tayho });
    expect(familyTarget.basis).toContain("05/KH-UBND");

    const text = (
      await docxParagraphs((await officer.get(`/api/v1/reports/${draft.id}/document.docx`)).body)
    ).join("\n");
    expect(text).toContain("Chỉ tiêu của kế hoạch:");
    expect(text).toContain("Gia đình học tập");
    expect(text).toContain("80,5");

    // Re-issue: returned by the province, a new version drops the clans' target and raises the households'.
    ok(
      await hanoi.post(`/api/v1/reports/${draft.id}/return`, { reason: "Nâng chỉ tiêu hộ gia đình" }),
      "return",
    );
    const second = (await officer.post(`/api/v1/reports/${draft.id}/revise`)).body.report;
    ok(
      await officer.patch(`/api/v1/reports/${second.id}`, {
        document: {
          number: "09/KH-UBND",
          date: "2027-02-01",
          planTargets: [{ title: "learning_family", year: 2027, value: 78 }],
        },
      }),
      "document v2",
    );
    ok(await admin.post(`/api/v1/reports/${second.id}/submit`, {}), "re-issue");
    const replaced = await local();
    expect(replaced.map((x) => [x.title, x.year, x.value, x.basis.number])).toEqual([
      ["learning_family", 2027, 78, "09/KH-UBND"],
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("entity", "=", "target")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "update", "delete"]);
  }, 180_000);
});
