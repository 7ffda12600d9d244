/**
 * "Biểu thống kê kết quả xây dựng các mô hình học tập" as .xlsx: the file opens, has one row per child unit and a
 * total row equal to the sum of its rows and to the roll-up JSON, for a province and a ward, and only in scope.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  figures,
  metrics,
  metricsFor,
  percent,
  ratingMetrics,
  zeroCounts,
} from "../../src/server/modules/stats/metrics";

/** The first column of the i-th title's figures: each title has its own metrics (a rating its grades). */
const startOf = (titles: { title: any }[], i: number) =>
  2 + titles.slice(0, i).reduce((sum, x) => sum + metricsFor(x.title).length, 0);
/** A metric's value in the JSON: a rate or count of the figures, or a rating's grade. */
const jsonValue = (f: any, key: string) => (key in f ? f[key] : f.rating?.[key]);

import { rollupSheet } from "../../src/server/modules/stats/stats.export";
import type { Rollup } from "../../src/server/modules/stats/stats.service";
import { statsVi } from "../../src/web/i18n/stats";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

type Sheet = {
  titleLines: string[];
  groups: string[];
  headers: string[];
  rows: unknown[][];
  total: unknown[];
};

async function readSheet(bytes: ArrayBuffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0]!;
  const values: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    values[number - 1] = (row.values as unknown[]).slice(1).map(plain);
  });
  const all = Array.from(values, (row) => row ?? []);
  const headerIndex = all.findIndex((row) => row[0] === "STT" && row[1] === "Đơn vị") + 1; // below the groups
  const totalIndex = all.findIndex((row) => row[1] === "Tổng cộng");
  expect(headerIndex).toBeGreaterThan(0);
  expect(totalIndex).toBe(all.length - 1);
  return {
    titleLines: all.slice(0, headerIndex - 1).flatMap((row) => (typeof row[0] === "string" ? [row[0]] : [])),
    groups: all[headerIndex - 1]!.map(String),
    headers: all[headerIndex]!.map(String),
    rows: all.slice(headerIndex + 1, totalIndex),
    total: all[totalIndex]!,
  };
}

/** Text cells are inline rich text (one run): their text. */
function plain(value: unknown): unknown {
  if (value && typeof value === "object" && "richText" in value)
    return (value as { richText: { text: string }[] }).richText.map((run) => run.text).join("");
  return value;
}

const cell = (value: unknown) => (value === undefined ? null : value);
/** Rates are stored as fractions shown with a "%" format (0.8413 → 84,13%): back to the API's percentage. */
const asPercent = (value: unknown) =>
  typeof value === "number" ? Math.round(value * 10_000) / 100 : cell(value);
const metricCell = (kind: string, value: unknown) => (kind === "rate" ? asPercent(value) : cell(value));

describeEachEngine("statistics export (.xlsx)", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let province: number;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    province = await t.unitId("01", { level: "province" });
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  async function check(unitId: number, year: number, title?: string) {
    const query = `unitId=${unitId}&year=${year}${title ? `&title=${title}` : ""}`;
    const response = await hanoi.get(`/api/v1/stats/rollup.xlsx?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="bieu-thong-ke-.+\.xlsx"/,
    );
    const json = (await hanoi.get(`/api/v1/stats/rollup?${query}`)).body;
    const sheet = await readSheet(response.body);
    // Printing: A4 landscape, as wide as the page, the group and header rows (5 and 6, under three title lines and a
    // blank one) on every page.
    const zip = await JSZip.loadAsync(response.body);
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"/);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(
      /"_xlnm\.Print_Titles"[^>]*>[^<]*!\$5:\$6</,
    );

    expect(sheet.titleLines[0]).toBe("BIỂU THỐNG KÊ KẾT QUẢ XÂY DỰNG CÁC MÔ HÌNH HỌC TẬP");
    expect(sheet.titleLines.join(" ")).toContain(json.unit.name);
    expect(sheet.titleLines.join(" ")).toContain(String(year));
    const [y, m, d] = json.date.split("-");
    expect(sheet.titleLines.join(" ")).toContain(`${d}/${m}/${y}`);

    expect(sheet.headers).toEqual([
      "STT",
      "Đơn vị",
      ...json.titles.flatMap((x: any) => metricsFor(x.title).map((metric) => metric.label)),
    ]);
    expect(sheet.groups.slice(2)).toEqual(
      json.titles.flatMap((x: any) => metricsFor(x.title).map(() => x.label)),
    );

    const expectedRows = json.titles[0].children.length
      ? json.titles[0].children.map((c: any) => c.unit.name)
      : [json.unit.name];
    expect(sheet.rows.map((row) => row[1])).toEqual(expectedRows);
    expect(sheet.rows.map((row) => row[0])).toEqual(expectedRows.map((_: string, i: number) => i + 1));

    json.titles.forEach((table: any, t: number) => {
      const metrics = metricsFor(table.title);
      const at = (metricIndex: number) => startOf(json.titles, t) + metricIndex;
      const sums = metrics.map((metric, i) =>
        metric.kind === "count"
          ? sheet.rows.reduce((sum: number, row) => sum + Number(row[at(i)] ?? 0), 0)
          : 0,
      );
      const column = (key: string) => metrics.findIndex((metric) => metric.key === key);
      const expectedTotal = table.children.length ? table.childrenTotal : table.figures;
      metrics.forEach((metric, i) => {
        // the total row is the sum of the rows (rates recomputed from the sums) and equals the JSON
        if (metric.kind === "count") expect(sheet.total[at(i)]).toBe(sums[i]);
        expect(metricCell(metric.kind, sheet.total[at(i)])).toBe(jsonValue(expectedTotal, metric.key));
        sheet.rows.forEach((row, r) => {
          const figures = table.children.length ? table.children[r].figures : table.figures;
          expect(metricCell(metric.kind, row[at(i)])).toBe(jsonValue(figures, metric.key));
        });
      });
      if (metrics === ratingMetrics) return; // a rating has no rate
      const total = sums[column("total")]!;
      expect(asPercent(sheet.total[at(column("registeredRate"))])).toBe(
        percent(sums[column("registered")]!, total),
      );
      expect(asPercent(sheet.total[at(column("recognizedRate"))])).toBe(
        percent(sums[column("recognized")]!, total),
      );
    });
    return { sheet, json };
  }

  it("a province: one row per ward or commune, all titles, a total row equal to the sum and to the JSON", async () => {
    const { sheet, json } = await check(province, 2025);
    expect(json.titles.length).toBe(7); // the six titles and the centres' rating
    expect(sheet.rows.length).toBeGreaterThan(1);
    const family = json.titles.findIndex((x: any) => x.title === "learning_family");
    expect(sheet.total[2 + family * metrics.length]).toBeGreaterThan(0); // real households counted
  });

  it("a ward, for one title: one row per village", async () => {
    const { sheet, json } = await check(ward, 2025, "learning_family");
    expect(json.titles.length).toBe(1);
    expect(sheet.rows.length).toBe(json.titles[0].children.length);
    expect(sheet.rows.length).toBeGreaterThan(0);
  });

  it("a ward: what is counted at the ward itself (its own Cộng đồng học tập cấp xã, its clans) has its row and is in the total", async () => {
    const response = await hanoi.get(`/api/v1/stats/rollup.xlsx?unitId=${ward}&year=2025`);
    const json = (await hanoi.get(`/api/v1/stats/rollup?unitId=${ward}&year=2025`)).body;
    const sheet = await readSheet(response.body);
    expect(sheet.rows.map((row) => row[1])).toEqual([
      ...json.titles[0].children.map((c: any) => c.unit.name),
      `${json.unit.name} (cấp xã)`,
    ]);
    expect(cell(sheet.rows.at(-1)![0])).toBeNull(); // not numbered among the villages
    const width = metrics.length;
    json.titles.forEach((table: any, t: number) => {
      metricsFor(table.title).forEach((metric, i) => {
        const at = startOf(json.titles, t) + i;
        expect(metricCell(metric.kind, sheet.total[at])).toBe(jsonValue(table.figures, metric.key));
        if (metric.kind === "count")
          expect(sheet.rows.reduce((sum: number, row) => sum + Number(row[at] ?? 0), 0)).toBe(
            sheet.total[at],
          );
      });
    });
    const commune = json.titles.findIndex((x: any) => x.title === "learning_community_commune");
    expect(sheet.total[2 + commune * width]).toBe(1); // the ward itself, in force

    const csv = await hanoi.get(
      `/api/v1/stats/rollup.csv?unitId=${ward}&year=2025&title=learning_community_commune`,
    );
    const lines = new TextDecoder().decode(csv.body).split("\r\n");
    expect(lines.at(-3)).toMatch(new RegExp(`^${json.unit.name} \\(cấp xã\\);1;`));
    expect(lines.at(-2)).toMatch(/^Tổng cộng;1;/);
  });

  it("a village (no children): the unit itself is the only row", async () => {
    const village = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const { sheet } = await check(village, 2025);
    expect(sheet.rows.length).toBe(1);
  });

  it("is refused outside the caller's scope", async () => {
    const hcm = await t.as("hcm");
    expect((await hcm.get(`/api/v1/stats/rollup.xlsx?unitId=${province}&year=2025`)).status).toBe(404);
    expect((await t.anonymous().get(`/api/v1/stats/rollup.xlsx?unitId=${province}&year=2025`)).status).toBe(
      401,
    );
  });

  it("with boundaries=current says so in its title and still adds up", async () => {
    const response = await hanoi.get(
      `/api/v1/stats/rollup.xlsx?unitId=${province}&year=2025&boundaries=current`,
    );
    expect(response.status).toBe(200);
    const sheet = await readSheet(response.body);
    expect(sheet.titleLines.join(" ")).toContain("Số liệu quy đổi về địa giới hành chính có hiệu lực ngày");
    const json = (await hanoi.get(`/api/v1/stats/rollup?unitId=${province}&year=2025&boundaries=current`))
      .body;
    json.titles.forEach((table: any, i: number) => {
      metricsFor(table.title).forEach((metric, m) => {
        expect(metricCell(metric.kind, sheet.total[startOf(json.titles, i) + m])).toBe(
          jsonValue(table.childrenTotal, metric.key),
        );
      });
    });
  });
});

describe("the report's layout", () => {
  it("uses the labels of metrics.ts, which the dashboard's catalogue repeats", () => {
    for (const metric of [...metrics, ...ratingMetrics])
      expect(statsVi[`stats.metric.${metric.key}`]).toBe(metric.label);
  });

  it("names estimated rows in a note column", () => {
    const unit = (id: number, name: string) => ({
      id,
      code: String(id),
      name,
      level: "commune",
      kind: "Phường",
    });
    const counts = { ...zeroCounts(), total: 10, registered: 4 };
    const result = {
      unit: unit(1, "Tỉnh A"),
      year: 2025,
      date: "2025-07-01",
      boundaries: "current",
      titles: [
        {
          title: "learning_family",
          label: "Gia đình học tập",
          totalDefinition: "",
          figures: figures({ ...counts, total: 20, registered: 8 }),
          children: [
            { unit: unit(2, "Phường B"), figures: figures(counts) },
            {
              unit: unit(3, "Phường C"),
              figures: figures(counts),
              estimated: true,
              estimateNote: "chia đều 1/2",
            },
          ],
          childrenTotal: figures({ ...counts, total: 20, registered: 8 }),
          targets: [],
        },
      ],
    } as unknown as Rollup;
    const { sheet, rows } = rollupSheet(result);
    expect(sheet.columns.at(-1)!.header).toBe("Ghi chú");
    expect([...rows]).toEqual([
      [1, "Phường B", 10, 4, 0, 40, 0, null],
      [2, "Phường C", 10, 4, 0, 40, 0, "Ước tính: chia đều 1/2"],
      [null, "Tổng cộng", 20, 8, 0, 40, 0, null],
    ]);
  });
});
