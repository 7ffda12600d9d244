import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../../../../test/helpers/api";
import { describeEachEngine } from "../../../../test/helpers/db";

describeEachEngine("territory API", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("Phường Tây Hồ lists Phường Bưởi in full and parts of eight other wards as predecessors", async () => {
    const hanoi = await t.as("hanoi");
    const { status, body } = await hanoi.get(`/api/v1/units/${await t.unitId("00103")}`);
    expect(status).toBe(200);
    const links = body.unit.predecessors.map((p: any) => [p.unit.name, p.coverage, p.kind]);
    expect(links).toEqual([
      ["Phường Bưởi", "full", "merge"],
      ["Phường Nghĩa Đô", "partial", "split"],
      ["Phường Nhật Tân", "partial", "split"],
      ["Phường Phú Thượng", "partial", "split"],
      ["Phường Quảng An", "partial", "split"],
      ["Phường Thụy Khuê", "partial", "split"],
      ["Phường Tứ Liên", "partial", "split"],
      ["Phường Xuân La", "partial", "split"],
      ["Phường Yên Phụ", "partial", "split"],
    ]);
    expect(body.unit.ancestors.map((a: any) => a.name)).toEqual(["Thành phố Hà Nội"]);
    expect(body.unit.predecessors[0].effectiveDate).toBe("2025-07-01");
  });

  it("old Quận Tây Hồ's wards list their 2025 successors", async () => {
    const hanoi = await t.as("hanoi");
    const district = await t.unitId("003", { old: true, level: "district" });
    const wards = await hanoi.get(`/api/v1/units/${district}/children?date=2025-03-01`);
    expect(wards.body.units.map((w: any) => w.name)).toEqual([
      "Phường Bưởi",
      "Phường Nhật Tân",
      "Phường Phú Thượng",
      "Phường Quảng An",
      "Phường Thụy Khuê",
      "Phường Tứ Liên",
      "Phường Xuân La",
      "Phường Yên Phụ",
    ]);
    const successorsOf = async (name: string) => {
      const ward = wards.body.units.find((w: any) => w.name === name);
      const { body } = await hanoi.get(`/api/v1/units/${ward.id}`);
      return body.unit.successors.map((s: any) => `${s.unit.name} (${s.coverage})`);
    };
    expect(await successorsOf("Phường Bưởi")).toEqual(["Phường Tây Hồ (full)"]);
    expect(await successorsOf("Phường Nhật Tân")).toEqual([
      "Phường Hồng Hà (partial)",
      "Phường Tây Hồ (partial)",
    ]);
    // The district has no children after the reform: its wards ended on 1 July 2025.
    expect((await hanoi.get(`/api/v1/units/${district}/children?date=2025-07-01`)).body.units).toEqual([]);
  });

  it("the tree follows the boundaries of the chosen date", async () => {
    const hanoi = await t.as("hanoi");
    const now = await hanoi.get("/api/v1/units/roots");
    expect(now.body.units.map((u: any) => u.name)).toEqual(["Thành phố Hà Nội"]);
    const before = await hanoi.get("/api/v1/units/roots?date=2025-03-01");
    expect(before.body.units).toHaveLength(1);
    const old = await hanoi.get(`/api/v1/units/${before.body.units[0].id}/children?date=2025-03-01`);
    expect(old.body.units.map((u: any) => u.name)).toContain("Quận Tây Hồ");
    const current = await hanoi.get(`/api/v1/units/${now.body.units[0].id}/children`);
    expect(current.body.units.map((u: any) => u.name)).toContain("Phường Tây Hồ");
    expect(current.body.units.map((u: any) => u.name)).not.toContain("Quận Tây Hồ");
  });

  it("search ignores diacritics and case, and stays in scope", async () => {
    const hanoi = await t.as("hanoi");
    for (const q of ["tay ho", "TÂY HỒ", "Tay Hồ"]) {
      const { body } = await hanoi.get(`/api/v1/units/search?q=${encodeURIComponent(q)}`);
      expect(body.units.map((u: any) => u.name)).toEqual(["Phường Tây Hồ"]);
    }
    const anyDate = await hanoi.get("/api/v1/units/search?q=tay%20ho&anyDate=1");
    expect(anyDate.body.units.map((u: any) => u.name)).toEqual(["Phường Tây Hồ", "Quận Tây Hồ"]);
    const maokhe = await t.as("maokhe");
    expect((await maokhe.get("/api/v1/units/search?q=tay%20ho&anyDate=1")).body.units).toEqual([]);
    const hcm = await t.as("hcm");
    expect((await hcm.get("/api/v1/units/search?q=dien%20hong")).body.units[0].name).toBe("Phường Diên Hồng");
  });

  it("a commune user creates, renames, merges and retires villages, each audited", async () => {
    const tayho = await t.as("tayho");
    const commune = await t.unitId("00103");
    const created = await tayho.post(`/api/v1/units/${commune}/villages`, {
      name: "Tổ dân phố số 9",
      kind: "Tổ dân phố",
    });
    expect(created.status).toBe(201);
    const id = created.body.unit.id;
    expect(created.body.unit.code).toBe("04");
    const version = async (unitId: number) => (await tayho.get(`/api/v1/units/${unitId}`)).body.unit.version;
    expect(
      (await tayho.patch(`/api/v1/units/${id}`, { name: "Tổ dân phố Ven Hồ", version: await version(id) }))
        .status,
    ).toBe(204);
    const other = (await tayho.get(`/api/v1/units/${commune}/children`)).body.units.find(
      (u: any) => u.name === "Tổ dân phố số 1",
    );
    const merge = { intoId: other.id, date: "2026-01-01", version: await version(id) };
    expect((await tayho.post(`/api/v1/units/${id}/merge`, merge)).status).toBe(204);
    const merged = (await tayho.get(`/api/v1/units/${other.id}`)).body.unit;
    expect(merged.predecessors.map((p: any) => p.unit.name)).toEqual(["Tổ dân phố Ven Hồ"]);
    const retire = { date: "2026-06-01", version: merged.version };
    expect((await tayho.post(`/api/v1/units/${other.id}/retire`, retire)).status).toBe(204);
    const audit = (await tayho.get("/api/v1/audit")).body.entries.map((e: any) => e.action);
    expect(audit.slice(0, 4)).toEqual(["retire", "merge", "rename", "create"]);
    const rename = (await tayho.get("/api/v1/audit")).body.entries.find((e: any) => e.action === "rename");
    expect(rename).toMatchObject({
      before: { name: "Tổ dân phố số 9" },
      after: { name: "Tổ dân phố Ven Hồ" },
    });
  });

  it("official units cannot be edited in the app, and bad input is named in Vietnamese", async () => {
    const tayho = await t.as("tayho");
    const commune = await t.unitId("00103");
    const rename = await tayho.patch(`/api/v1/units/${commune}`, { name: "Phường Mới", version: 1 });
    expect(rename.status).toBe(422);
    expect(rename.body.error.message).toContain("Chỉ thôn, tổ dân phố");
    const empty = await tayho.post(`/api/v1/units/${commune}/villages`, { name: "", kind: "Làng" });
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.body.error.details.fields).sort()).toEqual(["kind", "name"]);
    expect(empty.body.error.details.fields.name).toBe("Tên không được để trống");
  });

  it("imports villages from Excel-like CSV: dry run, all or nothing, idempotent", async () => {
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const upload = (text: string, dryRun: string) => {
      const form = new FormData();
      form.append("file", new File([text], "thon.csv", { type: "text/csv" }));
      return maokhe.request("POST", `/api/v1/units/${commune}/villages/import?dryRun=${dryRun}`, form);
    };
    const good =
      "DANH SÁCH KHU PHỐ\nMa,TEN THON TO DAN PHO,loai\nKP4,Khu phố 4,Khu phố\n,Khu phố 5,khu pho\n";
    const bad = `${good}KP4,Khu phố 6,Khu phố\n,Khu phố 7,Làng\n`;
    const before = (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length;
    const failed = await upload(bad, "0");
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [5, "Mã"],
      [6, "Loại"],
    ]);
    expect((await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length).toBe(before);
    expect((await upload(good, "1")).body).toMatchObject({ dryRun: true, created: 2, errors: [] });
    expect((await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length).toBe(before);
    expect((await upload(good, "0")).body).toMatchObject({ dryRun: false, created: 2, errors: [] });
    expect((await upload(good, "0")).body).toMatchObject({ created: 0, unchanged: 2 });
    expect((await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length).toBe(before + 2);
  });

  it("imports villages from an .xlsx with a merged title row above the header", async () => {
    const hcm = await t.as("hcm");
    const ward = await t.unitId("27238");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("KP");
    sheet.addRow(["ỦY BAN NHÂN DÂN PHƯỜNG MINH PHỤNG"]);
    sheet.mergeCells("A1:C1");
    sheet.addRow([]);
    sheet.addRow(["STT", "Tên thôn, tổ dân phố", "Loại"]);
    sheet.addRow([1, "Khu phố 7", "Khu phố"]);
    sheet.addRow([2, "Khu phố 8", "Khu phố"]);
    const form = new FormData();
    form.append("file", new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "kp.xlsx"));
    const report = await hcm.request("POST", `/api/v1/units/${ward}/villages/import?dryRun=0`, form);
    expect(report.body).toMatchObject({ total: 2, created: 2, errors: [] });
    const names = (await hcm.get(`/api/v1/units/${ward}/children`)).body.units.map((u: any) => u.name);
    expect(names).toEqual(expect.arrayContaining(["Khu phố 7", "Khu phố 8"]));
    const template = await hcm.get("/api/v1/units/villages/template.xlsx");
    expect(template.status).toBe(200);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(template.body as ArrayBuffer);
    expect(read.worksheets[0]!.getRow(2).values).toEqual([undefined, "Mã", "Tên thôn, tổ dân phố", "Loại"]);
  });

  it("an untouched template imports no village; a row typed below the header does; the examples stay on “Hướng dẫn”", async () => {
    const hcm = await t.as("hcm");
    const ward = await t.unitId("27238");
    const template = await hcm.get("/api/v1/units/villages/template.xlsx");
    const upload = async (bytes: ArrayBuffer | Buffer, dryRun: string) => {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(bytes)], "mau.xlsx"));
      return hcm.request("POST", `/api/v1/units/${ward}/villages/import?dryRun=${dryRun}`, form);
    };
    expect((await upload(template.body, "1")).body).toMatchObject({ total: 0, created: 0, errors: [] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Danh sách", "Hướng dẫn"]);
    const help = workbook.getWorksheet("Hướng dẫn")!;
    const helpTexts: string[] = [];
    help.eachRow((row) => {
      helpTexts.push((row.values as unknown[]).slice(1).map(String).join("|"));
    });
    expect(helpTexts).toContain("01|Tổ dân phố số 1|Tổ dân phố");
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).cellCount).toBe(0); // nothing below the header to type over
    sheet.getRow(3).values = ["KP20", "Khu phố 20", "Khu phố"];
    const report = await upload(await workbook.xlsx.writeBuffer(), "1");
    expect(report.body).toMatchObject({ total: 1, created: 1, errors: [] });
  });

  it("a village name longer than the API allows is refused by the dry run and the real run alike, naming the row", async () => {
    const maokhe = await t.as("maokhe");
    const commune = await t.unitId("07069");
    const before = (await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length;
    const text = `Mã,"Tên thôn, tổ dân phố",Loại\n,Khu phố Mới 1,Khu phố\n,${"Thôn".repeat(60)},Khu phố\n`;
    const upload = (dryRun: string) => {
      const form = new FormData();
      form.append("file", new File([text], "thon.csv", { type: "text/csv" }));
      return maokhe.request("POST", `/api/v1/units/${commune}/villages/import?dryRun=${dryRun}`, form);
    };
    const dry = await upload("1");
    const real = await upload("0");
    expect(dry.status).toBe(422);
    expect(dry.body.error.details.rows).toEqual([
      { row: 3, column: "Tên thôn, tổ dân phố", message: "Ô dài 240 ký tự, quá giới hạn 200 ký tự" },
    ]);
    expect(real.body).toEqual(dry.body);
    expect((await maokhe.get(`/api/v1/units/${commune}/children`)).body.units.length).toBe(before);
  });
});
