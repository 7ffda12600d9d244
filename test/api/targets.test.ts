/**
 * Targets (chỉ tiêu): the national programmes are seeded with their legal basis; a province's own target is
 * inherited by its communes and overrides the national one, a commune's overrides the province's; only unit
 * admins of the unit or above may set them, every change is audited, and the roll-up reports progress with the
 * status computed exactly at the boundary values.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetStatus } from "../../src/server/modules/stats/target-progress";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describe("target status", () => {
  it("compares in hundredths of a percent", () => {
    expect(targetStatus(70, 70)).toBe("met");
    expect(targetStatus(70.01, 70)).toBe("exceeded");
    expect(targetStatus(69.99, 70)).toBe("not_met");
    expect(targetStatus(100, 100)).toBe("met");
    expect(targetStatus(0, 0)).toBe("met");
    expect(targetStatus(null, 70)).toBeNull();
    // Floating-point noise does not move a value across the boundary.
    expect(targetStatus(0.1 + 0.2, 0.3)).toBe("met");
  });
});

describeEachEngine("targets", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let tayho: ApiClient;
  let province: number;
  let ward: number;
  let otherWard: number;
  let provinceTarget: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    tayho = await t.as("tayho");
    province = await t.unitId("01", { level: "province" });
    ward = await t.unitId("00103");
    otherWard = await t.unitId("00091");
  });
  afterAll(() => t.close());

  const resolved = async (client: ApiClient, unitId: number, year: number) => {
    const response = await client.get(`/api/v1/targets?unitId=${unitId}&year=${year}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const familyTarget = (body: any) =>
    body.resolved.find((r: any) => r.title === "learning_family" && r.metric === "recognizedRate")?.target;

  it("seeds the national targets with their legal basis", async () => {
    const body = await resolved(tayho, ward, 2025);
    const national = body.targets.filter((x: any) => x.source === "national" && x.variant === "standard");
    const value = (title: string, year: number) =>
      national.find((x: any) => x.title === title && x.year === year)?.value;
    expect(value("learning_family", 2025)).toBe(70);
    expect(value("learning_family", 2030)).toBe(80);
    expect(value("learning_clan", 2025)).toBe(65);
    expect(value("learning_clan", 2030)).toBe(75);
    expect(value("learning_community_village", 2025)).toBe(65);
    expect(value("learning_community_village", 2030)).toBe(75);
    expect(value("learning_organization", 2025)).toBe(80);
    expect(value("learning_organization", 2030)).toBe(90);
    expect(value("learning_citizen", 2025)).toBe(40);
    expect(value("learning_citizen", 2030)).toBe(60);
    expect(value("learning_family", 2020)).toBe(70); // QĐ 281/2014
    expect(value("learning_clan", 2020)).toBe(50);
    const family2025 = familyTarget(body);
    expect(family2025).toMatchObject({ year: 2025, value: 70, source: "national", unit: null });
    expect(family2025.basis).toMatchObject({
      number: "387/QĐ-TTg",
      signedOn: "2022-03-25",
      issuer: "Thủ tướng Chính phủ",
      confirmed: true,
    });
    expect(family2025.basis.text).toBe("QĐ 387/QĐ-TTg ngày 25/03/2022 của Thủ tướng Chính phủ");
    const citizen = body.resolved.find((r: any) => r.title === "learning_citizen").target;
    expect(citizen.basis.number).toBe("677/QĐ-TTg");
    const old = national.find((x: any) => x.year === 2020 && x.title === "learning_family");
    expect(old.basis).toMatchObject({ number: "281/QĐ-TTg", confirmed: false });
    // No national figure for the commune-level community: no target rather than an invented one.
    expect(body.resolved.some((r: any) => r.title === "learning_community_commune")).toBe(false);
    // A year without a target row takes the next target year ahead; after the last one there is none.
    expect(familyTarget(await resolved(tayho, ward, 2027))).toMatchObject({ year: 2030, value: 80 });
    expect(familyTarget(await resolved(tayho, ward, 2021))).toMatchObject({ year: 2025, value: 70 });
    expect(familyTarget(await resolved(tayho, ward, 2018))).toMatchObject({ year: 2020, value: 70 });
    expect(familyTarget(await resolved(tayho, ward, 2031))).toBeUndefined();
  });

  it("lets a province set a target its communes inherit, and a commune override it", async () => {
    const created = await hanoi.post("/api/v1/targets", {
      unitId: province,
      title: "learning_family",
      year: 2025,
      value: 75.5,
      basis: {
        number: "291/KH-UBND",
        signedOn: "2021-12-20",
        issuer: "UBND Thành phố Hà Nội",
        name: "Kế hoạch thực hiện Chương trình học tập suốt đời",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    provinceTarget = created.body.target.id;
    expect(created.body.target).toMatchObject({
      metric: "recognizedRate",
      value: 75.5,
      source: "local",
      unit: { id: province },
      setBy: "Sở GD&ĐT Hà Nội",
    });
    // Both wards inherit it; the national 2025 row is no longer in effect for them.
    for (const unitId of [ward, otherWard]) {
      const body = await resolved(hanoi, unitId, 2025);
      expect(familyTarget(body)).toMatchObject({ value: 75.5, source: "local", unit: { id: province } });
      expect(
        body.targets.find(
          (x: any) => x.source === "national" && x.year === 2025 && x.title === "learning_family",
        ).inEffect,
      ).toBe(false);
    }
    // The province set nothing for 2030: 2027 still runs against the national 2030 figure.
    expect(familyTarget(await resolved(tayho, ward, 2027))).toMatchObject({ year: 2030, source: "national" });

    const own = await hanoi.post("/api/v1/targets", {
      unitId: ward,
      title: "learning_family",
      year: 2025,
      value: 72,
      basis: { number: "15/KH-UBND", issuer: "UBND Phường Tây Hồ" },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(familyTarget(await resolved(tayho, ward, 2025))).toMatchObject({ value: 72, unit: { id: ward } });
    expect(familyTarget(await resolved(hanoi, otherWard, 2025))).toMatchObject({ value: 75.5 });

    // The roll-up reports progress against it.
    const rollup = await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=2025&title=learning_family`);
    expect(rollup.status).toBe(200);
    expect(rollup.body.titles[0].targets).toEqual([
      {
        metric: "recognizedRate",
        targetYear: 2025,
        value: 72,
        basis: "15/KH-UBND của UBND Phường Tây Hồ",
        source: "local",
        unitId: ward,
        actual: rollup.body.titles[0].figures.recognizedRate,
        status: "not_met",
      },
    ]);
    const provinceRollup = await hanoi.get(
      `/api/v1/stats/rollup?unitId=${province}&year=2025&title=learning_family`,
    );
    expect(provinceRollup.body.titles[0].targets[0]).toMatchObject({ value: 75.5, source: "local" });

    // Deleting the ward's own target falls back to the province's.
    expect((await hanoi.delete(`/api/v1/targets/${own.body.target.id}`)).status).toBe(204);
    expect(familyTarget(await resolved(tayho, ward, 2025))).toMatchObject({ value: 75.5 });
  });

  it("validates in Vietnamese and refuses duplicates", async () => {
    const base = {
      unitId: ward,
      title: "learning_clan",
      year: 2030,
      basis: { number: "16/KH-UBND", issuer: "UBND Phường Tây Hồ" },
    };
    const precise = await hanoi.post("/api/v1/targets", { ...base, value: 70.555 });
    expect(precise.status).toBe(422);
    expect(precise.body.error.details.fields.value).toBe("Chỉ tiêu có tối đa 2 chữ số thập phân");
    const over = await hanoi.post("/api/v1/targets", { ...base, value: 120 });
    expect(over.status).toBe(422);
    expect(over.body.error.details.fields.value).toBe("Chỉ tiêu từ 0 đến 100 (%)");
    const noBasis = await hanoi.post("/api/v1/targets", {
      ...base,
      value: 80,
      basis: { number: "", issuer: "x" },
    });
    expect(noBasis.status).toBe(422);
    expect(noBasis.body.error.details.fields["basis.number"]).toBe("Thiếu số văn bản");
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const atVillage = await hanoi.post("/api/v1/targets", { ...base, unitId: village, value: 80 });
    expect(atVillage.status).toBe(422);
    expect(atVillage.body.error.message).toMatch(/Chỉ tỉnh, thành phố hoặc xã, phường/);
    const oldWard = await t.unitId("00103", { old: true });
    const ended = await hanoi.post("/api/v1/targets", { ...base, unitId: oldWard, value: 80 });
    expect(ended.status).toBe(422);
    expect(ended.body.error.message).toMatch(/Phường Xuân La đã hết hiệu lực từ 01\/07\/2025/);
    expect((await hanoi.post("/api/v1/targets", { ...base, value: 80 })).status).toBe(201);
    const twice = await hanoi.post("/api/v1/targets", { ...base, value: 81 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(
      "Phường Tây Hồ đã có chỉ tiêu Dòng họ học tập năm 2030 (tỷ lệ đạt); hãy sửa chỉ tiêu đó",
    );
  });

  it("refuses outsiders, non-admins and edits of national targets", async () => {
    const maokhe = await t.as("maokhe");
    const hcm = await t.as("hcm");
    const body = {
      unitId: province,
      title: "learning_clan",
      year: 2025,
      value: 70,
      basis: { number: "1/KH", issuer: "Ai đó" },
    };
    expect((await maokhe.post("/api/v1/targets", body)).status).toBe(404);
    expect((await maokhe.get(`/api/v1/targets?unitId=${province}`)).status).toBe(404);
    // A data-entry officer of the ward is not its administrator.
    const own = await tayho.post("/api/v1/targets", { ...body, unitId: ward });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      "Chỉ quản trị của Phường Tây Hồ hoặc cấp trên được đặt chỉ tiêu cho đơn vị này",
    );
    // A commune administrator cannot set its province's target.
    const maoKhe = await t.unitId("07069");
    const quangNinh = await t.unitId("22", { level: "province" });
    expect((await maokhe.post("/api/v1/targets", { ...body, unitId: maoKhe })).status).toBe(201);
    expect((await maokhe.post("/api/v1/targets", { ...body, unitId: quangNinh })).status).toBe(404);
    // Another province's target is invisible; national ones are not editable.
    expect((await hcm.patch(`/api/v1/targets/${provinceTarget}`, { value: 10, version: 1 })).status).toBe(
      404,
    );
    expect((await hcm.delete(`/api/v1/targets/${provinceTarget}`)).status).toBe(404);
    // The ward's officer reads the province's target (it applies to the ward) but cannot change it.
    expect((await tayho.patch(`/api/v1/targets/${provinceTarget}`, { value: 10, version: 1 })).status).toBe(
      404,
    );
    const national = (await resolved(hanoi, province, 2025)).targets.find(
      (x: any) => x.source === "national",
    );
    const admin = await t.as("quantri");
    const refused = await admin.patch(`/api/v1/targets/${national.id}`, { value: 10, version: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Chỉ tiêu quốc gia/);
    // Row-level security holds too: the application role cannot touch a national row.
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM targets WHERE value = 10`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
  });

  it("audits every change", async () => {
    const patched = await hanoi.patch(`/api/v1/targets/${provinceTarget}`, {
      value: 76,
      note: "Điều chỉnh theo Nghị quyết HĐND",
      version: 1,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.target).toMatchObject({ value: 76, note: "Điều chỉnh theo Nghị quyết HĐND" });
    const entries = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "unit_id", "actor_name", "before", "after"])
      .where("entity", "=", "target")
      .orderBy("id")
      .execute();
    expect(entries.map((e) => e.action)).toEqual([
      "create",
      "create",
      "delete",
      "create",
      "create",
      "update",
    ]);
    const update = entries.at(-1)!;
    expect(update).toMatchObject({
      entity_id: String(provinceTarget),
      unit_id: province,
      actor_name: "Sở GD&ĐT Hà Nội (hanoi)",
    });
    expect(update.before).toMatchObject({ value: 75.5 });
    expect(update.after).toMatchObject({
      value: 76,
      basis: "291/KH-UBND ngày 20/12/2021 của UBND Thành phố Hà Nội",
    });
  });

  it("computes met, not met and exceeded at the boundary values", async () => {
    // 3 of the ward's households recognised in 2024: 3/12 = 25,00%.
    const households = await t.db
      .selectFrom("households")
      .select(["id", "commune_id", "province_id", "village_id"])
      .where("commune_id", "=", ward)
      .where("archived_at", "is", null)
      .orderBy("id")
      .execute();
    const rubric = await t.db
      .selectFrom("rubrics")
      .select("id")
      .where("title", "=", "learning_family")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("registrations")
      .values(
        households.slice(0, 3).map((h) => ({
          commune_id: h.commune_id,
          province_id: h.province_id,
          village_id: h.village_id,
          year: 2024,
          title: "learning_family",
          subject_kind: "household",
          subject_id: h.id,
          rubric_id: rubric.id,
          status: "recognized",
          grade: "good",
        })) as any,
      )
      .execute();
    const actual = Math.round((3 * 10000) / households.length) / 100;
    const created = await hanoi.post("/api/v1/targets", {
      unitId: ward,
      title: "learning_family",
      year: 2024,
      value: actual,
      basis: { number: "17/KH-UBND", issuer: "UBND Phường Tây Hồ" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const status = async () => {
      const body = (await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=2024&title=learning_family`))
        .body;
      const entry = body.titles[0].targets.find((x: any) => x.metric === "recognizedRate");
      expect(entry.actual).toBe(actual);
      return entry.status;
    };
    expect(await status()).toBe("met");
    const id = created.body.target.id;
    await hanoi.patch(`/api/v1/targets/${id}`, { value: actual + 0.01, version: 1 });
    expect(await status()).toBe("not_met");
    await hanoi.patch(`/api/v1/targets/${id}`, { value: actual - 0.01, version: 2 });
    expect(await status()).toBe("exceeded");
    // The ward has no clans: no total, no rate, no status. Its own 2030 clan target (set above) comes first:
    // local before national, then the next target year ahead.
    const clan = (await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=2024&title=learning_clan`)).body;
    expect(clan.titles[0].figures.recognizedRate).toBeNull();
    expect(clan.titles[0].targets[0]).toMatchObject({
      actual: null,
      status: null,
      targetYear: 2030,
      source: "local",
      unitId: ward,
    });
  });
});
