/**
 * The receiving level's status table takes its due date from the deadlines calendar when no `due` is given
 * (docs/REPORTS.md, "Tình hình nộp"; docs/DEADLINES.md): Hà Nội's own 30/11 for its wards' annual report (the demo
 * sets it from data year 2025), the national 15/12 for TP.HCM's wards and for the provinces' reports to the nation,
 * the period's last day for a kind the calendar has no date for; an explicit `due` wins. The table says which.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const period = "from=2025-01-01&to=2025-12-31";

describeEachEngine("report status due dates", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  }, 400_000);
  afterAll(() => t?.close());

  it("takes the calendar's date for the kind and period, a province's own first, and says where it comes from", {
    timeout: 300_000,
  }, async () => {
    const hanoi = await t.as("hanoi");
    const hanoiId = await t.unitId("01", { level: "province" });
    const tayho = await t.unitId("00103");
    const status = (query: string) =>
      hanoi.get(`/api/v1/report-status?unitId=${hanoiId}&level=commune&${period}&${query}`);

    // Hà Nội's own date for its wards' annual report, as the full demo sets it; Tây Hồ submits its 2025 report now.
    const set = await hanoi.post("/api/v1/deadlines", {
      provinceId: hanoiId,
      key: "annual_report",
      level: "commune",
      day: 30,
      month: 11,
      yearOffset: 0,
      validFrom: 2025,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const templates = (await hanoi.get(`/api/v1/report-templates?unitId=${tayho}`)).body.templates as any[];
    const created = await hanoi.post(`/api/v1/units/${tayho}/reports`, {
      templateId: templates.find((x) => x.code === "xa-nam" && x.current).id,
      period: { from: "2025-01-01", to: "2025-12-31" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const s of created.body.report.sections)
      await hanoi.patch(`/api/v1/reports/${created.body.report.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    expect((await hanoi.post(`/api/v1/reports/${created.body.report.id}/submit`, {})).status).toBe(200);

    const own = await status("kind=year");
    expect(own.status).toBe(200);
    expect(own.body.due).toBe("2025-11-30");
    expect(own.body.dueFrom).toMatchObject({ date: "2025-11-30", source: "province" });
    expect(own.body.dueFrom.text).toContain("Hạn riêng của Thành phố Hà Nội: 30/11/2025");
    // Tây Hồ submitted after Hà Nội's date: late.
    expect(own.body.units.find((u: any) => u.unitId === tayho)).toMatchObject({
      status: "submitted",
      onTime: false,
    });

    const given = await status("kind=year&due=2099-12-31");
    expect(given.body.dueFrom).toMatchObject({ date: "2099-12-31", source: "param", deadlineId: null });
    expect(given.body.units.find((u: any) => u.unitId === tayho)).toMatchObject({ onTime: true });

    const plan = await status("kind=plan");
    expect(plan.body.dueFrom).toMatchObject({ date: "2025-12-31", source: "period_end" });
    expect(plan.body.dueFrom.text).toContain("Ngày cuối kỳ báo cáo");

    const hcm = await t.as("hcm");
    const national = await hcm.get(
      `/api/v1/report-status?unitId=${await t.unitId("79", { level: "province" })}&level=commune&kind=year&${period}`,
    );
    expect(national.body.dueFrom).toMatchObject({ date: "2025-12-15", source: "national" });
    expect(national.body.dueFrom.text).toContain("Hạn chung toàn quốc: 15/12/2025");

    const nation = await (await t.as("quantri")).get(
      `/api/v1/report-status?level=province&kind=year&${period}`,
    );
    expect(nation.status).toBe(200);
    expect(nation.body.dueFrom).toMatchObject({ date: "2025-12-15", source: "national" });
  });
});
