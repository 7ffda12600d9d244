/**
 * A province's report from its communes' accepted reports (issue 11, item 5; docs/REPORTS.md, "Nguồn số liệu của
 * báo cáo tỉnh"): two wards of TP.HCM submit, TP.HCM accepts one; its report with `source: "accepted"` sums exactly
 * the accepted ward's snapshot figures (and ignores a later data change in that ward), says so in a note and in the
 * .docx, while the live source differs; the choice is kept in the draft and frozen in the province's snapshot.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SnapshotFigures } from "../../src/server/modules/reports/snapshot-figures";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { docxParagraphs } from "../helpers/nd30-checklist";

const period = { from: "2026-01-01", to: "2026-12-31" };
const count = (n: number) => n.toLocaleString("vi-VN");

describeEachEngine("province report from accepted commune reports", (engine) => {
  let t: TestApp;
  let hcm: ApiClient;
  let wards: number[];
  let province: number;
  let wardTemplate: number;
  let provinceTemplate: number;
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);

  /** A ward's annual report with every section written, submitted. */
  async function submitted(unitId: number): Promise<number> {
    const created = await hcm.post(`/api/v1/units/${unitId}/reports`, { templateId: wardTemplate, period });
    ok(created, "create");
    for (const s of created.body.report.sections)
      ok(
        await hcm.patch(`/api/v1/reports/${created.body.report.id}/sections/${s.key}`, {
          text: "Nội dung.",
          version: s.version,
        }),
        s.key,
      );
    ok(await hcm.post(`/api/v1/reports/${created.body.report.id}/submit`, {}), "submit");
    return created.body.report.id;
  }

  const snapshotOf = async (id: number) =>
    (await t.db.selectFrom("reports").select("snapshot").where("id", "=", id).executeTakeFirstOrThrow())
      .snapshot as { inputs: { source?: string }; figures?: SnapshotFigures };

  const preview = (source?: string) =>
    hcm.post(`/api/v1/units/${province}/reports/preview`, {
      templateId: provinceTemplate,
      period,
      ...(source ? { source } : {}),
    });
  const block = (body: any, id: string) =>
    body.sections.flatMap((s: any) => s.blocks).find((b: any) => b.id === id);
  const familyRow = (body: any) =>
    block(body, "titles.overview").table.rows.find((r: any) => r.cells[0] === "Gia đình học tập").cells;

  beforeAll(async () => {
    t = await demoApp(engine);
    hcm = await t.as("hcm");
    province = await t.unitId("79");
    wards = [await t.unitId("27169"), await t.unitId("27190")];
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${wards[0]}`)).body.templates as any[];
    wardTemplate = templates.find((x) => x.code === "xa-nam" && x.current).id;
    const mine = (await hcm.get(`/api/v1/report-templates?unitId=${province}`)).body.templates as any[];
    provinceTemplate = mine.find((x) => x.code === "tinh-nam" && x.current).id;
  }, 300_000);
  afterAll(() => t?.close());

  it("sums the accepted ward's snapshot, ignores later changes, and says so", async () => {
    const [accepted, pending] = [await submitted(wards[0]!), await submitted(wards[1]!)];
    ok(await hcm.post(`/api/v1/reports/${accepted}/accept`), "accept");
    const figures = (await snapshotOf(accepted)).figures!;
    expect(figures).toMatchObject({
      version: 1,
      source: "live",
      unitId: wards[0],
      year: 2026,
      previousYear: 2025,
    });
    const family = figures.titles.find((x) => x.title === "learning_family")!;
    expect(family.total).toBeGreaterThan(0);
    expect(family.children.reduce((n, c) => n + c.total, 0)).toBe(family.total);
    expect((await snapshotOf(pending)).figures?.unitId).toBe(wards[1]);

    // A later data change in the accepted ward: one more household.
    const village = (await hcm.get(`/api/v1/units/${wards[0]}/children`)).body.units[0];
    ok(await hcm.post("/api/v1/households", { villageId: village.id, headName: "Hộ sau", members: 2 }), "hh");

    const fromAccepted = await preview("accepted");
    ok(fromAccepted, "accepted preview");
    const row = familyRow(fromAccepted.body);
    expect(row.slice(1, 4)).toEqual([
      count(family.total),
      count(family.registered),
      count(family.recognized),
    ]);
    const overview = block(fromAccepted.body, "titles.overview");
    expect(overview.notes[0]).toMatch(
      /^Số liệu tổng hợp từ báo cáo đã tiếp nhận của 1\/\d+ xã, phường; chưa có: /,
    );
    const sentences = block(fromAccepted.body, "titles.sentences");
    expect(sentences.notes).toEqual(overview.notes);
    expect(sentences.sentences.join(" ")).toContain(
      `có ${count(family.recognized)} hộ gia đình học tập / ${count(family.total)} hộ`,
    );
    const children = block(fromAccepted.body, "titles.children").table.rows as { cells: string[] }[];
    const wardName = (await hcm.get(`/api/v1/units/${wards[0]}`)).body.unit?.name as string | undefined;
    const acceptedRow = children.find((r) => r.cells[1] !== "–" && r.cells[0] !== "Cộng")!;
    if (wardName) expect(acceptedRow.cells[0]).toBe(wardName);
    expect(acceptedRow.cells[1]).toBe(`${count(family.recognized)}/${count(family.total)}`);
    expect(children.filter((r) => r.cells[1] === "–").length).toBe(children.length - 2);

    const live = await preview();
    ok(live, "live preview");
    expect(familyRow(live.body)[1]).not.toBe(row[1]);
    expect(block(live.body, "titles.overview").notes).toEqual([]);

    // The .docx says which source it used.
    const docx = await hcm.post(`/api/v1/units/${province}/reports/preview.docx`, {
      templateId: provinceTemplate,
      period,
      source: "accepted",
    });
    expect(docx.status).toBe(200);
    expect((await docxParagraphs(docx.body)).join("\n")).toContain(
      "Số liệu tổng hợp từ báo cáo đã tiếp nhận của 1/",
    );

    // A commune's report cannot take the accepted source.
    const wrong = await hcm.post(`/api/v1/units/${wards[1]}/reports/preview`, {
      templateId: wardTemplate,
      period,
      source: "accepted",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields).toHaveProperty("source");
    expect(
      (
        await hcm.post(`/api/v1/units/${province}/reports/preview`, {
          templateId: provinceTemplate,
          period,
          source: "x",
        })
      ).status,
    ).toBe(422);
  }, 300_000);

  it("keeps the choice in the province's draft and freezes it with the summed figures", async () => {
    const created = await hcm.post(`/api/v1/units/${province}/reports`, {
      templateId: provinceTemplate,
      period,
      source: "accepted",
    });
    ok(created, "create");
    const report = created.body.report;
    expect(report.source).toBe("accepted");
    const switched = await hcm.patch(`/api/v1/reports/${report.id}`, { document: {}, source: "live" });
    ok(switched, "switch");
    expect(switched.body.report.source).toBe("live");
    ok(await hcm.patch(`/api/v1/reports/${report.id}`, { document: {}, source: "accepted" }), "back");
    for (const s of report.sections)
      ok(
        await hcm.patch(`/api/v1/reports/${report.id}/sections/${s.key}`, {
          text: "Nội dung.",
          version: s.version,
        }),
        s.key,
      );
    const done = await hcm.post(`/api/v1/reports/${report.id}/submit`, {});
    ok(done, "submit");
    expect(done.body.report.source).toBe("accepted");
    const snapshot = await snapshotOf(report.id);
    expect(snapshot.inputs.source).toBe("accepted");
    const wardFamily = (
      await snapshotOf(
        (
          await hcm.get(`/api/v1/units/${wards[0]}/reports`)
        ).body.reports.find((r: any) => r.status === "accepted").id,
      )
    ).figures!.titles.find((x) => x.title === "learning_family")!;
    const summed = snapshot.figures!.titles.find((x) => x.title === "learning_family")!;
    expect(snapshot.figures).toMatchObject({ version: 1, source: "accepted", unitId: province });
    expect([summed.total, summed.registered, summed.recognized]).toEqual([
      wardFamily.total,
      wardFamily.registered,
      wardFamily.recognized,
    ]);
    expect(snapshot.figures!.accepted!.reports.map((r) => r.unitId)).toEqual([wards[0]]);
    expect(snapshot.figures!.accepted!.missing.some((m) => m.unitId === wards[1])).toBe(true);
  }, 300_000);
});
