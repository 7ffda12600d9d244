/** The household registry: forms, search, moves and archive, and the Excel/CSV import the way officers use it. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { householdCsv, vietnameseName } from "../fixtures/households";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { expectExportImportsBack, uploadRegistry } from "../helpers/registry";

describeEachEngine("household registry", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("creates, finds without diacritics, moves within the commune and archives a household, audited", async () => {
    const tayho = await t.as("tayho");
    const ward = await t.unitId("00103");
    const villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
    const created = await tayho.post("/api/v1/households", {
      villageId: villages[0].id,
      headName: "Trịnh  Thị Ngọc Ánh",
      members: 5,
      phone: "0912 345 678",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.household.id;
    expect(created.body.household.headName).toBe("Trịnh Thị Ngọc Ánh");
    const found = (await tayho.get(`/api/v1/households?unitId=${ward}&q=trinh%20thi%20ngoc`)).body.households;
    expect(found.map((h: any) => h.id)).toEqual([id]);
    // Named with its commune, a row is looked for in that commune alone (one shard, docs/SCALE-OUT.md): Hà Nội, who
    // reads both wards, finds it under Tây Hồ and not under Ba Đình.
    const hanoi = await t.as("hanoi");
    expect((await hanoi.get(`/api/v1/households/${id}?communeId=${ward}`)).body.household.id).toBe(id);
    const elsewhere = await hanoi.get(`/api/v1/households/${id}?communeId=${await t.unitId("00004")}`);
    expect(elsewhere.status).toBe(404);
    const moved = await tayho.patch(`/api/v1/households/${id}?communeId=${ward}`, {
      villageId: villages[1].id,
      members: 6,
      version: created.body.household.version,
    });
    expect(moved.body.household.village.id).toBe(villages[1].id);
    const wrongCommune = await tayho.post(`/api/v1/households/${id}/archive?communeId=${ward + 1_000_000}`, {
      reason: "moved",
    });
    expect(wrongCommune.status).toBe(404);
    expect(
      (await tayho.post(`/api/v1/households/${id}/archive?communeId=${ward}`, { reason: "moved" })).status,
    ).toBe(204);
    expect((await tayho.get(`/api/v1/households?unitId=${ward}&q=trinh`)).body.households).toEqual([]);
    const audit = (await tayho.get("/api/v1/audit")).body.entries
      .slice(0, 3)
      .map((e: any) => `${e.action} ${e.entity}`);
    expect(audit).toEqual(["archive household", "update household", "create household"]);
    const bad = await tayho.post("/api/v1/households", {
      villageId: villages[0].id,
      headName: "",
      members: 0,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toMatchObject({
      headName: "Nhập họ tên chủ hộ",
      members: "Số nhân khẩu ít nhất là 1",
    });
  });

  it("a 12,000-row file with faults is refused whole; the clean file imports, and again changes nothing", async () => {
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const villages = (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.map(
      (u: any) => u.name,
    );
    const before = (await maokhe.get(`/api/v1/households?unitId=${commune}&limit=1`)).body.total;
    const faulty = householdCsv({
      rows: 12_000,
      villages,
      tcvn3Names: true,
      titleRows: true,
      blankRowsEvery: 997,
      duplicateAt: [6_000],
      unknownVillageAt: [123, 11_678],
    });
    const refused = await uploadRegistry(maokhe, "households", commune, faulty.text, false);
    expect(refused.status, JSON.stringify(refused.body).slice(0, 500)).toBe(200);
    expect(refused.body.errors.map((e: any) => e.row).sort((a: number, b: number) => a - b)).toEqual(
      faulty.faultyLines,
    );
    expect(refused.body.errors.map((e: any) => e.column)).toEqual(
      expect.arrayContaining(["Mã hộ", "Thôn, tổ dân phố"]),
    );
    expect(refused.body.created).toBe(0);
    expect((await maokhe.get(`/api/v1/households?unitId=${commune}&limit=1`)).body.total).toBe(before);

    const clean = householdCsv({
      rows: 12_000,
      villages,
      tcvn3Names: true,
      titleRows: true,
      blankRowsEvery: 997,
    });
    const started = performance.now();
    const imported = await uploadRegistry(maokhe, "households", commune, clean.text, false);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[${engine}] 12,000 households imported in ${seconds.toFixed(1)} s (${Math.round(12_000 / seconds)} rows/s; the import rate is measured by npm run bench)`,
    );
    expect(imported.body).toMatchObject({ created: 12_000, errors: [], converted: { headName: "tcvn3" } });
    const sample = (await maokhe.get(`/api/v1/households?unitId=${commune}&q=000777`)).body.households[0];
    expect(sample.headName).toBe(vietnameseName(777));
    const again = await uploadRegistry(maokhe, "households", commune, clean.text, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 12_000 });
    expect((await maokhe.get(`/api/v1/households?unitId=${commune}&limit=1`)).body.total).toBe(
      before + 12_000,
    );
  }, 240_000);

  it("exports what it imports, and the export imports back unchanged", async () => {
    const tayho = await t.as("tayho");
    expect(await expectExportImportsBack(tayho, "households", await t.unitId("00103"))).toBeGreaterThan(0);
  });
});
