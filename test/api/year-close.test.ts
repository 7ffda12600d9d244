/**
 * Closing a year (docs/STATISTICS.md, "Closing a year"): once Phường Tây Hồ has issued its 2025 decision and closed
 * 2025, households added later leave the 2025 rate unchanged in the roll-up (as recorded and in today's boundaries),
 * the series, the report's sentences, the province's table and the open data, while another commune and 2026
 * follow today's totals; reopening (with a reason) goes back to today's totals; both are audited; the counters
 * still verify.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const year = 2025;
const title = "learning_family";

describeEachEngine("year close", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let reviewer: ApiClient;
  let hanoi: ApiClient;
  let ward: number;
  let province: number;
  let villages: number[];

  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);

  const family = async (unitId: number, y = year, boundaries = "historical") => {
    const r = await reviewer.get(
      `/api/v1/stats/rollup?unitId=${unitId}&year=${y}&title=${title}&boundaries=${boundaries}`,
    );
    ok(r, "rollup");
    return r.body;
  };
  const addHouseholds = async (client: ApiClient, village: number, n: number) => {
    for (let i = 0; i < n; i++)
      ok(
        await client.post("/api/v1/households", { villageId: village, headName: `Hộ mới ${i}`, members: 4 }),
        "hh",
      );
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    reviewer = await t.as("tayho.duyet");
    hanoi = await t.as("hanoi");
    ward = await t.unitId("00103");
    villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units.map((u: any) => u.id);
    province = await t.unitId("01", { level: "province" });
  }, 600_000);
  afterAll(() => t?.close());

  it("is refused (409) before the year's decisions are issued, then closes once they are", async () => {
    const early = await reviewer.post("/api/v1/stats/year-close", { unitId: ward, year });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("chưa ban hành quyết định công nhận nào của năm 2025");

    // 3 of the 12 households recognised by an issued decision: 25 %.
    const households = (
      (await tayho.get(`/api/v1/households?unitId=${ward}&limit=100`)).body.households as any[]
    )
      .slice(0, 3)
      .map((h) => h.id);
    ok(
      await tayho.post("/api/v1/registrations", {
        year,
        title,
        subjects: households.map((id) => ({ kind: "household", id })),
      }),
      "register",
    );
    const list = (await tayho.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=${title}`)).body
      .registrations as any[];
    for (const r of list) {
      const registration = (await tayho.get(`/api/v1/registrations/${r.id}`)).body.registration;
      const rubric = (await tayho.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
      const scores: Record<string, number> = {};
      for (const criterion of rubric.definition.criteria)
        for (const item of criterion.items) scores[item.key] = item.maxPoints;
      ok(
        await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
          scores,
          version: registration.version,
        }),
        "assess",
      );
    }
    ok(
      await tayho.post("/api/v1/reviews", {
        unitId: ward,
        year,
        title,
        heldOn: `${year}-12-10`,
        participants: "Chi hội khuyến học",
        outcomes: list.map((r) => ({ registrationId: r.id, proposed: true })),
      }),
      "review",
    );
    const draft = await tayho.post("/api/v1/decisions", {
      communeId: ward,
      year,
      title,
      kind: "recognition",
      number: "25/QĐ-UBND",
      signedOn: `${year}-12-20`,
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Bình",
      registrationIds: list.map((r) => r.id),
    });
    ok(draft, "draft");
    const pending = await reviewer.post("/api/v1/stats/year-close", { unitId: ward, year });
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toContain("còn 1 dự thảo quyết định năm 2025 chưa ban hành");
    ok(await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`), "issue");

    const before = await family(ward);
    expect(before.totalsFrozenAt).toBeNull();
    expect(before.titles[0].figures).toMatchObject({ total: 12, recognized: 3, recognizedRate: 25 });

    // Another commune's officer does not reach Tây Hồ (the roles are checked in capabilities.test.ts).
    const outsider = await t.as("maokhe");
    expect((await outsider.post("/api/v1/stats/year-close", { unitId: ward, year })).status).toBe(404);

    const closed = await reviewer.post("/api/v1/stats/year-close", { unitId: ward, year });
    ok(closed, "close");
    expect(closed.body).toMatchObject({ state: "closed", closedNow: [ward] });
    const again = await reviewer.post("/api/v1/stats/year-close", { unitId: ward, year });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("đã khóa");
  }, 300_000);

  it("keeps the closed year's rate when households are added the next year; another commune and 2026 follow today", async () => {
    await addHouseholds(tayho, villages[0]!, 4);
    const after = await family(ward);
    expect(after.totalsFrozenAt).not.toBeNull();
    expect(after.titles[0].figures).toMatchObject({ total: 12, recognized: 3, recognizedRate: 25 });
    expect(after.titles[0].children[0].figures.total).toBe(4);
    expect((await family(ward, year, "current")).titles[0].figures.total).toBe(12);
    const now = await family(ward, 2026);
    expect(now.totalsFrozenAt).toBeNull();
    expect(now.titles[0].figures.total).toBe(16);

    const series = await reviewer.get(`/api/v1/stats/series?unitId=${ward}&title=${title}&from=2024&to=2026`);
    ok(series, "series");
    const points = Object.fromEntries(series.body.points.map((p: any) => [p.year, p]));
    expect(points[2025].figures).toMatchObject({ total: 12, recognizedRate: 25 });
    expect(points[2025].totalsFrozenAt).not.toBeNull();
    expect(points[2024].figures.total).toBe(16);
    expect(points[2026].figures.total).toBe(16);

    const csv = await reviewer.get(`/api/v1/stats/rollup.csv?unitId=${ward}&year=${year}&title=${title}`);
    expect(new TextDecoder().decode(csv.body)).toMatch(/Tổng cộng;12;3;/);

    // Another commune of Hà Nội: its 2025 total follows today's registry.
    const hanoi2025 = await hanoi.get(`/api/v1/stats/rollup?unitId=${province}&year=${year}&title=${title}`);
    ok(hanoi2025, "province");
    const other = hanoi2025.body.titles[0].children.find(
      (c: any) => c.unit.id !== ward && c.figures.total > 0,
    );
    const tayhoRow = hanoi2025.body.titles[0].children.find((c: any) => c.unit.id === ward);
    expect(tayhoRow.figures.total).toBe(12);
    expect(hanoi2025.body.totalsFrozenCommunes).toBe(1);
    expect(hanoi2025.body.totalsFrozenAt).toBeNull();
    const otherVillage = (await hanoi.get(`/api/v1/units/${other.unit.id}/children`)).body.units[0].id;
    await addHouseholds(hanoi, otherVillage, 1);
    const later = await family(ward, year);
    expect(later.titles[0].figures.total).toBe(12);
    const otherLater = await hanoi.get(
      `/api/v1/stats/rollup?unitId=${other.unit.id}&year=${year}&title=${title}`,
    );
    expect(otherLater.body.titles[0].figures.total).toBe(other.figures.total + 1);

    // The report's sentence of the year divides by the frozen total.
    const templates = (await tayho.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    const template = templates.find((x) => x.code === "xa-nam" && x.current).id;
    const preview = await tayho.post(`/api/v1/units/${ward}/reports/preview`, {
      templateId: template,
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
    });
    ok(preview, "preview");
    const sentences = preview.body.sections.find((s: any) => s.key === "mo_hinh").blocks[0];
    expect(sentences.sentences[0]).toContain("3 hộ gia đình học tập / 12 hộ, đạt 25%");

    const open = await t.anonymous().get(`/api/v1/public/open-data?province=01&year=${year}&title=${title}`);
    ok(open, "open data");
    const row = open.body.rows.find((r: any) => r.level === "commune" && r.communeCode === "00103");
    expect(row).toMatchObject({ total: 12, recognized: 3, rate: 25 });

    expect((await verifyCounters(t.db)).differences).toEqual([]);
  }, 300_000);

  it("reopens with a reason to today's totals, keeps the history and audits both", async () => {
    const noReason = await reviewer.post("/api/v1/stats/year-close/reopen", {
      unitId: ward,
      year,
      reason: " ",
    });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body)).toContain("reason");
    const reopened = await reviewer.post("/api/v1/stats/year-close/reopen", {
      unitId: ward,
      year,
      reason: "Rà soát lại sổ hộ",
    });
    ok(reopened, "reopen");
    expect(reopened.body.state).toBe("open");
    expect(reopened.body.history[0]).toMatchObject({ reopenReason: "Rà soát lại sổ hộ" });
    const back = await family(ward);
    expect(back.totalsFrozenAt).toBeNull();
    expect(back.titles[0].figures).toMatchObject({ total: 16, recognizedRate: 18.75 });
    const twice = await reviewer.post("/api/v1/stats/year-close/reopen", {
      unitId: ward,
      year,
      reason: "Lần nữa",
    });
    expect(twice.status).toBe(409);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "unit_id", "after"])
      .where("entity", "=", "year_closure")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, Number(a.unit_id)])).toEqual([
      ["close", ward],
      ["reopen", ward],
    ]);
    expect(JSON.stringify(audit[0]!.after)).toContain(`"${title}":12`);

    // The province closes for its communes that may be closed (Tây Hồ again, frozen at 16); the others are listed.
    const provinceClose = await hanoi.post("/api/v1/stats/year-close", { unitId: province, year });
    ok(provinceClose, "province close");
    expect(provinceClose.body.closedNow).toEqual([ward]);
    expect(provinceClose.body.skipped.length).toBeGreaterThan(0);
    expect(provinceClose.body.state).toBe("partly");
    await addHouseholds(tayho, villages[1]!, 1);
    expect((await family(ward)).titles[0].figures.total).toBe(16);
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  }, 300_000);
});
