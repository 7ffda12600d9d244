/**
 * The yearly rating of the learning centres (xếp loại TTHTCĐ) through the titles' cycle: the seeded criteria set,
 * register → self-assess → review → decision drafted by one and issued by another, the grade, no certificate, the
 * scope, and the statistics by grade against a recount.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { scoresTotalling } from "../../src/server/demo/demo-centre-rating";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const scoresFor = (rubric: any, total: number) => scoresTotalling(rubric.definition, total);

const year = 2025;
const title = "centre_rating";

describeEachEngine("centre rating (xếp loại TTHTCĐ)", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let reviewer: ApiClient;
  let hanoi: ApiClient;
  let ward: number;
  let centres: { id: number; code: string }[];
  let otherCentre: number;
  let rubric: any;

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    reviewer = await t.as("tayho.duyet");
    hanoi = await t.as("hanoi");
    ward = await t.unitId("00103");
    centres = [];
    for (const [code, name] of [
      ["01", "Trung tâm học tập cộng đồng phường Tây Hồ"],
      ["02", "Trung tâm Văn hóa – Thể thao và Học tập cộng đồng Bưởi"],
      ["03", "Trung tâm học tập cộng đồng Xuân La"],
    ] as const) {
      const created = await tayho.post("/api/v1/centres", { communeId: ward, code, name });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      centres.push({ id: created.body.centre.id, code });
    }
    const maokhe = await t.as("maokhe");
    const other = await maokhe.post("/api/v1/centres", {
      communeId: await t.unitId("07069"),
      code: "01",
      name: "Trung tâm học tập cộng đồng phường Mạo Khê",
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    otherCentre = other.body.centre.id;
  });
  afterAll(() => t.close());

  it("seeds the four areas of the 2017 draft, 100 points, marked chưa xác minh", async () => {
    const sets = (await tayho.get(`/api/v1/rubrics?title=${title}`)).body.rubrics;
    expect(sets).toHaveLength(1);
    rubric = sets[0];
    expect(rubric).toMatchObject({ scheme: "points", unconfirmed: true, provinceId: null });
    expect(rubric.definition.criteria.map((c: any) => c.name)).toEqual([
      "Bộ máy quản lý",
      "Tổ chức hoạt động",
      "Huy động sự tham gia xã hội",
      "Hiệu quả hoạt động",
    ]);
    const items = rubric.definition.criteria.flatMap((c: any) => c.items);
    expect(items.reduce((sum: number, i: any) => sum + i.maxPoints, 0)).toBe(100);
    expect(items.every((i: any) => i.unconfirmed)).toBe(true);
    expect(
      [...rubric.definition.thresholds]
        .sort((a: any, b: any) => a.minPoints - b.minPoints)
        .map((th: any) => [th.minPoints, th.grade, th.recognized]),
    ).toEqual([
      [0, "weak", true],
      [50, "average", true],
      [70, "fair", true],
      [85, "good", true],
    ]);
  });

  it("takes a province's own version through the criteria-set admin, never a rating without grades", async () => {
    const hanoiId = await t.unitId("01", { level: "province" });
    const stored = (await hanoi.get(`/api/v1/rubrics/${rubric.id}`)).body.rubric;
    const meta = {
      code: "hn-tthtcd-xep-loai",
      title,
      unitLevel: "commune",
      name: "Xếp loại TTHTCĐ (Hà Nội)",
      legalBasis: { number: "01/HD-SGDĐT", date: "2029-12-01", issuer: "Sở GDĐT Hà Nội" },
      effectiveFrom: "2030-01-01",
      effectiveTo: null,
      deadlines: [],
    };
    const thresholds = stored.definition.thresholds.map((th: any) =>
      th.grade === "weak" ? { ...th, grade: null } : th,
    );
    const refused = await hanoi.post("/api/v1/rubrics", {
      provinceId: hanoiId,
      rubric: { meta, definition: { ...stored.definition, thresholds } },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain("cần ghi xếp loại");
    const created = await hanoi.post("/api/v1/rubrics", {
      provinceId: hanoiId,
      rubric: { meta, definition: stored.definition },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.rubric).toMatchObject({ title, provinceId: hanoiId });
  });

  it("rates a centre through the three steps: a grade, a second person issues, no certificate", async () => {
    const registered = await tayho.post("/api/v1/registrations", {
      year,
      title,
      subjects: centres.map((c) => ({ kind: "centre", id: c.id })),
    });
    expect(registered.body).toEqual({ created: 3, skipped: 0 });
    const list = (await tayho.get(`/api/v1/registrations?unitId=${ward}&year=${year}&title=${title}`)).body
      .registrations;
    expect(list.map((r: any) => r.subject.code)).toEqual(["01", "02", "03"]);
    expect(list[0]).toMatchObject({
      village: null,
      subject: { kind: "centre", name: "Trung tâm học tập cộng đồng phường Tây Hồ" },
      rubric: { id: rubric.id, unconfirmed: true },
    });

    // 01 scores 78 (khá), 02 scores 30 (yếu: still rated); 03 is not assessed this year.
    const [first, second] = list;
    const assessed = [];
    for (const [r, total] of [
      [first, 78],
      [second, 30],
    ] as const) {
      const response = await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
        scores: scoresFor(rubric, total),
        version: r.version,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      assessed.push(response.body.registration);
    }
    expect(assessed.map((r) => [r.grade, r.result.label, r.passed])).toEqual([
      ["fair", "Khá", true],
      ["weak", "Yếu", true],
    ]);

    const review = await tayho.post("/api/v1/reviews", {
      unitId: ward,
      year,
      title,
      heldOn: "2025-12-12",
      participants: "UBND phường, Hội Khuyến học phường, Ban Giám đốc các trung tâm",
      outcomes: assessed.map((r) => ({ registrationId: r.id, proposed: true })),
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);

    const drafted = await reviewer.post("/api/v1/decisions", {
      communeId: ward,
      year,
      title,
      number: "215/QĐ-UBND",
      signedOn: "2025-12-22",
      agencyName: "UBND Phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn Hải",
      registrationIds: assessed.map((r) => r.id),
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const decision = drafted.body.decision;
    const own = await reviewer.post(`/api/v1/decisions/${decision.id}/issue`, { version: decision.version });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain("không được tự phê duyệt");
    const issued = await hanoi.post(`/api/v1/decisions/${decision.id}/issue`, { version: decision.version });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    const after = await tayho.get(`/api/v1/registrations/${first.id}`);
    expect(after.body.registration).toMatchObject({
      status: "recognized",
      grade: "fair",
      certificateCode: null,
    });
    const certificate = await tayho.get(`/api/v1/registrations/${first.id}/certificate.pdf`);
    expect(certificate.status).toBe(422);
    expect(certificate.body.error.message).toContain("không cấp giấy công nhận");
    const batch = await tayho.get(`/api/v1/decisions/${decision.id}/certificates.pdf`);
    expect(batch.status).toBe(422);
    // Locked by the decision.
    const again = await tayho.post(`/api/v1/registrations/${first.id}/assessment`, {
      scores: scoresFor(rubric, 95),
      version: after.body.registration.version,
    });
    expect(again.status).toBe(422);
    const docx = await tayho.get(`/api/v1/decisions/${decision.id}/decision.docx`);
    expect(docx.status).toBe(200);
  });

  it("refuses a centre of another commune", async () => {
    const registered = await tayho.post("/api/v1/registrations", {
      year,
      title,
      subjects: [{ kind: "centre", id: otherCentre }],
    });
    expect(registered.status).toBe(404);
    // Nor can a centre be registered for a learning title, or a household for the rating.
    const wrongKind = await tayho.post("/api/v1/registrations", {
      year,
      title: "learning_organization",
      subjects: [{ kind: "centre", id: centres[2]!.id }],
    });
    expect(wrongKind.status).toBe(422);
    const rows = await t.db
      .selectFrom("registrations")
      .select("id")
      .where("title", "=", title)
      .where("subject_id", "=", otherCentre)
      .execute();
    expect(rows).toEqual([]);
  });

  it("shows centres by xếp loại in the statistics, equal to a recount", async () => {
    const table = (await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=${year}&title=${title}`)).body
      .titles[0];
    expect(table.figures).toMatchObject({ total: 3, recognizedRate: null, registeredRate: null });
    expect(table.figures.rating).toEqual({ rated: 2, good: 0, fair: 1, average: 0, weak: 1, unrated: 1 });
    expect(table.targets).toEqual([]);

    // The recount, from the registrations and the centres themselves.
    const { rows } = await sql<{ grade: string; n: number }>`
      SELECT grade, count(*)::int AS n FROM registrations
      WHERE commune_id = ${ward} AND year = ${year} AND title = ${title} AND status = 'recognized'
      GROUP BY grade`.execute(t.db);
    const byGrade = Object.fromEntries(rows.map((r) => [r.grade, Number(r.n)]));
    const total = await t.db
      .selectFrom("learning_centres")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("commune_id", "=", ward)
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow();
    const rated = rows.reduce((sum, r) => sum + Number(r.n), 0);
    expect(table.figures.rating).toEqual({
      rated,
      good: byGrade.good ?? 0,
      fair: byGrade.fair ?? 0,
      average: byGrade.average ?? 0,
      weak: byGrade.weak ?? 0,
      unrated: Number(total.n) - rated,
    });
    const differences = await sql`SELECT * FROM hieuhoc_counter_differences(${ward}, NULL)`.execute(t.db);
    expect(differences.rows).toEqual([]);

    // The city rolls the ward up; the CSV has the grades, not a rate.
    const city = await t.unitId("01", { level: "province" });
    const cityTable = (await hanoi.get(`/api/v1/stats/rollup?unitId=${city}&year=${year}&title=${title}`))
      .body.titles[0];
    expect(cityTable.figures.rating).toMatchObject({ rated: 2, fair: 1, weak: 1 });
    const csv = await hanoi.get(`/api/v1/stats/rollup.csv?unitId=${ward}&year=${year}&title=${title}`);
    const text = new TextDecoder().decode(csv.body);
    expect(text.split("\r\n")[0]).toContain("Tổng số;Đã xếp loại;Tốt;Khá;Trung bình;Yếu");
    expect(text).not.toContain("Tỷ lệ");
  });
});
