/** The clan registry: forms, search without diacritics, member households, archive, and the Excel/CSV import. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { unicodeToTcvn3 } from "../../src/server/lib/legacy-vietnamese";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { expectExportImportsBack, uploadRegistry } from "../helpers/registry";

describeEachEngine("clan registry", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  it("creates, finds without diacritics, edits, sets member households and archives a clan, audited", async () => {
    const created = await tayho.post("/api/v1/clans", {
      communeId: ward,
      name: "Họ  Nguyễn Đình",
      headName: "Nguyễn Đình Trọng",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.clan.id;
    expect(created.body.clan).toMatchObject({ name: "Họ Nguyễn Đình", householdIds: [] });
    const again = await tayho.post("/api/v1/clans", {
      communeId: ward,
      name: "Họ Nguyễn Đình",
      headName: "X",
    });
    expect(again.status).toBe(409);
    const found = (await tayho.get(`/api/v1/clans?unitId=${ward}&q=nguyen%20dinh`)).body.clans;
    expect(found.map((c: any) => c.id)).toEqual([id]);
    expect(
      (await tayho.get(`/api/v1/clans?unitId=${ward}&q=trong`)).body.clans.map((c: any) => c.id),
    ).toEqual([id]);
    const edited = await tayho.patch(`/api/v1/clans/${id}`, {
      headName: "Nguyễn Đình Lâm",
      version: created.body.clan.version,
    });
    expect(edited.body.clan.headName).toBe("Nguyễn Đình Lâm");

    const villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
    const households: number[] = [];
    for (const headName of ["Nguyễn Đình An", "Nguyễn Đình Bình"]) {
      const h = await tayho.post("/api/v1/households", { villageId: villages[0].id, headName, members: 3 });
      households.push(h.body.household.id);
    }
    const members = await tayho.request("PUT", `/api/v1/clans/${id}/households`, {
      householdIds: households,
    });
    expect(members.status, JSON.stringify(members.body)).toBe(200);
    expect(members.body.clan.householdIds).toEqual(households);
    expect((await tayho.get(`/api/v1/households/${households[0]}`)).body.household.clanId).toBe(id);
    const fewer = await tayho.request("PUT", `/api/v1/clans/${id}/households`, {
      householdIds: [households[1]],
    });
    expect(fewer.body.clan.householdIds).toEqual([households[1]]);
    expect((await tayho.get(`/api/v1/households/${households[0]}`)).body.household.clanId).toBeNull();

    // A household of another commune cannot join; the clan is not even visible from there.
    const maokhe = await t.as("maokhe");
    const maoKhe = await t.unitId("07069");
    const mkVillage = (await maokhe.get(`/api/v1/units/${maoKhe}/children`)).body.units[0];
    const foreign = await maokhe.post("/api/v1/households", {
      villageId: mkVillage.id,
      headName: "Trần Văn Xa",
      members: 2,
    });
    const refused = await tayho.request("PUT", `/api/v1/clans/${id}/households`, {
      householdIds: [households[1], foreign.body.household.id],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/không thuộc xã, phường/);
    expect((await maokhe.get(`/api/v1/clans/${id}`)).status).toBe(404);
    expect((await maokhe.patch(`/api/v1/clans/${id}`, { headName: "X", version: 1 })).status).toBe(404);
    expect((await maokhe.post(`/api/v1/clans/${id}/archive`)).status).toBe(404);
    expect((await maokhe.get(`/api/v1/clans?unitId=${ward}`)).status).toBe(404);
    expect(
      (await maokhe.post("/api/v1/clans", { communeId: ward, name: "Họ Lạ", headName: "Lạ" })).status,
    ).toBe(404);

    expect((await tayho.post(`/api/v1/clans/${id}/archive`)).status).toBe(204);
    expect((await tayho.get(`/api/v1/clans?unitId=${ward}&q=nguyen`)).body.clans).toEqual([]);
    expect(
      (await tayho.get(`/api/v1/clans?unitId=${ward}&archived=1`)).body.clans.map((c: any) => c.id),
    ).toEqual([id]);
    const audit = (await tayho.get("/api/v1/audit")).body.entries
      .filter((e: any) => e.entity === "clan")
      .slice(0, 5)
      .map((e: any) => e.action);
    expect(audit).toEqual(["archive", "update", "update", "update", "create"]);
  });

  it("imports a file with a TCVN3 column all or nothing, dry run first, and again changes nothing", async () => {
    const maoKhe = await t.unitId("07069");
    const maokhe = await t.as("maokhe");
    const heads = ["Lê Văn Thịnh", "Phạm Thị Hường", "Đỗ Quốc Khánh", "Vũ Đức Hải"];
    const names = ["Họ Lê", "Họ Phạm", "Họ Đỗ", "Họ Vũ"];
    const lines = names.map((n, i) => `${n},${unicodeToTcvn3(heads[i]!)}`);
    const clean = `DANH SÁCH DÒNG HỌ\n\nTen dong ho,Truong ho\n${lines.join("\n")}\n`;
    const faulty = `Tên dòng họ,Trưởng họ\n${lines.join("\n")}\nHọ Lê,Lê Văn Khác\nHọ Mới,\n`;
    const refused = await uploadRegistry(maokhe, "clans", maoKhe, faulty, false);
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.errors).toEqual([
      { row: 6, column: "Tên dòng họ", message: 'Dòng họ "Họ Lê" trùng với dòng 2' },
      { row: 7, column: "Trưởng họ", message: "Thiếu họ tên trưởng họ" },
    ]);
    expect(refused.body.created).toBe(0);
    expect((await maokhe.get(`/api/v1/clans?unitId=${maoKhe}`)).body.total).toBe(0);

    const dry = await uploadRegistry(maokhe, "clans", maoKhe, clean, true);
    expect(dry.body).toMatchObject({
      dryRun: true,
      total: 4,
      created: 4,
      errors: [],
      converted: { headName: "tcvn3" },
    });
    expect((await maokhe.get(`/api/v1/clans?unitId=${maoKhe}`)).body.total).toBe(0);
    const imported = await uploadRegistry(maokhe, "clans", maoKhe, clean, false);
    expect(imported.body).toMatchObject({ created: 4, updated: 0, errors: [] });
    const listed = (await maokhe.get(`/api/v1/clans?unitId=${maoKhe}&q=huong`)).body.clans;
    expect(listed.map((c: any) => [c.name, c.headName])).toEqual([["Họ Phạm", "Phạm Thị Hường"]]);
    const again = await uploadRegistry(maokhe, "clans", maoKhe, clean, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const changed = await uploadRegistry(
      maokhe,
      "clans",
      maoKhe,
      clean.replace(unicodeToTcvn3("Phạm Thị Hường"), unicodeToTcvn3("Phạm Văn Mới")),
      false,
    );
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const audit = (await maokhe.get("/api/v1/audit")).body.entries[0];
    expect(audit).toMatchObject({ action: "import", entity: "clan" });
    // Another commune's import is refused whole.
    const tayhoImport = await uploadRegistry(await t.as("tayho"), "clans", maoKhe, clean, true);
    expect(tayhoImport.status).toBe(404);
  });

  it("exports what it imports, and the export imports back unchanged", async () => {
    const maokhe = await t.as("maokhe");
    expect(await expectExportImportsBack(maokhe, "clans", await t.unitId("07069"))).toBe(4);
  });
});
