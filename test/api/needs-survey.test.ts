/**
 * The learning-needs survey: one per commune and year, opened by the commune's data entry; answers entered by a
 * village officer for their own village only (the household or citizen named must live there; both at once, or no
 * topic at all, refused naming the field); imported from CSV all or nothing with a dry run that writes nothing, an
 * unknown topic or village refused naming the row and the column, several topics per cell by label or alias;
 * results by topic × village and topic × age group; a closed survey takes no answer; every write audited; nothing
 * reachable from another province.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { upload } from "../helpers/award";
import { describeEachEngine } from "../helpers/db";

const year = 2026;
const header = '"Thôn, tổ dân phố",Mã hộ,Nhóm tuổi,Giới tính,Chủ đề muốn học,Chủ đề khác';

describeEachEngine("needs survey", (engine) => {
  let t: TestApp;
  let entry: ApiClient; // data entry of Phường Tây Hồ
  let officer: ApiClient; // data entry of Tổ dân phố số 1 only
  let ward: number;
  let badinh: number; // a commune that is not the survey's
  let villages: { id: number; name: string }[];
  let homes: { id: number; code: string; villageId: number }[];
  let survey: any;
  const answers = () => `/api/v1/needs-surveys/${survey.id}/responses`;
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("survey_responses")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importCsv = (lines: string[], dryRun: boolean, client = entry) =>
    upload(
      client,
      `${answers()}/import?dryRun=${dryRun ? 1 : 0}`,
      [header, ...lines].join("\n"),
      "phieu.csv",
    );

  beforeAll(async () => {
    t = await demoApp(engine);
    entry = await t.as("tayho");
    ward = await t.unitId("00103");
    badinh = await t.unitId("00004");
    villages = (await entry.get(`/api/v1/units/${ward}/children`)).body.units;
    const admin = await t.as("quantri");
    const created = await admin.post("/api/v1/users", {
      username: "nhaplieu.to1",
      fullName: "Cán bộ tổ dân phố số 1",
      password: "hieuhoc2025",
      role: "data_entry",
      unitId: villages[0]!.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    officer = await t.as("nhaplieu.to1");
    homes = (await entry.get(`/api/v1/households?unitId=${ward}&limit=100`)).body.households.map(
      (h: any) => ({
        id: h.id,
        code: h.code,
        villageId: h.villageId ?? h.village?.id,
      }),
    );
  });
  afterAll(() => t?.close());

  it("is opened once a year by the commune's data entry", async () => {
    expect(
      (await officer.post("/api/v1/needs-surveys", { communeId: ward, year, title: "Khảo sát" })).status,
    ).toBe(403);
    const opened = await entry.post("/api/v1/needs-surveys", {
      communeId: ward,
      year,
      title: "Khảo sát nhu cầu 2026",
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    survey = opened.body.survey;
    expect(survey).toMatchObject({ year, status: "open", responseCount: 0 });
    const twice = await entry.post("/api/v1/needs-surveys", { communeId: ward, year, title: "Lần hai" });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details.fields.year).toBeDefined();
    // The village officer reads the commune's survey, to answer it.
    const seen = await officer.get(`/api/v1/needs-surveys?unitId=${ward}&year=${year}`);
    expect(seen.body.surveys.map((s: any) => s.id)).toEqual([survey.id]);
  });

  it("takes answers from a village officer for their own village, naming registry rows only", async () => {
    const own = villages[0]!.id;
    const home = homes.find((h) => h.villageId === own)!;
    const elsewhere = homes.find((h) => h.villageId !== own)!;
    // Named with the survey's commune (as the web does), the survey is looked for there alone.
    const added = await officer.post(`${answers()}?communeId=${ward}`, {
      villageId: own,
      householdId: home.id,
      ageGroup: "from_36_to_60",
      sex: "female",
      topics: ["health", "digital_skills", "health"],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.response.topics).toEqual(["health", "digital_skills"]);
    expect(added.body.response.respondent).toMatch(new RegExp(`^Hộ ${home.code} \\(`));
    const citizen = await entry.post("/api/v1/citizens", {
      villageId: own,
      fullName: "Lê Thị Mai",
      birthYear: 1950,
    });
    expect(citizen.status).toBe(201);
    const byCitizen = await officer.post(answers(), {
      villageId: own,
      citizenId: citizen.body.citizen.id,
      ageGroup: "over_60",
      topics: [],
      freeTopics: "Dưỡng sinh",
    });
    expect(byCitizen.status, JSON.stringify(byCitizen.body)).toBe(201);
    expect(byCitizen.body.response.respondent).toBe("Lê Thị Mai");
    const otherVillage = await officer.post(answers(), {
      villageId: villages[1]!.id,
      ageGroup: "under_15",
      topics: ["law"],
    });
    expect(otherVillage.status).toBe(403);
    const wrongHome = await officer.post(answers(), {
      villageId: own,
      householdId: elsewhere.id,
      ageGroup: "under_15",
      topics: ["law"],
    });
    expect(wrongHome.status).toBe(422);
    // A household of another village is not even in the officer's sight.
    expect(wrongHome.body.error.details.fields.householdId).toContain("Hộ không");
    const both = await officer.post(answers(), {
      villageId: own,
      householdId: home.id,
      citizenId: citizen.body.citizen.id,
      ageGroup: "under_15",
      topics: ["law"],
    });
    expect(both.status).toBe(422);
    const none = await officer.post(answers(), { villageId: own, ageGroup: "under_15", topics: [] });
    expect(none.status).toBe(422);
    expect(JSON.stringify(none.body.error.details)).toContain("Chọn ít nhất một chủ đề");
    expect(await count()).toBe(2);
  });

  it("imports all or nothing: a dry run writes nothing, an unknown topic or village is named by row and column", async () => {
    const [v1, v2] = villages.map((v) => v.name);
    const code = homes.find((h) => h.villageId === villages[1]!.id)!.code;
    const good = [
      `${v1},,Trên 60 tuổi,Nam,"Pháp luật; Sức khỏe",`,
      `${v2},${code},15-35,Nữ,"CNTT, Ngoại ngữ",`,
      `${v2},,42,,tieng anh,Nấu ăn`,
    ];
    const dry = await importCsv(good, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, created: 3, errors: [] });
    expect(await count()).toBe(2);
    const bad = await importCsv(
      [...good, `${v1},,Dưới 15 tuổi,,"Tin học; Bơi lội",`, `Thôn Không Có,,Trên 60 tuổi,,Pháp luật,`],
      false,
    );
    expect(bad.status).toBe(200);
    expect(bad.body.created).toBe(0);
    expect(bad.body.errors).toEqual([
      {
        row: 5,
        column: "Chủ đề muốn học",
        message: expect.stringContaining("“Bơi lội” không có trong danh sách"),
      },
      { row: 6, column: "Thôn, tổ dân phố", message: expect.stringContaining("Thôn Không Có") },
    ]);
    expect(await count()).toBe(2);
    expect((await importCsv(good, false, officer)).status).toBe(403);
    const real = await importCsv(good, false);
    expect(real.body).toMatchObject({ dryRun: false, created: 3, errors: [] });
    expect(await count()).toBe(5);
    const list = (await entry.get(answers())).body.responses;
    expect(list.map((r: any) => r.topics)).toContainEqual(["computing", "foreign_language"]);
    expect(list.find((r: any) => r.freeTopics === "Nấu ăn")).toMatchObject({
      ageGroup: "from_36_to_60",
      topics: ["foreign_language"],
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "survey.%")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "survey.create",
      "survey.response.create",
      "survey.response.create",
      "survey.response.import",
    ]);
  });

  it("counts topics by village and by age group; a village officer sees their village only", async () => {
    const results = await entry.get(`/api/v1/needs-surveys/${survey.id}/results?communeId=${ward}`);
    expect(results.status).toBe(200);
    // Under another commune the survey is not found, as a missing one is.
    const missing = (await entry.get("/api/v1/needs-surveys/999999999/results")).body.error.message;
    for (const path of ["results", "responses"]) {
      const other = await entry.get(`/api/v1/needs-surveys/${survey.id}/${path}?communeId=${badinh}`);
      expect(other.status, path).toBe(404);
      expect(other.body.error.message).toBe(missing);
    }
    expect((await entry.get(`${answers()}?communeId=${ward}`)).body.responses).toHaveLength(5);
    expect(results.body.responses).toBe(5);
    const byTopic = Object.fromEntries(results.body.byTopic.map((r: any) => [r.topic, r.count]));
    expect(byTopic).toEqual({ law: 1, health: 2, computing: 1, digital_skills: 1, foreign_language: 2 });
    const [first, second] = results.body.byVillage;
    expect(first).toMatchObject({ villageId: villages[0]!.id, responses: 3 });
    expect(second).toMatchObject({ villageId: villages[1]!.id, responses: 2 });
    expect(second.topics).toEqual([
      { topic: "computing", count: 1 },
      { topic: "foreign_language", count: 2 },
    ]);
    const over60 = results.body.byAgeGroup.find((a: any) => a.ageGroup === "over_60");
    expect(over60).toMatchObject({
      responses: 2,
      topics: [
        { topic: "law", count: 1 },
        { topic: "health", count: 1 },
      ],
    });
    expect(results.body.freeTopics).toEqual([
      { text: "Dưỡng sinh", count: 1 },
      { text: "Nấu ăn", count: 1 },
    ]);
    const own = await officer.get(answers());
    expect(own.body.responses.every((r: any) => r.villageId === villages[0]!.id)).toBe(true);
    expect(own.body.responses).toHaveLength(3);
  });

  it("edits and deletes answers with their version, and takes none once closed", async () => {
    const [answer] = (await officer.get(answers())).body.responses;
    const change = {
      villageId: answer.villageId,
      householdId: answer.householdId,
      ageGroup: "from_15_to_35",
      topics: ["life_skills"],
      version: answer.version,
    };
    // Under another commune neither the answer nor the survey is found: nothing is written.
    const one = `/api/v1/survey-responses/${answer.id}`;
    const elsewhere = `communeId=${badinh}`;
    const line = `${villages[0]!.name},,Trên 60 tuổi,,Pháp luật,`;
    for (const refused of [
      await officer.patch(`${one}?${elsewhere}`, change),
      await officer.delete(`${one}?${elsewhere}&version=${answer.version}`),
      await officer.post(`${answers()}?${elsewhere}`, {
        villageId: answer.villageId,
        ageGroup: "under_15",
        topics: ["law"],
      }),
      await upload(
        entry,
        `${answers()}/import?dryRun=1&${elsewhere}`,
        [header, line].join("\n"),
        "phieu.csv",
      ),
      await entry.patch(`/api/v1/needs-surveys/${survey.id}?${elsewhere}`, {
        status: "closed",
        version: survey.version,
      }),
    ])
      expect(refused.status).toBe(404);
    expect(await count()).toBe(5);
    const dry = await upload(
      entry,
      `${answers()}/import?dryRun=1&communeId=${ward}`,
      [header, line].join("\n"),
      "phieu.csv",
    );
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, errors: [] });
    const edited = await officer.patch(`${one}?communeId=${ward}`, change);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.response.topics).toEqual(["life_skills"]);
    expect(
      (await officer.delete(`/api/v1/survey-responses/${answer.id}?version=${answer.version}`)).status,
    ).toBe(409);
    const deleted = await officer.delete(`${one}?communeId=${ward}&version=${edited.body.response.version}`);
    expect(deleted.status).toBe(200);
    expect(await count()).toBe(4);
    const closed = await entry.patch(`/api/v1/needs-surveys/${survey.id}?communeId=${ward}`, {
      status: "closed",
      version: survey.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const late = await officer.post(answers(), {
      villageId: villages[0]!.id,
      ageGroup: "under_15",
      topics: ["law"],
    });
    expect(late.status).toBe(422);
    expect(late.body.error.message).toContain("đã đóng");
  });

  it("is out of reach from another province", async () => {
    const outsider = await t.as("maokhe");
    expect((await outsider.get(`/api/v1/needs-surveys?unitId=${ward}`)).body.surveys).toEqual([]);
    expect((await outsider.get(answers())).status).toBe(404);
    expect((await outsider.get(`/api/v1/needs-surveys/${survey.id}/results`)).status).toBe(404);
    expect(
      (await outsider.post(answers(), { villageId: villages[0]!.id, ageGroup: "under_15", topics: ["law"] }))
        .status,
    ).toBe(404);
    expect(
      (await importCsv([`${villages[0]!.name},,Trên 60 tuổi,,Pháp luật,`], false, outsider)).status,
    ).toBe(404);
    expect(await count()).toBe(4);
  });
});
