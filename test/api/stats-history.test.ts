/**
 * Figures across the 2025 reform: pre-2025 figures recorded on old wards roll onto their 2025 successors
 * (`boundaries=current`): a full merge adds them exactly; a partial one follows the villages that were reassigned
 * (exact) or, without them, splits equally and marks the rows estimated. And back: figures recorded on a new unit
 * for a pre-reform year are shown in the old units. The series of a new ward runs on through the reform.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitCounts } from "../../src/server/modules/stats/history.service";
import { zeroCounts } from "../../src/server/modules/stats/metrics";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

type Seeded = { total: number; registered: number; recognized: number };

describeEachEngine("statistics across boundary changes", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let hcm: ApiClient;
  let tayho: ApiClient;
  let rubricId: number;
  let code = 0;

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    hcm = await t.as("hcm");
    tayho = await t.as("tayho");
    rubricId = (
      await t.db
        .selectFrom("rubrics")
        .select("id")
        .where("title", "=", "learning_family")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  /** An old (pre-reform) village: it ended with its ward on 1 July 2025. */
  async function oldVillage(communeId: number, name: string): Promise<number> {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO admin_units (level, code, name, kind, parent_id, valid_to)
      VALUES ('village', ${`V${++code}`}, ${name}, 'Tổ dân phố', ${communeId}, '2025-07-01') RETURNING id`.execute(
      t.db,
    );
    return Number(rows[0]!.id);
  }

  /** `n` households in a village, all registered for `year`, the first `recognized` of them recognised. */
  async function families(villageId: number, n: number, recognized: number, year: number): Promise<Seeded> {
    const { rows } = await sql<{ commune_id: number; province_id: number }>`
      SELECT v.parent_id AS commune_id, p.ancestor_id AS province_id FROM admin_units v
      JOIN admin_unit_paths p ON p.descendant_id = v.id JOIN admin_units a ON a.id = p.ancestor_id AND a.level = 'province'
      WHERE v.id = ${villageId}`.execute(t.db);
    const { commune_id, province_id } = rows[0]!;
    const prefix = `H${++code}-`;
    await sql`INSERT INTO households (commune_id, province_id, village_id, code, head_name, members)
      SELECT ${commune_id}, ${province_id}, ${villageId}, ${prefix} || i, 'Hộ ' || i, 3 FROM generate_series(1, ${n}) i`.execute(
      t.db,
    );
    await sql`INSERT INTO registrations (commune_id, province_id, village_id, year, title, subject_kind, subject_id,
        rubric_id, status, grade)
      SELECT commune_id, province_id, village_id, ${year}, 'learning_family', 'household', id, ${rubricId},
        CASE WHEN row_number() OVER (ORDER BY id) <= ${recognized} THEN 'recognized' ELSE 'not_proposed' END, 'good'
      FROM households WHERE village_id = ${villageId} AND code LIKE ${`${prefix}%`}`.execute(t.db);
    return { total: n, registered: n, recognized };
  }

  async function succession(from: number, to: number) {
    await sql`INSERT INTO unit_successions (predecessor_id, successor_id, kind, coverage, effective_date)
      VALUES (${from}, ${to}, 'split', 'full', '2025-07-01')`.execute(t.db);
  }

  async function rollup(client: ApiClient, query: string) {
    const response = await client.get(`/api/v1/stats/rollup?title=learning_family&${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.titles[0];
  }

  const villageOf = async (communeId: number, name: string) =>
    (
      await t.db
        .selectFrom("admin_units")
        .select("id")
        .where("parent_id", "=", communeId)
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).id;

  it("adds the figures of old wards merged in full into their successor", async () => {
    const maoKhe = await t.unitId("07069");
    const xuanSon = await oldVillage(await t.unitId("07105", { old: true }), "Khu 1 Xuân Sơn");
    const kimSon = await oldVillage(await t.unitId("07123", { old: true }), "Khu 2 Kim Sơn");
    const a = await families(xuanSon, 10, 7, 2020);
    const b = await families(kimSon, 5, 2, 2020);
    const maokhe = await t.as("maokhe");

    // As recorded, the new ward has nothing for 2020; mapped, it has both old wards' figures, exactly.
    const recorded = await rollup(maokhe, `unitId=${maoKhe}&year=2020`);
    expect(recorded.figures).toMatchObject({ registered: 0, recognized: 0 });
    const mapped = await rollup(maokhe, `unitId=${maoKhe}&year=2020&boundaries=current`);
    const own = recorded.figures.total;
    expect(mapped.figures).toMatchObject({
      total: own + a.total + b.total,
      registered: a.registered + b.registered,
      recognized: a.recognized + b.recognized,
    });
    expect(mapped.estimated).toBeUndefined();
    // Old villages are not villages of the new ward: the rows of its villages stay as they are.
    expect(mapped.children.every((c: any) => c.figures.registered === 0)).toBe(true);

    // And back: in the old boundaries (date in 2020) each old ward shows what was recorded on it.
    const district = await t.unitId("205", { old: true, level: "district" });
    const admin = await t.as("quantri"); // the old district is above the ward's scope
    const old = await rollup(admin, `unitId=${district}&year=2020&date=2020-12-31`);
    const row = (name: string) => old.children.find((c: any) => c.unit.name === name);
    expect(row("Phường Xuân Sơn").figures).toMatchObject({ registered: 10, recognized: 7 });
    expect(row("Phường Kim Sơn").figures).toMatchObject({ registered: 5, recognized: 2 });
    expect(old.figures).toMatchObject({ registered: 15, recognized: 9 });
    // The same with boundaries=current: nothing recorded on new units for 2020, so nothing changes.
    const oldMapped = await rollup(admin, `unitId=${district}&year=2020&date=2020-12-31&boundaries=current`);
    expect(oldMapped.children.find((c: any) => c.unit.name === "Phường Xuân Sơn").figures).toMatchObject({
      registered: 10,
      recognized: 7,
    });
  });

  it("follows reassigned villages exactly in a partial succession, and back", async () => {
    const xuanLa = await t.unitId("00103", { old: true });
    const tayHo = await t.unitId("00103");
    const phuThuong = await t.unitId("00091");
    const v1 = await oldVillage(xuanLa, "Tổ 1 Xuân La");
    const v2 = await oldVillage(xuanLa, "Tổ 2 Xuân La");
    const tdp1 = await villageOf(tayHo, "Tổ dân phố số 1");
    const pt1 = await villageOf(phuThuong, "Tổ dân phố số 1");
    await succession(v1, tdp1);
    await succession(v2, pt1);
    const a = await families(v1, 8, 6, 2020);
    const b = await families(v2, 4, 1, 2020);

    // Xuân La went partly into four new wards, but its villages say exactly where each family went.
    const ward = await rollup(tayho, `unitId=${tayHo}&year=2020&boundaries=current`);
    expect(ward.figures).toMatchObject({ registered: a.registered, recognized: a.recognized });
    expect(ward.estimated).toBeUndefined();
    const tdpRow = ward.children.find((c: any) => c.unit.id === tdp1);
    expect(tdpRow.figures).toMatchObject({ registered: 8, recognized: 6 });
    expect(tdpRow.estimated).toBeUndefined();
    const other = await rollup(hanoi, `unitId=${phuThuong}&year=2020&boundaries=current`);
    expect(other.figures).toMatchObject({ registered: b.registered, recognized: b.recognized });
    expect(other.children.find((c: any) => c.unit.id === pt1).figures).toMatchObject({ registered: 4 });
    // Nothing lost or counted twice at the province.
    const province = await t.unitId("01", { level: "province" });
    const city = await rollup(hanoi, `unitId=${province}&year=2020&boundaries=current`);
    expect(city.figures).toMatchObject({ registered: 8 + 4, recognized: 6 + 1 });
    expect(city.estimated).toBeUndefined();

    // Back: 2022 figures recorded on the new ward's Tổ dân phố số 1 are shown on the old village it came from.
    const tdpHouseholds = await t.db
      .selectFrom("households")
      .select(["id", "commune_id", "province_id", "village_id"])
      .where("village_id", "=", tdp1)
      .where("code", "not like", "H%")
      .execute();
    await t.db
      .insertInto("registrations")
      .values(
        tdpHouseholds.map((h, i) => ({
          commune_id: h.commune_id,
          province_id: h.province_id,
          village_id: h.village_id,
          year: 2022,
          title: "learning_family",
          subject_kind: "household",
          subject_id: h.id,
          rubric_id: rubricId,
          status: i === 0 ? "not_proposed" : "recognized",
        })) as any,
      )
      .execute();
    const back = await rollup(tayho, `unitId=${xuanLa}&year=2022&date=2022-12-31&boundaries=current`);
    const v1Row = back.children.find((c: any) => c.unit.id === v1);
    expect(v1Row.figures).toMatchObject({
      registered: tdpHouseholds.length,
      recognized: tdpHouseholds.length - 1,
    });
    expect(v1Row.estimated).toBeUndefined();
    expect(back.figures).toMatchObject({ registered: tdpHouseholds.length });
    // Mapping onto boundaries in which the unit does not exist is refused, in Vietnamese.
    const gone = await tayho.get(`/api/v1/stats/rollup?unitId=${xuanLa}&year=2022&boundaries=current`);
    expect(gone.status).toBe(422);
    expect(gone.body.error.message).toMatch(/^Phường Xuân La không có hiệu lực vào ngày/);
    // As recorded, the old ward had nothing for 2022.
    const asRecorded = await rollup(tayho, `unitId=${xuanLa}&year=2022&date=2022-12-31`);
    expect(asRecorded.figures.registered).toBe(0);
  });

  it("splits equally and marks the estimate where no village was reassigned, and back", async () => {
    const oldWard14 = await t.unitId("27169", { old: true }); // Phường 14 (Quận 10): partly Hòa Hưng, partly Diên Hồng
    const dienHong = await t.unitId("27169");
    const hoaHung = await t.unitId("27163");
    const village = await oldVillage(oldWard14, "Khu phố 3 Phường 14");
    await families(village, 7, 5, 2020);

    const province = await t.unitId("79", { level: "province" });
    const city = await rollup(hcm, `unitId=${province}&year=2020&boundaries=current`);
    const row = (id: number) => city.children.find((c: any) => c.unit.id === id);
    // 7 registered, 5 recognised split in two: 4 + 3 and 3 + 2, the remainder to the lower id first.
    const [first, second] = [dienHong, hoaHung].sort((x, y) => x - y);
    expect(row(first!).figures).toMatchObject({ registered: 4, recognized: 3 });
    expect(row(second!).figures).toMatchObject({ registered: 3, recognized: 2 });
    for (const id of [dienHong, hoaHung]) {
      expect(row(id).estimated).toBe(true);
      expect(row(id).estimateNote).toMatch(
        /^Ước tính: số liệu của Phường 14 \(mã 27169\) chia đều cho 2 đơn vị kế thừa \(.*Phường Diên Hồng.*\), mỗi đơn vị 1\/2/,
      );
    }
    // Both halves stay in the city: its own figure is exact.
    expect(city.figures).toMatchObject({ registered: 7, recognized: 5 });
    expect(city.estimated).toBeUndefined();
    expect(city.childrenTotal).toMatchObject({ registered: 7, recognized: 5 });
    const csv = await hcm.get(`/api/v1/stats/rollup.csv?unitId=${province}&year=2020&boundaries=current`);
    expect(csv.status).toBe(200);
    const lines = new TextDecoder().decode(csv.body).split("\r\n");
    expect(lines.some((l) => l.startsWith("Phường Diên Hồng (ước tính);"))).toBe(true);
    expect(lines.some((l) => l.startsWith("Phường Minh Phụng;"))).toBe(true);

    // Back: figures recorded on the new Diên Hồng for 2021 go to its three predecessors, equally.
    const households = await t.db
      .selectFrom("households")
      .select(["id", "commune_id", "province_id", "village_id"])
      .where("commune_id", "=", dienHong)
      .where("code", "not like", "H%")
      .orderBy("id")
      .execute();
    await t.db
      .insertInto("registrations")
      .values(
        households.slice(0, 6).map((h) => ({
          commune_id: h.commune_id,
          province_id: h.province_id,
          village_id: h.village_id,
          year: 2021,
          title: "learning_family",
          subject_kind: "household",
          subject_id: h.id,
          rubric_id: rubricId,
          status: "recognized",
        })) as any,
      )
      .execute();
    const quan10 = await t.unitId("771", { old: true, level: "district" });
    const old = await rollup(hcm, `unitId=${quan10}&year=2021&date=2021-12-31&boundaries=current`);
    const names = ["Phường 14", "Phường 8", "Phường 6"];
    for (const name of names) {
      const r = old.children.find((c: any) => c.unit.name === name);
      expect(r.figures, name).toMatchObject({ registered: 2, recognized: 2 });
      expect(r.estimated).toBe(true);
      expect(r.estimateNote).toMatch(/chia đều cho 3 đơn vị trước sắp xếp/);
    }
    expect(old.figures).toMatchObject({ registered: 6, recognized: 6 });
  });

  it("gives a new ward a series continuous across the reform", async () => {
    const tayHo = await t.unitId("00103");
    const response = await tayho.get(
      `/api/v1/stats/series?unitId=${tayHo}&title=learning_family&from=2019&to=2025`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { points, unit } = response.body;
    expect(unit.id).toBe(tayHo);
    expect(points.map((p: any) => p.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    const at = (year: number) => points.find((p: any) => p.year === year);
    expect(at(2020).figures).toMatchObject({ registered: 8, recognized: 6 }); // from old Xuân La's Tổ 1
    expect(at(2022).figures.registered).toBeGreaterThan(0); // recorded on the new ward itself
    expect(at(2019).figures).toMatchObject({ registered: 0, recognized: 0 });
    expect(points.every((p: any) => p.estimated === false)).toBe(true);
    // The same totals every year: the registries keep today's households.
    expect(new Set(points.map((p: any) => p.figures.total)).size).toBe(1);

    const dienHong = await t.unitId("27169");
    const estimated = (
      await hcm.get(`/api/v1/stats/series?unitId=${dienHong}&title=learning_family&from=2020&to=2021`)
    ).body.points;
    expect(estimated[0]).toMatchObject({ year: 2020, estimated: true });
    expect(estimated[0].estimateNote).toMatch(/chia đều cho 2 đơn vị kế thừa/);

    // Scoped like the roll-up.
    const maokhe = await t.as("maokhe");
    expect(
      (await maokhe.get(`/api/v1/stats/series?unitId=${tayHo}&title=learning_family&from=2019&to=2025`))
        .status,
    ).toBe(404);
    const bad = await tayho.get(
      `/api/v1/stats/series?unitId=${tayHo}&title=learning_family&from=2025&to=2019`,
    );
    expect(bad.status).toBe(422);
  });
});

describe("equal split", () => {
  it("gives integer parts that add up exactly and keep recognised within registered", () => {
    const counts = { ...zeroCounts(), total: 7, registered: 7, recognized: 5, recognizedGood: 5 };
    const parts = splitCounts(counts, 3);
    expect(parts.map((p) => p.registered)).toEqual([3, 2, 2]);
    expect(parts.map((p) => p.recognized)).toEqual([2, 2, 1]);
    for (const key of Object.keys(counts) as (keyof typeof counts)[])
      expect(parts.reduce((sum, p) => sum + p[key], 0)).toBe(counts[key]);
    expect(parts.every((p) => p.recognized <= p.registered)).toBe(true);
  });
});
