/**
 * Reports from live data (issue 11): a ward of TP.HCM gets households, clans, khu phố and organisations and their
 * recognitions through the API; the report preview and its .docx carry the statistical sentences and the table rows
 * with the figures and rates (as the seed district reports print them), the .docx passes the NĐ 30 checklist and
 * converts in LibreOffice; bad input is refused naming the field; templates get new versions, never edits.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandLineActor } from "../../src/server/auth/scope";
import { runBlock } from "../../src/server/modules/reports/blocks";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { convert, libreOfficeAvailable } from "../helpers/libreoffice";
import { docxParagraphs, expectNd30Layout } from "../helpers/nd30-checklist";

const year = 2025;

/** Full marks on a registration's criteria set: every item's maximum, or every indicator met. */
async function fullMarks(
  client: ApiClient,
  registration: { id: number; version: number; rubric: { id: number } },
) {
  const rubric = (await client.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
  const definition = rubric.definition;
  if (definition.scheme === "points") {
    const scores: Record<string, number> = {};
    for (const criterion of definition.criteria)
      for (const item of criterion.items) scores[item.key] = item.maxPoints;
    return { scores, version: registration.version };
  }
  const items: Record<string, boolean> = {};
  for (const level of definition.levels)
    for (const criterion of level.criteria) for (const item of criterion.items) items[item.key] = true;
  return { items, version: registration.version };
}

describeEachEngine("reports from live data", (engine) => {
  let t: TestApp;
  let hcm: ApiClient;
  let ward: number;
  let template: number;
  const ok = (response: { status: number; body: unknown }, label: string) =>
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeLessThan(300);

  /**
   * Registers the subjects for the year, gives full marks to the first `recognised`, reviews them (at `reviewUnit`
   * of each subject) and has a decision drafted by the HCM admin and issued by the ward's reviewer.
   */
  async function recognise(
    reviewer: ApiClient,
    title: string,
    kind: string,
    groups: { reviewUnit: number; ids: number[]; recognised: number }[],
  ) {
    const subjects = groups.flatMap((g) => g.ids.map((id) => ({ kind, id })));
    ok(await hcm.post("/api/v1/registrations", { year, title, subjects }), `register ${title}`);
    const list = (await hcm.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=${title}&limit=500`))
      .body.registrations as any[];
    const proposed: number[] = [];
    for (const group of groups) {
      const chosen = group.ids.slice(0, group.recognised).map((id) => list.find((r) => r.subject.id === id));
      for (const r of chosen)
        ok(await hcm.post(`/api/v1/registrations/${r.id}/assessment`, await fullMarks(hcm, r)), "assess");
      if (chosen.length === 0) continue;
      ok(
        await hcm.post("/api/v1/reviews", {
          unitId: group.reviewUnit,
          year,
          title,
          heldOn: `${year}-12-10`,
          participants: "Ban Chỉ đạo, chi hội khuyến học",
          outcomes: chosen.map((r) => ({ registrationId: r.id, proposed: true })),
        }),
        `review ${title}`,
      );
      proposed.push(...chosen.map((r) => r.id));
    }
    const draft = await hcm.post("/api/v1/decisions", {
      communeId: ward,
      year,
      title,
      number: `${proposed.length}/QĐ-${title}`.slice(0, 50),
      signedOn: `${year}-12-20`,
      agencyName: "UBND Phường Diên Hồng",
      signerTitle: "Chủ tịch",
      signerName: "Lê Văn Minh",
      registrationIds: proposed,
    });
    ok(draft, `draft ${title}`);
    ok(await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`), `issue ${title}`);
  }

  beforeAll(async () => {
    t = await demoApp(engine);
    hcm = await t.as("hcm");
    ward = await t.unitId("27169");
    ok(
      await hcm.post("/api/v1/users", {
        username: "duyet.dienhong",
        fullName: "Trần Thị Duyệt",
        password: "mat-khau-du-dai-2025",
        role: "reviewer",
        unitId: ward,
      }),
      "reviewer",
    );
    const reviewer = await new (hcm.constructor as typeof ApiClient)(t.app).login(
      "duyet.dienhong",
      "mat-khau-du-dai-2025",
    );
    ok(await hcm.post(`/api/v1/units/${ward}/villages`, { name: "Khu phố 3", kind: "Khu phố" }), "village");
    const villages = (await hcm.get(`/api/v1/units/${ward}/children`)).body.units as {
      id: number;
      name: string;
    }[];
    expect(villages.map((v) => v.name)).toEqual(["Khu phố 1", "Khu phố 2", "Khu phố 3"]);
    // Households: the demo's 4 in each of the first two, to 10, 6 and 4.
    const wanted = [10, 6, 4];
    for (const [i, village] of villages.entries()) {
      const have = (await hcm.get(`/api/v1/households?unitId=${village.id}`)).body.households.length;
      for (let n = have; n < wanted[i]!; n++)
        ok(
          await hcm.post("/api/v1/households", {
            villageId: village.id,
            headName: `Chủ hộ ${i + 1}.${n + 1}`,
            members: 3,
          }),
          "household",
        );
    }
    const households = async (village: number) =>
      ((await hcm.get(`/api/v1/households?unitId=${village}`)).body.households as any[]).map((h) => h.id);
    const clans: number[] = [];
    for (const name of ["Họ Nguyễn", "Họ Trần", "Họ Lê", "Họ Phạm"]) {
      const created = await hcm.post("/api/v1/clans", { communeId: ward, name, headName: `Trưởng ${name}` });
      ok(created, "clan");
      clans.push(created.body.clan.id);
    }
    const organizations: number[] = [];
    for (const [i, name] of [
      "UBND phường",
      "Trường Tiểu học A",
      "Trường THCS B",
      "Trạm Y tế",
      "Công ty C",
    ].entries()) {
      const created = await hcm.post("/api/v1/organizations", {
        unitId: ward,
        name,
        kind: i === 0 || i === 3 ? "agency" : i === 4 ? "enterprise" : "school",
      });
      ok(created, "organization");
      organizations.push(created.body.organization.id);
    }
    await recognise(reviewer, "learning_family", "household", [
      { reviewUnit: villages[0]!.id, ids: await households(villages[0]!.id), recognised: 8 },
      { reviewUnit: villages[1]!.id, ids: await households(villages[1]!.id), recognised: 4 },
      { reviewUnit: villages[2]!.id, ids: await households(villages[2]!.id), recognised: 2 },
    ]);
    await recognise(reviewer, "learning_clan", "clan", [{ reviewUnit: ward, ids: clans, recognised: 3 }]);
    await recognise(reviewer, "learning_community_village", "village", [
      { reviewUnit: ward, ids: villages.map((v) => v.id), recognised: 2 },
    ]);
    await recognise(reviewer, "learning_organization", "organization", [
      { reviewUnit: ward, ids: organizations, recognised: 4 },
    ]);
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    template = templates.find((x) => x.code === "xa-nam" && x.current).id;
  }, 180_000);
  afterAll(() => t?.close());

  const request = (overrides: Record<string, unknown> = {}) => ({
    templateId: template,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    narratives: { tinh_hinh: "Phường có 3 khu phố.\nNhân dân đồng thuận.", ton_tai: "Còn hộ chưa đăng ký." },
    document: {
      number: "15/BC-UBND",
      date: "2026-01-05",
      signerName: "Lê Văn Minh",
      signerTitle: "Phó Chủ tịch",
    },
    ...overrides,
  });

  it("previews the sections with the statistical sentences, the table with previous year and target, and the khu phố", async () => {
    const preview = await hcm.post(`/api/v1/units/${ward}/reports/preview`, request());
    ok(preview, "preview");
    const body = preview.body;
    expect(body.summary).toBe("Kết quả xây dựng xã hội học tập năm 2025");
    expect(body.period.label).toBe("năm 2025");
    const models = body.sections.find((s: any) => s.key === "mo_hinh");
    const [sentences, overview, children] = models.blocks;
    expect(sentences.ok).toBe(true);
    expect(sentences.sentences[0]).toMatch(
      /^Toàn phường có 14 hộ gia đình học tập \/ 20 hộ, đạt 70%; năm 2024: 0 \/ 20, đạt 0%; chỉ tiêu năm 2025: 70% \(.*387.*\), đạt\.$/,
    );
    expect(sentences.sentences[1]).toContain("Toàn phường có 3 dòng họ học tập / 4 dòng họ, đạt 75%");
    expect(sentences.sentences[2]).toContain(
      "2 thôn, tổ dân phố đạt “Cộng đồng học tập” / 3 thôn, tổ dân phố, đạt 66,67%",
    );
    expect(sentences.sentences[3]).toContain(
      "4 đơn vị học tập / 5 cơ quan, đơn vị, trường học, doanh nghiệp, đạt 80%",
    );
    expect(overview.table.rows[0].cells).toEqual([
      "Gia đình học tập",
      "20",
      "20",
      "14",
      "70",
      "0",
      "70 (2025)",
    ]);
    expect(overview.table.rows[1].cells.slice(0, 5)).toEqual(["Dòng họ học tập", "4", "4", "3", "75"]);
    expect(children.table.rows.map((r: any) => r.cells)).toEqual([
      ["Khu phố 1", "8/10", "80"],
      ["Khu phố 2", "4/6", "66,67"],
      ["Khu phố 3", "2/4", "50"],
      ["Cộng", "14/20", "70"],
    ]);
    // The other modules' blocks answer with their figures (nothing recorded here: zeros), never an error.
    for (const key of ["hoi_khuyen_hoc", "quy", "tthtcd", "khen_thuong"]) {
      const block = body.sections.find((s: any) => s.key === key).blocks[0];
      expect(block.ok, `${key}: ${block.reason}`).toBe(true);
      expect(block.table.columns.map((c: any) => c.title)).toEqual(["Chỉ số", "Năm 2024", "Năm 2025"]);
    }
    expect(body.sections.find((s: any) => s.key === "ton_tai")).toMatchObject({
      required: true,
      narrative: "Còn hộ chưa đăng ký.",
    });
  });

  it("writes the .docx in the NĐ 30 layout with the paragraph, the table rows and a deputy's KT. signature; LibreOffice converts it", async () => {
    const docx = await hcm.post(`/api/v1/units/${ward}/reports/preview.docx`, request());
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    await expectNd30Layout(docx.body, "Diên Hồng, ngày 05 tháng 01 năm 2026");
    const text = await docxParagraphs(docx.body);
    for (const line of [
      "ỦY BAN NHÂN DÂN",
      "PHƯỜNG DIÊN HỒNG",
      "Số: 15/BC-UBND",
      "BÁO CÁO",
      "Kết quả xây dựng xã hội học tập năm 2025",
      "I. ĐẶC ĐIỂM TÌNH HÌNH",
      "Phường có 3 khu phố.",
      "Nhân dân đồng thuận.",
      "1. Xây dựng các mô hình học tập",
      "Gia đình học tập",
      "Khu phố 2",
      "4/6",
      "66,67",
      "Nơi nhận:",
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
      "Lê Văn Minh",
    ])
      expect(text).toContain(line);
    expect(
      text.find((p) => p.startsWith("Toàn phường có 14 hộ gia đình học tập / 20 hộ, đạt 70%")),
    ).toBeTruthy();
    const row = text.indexOf("Khu phố 1");
    expect(text.slice(row, row + 3)).toEqual(["Khu phố 1", "8/10", "80"]);
    expect(text.slice(text.indexOf("Cộng"), text.indexOf("Cộng") + 3)).toEqual(["Cộng", "14/20", "70"]);

    if (!libreOfficeAvailable("the report .docx converts to PDF")) return;
    const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-report-"));
    const file = path.join(dir, "bao-cao.docx");
    writeFileSync(file, Buffer.from(docx.body as ArrayBuffer));
    const pdf = convert(file, "pdf");
    const pdfText = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    expect(readFileSync(pdf).length).toBeGreaterThan(1000);
    expect(pdfText).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(pdfText.replace(/\s+/g, " ")).toContain("Toàn phường có 14 hộ gia đình học tập / 20 hộ, đạt 70%");
  });

  it("a province's report has every block computed and the ward among its communes", async () => {
    const province = await t.unitId("79", { level: "province" });
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${province}`)).body.templates as any[];
    const preview = await hcm.post(`/api/v1/units/${province}/reports/preview`, {
      templateId: templates.find((x) => x.code === "tinh-nam").id,
      period: { from: "2025-01-01", to: "2025-12-31" },
    });
    ok(preview, "province preview");
    const blocks = preview.body.sections.flatMap((s: any) => s.blocks);
    expect(blocks.filter((b: any) => !b.ok)).toEqual([]);
    const children = blocks.find((b: any) => b.id === "titles.children");
    expect(children.table.columns).toHaveLength(7);
    const row = children.table.rows.find((r: any) => r.cells[0] === "Phường Diên Hồng");
    expect(row.cells).toEqual(["Phường Diên Hồng", "14/20", "70", "3/4", "75", "2/3", "66,67"]);
  });

  it("refuses an empty or reversed period, an unknown template, another level's template and a section not in it", async () => {
    const url = `/api/v1/units/${ward}/reports/preview`;
    const reversed = await hcm.post(url, request({ period: { from: "2025-12-31", to: "2025-01-01" } }));
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.details.fields).toHaveProperty(["period.from"]);
    expect(reversed.body.error.details.fields["period.from"]).toContain("sau ngày kết thúc");
    const empty = await hcm.post(url, request({ period: { from: "", to: "" } }));
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.body.error.details.fields)).toEqual(["period.from", "period.to"]);
    const tooLong = await hcm.post(url, request({ period: { from: "2011-01-01", to: "2025-12-31" } }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details.fields["period.to"]).toContain("tối đa 10 năm");
    const unknown = await hcm.post(url, request({ templateId: 999999 }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields.templateId).toBe("Không tìm thấy mẫu báo cáo");
    const templates = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
    const province = templates.find((x) => x.level === "province").id;
    const wrongLevel = await hcm.post(url, request({ templateId: province }));
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body.error.details.fields.templateId).toContain("dành cho tỉnh, thành phố");
    const section = await hcm.post(url, request({ narratives: { khong_co: "x" } }));
    expect(section.status).toBe(422);
    expect(section.body.error.details.fields).toHaveProperty(["narratives.khong_co"]);
  });

  it("a block that fails says why and the report still opens", async () => {
    const result = await runBlock(
      {
        db: t.db,
        // Nobody: no grant reads the ward, so the statistics refuse and the block says so.
        actor: { ...commandLineActor, userId: -1, name: "Không ai", global: false },
        unit: { id: ward, name: "Phường Diên Hồng", level: "commune", inForce: true },
        level: "commune",
        period: { from: "2025-01-01", to: "2025-12-31", years: [2025], wholeYears: true },
      },
      { id: "titles.overview" },
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^Không tính được "Bảng kết quả các danh hiệu học tập/);
  });

  describe("templates", () => {
    const outline = {
      subject: "Kết quả xây dựng xã hội học tập",
      sections: [
        { key: "tinh_hinh", heading: "I. TÌNH HÌNH", blocks: [{ id: "titles.sentences" }] },
        { key: "kien_nghi", heading: "II. KIẾN NGHỊ", required: true },
      ],
    };
    it("a province admin adds versions of its own, used by its communes only; another province and a national version are refused; a bad outline is named", async () => {
      const province = await t.unitId("79", { level: "province" });
      const body = {
        code: "hcm-xa-nam",
        kind: "year",
        level: "commune",
        name: "Báo cáo năm (TP.HCM)",
        validFrom: "2025-07-01",
        ownerUnitId: province,
        outline,
      };
      const first = await hcm.post("/api/v1/report-templates", body);
      ok(first, "create");
      const second = await hcm.post("/api/v1/report-templates", {
        ...body,
        name: "Báo cáo năm (TP.HCM) sửa đổi",
      });
      ok(second, "version 2");
      expect([first.body.template.version, second.body.template.version]).toEqual([1, 2]);
      const listed = (await hcm.get(`/api/v1/report-templates?unitId=${ward}`)).body.templates as any[];
      expect(listed.filter((x) => x.code === "hcm-xa-nam").map((x) => [x.version, x.current])).toEqual([
        [1, false],
        [2, true],
      ]);
      const outsider = await t.as("maokhe");
      expect((await outsider.get(`/api/v1/report-templates/${first.body.template.id}`)).status).toBe(404);
      expect((await outsider.post("/api/v1/report-templates", body)).status).toBe(403);
      expect((await hcm.post("/api/v1/report-templates", { ...body, ownerUnitId: null })).status).toBe(403);
      const duplicate = await hcm.post("/api/v1/report-templates", {
        ...body,
        outline: { ...outline, sections: [outline.sections[0], outline.sections[0]] },
      });
      expect(duplicate.status).toBe(422);
      expect(duplicate.body.error.details.fields["outline.sections.1.key"]).toContain("bị lặp");
      const badBlock = await hcm.post("/api/v1/report-templates", {
        ...body,
        outline: { ...outline, sections: [{ key: "a", heading: "I. A", blocks: [{ id: "khong.co" }] }] },
      });
      expect(badBlock.status).toBe(422);
      expect(Object.keys(badBlock.body.error.details.fields)).toEqual(["outline.sections.0.blocks.0.id"]);
      // Its own template previews for the ward with its two sections.
      const preview = await hcm.post(`/api/v1/units/${ward}/reports/preview`, {
        templateId: second.body.template.id,
        period: { from: "2025-01-01", to: "2025-06-30" },
      });
      ok(preview, "preview own template");
      expect(preview.body.summary).toBe("Kết quả xây dựng xã hội học tập 6 tháng đầu năm 2025");
      expect(preview.body.sections.map((s: any) => s.key)).toEqual(["tinh_hinh", "kien_nghi"]);
      // TP.HCM's template is not Hà Nội's, even for someone who reads both.
      const admin = await t.as("quantri");
      const elsewhere = await admin.post(`/api/v1/units/${await t.unitId("00103")}/reports/preview`, {
        templateId: second.body.template.id,
        period: { from: "2025-01-01", to: "2025-12-31" },
      });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.error.details.fields.templateId).toContain("mẫu riêng của đơn vị khác");
    });
  });
});
