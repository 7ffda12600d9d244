/** The organisation registry: forms, search without diacritics, moves, archive, and the Excel/CSV import. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { unicodeToTcvn3 } from "../../src/server/lib/legacy-vietnamese";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { expectExportImportsBack, uploadRegistry } from "../helpers/registry";

describeEachEngine("organisation registry", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    ward = await t.unitId("00103");
  });
  afterAll(() => t.close());

  it("creates, finds without diacritics or by code, moves and archives an organisation, audited", async () => {
    const created = await tayho.post("/api/v1/organizations", {
      unitId: ward,
      name: "Trường  Tiểu học Quảng An",
      kind: "school",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.organization.id;
    expect(created.body.organization).toMatchObject({
      code: "001",
      name: "Trường Tiểu học Quảng An",
      unit: { id: ward, level: "commune" },
    });
    const byName = (await tayho.get(`/api/v1/organizations?unitId=${ward}&q=tieu%20hoc%20quang`)).body;
    expect(byName.organizations.map((o: any) => o.id)).toEqual([id]);
    const byCode = (await tayho.get(`/api/v1/organizations?unitId=${ward}&q=001`)).body;
    expect(byCode.organizations.map((o: any) => o.id)).toEqual([id]);
    const duplicate = await tayho.post("/api/v1/organizations", {
      unitId: ward,
      code: "001",
      name: "Khác",
      kind: "other",
    });
    expect(duplicate.status).toBe(409);
    const villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
    const moved = await tayho.patch(`/api/v1/organizations/${id}`, {
      version: created.body.organization.version,
      unitId: villages[0].id,
      kind: "agency",
    });
    expect(moved.body.organization).toMatchObject({ kind: "agency", unit: { id: villages[0].id } });
    expect(
      (await tayho.get(`/api/v1/organizations?unitId=${villages[0].id}`)).body.organizations.map(
        (o: any) => o.id,
      ),
    ).toEqual([id]);

    const maokhe = await t.as("maokhe");
    const maoKhe = await t.unitId("07069");
    expect((await maokhe.get(`/api/v1/organizations/${id}`)).status).toBe(404);
    expect((await maokhe.patch(`/api/v1/organizations/${id}`, { name: "X", version: 1 })).status).toBe(404);
    expect((await maokhe.post(`/api/v1/organizations/${id}/archive`)).status).toBe(404);
    const across = await tayho.patch(`/api/v1/organizations/${id}`, { unitId: maoKhe, version: 2 });
    expect(across.status).toBe(404);

    expect((await tayho.post(`/api/v1/organizations/${id}/archive`)).status).toBe(204);
    expect((await tayho.get(`/api/v1/organizations?unitId=${ward}`)).body.organizations).toEqual([]);
    const audit = (await tayho.get("/api/v1/audit")).body.entries
      .slice(0, 3)
      .map((e: any) => `${e.action} ${e.entity}`);
    expect(audit).toEqual(["archive organization", "update organization", "create organization"]);
  });

  it("imports a file with a TCVN3 column all or nothing, dry run first, and again changes nothing", async () => {
    const maoKhe = await t.unitId("07069");
    const maokhe = await t.as("maokhe");
    const village = (await maokhe.get(`/api/v1/units/${maoKhe}/children`)).body.units[0].name;
    const rows = [
      ["TH01", "Trường Tiểu học Mạo Khê", "Trường học", ""],
      ["UB01", "Ủy ban nhân dân phường Mạo Khê", "Cơ quan", ""],
      ["DN01", "Công ty Than Mạo Khê", "doanh nghiep", village],
      ["HTX1", "Hợp tác xã Đức Thịnh", "Khác", village],
    ];
    const line = (r: string[]) => [r[0], unicodeToTcvn3(r[1]!), r[2], r[3]].join(",");
    const header = "Ma don vi,Ten co quan,Loai hinh,Thon";
    const clean = `DANH SÁCH CƠ QUAN\n${header}\n${rows.map(line).join("\n")}\n`;
    const faulty = `${header}\n${rows.map(line).join("\n")}\nTH01,Trường khác,Trường học,\nXX,Nơi nào,Bệnh viện,Thôn Không Có\n`;
    const refused = await uploadRegistry(maokhe, "organizations", maoKhe, faulty, false);
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.errors.map((e: any) => `${e.row} ${e.column}`)).toEqual([
      "6 Mã đơn vị",
      "7 Loại hình",
      "7 Thôn, tổ dân phố",
    ]);
    expect((await maokhe.get(`/api/v1/organizations?unitId=${maoKhe}`)).body.total).toBe(0);

    const dry = await uploadRegistry(maokhe, "organizations", maoKhe, clean, true);
    expect(dry.body).toMatchObject({ total: 4, created: 4, errors: [], converted: { name: "tcvn3" } });
    expect((await maokhe.get(`/api/v1/organizations?unitId=${maoKhe}`)).body.total).toBe(0);
    const imported = await uploadRegistry(maokhe, "organizations", maoKhe, clean, false);
    expect(imported.body).toMatchObject({ created: 4, updated: 0, errors: [] });
    const found = (await maokhe.get(`/api/v1/organizations?unitId=${maoKhe}&q=duc%20thinh`)).body
      .organizations;
    expect(found.map((o: any) => [o.code, o.name, o.kind, o.unit.name])).toEqual([
      ["HTX1", "Hợp tác xã Đức Thịnh", "other", village],
    ]);
    const again = await uploadRegistry(maokhe, "organizations", maoKhe, clean, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect((await maokhe.get("/api/v1/audit")).body.entries[0]).toMatchObject({
      action: "import",
      entity: "organization",
    });
    expect((await uploadRegistry(tayho, "organizations", maoKhe, clean, true)).status).toBe(404);
  });

  it("exports what it imports, and the export imports back unchanged", async () => {
    const maokhe = await t.as("maokhe");
    expect(await expectExportImportsBack(maokhe, "organizations", await t.unitId("07069"))).toBe(4);
  });
});
