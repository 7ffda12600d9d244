/**
 * The programme's calendar of deadlines (issue 11, item 6; docs/DEADLINES.md): national dates and a province's own,
 * impossible dates refused naming the field, and who is late: the TT 25 dossier and recognition of a commune are
 * late when their date has passed with the thing missing, done when present, not late before the date; a commune
 * officer sees only their commune; the to-do list shows the commune's deadlines and the province's count.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { asActor, loadActor } from "../../src/server/auth/scope";
import { demoPassword } from "../../src/server/demo/demo";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser, createTestFund } from "../helpers/fund";

const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
/**
 * Every deadline of this data year has passed (the latest, 31/03/2026), and its communes are the wards after the
 * reform of 01/07/2025 (a data year's communes are those in force on its 31/12).
 */
const past = 2025;
/** None of this data year's deadlines has come. */
const future = thisYear + 1;

/** Every item of level 1 met. */
function levelOne(rubric: any) {
  const items: Record<string, boolean> = {};
  for (const level of rubric.definition.levels)
    for (const criterion of level.criteria)
      for (const item of criterion.items) items[item.key] = level.level === 1;
  return items;
}

describeEachEngine("programme deadlines", (engine) => {
  let t: TestApp;
  let officer: ApiClient; // data entry of Phường Tây Hồ
  let province: ApiClient; // unit admin of Hà Nội
  let tayho: number;
  let hanoi: number;
  let quangninh: number;
  let registration: any;

  beforeAll(async () => {
    t = await demoApp(engine);
    officer = await t.as("tayho");
    province = await t.as("hanoi");
    tayho = await t.unitId("00103");
    hanoi = await t.unitId("01", { level: "province" });
    quangninh = await t.unitId("22", { level: "province" });
    // Tây Hồ assesses itself under TT 25 for the past year: its dossier is done, its recognition not.
    await officer.post("/api/v1/registrations", {
      year: past,
      title: "learning_community_commune",
      subjects: [{ kind: "commune", id: tayho }],
    });
    registration = (await officer.get(`/api/v1/registrations?unitId=${tayho}&year=${past}`)).body
      .registrations[0];
    const rubric = (await officer.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
    const assessed = await officer.post(`/api/v1/registrations/${registration.id}/assessment`, {
      items: levelOne(rubric),
      version: registration.version,
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
  });
  afterAll(() => t?.close());

  const status = (client: ApiClient, query: string) => client.get(`/api/v1/deadlines/status?${query}`);
  const cellsOf = (body: any, unitId: number) => body.communes.find((c: any) => c.unit.id === unitId)?.cells;

  it("lists the national calendar of a data year, with its dates and what is unconfirmed", async () => {
    const response = await officer.get(`/api/v1/deadlines?unitId=${tayho}&year=${thisYear}`);
    expect(response.status).toBe(200);
    const byKey = Object.fromEntries(
      response.body.deadlines.filter((d: any) => d.level !== "province").map((d: any) => [d.key, d]),
    );
    expect(Object.keys(byKey).sort()).toEqual(
      ["annual_report", "fund_disclosure", "learning_week", "recognition", "tt25_dossier"].sort(),
    );
    expect(byKey.tt25_dossier).toMatchObject({
      due: `${thisYear + 1}-02-28`,
      source: "national",
      confirmed: true,
    });
    expect(byKey.recognition.due).toBe(`${thisYear + 1}-03-31`);
    expect(byKey.fund_disclosure).toMatchObject({ due: `${thisYear + 1}-03-31`, level: "association" });
    expect(byKey.annual_report).toMatchObject({ due: `${thisYear}-12-15`, confirmed: false });
    expect(byKey.learning_week).toMatchObject({ start: `${thisYear}-10-01`, due: `${thisYear}-10-07` });
  });

  it("refuses impossible dates naming the field, and a province setting its own report date", async () => {
    const body = {
      provinceId: hanoi,
      key: "annual_report",
      level: "commune",
      yearOffset: 0,
      validFrom: thisYear,
    };
    for (const [dates, field, text] of [
      [{ day: 31, month: 4 }, "day", "31/4"],
      [{ day: 29, month: 2 }, "day", "29/02"],
      [{ day: 10, month: 13 }, "month", "Tháng từ 1 đến 12"],
      [{ day: 0, month: 12 }, "day", "Ngày từ 1 đến 31"],
      [{ day: 7, month: 10, startDay: 8, startMonth: 10 }, "startDay", "Ngày bắt đầu"],
      [{ day: 7, month: 10, startDay: 1 }, "startMonth", "cả ngày và tháng"],
    ] as const) {
      const response = await province.post("/api/v1/deadlines", { ...body, ...dates });
      expect(response.status, JSON.stringify(dates)).toBe(422);
      expect(JSON.stringify(response.body.error)).toContain(text);
      expect(Object.keys(response.body.error.details.fields)).toContain(field);
    }
    const own = await province.post("/api/v1/deadlines", { ...body, level: "province", day: 1, month: 12 });
    expect(own.status).toBe(422);
    expect(own.body.error.details.fields).toHaveProperty("level");
    const national = await province.post("/api/v1/deadlines", {
      ...body,
      provinceId: null,
      day: 1,
      month: 12,
    });
    expect(national.status).toBe(403);
    // A commune's data entry, and another province's admin, cannot set Hà Nội's dates.
    expect([403, 404]).toContain(
      (await officer.post("/api/v1/deadlines", { ...body, day: 1, month: 12 })).status,
    );
    const maokhe = await t.as("maokhe");
    expect((await maokhe.post("/api/v1/deadlines", { ...body, day: 1, month: 12 })).status).toBe(404);
    const rows = await t.db
      .selectFrom("programme_deadlines")
      .select("id")
      .where("owner_unit_id", "is not", null)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("applies a province's own date to its communes from its first year, audited; others keep the national one", async () => {
    const set = await province.post("/api/v1/deadlines", {
      provinceId: hanoi,
      key: "annual_report",
      level: "commune",
      day: 30,
      month: 11,
      yearOffset: 0,
      validFrom: thisYear,
      note: "Kế hoạch của UBND Thành phố",
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.deadline).toMatchObject({
      source: "province",
      owner: { id: hanoi },
      due: `${thisYear}-11-30`,
    });
    const dueIn = async (unitId: number, year: number) =>
      (await province.get(`/api/v1/deadlines?unitId=${unitId}&year=${year}`)).body.deadlines.find(
        (d: any) => d.key === "annual_report" && d.level === "commune",
      );
    expect(await dueIn(tayho, thisYear)).toMatchObject({ due: `${thisYear}-11-30`, source: "province" });
    expect(await dueIn(tayho, future)).toMatchObject({ due: `${future}-11-30`, source: "province" });
    expect(await dueIn(tayho, thisYear - 1)).toMatchObject({
      due: `${thisYear - 1}-12-15`,
      source: "national",
    });
    const quantri = await t.as("quantri");
    const other = await quantri.get(`/api/v1/deadlines?unitId=${quangninh}&year=${thisYear}`);
    expect(
      other.body.deadlines.find((d: any) => d.key === "annual_report" && d.level === "commune").due,
    ).toBe(`${thisYear}-12-15`);
    // The status table carries each commune's own date.
    const table = await status(province, `unitId=${hanoi}&year=${thisYear}`);
    // Nothing submitted yet and the date not reached: missing, not late.
    expect(cellsOf(table.body, tayho).annual_report).toMatchObject({
      due: `${thisYear}-11-30`,
      status:
        new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10) <= `${thisYear}-11-30`
          ? "missing"
          : "late",
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_name"])
      .where("entity", "=", "programme_deadline")
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: "create" })]);
    // Deleting it brings the national date back.
    expect((await province.delete(`/api/v1/deadlines/${set.body.deadline.id}`)).status).toBe(204);
    expect(await dueIn(tayho, thisYear)).toMatchObject({ due: `${thisYear}-12-15`, source: "national" });
  });

  it("marks late what is missing after its date, done what is present, and nothing late before the date", async () => {
    const before = await status(province, `unitId=${hanoi}&year=${past}`);
    expect(before.status).toBe(200);
    const cells = cellsOf(before.body, tayho);
    expect(cells.tt25_dossier).toMatchObject({ status: "done", missing: [] });
    expect(cells.recognition.status).toBe("late");
    expect(cells.recognition.missing.join()).toContain("1 hồ sơ chưa tự đánh giá, bình xét");
    // The annual report comes from the reports module: none submitted for that year, so late.
    expect(cells.annual_report.status).toBe("late");
    expect(cells.annual_report.missing[0]).toBe(`Chưa nộp báo cáo năm ${past} lên cấp trên`);
    // Another ward of Hà Nội has nothing: late.
    const others = before.body.communes.filter((c: any) => c.unit.id !== tayho);
    expect(others.length).toBeGreaterThan(0);
    expect(others[0].cells.tt25_dossier.status).toBe("late");
    expect(others[0].cells.tt25_dossier.missing[0]).toContain("Chưa đăng ký");
    expect(before.body.counts.tt25_dossier.done).toBe(1);
    // The filter keeps the late communes of one deadline.
    const late = await status(province, `unitId=${hanoi}&year=${past}&key=tt25_dossier&status=late`);
    expect(late.body.communes.map((c: any) => c.unit.id)).not.toContain(tayho);
    expect(late.body.communes).toHaveLength(others.length);
    // Not yet due: missing, not late.
    const ahead = await status(province, `unitId=${hanoi}&year=${future}`);
    expect(cellsOf(ahead.body, tayho).tt25_dossier.status).toBe("missing");

    // Proposed and decided: recognition done.
    const review = await officer.post("/api/v1/reviews", {
      unitId: tayho,
      year: past,
      title: "learning_community_commune",
      heldOn: `${past}-12-20`,
      participants: "Ban chỉ đạo xây dựng xã hội học tập phường",
      outcomes: [{ registrationId: registration.id, proposed: true }],
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const proposed = cellsOf((await status(province, `unitId=${hanoi}&year=${past}`)).body, tayho);
    expect(proposed.recognition.missing).toEqual(["1 hồ sơ đề nghị chưa có quyết định công nhận"]);

    // The officer's to-do list of the year after shows the recognition late with what is missing; the province's
    // counts its communes.
    const todo = (await officer.get(`/api/v1/todo?year=${past + 1}`)).body.items.filter(
      (i: any) => i.step === "deadline",
    );
    expect(todo).toContainEqual(
      expect.objectContaining({
        unit: { id: tayho, name: "Phường Tây Hồ" },
        overdue: true,
        deadline: expect.objectContaining({ key: "recognition", status: "late", dataYear: past }),
      }),
    );
    // The dossier of that year is done: not on the list.
    expect(
      todo.filter((i: any) => i.deadline.dataYear === past).map((i: any) => i.deadline.key),
    ).not.toContain("tt25_dossier");
    const provinceTodo = (await province.get(`/api/v1/todo?year=${past + 1}`)).body.items.filter(
      (i: any) => i.step === "deadline" && i.deadline.key === "tt25_dossier" && i.deadline.dataYear === past,
    );
    expect(provinceTodo).toEqual([
      expect.objectContaining({
        unit: { id: hanoi, name: "Thành phố Hà Nội" },
        deadline: expect.objectContaining({
          communes: { late: others.length, missing: 0, total: others.length + 1 },
        }),
      }),
    ]);

    const draft = await officer.post("/api/v1/decisions", {
      communeId: tayho,
      year: past,
      title: "learning_community_commune",
      number: "12/QĐ-UBND",
      signedOn: `${past + 1}-03-01`,
      agencyName: "UBND phường Tây Hồ",
      signerTitle: "Chủ tịch",
      signerName: "Nguyễn Văn An",
      registrationIds: [registration.id],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const drafted = cellsOf((await status(province, `unitId=${hanoi}&year=${past}`)).body, tayho);
    expect(drafted.recognition.missing).toEqual(["1 hồ sơ có dự thảo quyết định chưa ban hành"]);
    const issued = await (await t.as("tayho.duyet")).post(
      `/api/v1/decisions/${draft.body.decision.id}/issue`,
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const done = cellsOf((await status(province, `unitId=${hanoi}&year=${past}`)).body, tayho);
    expect(done.recognition).toMatchObject({ status: "done", missing: [] });
  });

  it("reads the fund disclosure from the funds, on the province's own date when it set one", async () => {
    await addUser(t, "han.thuquy", "treasurer", tayho, "Nguyễn Thị Thủ Quỹ");
    await createTestFund(await t.as("han.thuquy"), tayho);
    const fundCell = async () =>
      (await status(province, `unitId=${hanoi}&year=${thisYear}`)).body.communes.map((c: any) => ({
        id: c.unit.id,
        ...c.cells.fund_disclosure,
      }));
    const cells = await fundCell();
    expect(cells.find((c: any) => c.id === tayho)).toMatchObject({
      status: "missing",
      due: `${thisYear + 1}-03-31`,
      reasons: [{ code: "not_disclosed", name: "Quỹ khuyến học phường" }],
      missing: [`Quỹ khuyến học phường chưa công khai thu – chi năm ${thisYear}`],
    });
    expect(cells.find((c: any) => c.id !== tayho)).toMatchObject({
      status: "no_data",
      reasons: [{ code: "no_fund" }],
    });
    const set = await province.post("/api/v1/deadlines", {
      provinceId: hanoi,
      key: "fund_disclosure",
      level: "association",
      day: 15,
      month: 1,
      yearOffset: 1,
      validFrom: thisYear,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await fundCell()).find((c: any) => c.id === tayho).due).toBe(`${thisYear + 1}-01-15`);
    // Without a unit, the province's users see their one province's dates in the columns.
    const columns = (await status(province, `year=${thisYear}`)).body.deadlines;
    expect(columns.find((d: any) => d.key === "fund_disclosure").due).toBe(`${thisYear + 1}-01-15`);
  });

  it("keeps the same rule in row-level security: a province's admin writes only its own rows", async () => {
    const user = await t.db
      .selectFrom("app_users")
      .select("id")
      .where("username", "=", "hanoi")
      .executeTakeFirstOrThrow();
    const actor = await loadActor(t.db, Number(user.id), "hanoi");
    const row = (owner: number | null) => ({
      key: "learning_week" as const,
      label: "Tuần lễ hưởng ứng học tập suốt đời",
      level: "commune" as const,
      start_month: 10,
      start_day: 5,
      month: 10,
      day: 11,
      year_offset: 0,
      owner_unit_id: owner,
      valid_from: future,
      legal_basis: null,
      note: null,
      created_by: null,
      updated_by: null,
    });
    const insert = (owner: number | null) =>
      asActor(t.db, actor, (tx) => tx.insertInto("programme_deadlines").values(row(owner)).execute());
    await expect(insert(null)).rejects.toThrow(/row-level security/);
    await expect(insert(quangninh)).rejects.toThrow(/row-level security/);
    await insert(hanoi);
    // The database refuses an impossible date whoever writes it.
    await expect(
      t.db
        .insertInto("programme_deadlines")
        .values({ ...row(null), valid_from: 2099, day: 31, month: 4, start_month: null, start_day: null })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it("shows a commune officer only their commune, and the CSV the same rows", async () => {
    const own = await status(officer, `year=${past}`);
    expect(own.status).toBe(200);
    expect(own.body.communes.map((c: any) => c.unit.id)).toEqual([tayho]);
    expect((await status(officer, `unitId=${hanoi}&year=${past}`)).status).toBe(404);
    const created = await (await t.as("quantri")).post("/api/v1/users", {
      username: "xem.maokhe",
      fullName: "Người xem Mạo Khê",
      password: demoPassword,
      role: "viewer",
      unitId: await t.unitId("07069"),
    });
    expect(created.status).toBe(201);
    const viewer = await t.as("xem.maokhe");
    expect((await status(viewer, `unitId=${tayho}&year=${past}`)).status).toBe(404);
    const csv = await province.get(`/api/v1/deadlines/status.csv?unitId=${hanoi}&year=${past}`);
    expect(csv.status).toBe(200);
    const text = new TextDecoder().decode(csv.body as ArrayBuffer);
    expect(text).toContain("Xã, phường");
    expect(text).toContain("Phường Tây Hồ");
    expect(text).toContain("Trễ hạn");
    expect(text.trim().split("\r\n")).toHaveLength(
      (await status(province, `unitId=${hanoi}&year=${past}`)).body.communes.length + 1,
    );
  });
});
