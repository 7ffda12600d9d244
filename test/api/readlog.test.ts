/**
 * The processing log and the breach register (issue 12, items 5 and 6): a household's record read writes one log
 * row that its unit's administrator sees, also on the household's "who has seen" list; an export writes one row and
 * carries "Xuất bởi … lúc …"; log rows cannot be updated or deleted; a breach's 72-hour clock, its bad input, and
 * the notification letter's text.
 */
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

async function docxText(body: ArrayBuffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(body)).file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
    .join("\n");
}

/** "2026-11-28T09:30" in Vietnam time, `hours` before now. */
const vietnamHoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);

describeEachEngine("processing log and breach register", (engine) => {
  let t: TestApp;
  let admin: ApiClient; // unit admin of Hà Nội
  let officer: ApiClient; // data entry of Phường Tây Hồ
  let ward: number;
  let household: { id: number; headName: string };
  const lastRow = () =>
    t.db.selectFrom("processing_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
  const logCount = async () =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM processing_log`.execute(t.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await demoApp(engine);
    admin = await t.as("hanoi");
    officer = await t.as("tayho");
    ward = await t.unitId("00103");
  });
  afterAll(() => t?.close());

  describe("processing log", () => {
    it("logs a page of a list as one row with its filter and the ids shown", async () => {
      const before = await logCount();
      const page = await officer.get(`/api/v1/households?unitId=${ward}&q=nguyen&limit=5`);
      expect(page.status).toBe(200);
      expect(await logCount()).toBe(before + 1);
      const row = await lastRow();
      expect(row).toMatchObject({ action: "list", kind: "households", actor_name: expect.any(String) });
      expect(row.filter).toMatchObject({ unitId: ward, q: "nguyen", limit: 5 });
      expect(row.record_ids.map(Number).sort()).toEqual(page.body.households.map((h: any) => h.id).sort());
      household = page.body.households[0];
    });

    it("logs a member search and a year's registrations list as one row each, with the ids found", async () => {
      const before = await logCount();
      const found = await admin.get("/api/v1/members/search?q=nguyen");
      expect(found.status).toBe(200);
      expect(await logCount()).toBe(before + 1);
      const search = await lastRow();
      expect(search).toMatchObject({ action: "list", kind: "members" });
      expect(search.filter).toMatchObject({ q: "nguyen", route: "members/search" });
      expect(search.record_ids.map(Number).sort()).toEqual(found.body.members.map((m: any) => m.id).sort());
      const year = new Date().getFullYear();
      const registrations = await officer.get(`/api/v1/registrations?unitId=${ward}&year=${year}`);
      expect(registrations.status).toBe(200);
      expect(await logCount()).toBe(before + 2);
      expect(await lastRow()).toMatchObject({ action: "list", kind: "registrations" });
    });

    it("logs the read of one household's record once, seen by the administrator and on its 'who has seen' list", async () => {
      const before = await logCount();
      expect((await officer.get(`/api/v1/households/${household.id}`)).status).toBe(200);
      expect(await logCount()).toBe(before + 1);

      const log = await admin.get(`/api/v1/processing-log?unitId=${ward}&kind=households`);
      expect(log.status).toBe(200);
      const view = log.body.entries[0];
      expect(view).toMatchObject({ action: "view", kind: "households", recordIds: [household.id] });
      expect(view.actorName).toMatch(/\S/);
      expect(view.unit.level).toBe("village");

      const readers = await admin.get(`/api/v1/processing-log/records/households/${household.id}`);
      expect(readers.status).toBe(200);
      expect(readers.body.entries.map((e: any) => e.action)).toEqual(["view", "list"]);
      // Reading "who has seen" is not itself a read of the record.
      expect(await logCount()).toBe(before + 1);

      // With the record's commune: its commune's entries and a list of the whole city that showed it (logged above
      // any commune, as commune 0); in another commune the record is not found.
      const city = await admin.get(
        `/api/v1/households?unitId=${await t.unitId("01")}&q=${encodeURIComponent(household.headName)}&limit=5`,
      );
      expect(city.body.households.map((h: any) => h.id)).toContain(household.id);
      expect(Number((await lastRow()).commune_id)).toBe(0);
      const all = await admin.get(`/api/v1/processing-log/records/households/${household.id}`);
      const own = await admin.get(
        `/api/v1/processing-log/records/households/${household.id}?communeId=${ward}`,
      );
      expect(own.status).toBe(200);
      expect(own.body.entries.map((e: any) => e.action)).toEqual(["list", "view", "list"]);
      expect(own.body).toEqual(all.body);
      const elsewhere = await admin.get(
        `/api/v1/processing-log/records/households/${household.id}?communeId=${await t.unitId("00004")}`,
      );
      expect(elsewhere.status).toBe(404);
    });

    it("refuses the log to roles that do not administer the unit, and other kinds' reads are not logged", async () => {
      const impossible = await admin.get(`/api/v1/processing-log?unitId=${ward}&from=2025-13-01`);
      expect(impossible.status).toBe(422);
      expect(impossible.body.error.details.fields.from).toMatch(/không có trong lịch|YYYY-MM-DD/);
      const refused = await officer.get(`/api/v1/processing-log?unitId=${ward}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain("Quản trị đơn vị");
      expect((await officer.get(`/api/v1/processing-log/records/households/${household.id}`)).status).toBe(
        403,
      );
      const notPersonal = await admin.get("/api/v1/processing-log/records/centres/1");
      expect(notPersonal.status).toBe(422);
      const before = await logCount();
      expect((await officer.get(`/api/v1/centres?unitId=${ward}`)).status).toBe(200);
      expect(await logCount()).toBe(before);
    });

    it("logs an export as one row with every id, and the file carries who exported it and when", async () => {
      const before = await logCount();
      const file = await officer.get(`/api/v1/households/export.xlsx?unitId=${ward}`);
      expect(file.status).toBe(200);
      expect(await logCount()).toBe(before + 1);
      const row = await lastRow();
      const total = (await officer.get(`/api/v1/households?unitId=${ward}&limit=1`)).body.total;
      expect(row).toMatchObject({
        action: "export",
        kind: "households",
        format: "xlsx",
        record_count: total,
      });
      const sheet = await (await JSZip.loadAsync(file.body))
        .file("xl/worksheets/sheet1.xml")!
        .async("string");
      expect(sheet).toMatch(/<oddFooter>&amp;LXuất bởi [^<]+ lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}&amp;RTrang/);
    });

    it("refuses to update or delete a log row, even to the database owner", async () => {
      await expect(sql`UPDATE processing_log SET actor_name = 'ai đó'`.execute(t.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM processing_log`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE processing_log`.execute(t.db)).rejects.toThrow(/append-only/);
    });
  });

  describe("breach register", () => {
    const valid = () => ({
      unitId: ward,
      title: "Mất máy tính xách tay của cán bộ văn hóa",
      description: "Máy tính có tệp danh sách hộ gia đình bị mất tại trụ sở.",
      occurredAt: vietnamHoursAgo(80),
      discoveredAt: vietnamHoursAgo(70.5),
      peopleAffected: 27,
      dataCategories: ["identity", "family"],
      registryKinds: ["households"],
    });

    it("records a breach with its 72-hour clock, then its notification", async () => {
      const created = await admin.post("/api/v1/data-breaches", valid());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { breach } = created.body;
      expect(new Date(breach.clock.dueAt).getTime() - new Date(breach.discoveredAt).getTime()).toBe(
        72 * 3_600_000,
      );
      expect(breach.clock).toMatchObject({ state: "open", remainingHours: 1 });

      const late = await admin.post("/api/v1/data-breaches", {
        ...valid(),
        discoveredAt: vietnamHoursAgo(75),
      });
      expect(late.body.breach.clock).toMatchObject({ state: "overdue", remainingHours: -4 });
      const list = await admin.get(`/api/v1/data-breaches?unitId=${ward}&open=1`);
      expect(list.body.breaches.map((b: any) => b.clock.state)).toEqual(["open", "overdue"]);

      const notified = await admin.patch(`/api/v1/data-breaches/${breach.id}`, {
        notifiedAt: vietnamHoursAgo(1),
        measures: "Khóa tài khoản, đổi mật khẩu, báo công an phường.",
        version: breach.version,
      });
      expect(notified.status, JSON.stringify(notified.body)).toBe(200);
      expect(notified.body.breach).toMatchObject({ notifiedTo: expect.stringContaining("A05") });
      expect(notified.body.breach.clock.state).toBe("notified");
      const stale = await admin.patch(`/api/v1/data-breaches/${breach.id}`, {
        closed: true,
        version: breach.version,
      });
      expect(stale.status).toBe(409);

      const letter = await admin.get(
        `/api/v1/data-breaches/${breach.id}/letter.docx?signerTitle=Phó Chủ tịch`,
      );
      expect(letter.status).toBe(200);
      const text = await docxText(letter.body);
      for (const part of [
        "ỦY BAN NHÂN DÂN",
        "THÔNG BÁO",
        "Về sự cố vi phạm quy định về bảo vệ dữ liệu cá nhân",
        "Kính gửi: Cục An ninh mạng",
        "Mất máy tính xách tay của cán bộ văn hóa",
        "Số người bị ảnh hưởng (ước tính): 27",
        "Họ tên, năm sinh, giới tính; Quan hệ gia đình",
        "Sổ theo dõi liên quan: hộ gia đình",
        "Thông báo trong 72 giờ kể từ khi phát hiện sự cố",
        "KT. CHỦ TỊCH",
      ])
        expect(text).toContain(part);
    });

    it("refuses bad input with a Vietnamese message naming the field", async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ discoveredAt: vietnamHoursAgo(90) }, "discoveredAt", /phát hiện trước thời điểm xảy ra/],
        [{ occurredAt: "2026-02-30T10:00" }, "occurredAt", /không phải ngày giờ có thật/],
        [{ discoveredAt: "2026-01-01T25:00" }, "discoveredAt", /không phải ngày giờ có thật/],
        [{ dataCategories: [] }, "dataCategories", /ít nhất một loại dữ liệu/],
        [{ dataCategories: ["dna"] }, "dataCategories.0", /không có trong danh mục/],
        [{ occurredAt: vietnamHoursAgo(-48), discoveredAt: vietnamHoursAgo(-49) }, "occurredAt", /tương lai/],
        [{ peopleAffected: -1 }, "peopleAffected", /không âm/],
        [{ unitId: null }, "unitId", /Chọn xã, phường hoặc tỉnh/],
      ];
      for (const [change, field, message] of cases) {
        const response = await admin.post("/api/v1/data-breaches", { ...valid(), ...change });
        expect(response.status, field).toBe(422);
        expect(response.body.error.details.fields[field], JSON.stringify(response.body)).toMatch(message);
      }
      const village = (await admin.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
      const atVillage = await admin.post("/api/v1/data-breaches", { ...valid(), unitId: village });
      expect(atVillage.body.error.details.fields.unitId).toMatch(/xã, phường hoặc tỉnh/);
      const byOfficer = await officer.post("/api/v1/data-breaches", valid());
      expect(byOfficer.status).toBe(403);
    });
  });
});
