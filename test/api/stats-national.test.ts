/**
 * The national roll-up (no unit): system administrators only; the nation's figures are every counter of every
 * unit, its children the provinces in force, its targets the national ones; the series and the XLSX work too.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("national statistics", (engine) => {
  let t: TestApp;
  let quantri: ApiClient;
  beforeAll(async () => {
    t = await demoApp(engine);
    quantri = await t.as("quantri");
    const tayho = await t.as("tayho");
    const ward = await t.unitId("00103");
    const households = (await tayho.get(`/api/v1/households?unitId=${ward}&limit=3`)).body.households;
    const registered = await tayho.post("/api/v1/registrations", {
      year: 2025,
      title: "learning_family",
      subjects: households.map((h: any) => ({ kind: "household", id: h.id })),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  });
  afterAll(() => t.close());

  it("sums every unit, lists the provinces in force, and carries the national targets", async () => {
    const response = await quantri.get("/api/v1/stats/rollup?year=2025&title=learning_family");
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { unit, titles } = response.body;
    expect(unit).toMatchObject({ code: "VN", name: "Toàn quốc", level: "country" });
    const table = titles[0];
    const { rows } = await sql<{ total: number; registered: number }>`
      SELECT (SELECT count(*) FROM households WHERE archived_at IS NULL)::int AS total,
        (SELECT count(*) FROM registrations WHERE year = 2025 AND title = 'learning_family'
           AND status <> 'withdrawn')::int AS registered`.execute(t.db);
    expect(table.figures).toMatchObject(rows[0]!);
    expect(table.figures.registered).toBeGreaterThanOrEqual(3);
    expect(table.children.every((c: any) => c.unit.level === "province")).toBe(true);
    const provinces = await sql<{ n: number }>`SELECT count(*)::int AS n FROM admin_units
      WHERE level = 'province' AND valid_to IS NULL`.execute(t.db);
    expect(table.children).toHaveLength(provinces.rows[0]!.n);
    expect(table.childrenTotal.registered).toBe(table.figures.registered);
    // Each province's row (summed by the counters' province) equals the province's own roll-up (by its subtree).
    for (const child of table.children) {
      const own = await quantri.get(
        `/api/v1/stats/rollup?unitId=${child.unit.id}&year=2025&title=learning_family`,
      );
      expect(own.body.titles[0].figures, child.unit.name).toEqual(child.figures);
    }
    expect(table.targets.find((x: any) => x.metric === "recognizedRate")).toMatchObject({
      source: "national",
      value: 70,
      targetYear: 2025,
    });

    const mapped = await quantri.get(
      "/api/v1/stats/rollup?year=2025&title=learning_family&boundaries=current",
    );
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    expect(mapped.body.titles[0].childrenTotal.registered).toBe(table.figures.registered);

    const series = await quantri.get("/api/v1/stats/series?title=learning_family&from=2024&to=2025");
    expect(series.status).toBe(200);
    expect(series.body.points.map((p: any) => p.figures.registered)).toEqual([0, table.figures.registered]);

    const xlsx = await quantri.get("/api/v1/stats/rollup.xlsx?year=2025&title=learning_family");
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const texts: string[] = [];
    book.worksheets[0]!.eachRow((row) => {
      texts.push(row.getCell(2).text); // text cells are inline rich text (lib/xlsx-stream.ts)
    });
    expect(texts).toContain("Tổng cộng");
  });

  it("is refused to everyone but system administrators", async () => {
    for (const username of ["hanoi", "tayho"]) {
      const client = await t.as(username);
      const response = await client.get("/api/v1/stats/rollup?year=2025");
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/toàn quốc/);
      expect((await client.get("/api/v1/stats/series?title=learning_family&from=2024&to=2025")).status).toBe(
        404,
      );
    }
  });
});
