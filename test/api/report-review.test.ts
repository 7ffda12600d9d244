/**
 * Reviewing a report (issue 11, item 2): a ward's draft is refreshed ("Làm mới số liệu": the first time with nothing
 * to compare, then with the figure that changed after a household was added through the API, then with none); once
 * submitted, TP.HCM comments on a section (bad input refused naming the field, the ward itself refused) and returns
 * it with section comments; the ward reads them (also from its next version's draft) and marks one handled, once.
 * Another ward of the province and another province see none of it. Comments are append-only and audited.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const period = { from: "2026-01-01", to: "2026-12-31" };

describeEachEngine("report review", (engine) => {
  let t: TestApp;
  let hcm: ApiClient;
  let officer: ApiClient;
  let neighbour: ApiClient;
  let outsider: ApiClient;
  let ward: number;
  let template: number;
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  const user = async (username: string, unitId: number) => {
    ok(
      await hcm.post("/api/v1/users", {
        username,
        fullName: `Cán bộ ${username}`,
        password: "mat-khau-du-dai-2026",
        role: "data_entry",
        unitId,
      }),
      username,
    );
    return new (hcm.constructor as typeof ApiClient)(t.app).login(username, "mat-khau-du-dai-2026");
  };

  beforeAll(async () => {
    t = await demoApp(engine);
    hcm = await t.as("hcm");
    outsider = await t.as("maokhe");
    ward = await t.unitId("27169");
    officer = await user("nhaplieu.saigon", ward);
    neighbour = await user("nhaplieu.benthanh", await t.unitId("27190"));
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    template = templates.find((x) => x.code === "xa-nam" && x.current).id;
  }, 300_000);
  afterAll(() => t?.close());

  it("refreshes a draft's live blocks listing what changed since the last refresh", async () => {
    const report = (await officer.post(`/api/v1/units/${ward}/reports`, { templateId: template, period }))
      .body.report;
    // Named with its unit (as the web does) the report is looked for there alone: under another ward, not found.
    const other = await t.unitId("27190");
    expect((await officer.post(`/api/v1/reports/${report.id}/refresh?communeId=${other}`)).status).toBe(404);
    const first = await officer.post(`/api/v1/reports/${report.id}/refresh?communeId=${ward}`);
    ok(first, "first refresh");
    expect(first.body).toMatchObject({ changes: null, previousAt: null });
    expect(first.body.preview.sections.length).toBeGreaterThan(0);

    const village = (await hcm.get(`/api/v1/units/${ward}/children`)).body.units[0];
    ok(await hcm.post("/api/v1/households", { villageId: village.id, headName: "Hộ mới", members: 2 }), "hh");
    const second = await officer.post(`/api/v1/reports/${report.id}/refresh`);
    ok(second, "second refresh");
    expect(second.body.previousAt).toBe(first.body.refreshedAt);
    const changes = second.body.changes as any[];
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.kind === "figure")).toBe(true);
    const household = changes.find((c) => /hộ gia đình/.test(c.after));
    expect(household, JSON.stringify(changes)).toBeDefined();
    expect(household.before).not.toBe(household.after);
    expect(household.heading).toBeTruthy();

    const third = await officer.post(`/api/v1/reports/${report.id}/refresh`);
    expect(third.body.changes).toEqual([]);
    // Only the preparer of a draft refreshes it; outside the scope it does not exist.
    expect((await outsider.post(`/api/v1/reports/${report.id}/refresh`)).status).toBe(404);
    expect((await neighbour.post(`/api/v1/reports/${report.id}/refresh`)).status).toBe(404);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "report.refresh")
      .where("entity_id", "=", String(report.id))
      .execute();
    expect(audit).toHaveLength(3);
  }, 300_000);

  it("lets TP.HCM comment on sections and return with comments; the ward reads and resolves them", async () => {
    const report = (await officer.get(`/api/v1/units/${ward}/reports`)).body.reports[0];
    const comment = (body: unknown, who = hcm, id = report.id) =>
      who.post(`/api/v1/reports/${id}/comments`, body);
    expect((await comment({ section: "ton_tai", text: "Chưa nộp" })).status).toBe(409);
    for (const s of report.sections)
      ok(
        await officer.patch(`/api/v1/reports/${report.id}/sections/${s.key}`, {
          text: `Nội dung mục ${s.key}.`,
          version: s.version,
        }),
        s.key,
      );
    ok(await officer.post(`/api/v1/reports/${report.id}/submit`, {}), "submit");

    const empty = await comment({ section: "ton_tai", text: "  " });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields.text).toContain("Nhập nội dung góp ý");
    const long = await comment({ section: "ton_tai", text: "x".repeat(2001) });
    expect(long.status).toBe(422);
    expect(long.body.error.details.fields.text).toContain("2000");
    const unknown = await comment({ section: "khong_co", text: "Sai mục" });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(["section"]);
    expect((await comment({ section: "ton_tai", text: "Tự góp ý" }, officer)).status).toBe(403);
    expect((await comment({ section: "ton_tai", text: "Ngoài" }, outsider)).status).toBe(404);
    const other = await t.unitId("27190"); // a ward that is not the report's
    const under = (path: string, unitId: number) => `/api/v1/reports/${report.id}${path}?communeId=${unitId}`;
    const misplaced = await hcm.post(under("/comments", other), { section: "ton_tai", text: "Nơi khác" });
    expect(misplaced.status).toBe(404);
    const added = await comment({ section: "ton_tai", text: "Nêu rõ nguyên nhân của tồn tại." });
    expect(added.status).toBe(201);
    expect(added.body.comment).toMatchObject({
      section: "ton_tai",
      version: 1,
      authorName: expect.any(String),
      resolvedAt: null,
    });
    expect(added.body.comment.heading).toContain("TỒN TẠI");

    const badReturn = await hcm.post(`/api/v1/reports/${report.id}/return`, {
      reason: "Bổ sung",
      comments: [{ section: "khong_co", text: "Sai" }],
    });
    expect(badReturn.status).toBe(422);
    expect(Object.keys(badReturn.body.error.details.fields)).toEqual(["comments.0.section"]);
    expect((await officer.get(`/api/v1/reports/${report.id}`)).body.report.status).toBe("submitted");
    ok(
      await hcm.post(`/api/v1/reports/${report.id}/return`, {
        reason: "Bổ sung phương hướng",
        comments: [{ section: "phuong_huong", text: "Thêm chỉ tiêu năm 2027." }],
      }),
      "return",
    );

    expect((await officer.get(under("/comments", other))).status).toBe(404);
    const seen = (await officer.get(under("/comments", ward))).body.comments as any[];
    expect(seen.map((c) => [c.section, c.text])).toEqual([
      ["ton_tai", "Nêu rõ nguyên nhân của tồn tại."],
      ["phuong_huong", "Thêm chỉ tiêu năm 2027."],
    ]);
    // No leak: another ward of TP.HCM and another province see neither the report nor its comments.
    for (const other of [neighbour, outsider]) {
      expect((await other.get(`/api/v1/reports/${report.id}/comments`)).status).toBe(404);
      expect((await other.post(`/api/v1/reports/${report.id}/comments/${seen[0].id}/resolve`)).status).toBe(
        404,
      );
    }

    // The next version's draft shows the comments of version 1; the ward marks one handled, once.
    const draft = (await officer.post(`/api/v1/reports/${report.id}/revise`)).body.report;
    const inDraft = (await officer.get(`/api/v1/reports/${draft.id}/comments`)).body.comments as any[];
    expect(inDraft.map((c) => c.version)).toEqual([1, 1]);
    const resolve = (unitId: number) =>
      officer.post(`/api/v1/reports/${draft.id}/comments/${inDraft[0].id}/resolve?communeId=${unitId}`);
    expect((await resolve(other)).status).toBe(404);
    const resolved = await resolve(ward);
    ok(resolved, "resolve");
    expect(resolved.body.comment.id).toBe(inDraft[0].id);
    expect(resolved.body.comment.resolvedBy).toContain("Cán bộ nhaplieu.saigon");
    expect((await officer.post(`/api/v1/reports/${draft.id}/comments/${inDraft[0].id}/resolve`)).status).toBe(
      409,
    );
    expect((await officer.post(`/api/v1/reports/${draft.id}/comments/999999/resolve`)).status).toBe(404);
    expect(
      (await hcm.get(`/api/v1/reports/${draft.id}/comments`)).body.comments[0].resolvedAt,
    ).not.toBeNull();

    const actions = (
      await t.db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "in", ["report.comment", "report.comment.resolve"])
        .execute()
    ).map((a) => a.action);
    expect(actions.sort()).toEqual(["report.comment", "report.comment", "report.comment.resolve"]);
    await expect(
      t.db.updateTable("report_comments").set({ body: "Sửa" }).where("id", "=", inDraft[0].id).execute(),
    ).rejects.toThrow(/append-only/);
  }, 300_000);
});
