/** The citizen registry (name, village, birth year, group only): forms, search, archive, and the import. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { unicodeToTcvn3 } from "../../src/server/lib/legacy-vietnamese";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { expectExportImportsBack, uploadRegistry } from "../helpers/registry";

describeEachEngine("citizen registry", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  it("creates, finds without diacritics, moves and archives a citizen, audited; no other data kept", async () => {
    const villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
    const created = await tayho.post("/api/v1/citizens", {
      villageId: villages[0].id,
      fullName: "Đặng  Thị Thùy Dương",
      birthYear: 1992,
      group: "worker",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.citizen.id;
    expect(Object.keys(created.body.citizen).sort()).toEqual(
      [
        "archivedAt",
        "birthYear",
        "communeId",
        "fullName",
        "group",
        "householdId",
        "id",
        "village",
        "version",
      ].sort(),
    );
    expect(created.body.citizen.fullName).toBe("Đặng Thị Thùy Dương");
    const found = (await tayho.get(`/api/v1/citizens?unitId=${ward}&q=dang%20thi%20thuy`)).body.citizens;
    expect(found.map((c: any) => c.id)).toEqual([id]);
    const moved = await tayho.patch(`/api/v1/citizens/${id}`, {
      version: created.body.citizen.version,
      villageId: villages[1].id,
      group: "official",
    });
    expect(moved.body.citizen).toMatchObject({ group: "official", village: { id: villages[1].id } });
    const atCommune = await tayho.post("/api/v1/citizens", { villageId: ward, fullName: "Người Xã" });
    expect(atCommune.status).toBe(422);
    const badYear = await tayho.post("/api/v1/citizens", {
      villageId: villages[0].id,
      fullName: "A",
      birthYear: 1800,
    });
    expect(badYear.body.error.details.fields).toMatchObject({ birthYear: "Năm sinh từ 1900" });

    const maokhe = await t.as("maokhe");
    expect((await maokhe.get(`/api/v1/citizens/${id}`)).status).toBe(404);
    expect((await maokhe.patch(`/api/v1/citizens/${id}`, { birthYear: 1990, version: 1 })).status).toBe(404);
    expect((await maokhe.post(`/api/v1/citizens/${id}/archive`)).status).toBe(404);
    expect((await maokhe.get(`/api/v1/citizens?unitId=${ward}`)).status).toBe(404);
    expect((await t.anonymous().get(`/api/v1/citizens/${id}`)).status).toBe(401);

    expect((await tayho.post(`/api/v1/citizens/${id}/archive`)).status).toBe(204);
    expect((await tayho.get(`/api/v1/citizens?unitId=${ward}&q=duong`)).body.citizens).toEqual([]);
    const audit = (await tayho.get("/api/v1/audit")).body.entries
      .slice(0, 3)
      .map((e: any) => `${e.action} ${e.entity}`);
    expect(audit).toEqual(["archive citizen", "update citizen", "create citizen"]);
  });

  it("imports a file with a TCVN3 column all or nothing, dry run first, and again changes nothing", async () => {
    const maoKhe = await t.unitId("07069");
    const maokhe = await t.as("maokhe");
    const [v1, v2] = (await maokhe.get(`/api/v1/units/${maoKhe}/children`)).body.units.map(
      (u: any) => u.name,
    );
    const rows = [
      [v1, "Nguyễn Thị Hằng", "1985", "Nông dân"],
      [v1, "Nguyễn Thị Hằng", "1990", "Công nhân"],
      [v2, "Nguyễn Thị Hằng", "1985", "Cán bộ, công chức"],
      [v2, "Trịnh Văn Quyết", "", ""],
    ];
    const line = (r: string[]) => [r[0], unicodeToTcvn3(r[1]!), r[2], `"${r[3]}"`].join(",");
    const header = "Thon,Ho va ten,Nam sinh,Doi tuong";
    const clean = `${header}\n${rows.map(line).join("\n")}\n`;
    const faulty = `${clean}${line([v1!, "Nguyễn Thị Hằng", "1985", "Khác"])}\n${line([v1!, "Lý Văn A", "19x5", "Học sinh"])}\n`;
    const refused = await uploadRegistry(maokhe, "citizens", maoKhe, faulty, false);
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.errors.map((e: any) => `${e.row} ${e.column}`)).toEqual([
      "6 Họ và tên",
      "7 Năm sinh",
      "7 Đối tượng",
    ]);
    expect((await maokhe.get(`/api/v1/citizens?unitId=${maoKhe}`)).body.total).toBe(0);

    const dry = await uploadRegistry(maokhe, "citizens", maoKhe, clean, true);
    expect(dry.body).toMatchObject({ total: 4, created: 4, errors: [], converted: { fullName: "tcvn3" } });
    expect((await maokhe.get(`/api/v1/citizens?unitId=${maoKhe}`)).body.total).toBe(0);
    const imported = await uploadRegistry(maokhe, "citizens", maoKhe, clean, false);
    expect(imported.body).toMatchObject({ created: 4, updated: 0, errors: [] });
    const found = (await maokhe.get(`/api/v1/citizens?unitId=${maoKhe}&q=quyet`)).body.citizens;
    expect(found.map((c: any) => [c.fullName, c.birthYear, c.group])).toEqual([
      ["Trịnh Văn Quyết", null, "other"],
    ]);
    const again = await uploadRegistry(maokhe, "citizens", maoKhe, clean, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const regrouped = await uploadRegistry(
      maokhe,
      "citizens",
      maoKhe,
      clean.replace('"Nông dân"', '"Khác"'),
      false,
    );
    expect(regrouped.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await maokhe.get("/api/v1/audit")).body.entries[0]).toMatchObject({
      action: "import",
      entity: "citizen",
    });
    expect((await uploadRegistry(tayho, "citizens", maoKhe, clean, true)).status).toBe(404);
  });

  it("exports what it imports, and the export imports back unchanged", async () => {
    const maokhe = await t.as("maokhe");
    expect(await expectExportImportsBack(maokhe, "citizens", await t.unitId("07069"))).toBe(4);
  });
});
