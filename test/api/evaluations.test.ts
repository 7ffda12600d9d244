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

  it("a dry run refuses what the real run refuses, row by row: a record already proposed cannot be re-scored", async () => {
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const query = "year=2026&title=learning_family";
    const template = await maokhe.get(`/api/v1/units/${commune}/evaluations/template.xlsx?${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(2).values as string[]).slice(1);
    const households = (await maokhe.get(`/api/v1/households?unitId=${commune}`)).body.households.slice(5, 8);
    households.forEach((h: any, i: number) => {
      sheet.getRow(3 + i).values = [h.code, ...header.slice(1).map(() => i)];
    });
    const upload = async (dryRun: boolean) => {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "diem.xlsx"));
      return maokhe.request(
        "POST",
        `/api/v1/units/${commune}/evaluations/import?${query}&dryRun=${dryRun ? 1 : 0}`,
        form,
      );
    };
    expect((await upload(false)).body).toMatchObject({ created: 3, updated: 3, errors: [] });
    // The second household's record goes on to the review (proposed): its self-assessment is closed.
    await t.db
      .updateTable("registrations")
      .set({ status: "proposed" })
      .where("year", "=", 2026)
      .where("subject_kind", "=", "household")
      .where("subject_id", "=", households[1].id)
      .execute();
    households.forEach((_: unknown, i: number) => {
      sheet.getRow(3 + i).getCell(2).value = 0; // rows 4 and 5 change; row 3 already had 0
    });
    const before = (await maokhe.get(`/api/v1/registrations?unitId=${commune}&year=2026`)).body.registrations;
    const dry = await upload(true);
    const real = await upload(false);
    expect(dry.status).toBe(200);
    expect(real.status).toBe(200);
    expect(real.body.errors).toEqual([
      { row: 4, column: "Mã hộ", message: expect.stringContaining("Hồ sơ đã qua bình xét") },
    ]);
    expect(dry.body.errors).toEqual(real.body.errors);
    expect(dry.body).toMatchObject({ dryRun: true, created: 0, updated: 0, unchanged: 0 });
    expect(
      (await maokhe.get(`/api/v1/registrations?unitId=${commune}&year=2026`)).body.registrations,
    ).toEqual(before);

    // A cell longer than the field allows (a household code is at most 30 characters) is named too.
    sheet.getRow(3).getCell(1).value = "X".repeat(31);
    expect((await upload(true)).body.error.details.rows).toEqual([
      { row: 3, column: "Mã hộ", message: "Ô dài 31 ký tự, quá giới hạn 30 ký tự" },
    ]);
  });
});
