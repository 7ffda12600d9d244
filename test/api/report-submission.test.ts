/**
 * Report drafts, autosave, submission with a snapshot and submission up the levels (issue 11, items 2, 4, 5): a
 * ward's officer drafts the annual report and autosaves its sections (a stale save is refused with 409); submitting
 * with the required sections empty is refused naming them; once submitted, a data change leaves the submitted .docx
 * byte-identical while the new version's draft shows the difference; TP.HCM sees its wards' statuses (one on time,
 * one late, one not submitted), cannot return without a reason, returns, and accepts the resubmission.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const period = { from: "2026-01-01", to: "2026-12-31" };
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describeEachEngine("report submission", (engine) => {
  let t: TestApp;
  let hcm: ApiClient;
  let officer: ApiClient;
  let wards: number[];
  let template: number;
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);

  beforeAll(async () => {
    t = await demoApp(engine);
    hcm = await t.as("hcm");
    wards = [await t.unitId("27169"), await t.unitId("27190"), await t.unitId("27163")];
    ok(
      await hcm.post("/api/v1/users", {
        username: "nhaplieu.saigon",
        fullName: "Phạm Văn Nhập",
        password: "mat-khau-du-dai-2026",
        role: "data_entry",
        unitId: wards[0],
      }),
      "officer",
    );
    officer = await new (hcm.constructor as typeof ApiClient)(t.app).login(
      "nhaplieu.saigon",
      "mat-khau-du-dai-2026",
    );
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${wards[0]}`)).body.templates as any[];
    template = templates.find((x) => x.code === "xa-nam" && x.current).id;
  }, 120_000);
  afterAll(() => t?.close());

  it("drafts, autosaves, refuses stale saves and empty required sections, then freezes the submission", async () => {
    const created = await officer.post(`/api/v1/units/${wards[0]}/reports`, { templateId: template, period });
    ok(created, "create");
    const report = created.body.report;
    expect(report).toMatchObject({ status: "draft", version: 1, level: "commune", kind: "year" });
    expect(
      (await officer.post(`/api/v1/units/${wards[0]}/reports`, { templateId: template, period })).status,
    ).toBe(409);
    const section = (key: string) => report.sections.find((s: any) => s.key === key);
    const tinhHinh = section("tinh_hinh") ?? report.sections[0];
    // Named with its unit (as the web does) a version is looked for there alone: under another ward, not found.
    const [own, other] = [wards[0]!, wards[1]!];
    const at = (id: number, path: string, unitId = own) => `/api/v1/reports/${id}${path}?communeId=${unitId}`;
    expect((await officer.get(at(report.id, ""))).body.report.id).toBe(report.id);
    expect((await officer.get(at(report.id, "", other))).status).toBe(404);
    const text = { text: "Nơi khác", version: tinhHinh.version };
    expect((await officer.patch(at(report.id, `/sections/${tinhHinh.key}`, other), text)).status).toBe(404);
    expect((await officer.patch(at(report.id, "", other), { document: report.document })).status).toBe(404);
    expect((await officer.post(at(report.id, "/submit", other), {})).status).toBe(404);
    ok(await officer.patch(at(report.id, ""), { document: report.document }), "document");
    const saved = await officer.patch(at(report.id, `/sections/${tinhHinh.key}`), {
      text: "Phường có 4 khu phố.",
      version: tinhHinh.version,
    });
    ok(saved, "autosave");
    const stale = await officer.patch(`/api/v1/reports/${report.id}/sections/${tinhHinh.key}`, {
      text: "Bản cũ",
      version: tinhHinh.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.stale).toMatchObject({ currentVersion: saved.body.section.version });

    const empty = await officer.post(`/api/v1/reports/${report.id}/submit`, {});
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toContain("TỒN TẠI");
    expect(Object.keys(empty.body.error.details.fields)).toContain("sections.ton_tai");
    for (const key of ["ton_tai", "phuong_huong"])
      ok(
        await officer.patch(`/api/v1/reports/${report.id}/sections/${key}`, {
          text: `Nội dung mục ${key}.`,
          version: section(key).version,
        }),
        key,
      );
    const submitted = await officer.post(at(report.id, "/submit"), {});
    ok(submitted, "submit");
    expect(submitted.body.report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const first = await officer.get(at(report.id, "/document.docx"));
    expect(first.status).toBe(200);
    expect((await officer.get(at(report.id, "/document.docx", other))).status).toBe(404);
    const bytes = Buffer.from(first.body);
    expect(
      (await officer.patch(`/api/v1/reports/${report.id}/sections/ton_tai`, { text: "Sửa", version: 2 }))
        .status,
    ).toBe(409);

    // The data change: one more household in a khu phố of the ward.
    const village = (await hcm.get(`/api/v1/units/${wards[0]}/children`)).body.units[0];
    ok(await hcm.post("/api/v1/households", { villageId: village.id, headName: "Hộ mới", members: 2 }), "hh");
    const again = await officer.get(`/api/v1/reports/${report.id}/document.docx`);
    expect(sha(Buffer.from(again.body))).toBe(sha(bytes));

    // TP.HCM: no return without a reason; returned with one; the ward revises and the draft shows the difference.
    expect((await hcm.post(`/api/v1/reports/${report.id}/return`, { reason: " " })).status).toBe(422);
    expect((await officer.post(`/api/v1/reports/${report.id}/accept`)).status).toBe(403);
    expect((await hcm.post(at(report.id, "/accept", other))).status).toBe(404);
    expect((await hcm.post(at(report.id, "/return", other), { reason: "Nơi khác" })).status).toBe(404);
    ok(await hcm.post(at(report.id, "/return"), { reason: "Bổ sung số liệu quỹ" }), "return");
    expect((await officer.post(at(report.id, "/revise", other))).status).toBe(404);
    const revised = await officer.post(at(report.id, "/revise"));
    ok(revised, "revise");
    const draft = revised.body.report;
    expect(draft).toMatchObject({ version: 2, previousId: report.id, status: "draft" });
    expect((await officer.get(at(draft.id, "/changes", other))).status).toBe(404);
    const changes = (await officer.get(at(draft.id, "/changes"))).body.changes as any[];
    expect(changes.some((c) => c.kind === "figure" && /hộ/.test(c.after))).toBe(true);
    const resubmitted = await officer.post(`/api/v1/reports/${draft.id}/submit`, {});
    ok(resubmitted, "resubmit");
    expect(resubmitted.body.report.changes.length).toBeGreaterThan(0);
    ok(await hcm.post(at(draft.id, "/accept")), "accept");

    // After acceptance, a resubmission needs a reason.
    const third = (await officer.post(`/api/v1/reports/${draft.id}/revise`)).body.report;
    expect((await officer.post(`/api/v1/reports/${third.id}/submit`, {})).status).toBe(422);
    ok(await officer.post(`/api/v1/reports/${third.id}/submit`, { reason: "Sửa số hộ" }), "with reason");
  }, 120_000);

  it("shows TP.HCM each ward's status: on time, late, not submitted", async () => {
    // The second ward submits too, and is recorded as late (submitted after the due date).
    const other = (await hcm.post(`/api/v1/units/${wards[1]}/reports`, { templateId: template, period })).body
      .report;
    for (const s of other.sections)
      await hcm.patch(`/api/v1/reports/${other.id}/sections/${s.key}`, {
        text: "Nội dung.",
        version: s.version,
      });
    ok(await hcm.post(`/api/v1/reports/${other.id}/submit`, {}), "submit other");
    await t.db
      .updateTable("reports")
      .set({ submitted_at: "2026-12-20T03:00:00Z" })
      .where("id", "=", other.id)
      .execute();
    const province = await t.unitId("79");
    const query = (due: string) =>
      `/api/v1/report-status?unitId=${province}&level=commune&kind=year&from=${period.from}&to=${period.to}&due=${due}`;
    const table = await hcm.get(query("2026-12-15"));
    ok(table, "status");
    const row = (id: number) => table.body.units.find((u: any) => u.unitId === id);
    expect(row(wards[0]!)).toMatchObject({ status: "submitted", onTime: true });
    expect(row(wards[0]!).returnReasons).toEqual(["Lần 1: Bổ sung số liệu quỹ"]);
    expect(row(wards[1]!)).toMatchObject({ status: "submitted", onTime: false });
    expect(row(wards[2]!)).toMatchObject({ status: "missing", onTime: null });
    const past = await hcm.get(query("2026-11-30"));
    expect(past.body.units.find((u: any) => u.unitId === wards[2])).toMatchObject({ onTime: false });
    expect((await officer.get(query("2026-12-15"))).status).toBe(404);
    expect(
      (await officer.get(`/api/v1/report-status?level=province&kind=year&from=2026-01-01&to=2026-12-31`))
        .status,
    ).toBe(403);
  });
});
