/**
 * The year's documents of a title from the demo's cycle, through the API: the decision's annexed list for every
 * title, the review minutes (.docx: names, outcomes and counts; converts in LibreOffice), the lists of registered
 * and recognised subjects (.xlsx read back, .pdf through pdftotext: names, villages, no other personal field, who
 * exported), and the public open data (JSON and CSV: no personal field, only decided years, figures equal to the
 * statistics).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DecisionSubjectKind, renderDecisionDocument } from "../../src/server/documents/decision.docx";
import { openDataDefinitions } from "../../src/shared/lists";
import { recognitionTitles } from "../../src/shared/rubric";
import { decisionBody, registerHouseholds, rubricCache, scoresFor } from "../fixtures/cycle";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { convert, libreOfficeAvailable } from "../helpers/libreoffice";
import { docxParagraphs, expectNd30Layout } from "../helpers/nd30-checklist";

const hasPdftotext = spawnSync("which", ["pdftotext"]).status === 0;
if (!hasPdftotext && process.env.CI === "true")
  throw new Error("pdftotext is missing (apt-get install poppler-utils)");

const YEAR = 2025;

function tempFile(name: string, body: ArrayBuffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "hieuhoc-lists-")), name);
  writeFileSync(file, Buffer.from(body));
  return file;
}

const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).normalize("NFC");

async function sheetRows(body: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => {
        const rich = v as { richText?: { text: string }[] } | null;
        return rich?.richText ? rich.richText.map((r) => r.text).join("") : v == null ? "" : String(v);
      }),
    );
  });
  return rows;
}

describeEachEngine("the year's lists, review minutes and open data", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
    // YEAR: every household registered and assessed, reviewed at the ward (the first not proposed), decided and
    // issued; the year before: two reviewed and a draft decision only (not published).
    const rubric = rubricCache(tayho);
    const registered = await registerHouseholds(t, tayho, ward, [YEAR, YEAR - 1]);
    const ofYear = (year: number) => registered.filter((r) => r.year === year);
    const assessed = [...ofYear(YEAR), ...ofYear(YEAR - 1).slice(0, 2)];
    for (const r of assessed) {
      const res = await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
        scores: scoresFor(await rubric(r.rubric.id)),
        version: r.version,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    for (const year of [YEAR, YEAR - 1]) {
      const list = assessed.filter((r) => r.year === year);
      const review = await tayho.post("/api/v1/reviews", {
        unitId: ward,
        year,
        title: "learning_family",
        heldOn: `${year}-12-10`,
        participants: "Chi hội khuyến học các tổ dân phố; Tổ trưởng tổ dân phố",
        minutes: "Các hộ đều có con em đi học đầy đủ.",
        outcomes: list.map((r, i) => ({
          registrationId: r.id,
          proposed: i > 0,
          note: i === 0 ? "Chưa đủ minh chứng" : undefined,
        })),
      });
      expect(review.status, JSON.stringify(review.body)).toBe(201);
      const draft = await tayho.post(
        "/api/v1/decisions",
        decisionBody(
          ward,
          year,
          `${year}/QĐ-UBND`,
          list.slice(1).map((r) => r.id),
        ),
      );
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      if (year === YEAR) {
        const reviewer = await t.as("tayho.duyet");
        const issued = await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`);
        expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      }
    }
  });
  afterAll(() => t.close());

  /** The ward's registrations of a title in a year (not withdrawn), with names as the registry lists them. */
  async function registrations(unitId: number, year = YEAR) {
    const res = await tayho.get(`/api/v1/registrations?unitId=${unitId}&year=${year}&title=learning_family`);
    expect(res.status).toBe(200);
    return (res.body.registrations as any[]).filter((r) => r.status !== "withdrawn");
  }

  it("annexes the list of holders to the decision, with its count", async () => {
    const decisions = (await tayho.get(`/api/v1/decisions?unitId=${ward}&year=${YEAR}`)).body.decisions;
    const d = decisions.find((x: any) => x.status === "issued");
    const text = await docxParagraphs((await tayho.get(`/api/v1/decisions/${d.id}/decision.docx`)).body);
    expect(text).toContain("DANH SÁCH");
    expect(text.some((p) => p.startsWith(`(Kèm theo Quyết định số ${d.number}`))).toBe(true);
    expect(text).toContain(`Danh sách có ${d.registrationCount} hộ gia đình./.`);
    const recognised = (await registrations(ward)).filter((r) => r.decisionId === d.id);
    expect(recognised).toHaveLength(d.registrationCount);
    for (const r of recognised)
      expect(
        text.some((p) => p.endsWith(r.subject.name)),
        r.subject.name,
      ).toBe(true);
  });

  it("writes the review minutes with each reviewed household's outcome and the counts", async () => {
    const all = await registrations(ward);
    const reviewed = all.filter((r) => r.reviewId !== null);
    const proposed = reviewed.filter((r) => r.status !== "not_proposed");
    expect(reviewed.length).toBeGreaterThan(0);
    const res = await tayho.get(
      `/api/v1/units/${ward}/review-minutes.docx?year=${YEAR}&title=learning_family&chairName=${encodeURIComponent("Lê Văn Chủ")}&secretaryName=${encodeURIComponent("Trần Thị Ký")}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await expectNd30Layout(res.body, `Tây Hồ, ngày 10 tháng 12 năm ${YEAR}`);
    const text = await docxParagraphs(res.body);
    expect(text).toContain("BIÊN BẢN");
    expect(text).toContain(`Họp bình xét danh hiệu “Gia đình học tập” năm ${YEAR}`);
    expect(text).toContain("HỘI KHUYẾN HỌC PHƯỜNG TÂY HỒ");
    expect(text).toContain(
      `Số hộ gia đình được bình xét: ${reviewed.length}; đề nghị công nhận: ${proposed.length}; không đề nghị: ${reviewed.length - proposed.length}.`,
    );
    expect(text.some((p) => p.includes(`${all.length} hộ gia đình đăng ký`))).toBe(true);
    for (const r of reviewed) expect(text, r.subject.name).toContain(r.subject.name);
    expect(text.slice(-6)).toEqual([
      "THƯ KÝ",
      "(Ký, ghi rõ họ tên)",
      "Trần Thị Ký",
      "CHỦ TRÌ",
      "(Ký, ghi rõ họ tên)",
      "Lê Văn Chủ",
    ]);
    expect(text).toContain("- Chủ trì: Lê Văn Chủ, Chủ tịch Hội Khuyến học.");

    // A village's minutes list its own records, from the meeting held at the ward.
    const village = reviewed.find((r) => r.village)!.village;
    const ofVillage = await docxParagraphs(
      (await tayho.get(`/api/v1/units/${village.id}/review-minutes.docx?year=${YEAR}&title=learning_family`))
        .body,
    );
    expect(ofVillage).toContain(`CHI HỘI KHUYẾN HỌC ${village.name.toUpperCase()}`);
    const inVillage = reviewed.filter((r) => r.village?.id === village.id);
    expect(ofVillage.some((p) => p.startsWith(`Số hộ gia đình được bình xét: ${inVillage.length};`))).toBe(
      true,
    );
    for (const r of inVillage) expect(ofVillage, r.subject.name).toContain(r.subject.name);
    expect(ofVillage).toContain("- Chi hội khuyến học các tổ dân phố");

    // A year without any meeting: a message naming the step, not a file.
    const none = await tayho.get(`/api/v1/units/${ward}/review-minutes.docx?year=2030&title=learning_family`);
    expect(none.status).toBe(422);
    expect(none.body.error.message).toContain("chưa có cuộc họp bình xét");

    if (libreOfficeAvailable("the review minutes open in LibreOffice") && hasPdftotext) {
      const pdf = convert(tempFile("bien-ban.docx", res.body), "pdf");
      const printed = pdfText(pdf);
      expect(printed).toContain("BIÊN BẢN");
      expect(printed).toContain(reviewed[0].subject.name);
    }
  });

  it("lists the registered (xlsx) and the recognised (pdf) with name, village and result only", async () => {
    const all = await registrations(ward);
    const xlsx = await tayho.get(
      `/api/v1/units/${ward}/lists/registered.xlsx?year=${YEAR}&title=learning_family`,
    );
    expect(xlsx.status, JSON.stringify(xlsx.body)).toBe(200);
    const rows = await sheetRows(xlsx.body);
    const header = rows.findIndex((r) => r[0] === "STT");
    expect(rows[header]).toEqual(["STT", "Họ và tên chủ hộ", "Thôn, tổ dân phố", "Kết quả"]);
    const body = rows.slice(header + 1).filter((r) => /^\d+$/.test(r[0] ?? ""));
    expect(body).toHaveLength(all.length);
    const byName = new Map(all.map((r) => [`${r.subject.name}|${r.village?.name}`, r]));
    for (const row of body) expect(byName.has(`${row[1]}|${row[2]}`), row.join(";")).toBe(true);
    expect(rows.flat().some((c) => /^Xuất bởi .+ lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(c))).toBe(true);
    // The export is in the processing log, with every record listed.
    const logged = await t.db
      .selectFrom("processing_log")
      .select(["action", "format", "record_count"])
      .where("kind", "=", "title_list")
      .execute();
    expect(logged).toContainEqual({ action: "export", format: "xlsx", record_count: all.length });

    const recognised = all.filter((r) => r.status === "recognized");
    expect(recognised.length).toBeGreaterThan(0);
    const pdf = await tayho.get(
      `/api/v1/units/${ward}/lists/recognized.pdf?year=${YEAR}&title=learning_family`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    if (hasPdftotext) {
      const text = pdfText(tempFile("cong-nhan.pdf", pdf.body));
      expect(text).toContain("ĐƯỢC CÔNG NHẬN DANH HIỆU");
      for (const r of recognised) expect(text, r.subject.name).toContain(r.subject.name);
      expect(text).toContain(`Tổng số: ${recognised.length} hộ gia đình.`);
      expect(text).toMatch(/Xuất bởi .+ lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/);
      for (const r of recognised.filter((x) => x.subject.code))
        expect(text).not.toContain(` ${r.subject.code} `);
    }
    // Only a commune or a village; out of scope answers 404.
    const province = await t.unitId("01", { level: "province" });
    expect(
      (await tayho.get(`/api/v1/units/${province}/lists/registered.pdf?year=${YEAR}&title=learning_family`))
        .status,
    ).toBe(404);
    const hanoi = await t.as("hanoi");
    const wrongLevel = await hanoi.get(
      `/api/v1/units/${province}/lists/registered.pdf?year=${YEAR}&title=learning_family`,
    );
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body.error.message).toContain("xã, phường");
  });

  it("publishes open data of the decided years only, without personal data, equal to the statistics", async () => {
    const anonymous = t.anonymous();
    const national = await anonymous.get(`/api/v1/public/open-data?year=${YEAR}`);
    expect(national.status).toBe(200);
    expect(national.body.definitions).toEqual(openDataDefinitions);
    const keys = [
      "level",
      "provinceCode",
      "provinceName",
      "communeCode",
      "communeName",
      "year",
      "title",
      "titleLabel",
      "registered",
      "recognized",
      "total",
      "rate",
      "communes",
    ];
    for (const row of national.body.rows) {
      expect(Object.keys(row).sort()).toEqual([...keys].sort());
      expect(row.level).toBe("province");
    }
    const res = await anonymous.get(`/api/v1/public/open-data?year=${YEAR}&province=01`);
    const communes = res.body.rows.filter((r: any) => r.level === "commune");
    const ours = communes.filter((r: any) => r.communeCode === "00103");
    expect(ours.map((r: any) => r.title)).toEqual(["learning_family"]);
    // Each published (commune, title) has an issued recognition decision; every issued one is published.
    const issued = await t.db
      .selectFrom("decisions as d")
      .innerJoin("admin_units as u", "u.id", "d.commune_id")
      .innerJoin("admin_units as p", "p.id", "d.province_id")
      .select(["u.code", "d.title"])
      .distinct()
      .where("d.status", "=", "issued")
      .where("d.kind", "=", "recognition")
      .where("d.year", "=", YEAR)
      .where("p.code", "=", "01")
      .where("d.title", "in", [...recognitionTitles])
      .execute();
    expect(new Set(communes.map((r: any) => `${r.communeCode}:${r.title}`))).toEqual(
      new Set(issued.map((r) => `${r.code}:${r.title}`)),
    );
    // Figures equal to the statistics of the ward.
    for (const row of ours) {
      const stats = (await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=${YEAR}&title=${row.title}`))
        .body;
      const f = stats.titles[0].figures;
      expect([row.registered, row.recognized, row.total, row.rate], row.title).toEqual([
        f.registered,
        f.recognized,
        f.total,
        f.recognizedRate,
      ]);
    }
    // The province rows are the sums of its published communes.
    for (const p of res.body.rows.filter((r: any) => r.level === "province")) {
      const mine = communes.filter((r: any) => r.title === p.title && r.provinceName === p.provinceName);
      expect(p.recognized).toBe(mine.reduce((s: number, r: any) => s + r.recognized, 0));
      expect(p.communes).toBe(mine.length);
    }
    // This year's draft decision is not published.
    const draftYears = await t.db
      .selectFrom("decisions")
      .select("year")
      .where("status", "=", "draft")
      .execute();
    for (const { year } of draftYears) {
      const published = await anonymous.get(`/api/v1/public/open-data?year=${year}&province=01`);
      const issuedThatYear = await t.db
        .selectFrom("decisions")
        .select("id")
        .where("status", "=", "issued")
        .where("year", "=", year)
        .execute();
      if (issuedThatYear.length === 0) expect(published.body.rows).toEqual([]);
    }

    const csv = await anonymous.get(`/api/v1/public/open-data.csv?year=${YEAR}&province=01`);
    expect(csv.status).toBe(200);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(text.startsWith("\uFEFFCấp;Mã tỉnh;Tỉnh, thành phố;Mã xã;Xã, phường;Năm;")).toBe(true);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(res.body.rows.length + 1);
    expect(text).not.toMatch(/(?<!\r)\n/);

    const bad = await anonymous.get("/api/v1/public/open-data?province=abc");
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("province");
  });
});

describe("the decision's annex", () => {
  const kinds: [DecisionSubjectKind, string, string | null][] = [
    ["household", "Hộ gia đình", "Thôn, tổ dân phố"],
    ["clan", "Tên dòng họ", "Thôn, tổ dân phố"],
    ["village", "Tên thôn, tổ dân phố", null],
    ["organization", "Tên cơ quan, đơn vị", "Thôn, tổ dân phố"],
    ["citizen", "Họ và tên", "Thôn, tổ dân phố"],
    ["centre", "Tên trung tâm học tập cộng đồng", "Xếp loại"],
  ];
  it("lists STT, the holder's name and the village (a centre's grade) for every subject kind, with the count", async () => {
    for (const [kind, nameHeading, placeHeading] of kinds) {
      const text = await docxParagraphs(
        await renderDecisionDocument({
          kind: "recognition",
          number: "12/QĐ-UBND",
          signedOn: "2026-01-05",
          agencyName: "UBND Phường Tây Hồ",
          signerTitle: "Chủ tịch",
          signerName: "Nguyễn Văn Bình",
          titleLabel: "Danh hiệu",
          year: 2025,
          communeName: "Phường Tây Hồ",
          subjectKind: kind,
          holders: [
            { name: "Tên thứ nhất", place: "Tổ dân phố số 1", grade: "Tốt" },
            { name: "Tên thứ hai", place: "Tổ dân phố số 2", grade: "Khá" },
          ],
        }),
      );
      const header = text.indexOf("STT");
      expect(text.slice(header, header + 3), kind).toEqual(
        placeHeading ? ["STT", nameHeading, placeHeading] : ["STT", nameHeading, "1"],
      );
      const place = (p: string, g: string) => (kind === "centre" ? [g] : placeHeading ? [p] : []);
      expect(text.slice(header + (placeHeading ? 3 : 2)), kind).toEqual([
        "1",
        "Tên thứ nhất",
        ...place("Tổ dân phố số 1", "Tốt"),
        "2",
        "Tên thứ hai",
        ...place("Tổ dân phố số 2", "Khá"),
        expect.stringMatching(/^Danh sách có 2 .+\.\/\.$/),
      ]);
    }
  });
});
