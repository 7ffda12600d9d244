/**
 * Issue 10, point 7: the commendations' counters (migration 0033). A random mix of creates, edits (form, level,
 * recipient, year) and deletes in two 2025 wards of Hà Nội and in old Phường Bưởi (merged whole into Phường Tây Hồ
 * on 01/07/2025), then: the counters equal a recount from the register; the province's figures are its wards' sum,
 * old Bưởi counting in Tây Hồ's row; GET /commendations/stats and the series give the same figures; the CSV and
 * XLSX total rows are the figures; `stats verify` reports a tampered counter and `rebuild` mends it.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rebuildCounters, verifyCounters } from "../../src/server/modules/stats/stats.service";
import { commendationForms } from "../../src/shared/commendations";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const years = [thisYear - 2, thisYear - 1, thisYear];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

type Figures = {
  total: number;
  collective: number;
  individual: number;
  byForm: { form: string; count: number }[];
  byLevel: { level: string; count: number }[];
};

/** Figures as a flat map of the counters' metrics, zeros left out. */
const flat = (f: Figures) =>
  Object.fromEntries(
    [
      ["total", f.total],
      ["collective", f.collective],
      ["individual", f.individual],
      ...f.byForm.map((x) => [`form:${x.form}`, x.count]),
      ...f.byLevel.map((x) => [`level:${x.level}`, x.count]),
    ].filter(([, v]) => v !== 0),
  );

describeEachEngine("commendation statistics: counters, roll-up, verify", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let province: number;
  let tayho: number;
  let badinh: number;
  let buoi: number;

  /** The register counted directly, per metric, for communes in `communes` and a year. */
  async function live(communes: number[], year: number) {
    const { rows } = await sql<{ metric: string; n: number }>`
      SELECT m.metric, count(*)::int AS n FROM commendations c
      CROSS JOIN LATERAL unnest(ARRAY['total', c.recipient, 'form:' || c.form, 'level:' || c.level]) AS m (metric)
      WHERE c.commune_id = ANY (${communes}::bigint[]) AND c.year = ${year} GROUP BY 1`.execute(t.db);
    return Object.fromEntries(rows.map((r) => [r.metric, Number(r.n)]));
  }

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    province = await t.unitId("01", { level: "province" });
    tayho = await t.unitId("00103");
    badinh = await t.unitId("00004");
    buoi = await t.unitId("00109", { old: true });
  }, 120_000);
  afterAll(() => t?.close());

  it("keeps the counters equal to a recount through a random mix of creates, edits and deletes", async () => {
    const pick = random(20250701);
    const one = <T>(list: readonly T[]) => list[Math.floor(pick() * list.length)]!;
    const decidedIn = (year: number) => (year < thisYear ? `${year + 1}-01-10` : `${year}-01-01`);
    const values = () => {
      const form = one(commendationForms);
      const year = one(years);
      return {
        year,
        recipient: one(["collective", "individual"] as const),
        form: form.code,
        level: one(form.levels),
        decisionDate: decidedIn(year),
      };
    };
    const rows: { id: number; version: number }[] = [];
    const done = { create: 0, form: 0, year: 0, recipient: 0, delete: 0 };
    for (let step = 0; step < 80; step++) {
      const roll = pick();
      if (rows.length < 5 || roll < 0.5) {
        const created = await hanoi.post("/api/v1/commendations", {
          communeId: one([tayho, badinh, buoi]),
          subjectName: `Đối tượng ${step}`,
          decisionNumber: `${step}/QĐ-UBND`,
          ...values(),
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        rows.push({ id: created.body.commendation.id, version: created.body.commendation.version });
        done.create++;
      } else if (roll < 0.85) {
        const row = one(rows);
        const next = values();
        // Form and level, or the year, or the recipient alone.
        const patch =
          roll < 0.65
            ? { form: next.form, level: next.level }
            : roll < 0.75
              ? { year: next.year, decisionDate: next.decisionDate }
              : { recipient: next.recipient };
        const edited = await hanoi.patch(`/api/v1/commendations/${row.id}`, {
          ...patch,
          version: row.version,
        });
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
        row.version = edited.body.commendation.version;
        done[roll < 0.65 ? "form" : roll < 0.75 ? "year" : "recipient"]++;
      } else {
        const row = rows.splice(Math.floor(pick() * rows.length), 1)[0]!;
        const deleted = await hanoi.delete(`/api/v1/commendations/${row.id}?version=${row.version}`);
        expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
        done.delete++;
      }
    }
    expect(
      Object.values(done).every((n) => n > 0),
      JSON.stringify(done),
    ).toBe(true);
    // A move to another commune (not offered by the API) is counted too.
    const moved = rows[0]!;
    await sql`UPDATE commendations SET commune_id = ${badinh} WHERE id = ${moved.id}`.execute(t.db);
    expect((await verifyCounters(t.db)).differences).toEqual([]);
    for (const year of years)
      for (const commune of [tayho, badinh, buoi]) {
        const { rows: stored } = await sql<{ metric: string; value: number }>`
          SELECT metric, value FROM commendation_counters
          WHERE commune_id = ${commune} AND year = ${year} AND value <> 0`.execute(t.db);
        expect(Object.fromEntries(stored.map((r) => [r.metric, Number(r.value)]))).toEqual(
          await live([commune], year),
        );
      }
  });

  it("rolls the province up as its wards' sum across the reform, old Bưởi in Tây Hồ's row", async () => {
    const oldHanoi = await t.unitId("01", { level: "province", old: true });
    const succession = await t.db
      .selectFrom("unit_successions")
      .select("coverage")
      .where("predecessor_id", "=", oldHanoi)
      .where("successor_id", "=", province)
      .executeTakeFirstOrThrow();
    expect(succession.coverage).toBe("full");
    const subtree = async (roots: number[]) =>
      (
        await sql<{ id: number }>`SELECT descendant_id AS id FROM admin_unit_paths
          WHERE ancestor_id = ANY (${roots}::bigint[])`.execute(t.db)
      ).rows.map((r) => Number(r.id));
    for (const year of years) {
      const response = await hanoi.get(`/api/v1/stats/commendations?unitId=${province}&year=${year}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const rollup = response.body;
      // The 2025 city and the old one it took over whole: the old wards' records count in the city.
      expect(flat(rollup.figures)).toEqual(await live(await subtree([province, oldHanoi]), year));
      const row = (id: number) => rollup.children.find((c: { unit: { id: number } }) => c.unit.id === id);
      if (year >= 2025) {
        // The 2025 wards are the children (in force on 31/12), Bưởi's records in its successor's row.
        expect(flat(row(tayho).figures)).toEqual(await live([tayho, buoi], year));
        expect(flat(row(badinh).figures)).toEqual(await live([badinh], year));
        expect(rollup.own === null || rollup.own.total > 0).toBe(true);
      } else expect(rollup.children).toEqual([]); // the 2025 city had no ward in force on 31/12/2024
      // The children and the own row add up to the figure.
      const summed: Record<string, number> = {};
      for (const figures of [...rollup.children.map((c: { figures: Figures }) => c.figures), rollup.own])
        for (const [metric, value] of Object.entries(figures ? flat(figures) : {}))
          summed[metric] = (summed[metric] ?? 0) + (value as number);
      expect(summed).toEqual(flat(rollup.figures));
      // A ward's roll-up takes in what passed whole to it.
      const tayhoRollup = await hanoi.get(`/api/v1/stats/commendations?unitId=${tayho}&year=${year}`);
      expect(flat(tayhoRollup.body.figures)).toEqual(await live([tayho, buoi], year));
      // The commendations page's figures: the unit's subtree only, as the register listed beside them.
      const page = await hanoi.get(`/api/v1/commendations/stats?unitId=${province}&year=${year}`);
      expect(page.status).toBe(200);
      expect(flat(page.body)).toEqual(await live(await subtree([province]), year));
      expect(Object.keys(page.body).sort()).toEqual(
        ["byForm", "byLevel", "collective", "individual", "total", "unitId", "year"].sort(),
      );
      const ward = await hanoi.get(`/api/v1/commendations/stats?unitId=${tayho}&year=${year}`);
      expect(flat(ward.body)).toEqual(await live([tayho], year));
    }
    // The series gives each year's figures.
    const series = await hanoi.get(
      `/api/v1/stats/commendations/series?unitId=${province}&from=${years[0]}&to=${thisYear}`,
    );
    expect(series.status).toBe(200);
    for (const point of series.body.points) {
      const rollup = await hanoi.get(`/api/v1/stats/commendations?unitId=${province}&year=${point.year}`);
      expect(point.figures).toEqual(rollup.body.figures);
    }
    // A ward's own user reads the ward, not the province.
    const ward = await t.as("tayho");
    expect((await ward.get(`/api/v1/stats/commendations?unitId=${tayho}&year=${thisYear}`)).status).toBe(200);
    expect((await ward.get(`/api/v1/stats/commendations?unitId=${province}&year=${thisYear}`)).status).toBe(
      404,
    );
  });

  it("writes the total row of the CSV and the workbook as the figures", async () => {
    const query = `unitId=${province}&year=${thisYear}`;
    const { figures } = (await hanoi.get(`/api/v1/stats/commendations?${query}`)).body;
    const csv = await hanoi.get(`/api/v1/stats/commendations.csv?${query}`);
    expect(csv.status).toBe(200);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body).trim().split("\r\n");
    expect(lines[0]).toContain("Theo hình thức: Giấy khen của UBND xã");
    expect(lines.at(-1)!.split(";").slice(0, 4)).toEqual([
      "Tổng cộng",
      String(figures.total),
      String(figures.collective),
      String(figures.individual),
    ]);
    const xlsx = await hanoi.get(`/api/v1/stats/commendations.xlsx?${query}`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.worksheets[0]!;
    const last = sheet.getRow(sheet.rowCount);
    expect(JSON.stringify(last.getCell(2).value)).toContain("Tổng cộng");
    expect(last.getCell(3).value).toBe(figures.total);
  });

  it("reports a tampered counter in `stats verify`, and `stats rebuild` mends it", async () => {
    await sql`UPDATE commendation_counters SET value = value + 2
      WHERE commune_id = ${badinh} AND year = ${thisYear} AND metric = 'total'`.execute(t.db);
    const found = (await verifyCounters(t.db)).differences;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      communeId: badinh,
      year: thisYear,
      title: "commendations",
      measure: "total",
    });
    expect(Number(found[0]!.stored) - Number(found[0]!.expected)).toBe(2);
    await rebuildCounters(t.db);
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  });
});
