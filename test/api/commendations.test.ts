/**
 * The commendations register and the proposal list (issue 10, points 6–8): a commendation names a registry row of
 * its commune (the name copied) or a free-text subject; bad input is refused naming the field with nothing
 * written; edits carry `version`; a wrongly entered row is deleted and the audit log keeps it. The proposal list
 * applies the province's rules and the commune's own: three consecutive recognised years qualify, a gap year or
 * two years do not, a member of exactly N years qualifies; subjects already commended with the form are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../src/server/demo/demo";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const decided = `${year}-01-15`;

describeEachEngine("commendations", (engine) => {
  let t: TestApp;
  let officer: ApiClient; // data entry of Phường Tây Hồ
  let province: ApiClient; // unit admin of Hà Nội
  let hoi: ApiClient; // the Hội of Tây Hồ
  let ward: number;
  let village: number;
  let homes: { id: number; head_name: string }[];
  const body = (extra: Record<string, unknown> = {}) => ({
    communeId: ward,
    year,
    recipient: "collective",
    subject: { kind: "household", id: homes[0]!.id },
    form: "commune_commendation",
    level: "commune",
    decisionNumber: `12/QĐ-UBND`,
    decisionDate: decided,
    issuer: "UBND phường Tây Hồ",
    reason: "Gia đình học tập tiêu biểu",
    ...extra,
  });
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("commendations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await demoApp(engine);
    officer = await t.as("tayho");
    province = await t.as("hanoi");
    ward = await t.unitId("00103");
    const created = await (await t.as("quantri")).post("/api/v1/users", {
      username: "hoi.thu",
      fullName: "Hội Khuyến học phường Tây Hồ",
      password: demoPassword,
      role: "association_admin",
      unitId: ward,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    hoi = await t.as("hoi.thu");
    homes = await t.db
      .selectFrom("households")
      .select(["id", "head_name", "village_id"])
      .where("commune_id", "=", ward)
      .orderBy("id")
      .limit(6)
      .execute();
    village = (homes[0] as any).village_id;
    expect(homes).toHaveLength(6);
  });
  afterAll(() => t?.close());

  describe("the register", () => {
    let created: any;

    it("records a commendation of a household, copying its name, and audits it", async () => {
      const response = await officer.post("/api/v1/commendations", body());
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created = response.body.commendation;
      expect(created).toMatchObject({
        subject: { kind: "household", id: homes[0]!.id },
        subjectName: homes[0]!.head_name,
        form: "commune_commendation",
        version: 1,
      });
      const audit = await t.db
        .selectFrom("audit_log")
        .select(["action", "actor_name"])
        .where("entity", "=", "commendation")
        .where("entity_id", "=", String(created.id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["create"]);
    });

    it("refuses bad input naming the field, writing nothing", async () => {
      const before = await count();
      const other = await t.db
        .selectFrom("households")
        .select("id")
        .where("commune_id", "=", await t.unitId("07069"))
        .executeTakeFirstOrThrow();
      const admin = await t.as("quantri");
      const cases: [ApiClient, Record<string, unknown>, string, RegExp][] = [
        [admin, { subject: { kind: "household", id: other.id } }, "subject", /thuộc Phường Mạo Khê/],
        [officer, { subject: { kind: "household", id: other.id } }, "subject", /không tìm thấy hộ/],
        [officer, { decisionDate: `${year + 1}-01-02`, year: year + 1 }, "decisionDate", /tương lai/],
        [officer, { decisionDate: "1944-08-19", year: 1945 }, "decisionDate", /trước năm 1945/],
        [officer, { year: year - 3 }, "year", /không khớp ngày quyết định/],
        [officer, { form: "gold_star" }, "form", /Hình thức khen thưởng/],
        [officer, { level: "province" }, "level", /không phù hợp/],
        [officer, { recipient: "individual" }, "recipient", /tập thể/],
        [officer, { subject: null }, "subjectName", /Nhập tên đối tượng/],
      ];
      for (const [client, extra, field, message] of cases) {
        const response = await client.post("/api/v1/commendations", body(extra));
        expect(response.status, JSON.stringify(extra)).toBe(422);
        expect(response.body.error.details.fields[field], JSON.stringify(response.body)).toMatch(message);
      }
      const archived = homes[5]!;
      expect(
        (await officer.post(`/api/v1/households/${archived.id}/archive`, { reason: "moved" })).status,
      ).toBe(204);
      const refused = await officer.post(
        "/api/v1/commendations",
        body({ subject: { kind: "household", id: archived.id } }),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.fields.subject).toMatch(/đã lưu trữ/);
      expect(await count()).toBe(before);
    });

    it("takes a free-text subject, and the Hội's forms from the Hội (not the government's)", async () => {
      const free = await hoi.post(
        "/api/v1/commendations",
        body({
          subject: null,
          subjectName: "Trường Tiểu học Chu Văn An",
          form: "association_commendation",
          level: "association_commune",
        }),
      );
      expect(free.status, JSON.stringify(free.body)).toBe(201);
      expect(free.body.commendation).toMatchObject({
        subject: null,
        subjectName: "Trường Tiểu học Chu Văn An",
      });
      const government = await hoi.post("/api/v1/commendations", body());
      expect(government.status).toBe(403);
      expect(government.body.error.message).toMatch(/Nhập liệu/);
    });

    it("edits with the version opened (409 for a stale one) and deletes a wrong row, audited", async () => {
      // Named with its commune (as the web does) the row is looked for there alone: under another, not found.
      const other = await t.unitId("00004");
      const one = (id: number, communeId: number, query = "") =>
        `/api/v1/commendations/${id}?communeId=${communeId}${query}`;
      const misplaced = await officer.patch(one(created.id, other), { reason: "Khác", version: 1 });
      expect(misplaced.status).toBe(404);
      expect(misplaced.body.error.message).toBe("Không tìm thấy khen thưởng");
      expect((await officer.delete(one(created.id, other, "&version=1"))).status).toBe(404);
      const edited = await officer.patch(one(created.id, ward), {
        reason: "Ba năm liền Gia đình học tập",
        version: 1,
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body.commendation).toMatchObject({ reason: "Ba năm liền Gia đình học tập", version: 2 });
      const stale = await officer.patch(`/api/v1/commendations/${created.id}`, {
        reason: "Khác",
        version: 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.stale.changedBy).toBeTruthy();
      const badEdit = await officer.patch(`/api/v1/commendations/${created.id}`, { year: 1990, version: 2 });
      expect(badEdit.status).toBe(422);
      expect((await officer.delete(`/api/v1/commendations/${created.id}?version=1`)).status).toBe(409);
      const wrong = await officer.post(
        "/api/v1/commendations",
        body({ subject: { kind: "household", id: homes[1]!.id } }),
      );
      const gone = await officer.delete(one(wrong.body.commendation.id, ward, "&version=1"));
      expect(gone.status, JSON.stringify(gone.body)).toBe(200);
      const audit = await t.db
        .selectFrom("audit_log")
        .select(["action", "before"])
        .where("entity", "=", "commendation")
        .where("entity_id", "in", [String(created.id), String(wrong.body.commendation.id)])
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["create", "update", "create", "delete"]);
      expect(JSON.stringify(audit[3]!.before)).toContain(homes[1]!.head_name);
    });

    it("lists with filters, exports XLSX and counts by form and level for the subtree", async () => {
      const list = async (query: string, client = officer) =>
        (await client.get(`/api/v1/commendations?unitId=${ward}${query}`)).body.commendations as any[];
      expect(await list("")).toHaveLength(2);
      expect(await list(`&form=commune_commendation&year=${year}`)).toHaveLength(1);
      expect(await list("&subjectKind=text")).toHaveLength(1);
      expect(await list("&level=province")).toHaveLength(0);
      const hanoi = await t.unitId("01", { level: "province" });
      expect((await province.get(`/api/v1/commendations?unitId=${hanoi}`)).body.commendations).toHaveLength(
        2,
      );
      const file = await officer.get(`/api/v1/commendations/export.xlsx?unitId=${ward}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toContain("spreadsheetml");
      const stats = (await province.get(`/api/v1/commendations/stats?unitId=${hanoi}&year=${year}`)).body;
      expect(stats.total).toBe(2);
      expect(stats.byForm.find((f: any) => f.form === "commune_commendation").count).toBe(1);
      expect(stats.byLevel.find((l: any) => l.level === "association_commune").count).toBe(1);
    });

    it("refuses a user of another province", async () => {
      const hcm = await t.as("hcm");
      expect((await hcm.post("/api/v1/commendations", body())).status).toBe(403);
      expect((await hcm.get(`/api/v1/commendations?unitId=${ward}`)).status).toBe(404);
      expect((await hcm.get(`/api/v1/units/${ward}/commendation-proposals?year=${year}`)).status).toBe(404);
      expect((await hcm.post("/api/v1/commendation-rules", rule(ward))).status).toBe(403);
    });
  });

  const rule = (unitId: number, extra: Record<string, unknown> = {}) => ({
    unitId,
    kind: "consecutive_title",
    title: "learning_family",
    years: 3,
    form: "commune_commendation",
    ...extra,
  });

  describe("the proposal list", () => {
    it("proposes three consecutive recognised years and a member of exactly N years, by the province's and the commune's rules", async () => {
      const rubric = await t.db.selectFrom("rubrics").select("id").executeTakeFirstOrThrow();
      const recognised = (home: { id: number }, years: number[]) =>
        years.map((y) => ({
          commune_id: ward,
          province_id: (homes[0] as any).province_id ?? undefined,
          village_id: village,
          year: y,
          title: "learning_family",
          subject_kind: "household",
          subject_id: home.id,
          rubric_id: rubric.id,
          status: "recognized",
        }));
      const hanoi = await t.unitId("01", { level: "province" });
      const rows = [
        ...recognised(homes[2]!, [year - 2, year - 1, year]), // three in a row: proposed
        ...recognised(homes[3]!, [year - 3, year - 1, year]), // a gap year: not
        ...recognised(homes[4]!, [year - 1, year]), // two years: not
        ...recognised(homes[0]!, [year - 2, year - 1, year]), // three, but commended this year already: not
      ].map((r) => ({ ...r, province_id: hanoi }));
      await t.db
        .insertInto("registrations")
        .values(rows as any)
        .execute();
      const own = await officer.post("/api/v1/commendation-rules", rule(ward));
      expect(own.status, JSON.stringify(own.body)).toBe(201);
      expect(own.body.rule.text).toBe("Ba năm liền đạt danh hiệu Gia đình học tập → Giấy khen của UBND xã");
      const byProvince = await province.post(
        "/api/v1/commendation-rules",
        rule(hanoi, { kind: "membership_years", title: null, years: 10, form: "association_merit" }),
      );
      expect(byProvince.status, JSON.stringify(byProvince.body)).toBe(201);
      expect((await officer.post("/api/v1/commendation-rules", rule(hanoi))).status).toBe(403);
      expect((await officer.post("/api/v1/commendation-rules", rule(ward, { title: null }))).status).toBe(
        422,
      );

      const chapter = await hoi.post("/api/v1/chapters", {
        unitId: village,
        name: "Chi hội Thử",
        kind: "village",
      });
      expect(chapter.status, JSON.stringify(chapter.body)).toBe(201);
      for (const [fullName, joinedOn] of [
        ["Lê Văn Đủ", `${year - 10}-12-31`],
        ["Trần Thị Thiếu", `${year - 9}-01-01`],
      ])
        expect(
          (
            await hoi.post("/api/v1/members", {
              unitId: village,
              chapterId: chapter.body.chapter.id,
              fullName,
              joinedOn,
            })
          ).status,
        ).toBe(201);

      const rules = (await officer.get(`/api/v1/commendation-rules?unitId=${ward}`)).body.rules as any[];
      expect(rules.map((r) => r.unit.level)).toEqual(["province", "commune"]);
      const list = (await province.get(`/api/v1/units/${ward}/commendation-proposals?year=${year}`)).body;
      expect(list.candidates.map((c: any) => [c.subject.kind, c.subjectName, c.form])).toEqual([
        ["member", "Lê Văn Đủ", "association_merit"],
        ["household", homes[2]!.head_name, "commune_commendation"],
      ]);
      expect(list.candidates[1].reason).toBe(
        `Ba năm liền đạt danh hiệu Gia đình học tập ${year - 2}, ${year - 1}, ${year}`,
      );
      expect(list.candidates[0].reason).toMatch(/10 năm/);
      // Data entry reads no member (personal data of the Hội): the households only.
      const officers = (await officer.get(`/api/v1/units/${ward}/commendation-proposals?year=${year}`)).body;
      expect(officers.candidates.map((c: any) => c.subject.kind)).toEqual(["household"]);
      const file = await officer.get(`/api/v1/units/${ward}/commendation-proposals.xlsx?year=${year}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-disposition")).toContain(`de-nghi-khen-thuong-${ward}-${year}.xlsx`);

      // A rule is named with its unit (the province's rules with the province): under another unit, not found.
      const removeRule = (id: number, unitId: number) =>
        officer.delete(`/api/v1/commendation-rules/${id}?communeId=${unitId}`);
      expect((await removeRule(own.body.rule.id, hanoi)).status).toBe(404);
      expect((await removeRule(own.body.rule.id, ward)).status).toBe(200);
      expect((await removeRule(byProvince.body.rule.id, ward)).status).toBe(404);
      expect((await removeRule(byProvince.body.rule.id, hanoi)).status).toBe(403);
      const audit = await t.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "commendation_rule")
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["create", "create", "delete"]);
    });
  });
});
