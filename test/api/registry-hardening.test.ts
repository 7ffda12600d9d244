/**
 * The registry engine under the faults officers and their colleagues cause: two people saving the same record,
 * a household linked to another commune's clan, a cell longer than the form allows, a file with errors checked
 * first and then imported, a file that changes existing rows, households without a code, the head's sex.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { uploadRegistry } from "../helpers/registry";

describeEachEngine("registry engine hardening", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let maokhe: ApiClient;
  let ward: number;
  let maoKhe: number;
  let villages: { id: number; name: string }[];
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    maokhe = await t.as("maokhe");
    ward = await t.unitId("00103");
    maoKhe = await t.unitId("07069");
    villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units;
  });
  afterAll(() => t.close());

  const newHousehold = async (headName: string) => {
    const created = await tayho.post("/api/v1/households", {
      villageId: villages[0]!.id,
      headName,
      members: 2,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.household;
  };

  it("of two saves from the same version, exactly one succeeds and the other answers 409 (100 pairs each)", async () => {
    const household = await newHousehold("Phạm Văn Song");
    const clan = (
      await tayho.post("/api/v1/clans", { communeId: ward, name: "Họ Song", headName: "Song An" })
    ).body.clan;
    const targets = [
      {
        path: `/api/v1/households/${household.id}`,
        key: "household",
        body: (i: number) => ({ members: 1 + (i % 9) }),
      },
      { path: `/api/v1/clans/${clan.id}`, key: "clan", body: (i: number) => ({ headName: `Song ${i}` }) },
    ];
    for (const target of targets) {
      let version = (await tayho.get(target.path)).body[target.key].version;
      const outcomes: string[] = [];
      for (let pair = 0; pair < 100; pair++) {
        const [a, b] = await Promise.all([
          tayho.patch(target.path, { ...target.body(2 * pair), version }),
          tayho.patch(target.path, { ...target.body(2 * pair + 1), version }),
        ]);
        outcomes.push([a.status, b.status].sort().join(" "));
        const refused = a.status === 409 ? a : b;
        expect(refused.body.error.code).toBe("conflict");
        expect(refused.body.error.details.stale).toMatchObject({
          currentVersion: version + 1,
          changedBy: expect.stringContaining("Cán bộ phường Tây Hồ"),
        });
        version++;
      }
      expect(outcomes.filter((o) => o !== "200 409")).toEqual([]);
      expect((await tayho.get(target.path)).body[target.key].version).toBe(version);
    }
  }, 240_000);

  it("refuses another commune's clan for a household with 422 naming clanId, for any caller", async () => {
    const household = await newHousehold("Lê Thị Liên Kết");
    const foreign = (
      await maokhe.post("/api/v1/clans", { communeId: maoKhe, name: "Họ Ngoài", headName: "Ngoài Văn A" })
    ).body.clan;
    const own = (
      await tayho.post("/api/v1/clans", { communeId: ward, name: "Họ Trong", headName: "Trong B" })
    ).body.clan;
    const admin = await t.as("quantri");
    for (const client of [tayho, admin]) {
      const linked = await client.patch(`/api/v1/households/${household.id}`, {
        clanId: foreign.id,
        version: household.version,
      });
      expect(linked.status, JSON.stringify(linked.body)).toBe(422);
      expect(Object.keys(linked.body.error.details.fields)).toEqual(["clanId"]);
    }
    const created = await tayho.post("/api/v1/households", {
      villageId: villages[0]!.id,
      headName: "Hộ Mới",
      members: 1,
      clanId: foreign.id,
    });
    expect(created.status).toBe(422);
    expect(created.body.error.details.fields.clanId).toBeTruthy();
    const ok = await tayho.patch(`/api/v1/households/${household.id}`, {
      clanId: own.id,
      version: household.version,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await tayho.get(`/api/v1/clans/${own.id}`)).body.clan.householdIds).toEqual([household.id]);
  });

  it("refuses an import cell longer than the API allows, naming the row and the column", async () => {
    const village = villages[0]!.name;
    const long = "Nguyễn ".repeat(5000).slice(0, 32_767);
    const file = [
      "Mã hộ,Thôn,Họ và tên chủ hộ,Địa chỉ,Số nhân khẩu",
      `L001,${village},Nguyễn Văn Ngắn,,3`,
      `L002,${village},${long},,3`,
      `L003,${village},Trần Văn Địa,${"x".repeat(301)},3`,
    ].join("\n");
    const report = (await uploadRegistry(tayho, "households", ward, file, false)).body;
    expect(report.errors).toEqual([
      { row: 3, column: "Họ và tên chủ hộ", message: "Chủ hộ tối đa 200 ký tự" },
      { row: 4, column: "Địa chỉ", message: "Địa chỉ tối đa 300 ký tự" },
    ]);
    expect(report.created).toBe(0);
    const clans = (
      await uploadRegistry(tayho, "clans", ward, `Tên dòng họ,Trưởng họ\n${"H".repeat(201)},A\n`, true)
    ).body;
    expect(clans.errors).toEqual([
      { row: 2, column: "Tên dòng họ", message: "Tên dòng họ tối đa 200 ký tự" },
    ]);
  });

  it("reports the same errors for a file with errors in the dry run and in the real run, and writes nothing", async () => {
    const [v1] = villages;
    const file = [
      "Mã hộ,Thôn,Họ và tên chủ hộ,Giới tính chủ hộ,Số nhân khẩu,Điện thoại",
      `E001,${v1!.name},Đỗ Văn Một,Nam,3,`,
      `E001,${v1!.name},Đỗ Văn Hai,Nữ,3,`,
      `E003,Thôn Không Có,Đỗ Văn Ba,,3,`,
      `E004,${v1!.name},,,3,`,
      `E005,${v1!.name},Đỗ Văn Năm,X,100,12`,
      `E 6,${v1!.name},Đỗ Văn Sáu,,1.5,`,
    ].join("\n");
    const before = (await tayho.get(`/api/v1/households?unitId=${ward}&limit=1`)).body.total;
    const dry = (await uploadRegistry(tayho, "households", ward, file, true)).body;
    const real = (await uploadRegistry(tayho, "households", ward, file, false)).body;
    expect(dry.errors.map((e: any) => `${e.row} ${e.column}`)).toEqual([
      "3 Mã hộ",
      "4 Thôn, tổ dân phố",
      "5 Họ và tên chủ hộ",
      "6 Giới tính chủ hộ",
      "6 Số nhân khẩu",
      "6 Điện thoại",
      "7 Mã hộ",
      "7 Số nhân khẩu",
    ]);
    expect(dry.errors[0].message).toBe('Hộ gia đình "E001" trùng với dòng 2');
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect(real).toMatchObject({ created: 0, updated: 0, unchanged: 0, changes: [] });
    expect((await tayho.get(`/api/v1/households?unitId=${ward}&limit=1`)).body.total).toBe(before);
  });

  it("lists in the dry run each row it would update with the changed fields, old → new, as the real run does", async () => {
    const [v1, v2] = villages;
    const header = "Mã hộ,Thôn,Họ và tên chủ hộ,Giới tính chủ hộ,Số nhân khẩu,Điện thoại";
    const first = [
      header,
      `C001,${v1!.name},Vũ Văn Cũ,Nam,4,0912345678`,
      `C002,${v1!.name},Vũ Thị Hai,Nữ,3,0987654321`,
      `C003,${v2!.name},Vũ Văn Ba,,2,`,
    ].join("\n");
    expect((await uploadRegistry(tayho, "households", ward, first, false)).body).toMatchObject({
      created: 3,
    });
    const second = [
      header,
      `C001,${v2!.name},Vũ Văn Cũ,Nam,5,0912345678`,
      `C002,${v1!.name},Vũ Thị Hai,,3,`,
      `C003,${v2!.name},Vũ Văn Ba,,2,`,
      `C004,${v2!.name},Vũ Văn Tư,Nam,1,`,
    ].join("\n");
    const dry = (await uploadRegistry(tayho, "households", ward, second, true)).body;
    expect(dry).toMatchObject({ dryRun: true, created: 1, updated: 2, unchanged: 1, errors: [] });
    expect(dry.changes).toEqual([
      {
        row: 2,
        key: "C001",
        fields: [
          { column: "Thôn, tổ dân phố", from: v1!.name, to: v2!.name },
          { column: "Số nhân khẩu", from: "4", to: "5" },
        ],
      },
      // An empty "Giới tính chủ hộ" keeps what is recorded; an empty phone clears it.
      { row: 3, key: "C002", fields: [{ column: "Điện thoại", from: "0987654321", to: "" }] },
    ]);
    const unchanged = (await tayho.get(`/api/v1/households?unitId=${ward}&q=C001`)).body.households[0];
    expect(unchanged).toMatchObject({ members: 4, village: { id: v1!.id } });
    const real = (await uploadRegistry(tayho, "households", ward, second, false)).body;
    expect({ ...real, dryRun: true }).toEqual(dry);
    const changed = (await tayho.get(`/api/v1/households?unitId=${ward}&q=C002`)).body.households[0];
    expect(changed).toMatchObject({ headSex: "female", phone: null });
  });

  it("fills a blank household code with the next free code, in the form and in the import alike", async () => {
    const commune = await t.unitId("07069");
    const list = async () =>
      (await maokhe.get(`/api/v1/households?unitId=${commune}&limit=500`)).body.households;
    const highest = Math.max(...(await list()).map((h: any) => Number(h.code)).filter(Number.isFinite));
    const village = (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units[0];
    const byForm = await maokhe.post("/api/v1/households", {
      villageId: village.id,
      headName: "Mai Văn Tự",
      members: 2,
    });
    expect(byForm.body.household.code).toBe(String(highest + 1).padStart(4, "0"));
    const explicit = String(highest + 5).padStart(4, "0");
    const file = [
      "Mã hộ,Thôn,Họ và tên chủ hộ,Số nhân khẩu",
      `,${village.name},Mai Thị Một,2`,
      `${explicit},${village.name},Mai Thị Hai,2`,
      `,${village.name},Mai Thị Ba,2`,
    ].join("\n");
    const dry = (await uploadRegistry(maokhe, "households", commune, file, true)).body;
    expect(dry).toMatchObject({ created: 3, errors: [] });
    const real = (await uploadRegistry(maokhe, "households", commune, file, false)).body;
    expect(real).toMatchObject({ created: 3, errors: [] });
    const codes = Object.fromEntries((await list()).map((h: any) => [h.headName, h.code]));
    expect([codes["Mai Thị Một"], codes["Mai Thị Hai"], codes["Mai Thị Ba"]]).toEqual([
      String(highest + 6).padStart(4, "0"),
      explicit,
      String(highest + 7).padStart(4, "0"),
    ]);
    const next = await maokhe.post("/api/v1/households", {
      villageId: village.id,
      headName: "Mai Văn Sau",
      members: 1,
    });
    expect(next.body.household.code).toBe(String(highest + 8).padStart(4, "0"));
  });

  it("records the head's sex from the form and from files (Nam, Nữ in any case, blank), and exports it", async () => {
    const created = await tayho.post("/api/v1/households", {
      villageId: villages[0]!.id,
      headName: "Hoàng Thị Giới",
      members: 2,
      headSex: "female",
    });
    expect(created.body.household.headSex).toBe("female");
    const edited = await tayho.patch(`/api/v1/households/${created.body.household.id}`, {
      headSex: null,
      version: created.body.household.version,
    });
    expect(edited.body.household.headSex).toBeNull();
    const village = villages[1]!.name;
    const file = [
      "Mã hộ,Thôn,Họ và tên chủ hộ,Giới tính chủ hộ,Số nhân khẩu",
      `S001,${village},Hoàng Văn A,Nam,2`,
      `S002,${village},Hoàng Thị B,Nữ,2`,
      `S003,${village},Hoàng Văn C,nam,2`,
      `S004,${village},Hoàng Thị D,nữ,2`,
      `S005,${village},Hoàng E,,2`,
    ].join("\n");
    expect((await uploadRegistry(tayho, "households", ward, file, false)).body).toMatchObject({
      created: 5,
      errors: [],
    });
    const sexes = (await tayho.get(`/api/v1/households?unitId=${ward}&q=hoang&limit=50`)).body.households
      .filter((h: any) => h.code.startsWith("S00"))
      .map((h: any) => h.headSex);
    expect(sexes).toEqual(["male", "female", "male", "female", null]);
    const template = await tayho.get("/api/v1/households/template.xlsx");
    expect(template.status).toBe(200);
    const exported = await tayho.get(`/api/v1/households/export.xlsx?unitId=${villages[1]!.id}`);
    const back = await uploadRegistry(
      tayho,
      "households",
      ward,
      new Uint8Array(exported.body),
      true,
      "x.xlsx",
    );
    expect(back.body).toMatchObject({ errors: [], created: 0, updated: 0 });
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body);
    const sheet = workbook.worksheets[0]!;
    const header: string[] = [];
    sheet.getRow(1).eachCell((cell) => header.push(cell.text));
    expect(header).toContain("Giới tính chủ hộ");
    const sexColumn = header.indexOf("Giới tính chủ hộ") + 1;
    const values = [];
    for (let r = 2; r <= sheet.rowCount; r++) values.push(sheet.getRow(r).getCell(sexColumn).text);
    expect(values).toEqual(expect.arrayContaining(["Nam", "Nữ"]));
  });
});
