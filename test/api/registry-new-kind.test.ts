/**
 * Adding a registry kind is one declaration plus its migration: a throw-away kind (test/fixtures/test-pets.ts, its
 * table created in this file's database) gets its routes, API document, scope, optimistic concurrency, reference
 * checks, import with dry run, template and export from the engine, with no code of its own.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registryRouter } from "../../src/server/registry/routes";
import { registryKinds } from "../../src/shared/registry/kinds";
import { testPets, testPetsMigration } from "../fixtures/test-pets";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { uploadRegistry } from "../helpers/registry";

describeEachEngine("a registry kind added by a declaration and a migration", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let ward: number;
  let villages: { id: number; name: string }[];
  beforeAll(async () => {
    t = await demoApp(engine, {
      prepare: async (db) => {
        await sql.raw(testPetsMigration).execute(db);
      },
      app: { registryKinds: [...registryKinds, testPets] },
    });
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
    villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
  });
  afterAll(() => t.close());

  it("is checked when served: a key naming no field stops the server, naming the kind and the key", () => {
    const kinds = [...registryKinds, testPets];
    expect(() => registryRouter(testPets, kinds)).not.toThrow();
    const typo = { ...testPets, import: { ...testPets.import, key: ["cdoe"] } };
    expect(() => registryRouter(typo, kinds)).toThrow(/registry kind pets: import.key names cdoe/);
    const orphan = {
      ...testPets,
      fields: { ...testPets.fields, householdId: { ...testPets.fields.householdId, kind: "beasts" } },
    };
    expect(() => registryRouter(orphan, kinds)).toThrow(/householdId points at beasts/);
  });

  it("is described in the API document like the platform's kinds", async () => {
    const doc = (await t.anonymous().get("/api/v1/openapi.json")).body;
    const routes = Object.entries(doc.paths as Record<string, object>)
      .filter(([path]) => path.includes("pets"))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        "GET /pets",
        "POST /pets",
        "GET /pets/template.xlsx",
        "GET /pets/export.xlsx",
        "GET /pets/{id}",
        "PATCH /pets/{id}",
        "POST /pets/{id}/archive",
        "POST /units/{id}/pets/import",
      ].sort(),
    );
    const item =
      doc.paths["/pets/{id}"].get.responses["200"].content["application/json"].schema.properties.pet;
    expect(Object.keys(item.properties)).toEqual([
      "id",
      "communeId",
      "village",
      "code",
      "name",
      "species",
      "born",
      "legs",
      "householdId",
      "archivedAt",
      "archivedReason",
      "version",
    ]);
    expect(item.properties.species.enum).toEqual(["cat", "dog", "buffalo"]);
    const update = doc.paths["/pets/{id}"].patch.requestBody.content["application/json"].schema;
    expect(update.required).toEqual(["version"]);
    expect(update.properties.name).toMatchObject({ type: "string", maxLength: 100 });
    expect(doc.paths["/pets"].get.tags).toEqual(["Vật nuôi"]);
  });

  it("creates, finds, edits from the current version only, moves, links and archives a pet, audited", async () => {
    const created = await tayho.post("/api/v1/pets", {
      villageId: villages[0]!.id,
      name: "Mướp  Vàng",
      born: "2020-03-05",
      legs: 4,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pet = created.body.pet;
    expect(pet).toMatchObject({
      code: "001",
      name: "Mướp Vàng",
      species: "cat",
      born: "2020-03-05",
      version: 1,
    });
    expect(
      (await tayho.get(`/api/v1/pets?unitId=${ward}&q=muop%20vang`)).body.pets.map((p: any) => p.id),
    ).toEqual([pet.id]);
    expect((await tayho.get(`/api/v1/pets?unitId=${ward}&q=001`)).body.total).toBe(1);
    const bad = await tayho.post("/api/v1/pets", { villageId: villages[0]!.id, name: "", legs: 9 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields).toMatchObject({
      name: "Nhập tên con vật",
      legs: "Số chân tối đa 8",
    });

    const household = (await tayho.get(`/api/v1/households?unitId=${villages[1]!.id}`)).body.households[0];
    const moved = await tayho.patch(`/api/v1/pets/${pet.id}`, {
      villageId: villages[1]!.id,
      species: "dog",
      householdId: household.id,
      version: pet.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.pet).toMatchObject({ species: "dog", householdId: household.id, version: 2 });
    const stale = await tayho.patch(`/api/v1/pets/${pet.id}`, { legs: 3, version: pet.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.stale.currentVersion).toBe(2);

    const maokhe = await t.as("maokhe");
    const foreign = (await maokhe.get(`/api/v1/households?unitId=${await t.unitId("07069")}`)).body
      .households[0];
    const across = await tayho.patch(`/api/v1/pets/${pet.id}`, { householdId: foreign.id, version: 2 });
    expect(across.status).toBe(422);
    expect(Object.keys(across.body.error.details.fields)).toEqual(["householdId"]);
    expect((await maokhe.get(`/api/v1/pets/${pet.id}`)).status).toBe(404);
    expect((await maokhe.get(`/api/v1/pets?unitId=${ward}`)).status).toBe(404);

    expect((await tayho.post(`/api/v1/pets/${pet.id}/archive`, { reason: "bogus" })).status).toBe(422);
    expect((await tayho.post(`/api/v1/pets/${pet.id}/archive`, { reason: "lost" })).status).toBe(204);
    const archived = (await tayho.get(`/api/v1/pets?unitId=${ward}&archived=1`)).body.pets;
    expect(archived.map((p: any) => [p.id, p.archivedReason])).toEqual([[pet.id, "lost"]]);
    const audit = (await tayho.get("/api/v1/audit")).body.entries
      .filter((e: any) => e.entity === "pet")
      .map((e: any) => e.action);
    expect(audit).toEqual(["archive", "update", "create"]);
  });

  it("imports a file: dry run and real run alike, dates and choices as officers write them, and back out", async () => {
    // In another commune than the test above, so that the numbering starts afresh.
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const [v1, v2] = (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units;
    const header = "Mã vật nuôi,Thôn,Tên con vật,Loài,Ngày sinh,Số chân";
    const faulty = `${header}\nP01,${v1!.name},Vàng,Chó,31/02/2021,4\nP02,${v1!.name},${"X".repeat(101)},Rồng,,4\nP01,${v2!.name},Đen,,,4\n`;
    const dryFaulty = (await uploadRegistry(maokhe, "pets", commune, faulty, true)).body;
    const realFaulty = (await uploadRegistry(maokhe, "pets", commune, faulty, false)).body;
    expect(dryFaulty.errors.map((e: any) => `${e.row} ${e.column}`)).toEqual([
      "2 Ngày sinh",
      "3 Tên con vật",
      "3 Loài",
      "4 Mã vật nuôi",
    ]);
    expect(dryFaulty.errors[3].message).toBe('Vật nuôi "P01" trùng với dòng 2');
    expect({ ...realFaulty, dryRun: true }).toEqual(dryFaulty);

    const clean = `DANH SÁCH VẬT NUÔI\n${header}\nP01,${v1!.name},Vàng,Chó,05/03/2020,4\nP02,${v1!.name},Mun,con mèo,,4\n,${v2!.name},Trâu Cả,Trâu,1.1.2015,4\n`;
    const dry = (await uploadRegistry(maokhe, "pets", commune, clean, true)).body;
    expect(dry).toMatchObject({ dryRun: true, total: 3, created: 3, errors: [] });
    expect((await maokhe.get(`/api/v1/pets?unitId=${commune}`)).body.total).toBe(0);
    const real = (await uploadRegistry(maokhe, "pets", commune, clean, false)).body;
    expect({ ...real, dryRun: true }).toEqual(dry);
    const pets = (await maokhe.get(`/api/v1/pets?unitId=${commune}`)).body.pets;
    expect(pets.map((p: any) => [p.code, p.name, p.species, p.born])).toEqual([
      ["P01", "Vàng", "dog", "2020-03-05"],
      ["P02", "Mun", "cat", null],
      ["001", "Trâu Cả", "buffalo", "2015-01-01"],
    ]);
    const changed = `${header}\nP01,${v1!.name},Vàng,Chó,05/03/2020,3\nP02,${v1!.name},Mun,,,4\n`;
    const again = (await uploadRegistry(maokhe, "pets", commune, changed, true)).body;
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(again.changes).toEqual([
      { row: 2, key: "P01", fields: [{ column: "Số chân", from: "4", to: "3" }] },
    ]);

    expect((await maokhe.get("/api/v1/pets/template.xlsx")).status).toBe(200);
    const exported = await maokhe.get(`/api/v1/pets/export.xlsx?unitId=${commune}`);
    expect(exported.status).toBe(200);
    const back = await uploadRegistry(maokhe, "pets", commune, new Uint8Array(exported.body), true, "x.xlsx");
    expect(back.body).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 3 });
  });
});
