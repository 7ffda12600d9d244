/** Self-assessment results from Excel: template from the criteria set, dry run, all or nothing, idempotent. */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("evaluation import", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("fills the template, refuses a file with one bad score, then imports it and again changes nothing", async () => {
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const query = "year=2025&title=learning_family";
    const template = await maokhe.get(`/api/v1/units/${commune}/evaluations/template.xlsx?${query}`);
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(2).values as string[]).slice(1);
    expect(header[0]).toBe("Mã hộ");
    const maxOf = (label: string) => Number(/\((\d+) điểm\)/.exec(label)?.[1]);
    const households = (await maokhe.get(`/api/v1/households?unitId=${commune}`)).body.households.slice(0, 5);
    for (const h of households) sheet.addRow([h.code, ...header.slice(1).map((label) => maxOf(label))]);
    const upload = async (dryRun: boolean) => {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "diem.xlsx"));
      return maokhe.request(
        "POST",
        `/api/v1/units/${commune}/evaluations/import?${query}&dryRun=${dryRun ? 1 : 0}`,
        form,
      );
    };
    const good = sheet.getRow(5).getCell(2).value;
    sheet.getRow(5).getCell(2).value = 99; // above the item's maximum
    const refused = await upload(false);
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0]).toMatchObject({ row: 5, column: header[1] });
    expect(
      (await maokhe.get(`/api/v1/registrations?unitId=${commune}&year=2025`)).body.registrations,
    ).toEqual([]);
    sheet.getRow(5).getCell(2).value = good;
    expect((await upload(true)).body).toMatchObject({ dryRun: true, errors: [] });
    expect((await upload(false)).body).toMatchObject({ created: 5, updated: 5, errors: [] });
    const registrations = (await maokhe.get(`/api/v1/registrations?unitId=${commune}&year=2025`)).body
      .registrations;
    expect(registrations.map((r: any) => r.status)).toEqual(Array(5).fill("assessed"));
    expect(registrations.every((r: any) => r.passed === true)).toBe(true);
    expect((await upload(false)).body).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });
});
