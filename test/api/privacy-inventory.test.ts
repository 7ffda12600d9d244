/**
 * The personal-data inventory (issue 12, item 1): GET /privacy/inventory from the declarations, its .docx for the
 * DPIA with real tables, and the retention periods a system administrator sets, never below a legal minimum.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("personal-data inventory", (engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let clerk: ApiClient;
  beforeAll(async () => {
    t = await demoApp(engine);
    admin = await t.as("quantri");
    clerk = await t.as("tayho");
  }, 60_000);
  afterAll(() => t.close());

  it("lists every registry kind and module's data with purposes, bases, retention and who sees each field", async () => {
    const answer = await clerk.get("/api/v1/privacy/inventory");
    expect(answer.status).toBe(200);
    expect(answer.body.canEdit).toBe(false);
    const keys = answer.body.entries.map((e: { key: string }) => e.key);
    expect(keys).toEqual(
      expect.arrayContaining(["households", "members", "beneficiaries", "users", "audit"]),
    );
    const households = answer.body.entries.find((e: { key: string }) => e.key === "households");
    expect(households).toMatchObject({ registry: true, basis: "commune_duty", retention: { years: 10 } });
    const phone = households.fields.find((f: { key: string }) => f.key === "phone");
    expect(phone).toMatchObject({ audience: "keepers", basis: "consent", category: "basic" });
    expect(phone.roles).toContain("data_entry");
    expect(phone.roles).not.toContain("viewer");
    const beneficiaries = answer.body.entries.find((e: { key: string }) => e.key === "beneficiaries");
    expect(beneficiaries.fields.find((f: { key: string }) => f.key === "fullName").minors).toBe(true);
    expect((await t.anonymous().get("/api/v1/privacy/inventory")).status).toBe(401);
  });

  it("sets a retention period as a system administrator, audited; refuses others and a period under the legal minimum", async () => {
    const refused = await clerk.request("PUT", "/api/v1/privacy/retention/households", { years: 12 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("Chỉ quản trị hệ thống");
    expect(await t.db.selectFrom("privacy_retention").selectAll().execute()).toEqual([]);

    const tooShort = await admin.request("PUT", "/api/v1/privacy/retention/fund-transactions", { years: 5 });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.error.message).toMatch(/không được ngắn hơn 10 năm \(Luật Kế toán 2015/);
    expect(tooShort.body.error.details.fields.years).toBeDefined();
    expect((await admin.request("PUT", "/api/v1/privacy/retention/nothing", { years: 5 })).status).toBe(404);
    expect((await admin.request("PUT", "/api/v1/privacy/retention/households", { years: 0 })).status).toBe(
      422,
    );

    const saved = await admin.request("PUT", "/api/v1/privacy/retention/households", { years: 12 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.entry.retention).toMatchObject({
      years: 12,
      defaultYears: 10,
      changed: { version: 1 },
    });
    const again = await admin.request("PUT", "/api/v1/privacy/retention/households", { years: 15 });
    expect(again.body.entry.retention.changed.version).toBe(2);

    const listed = await clerk.get("/api/v1/privacy/inventory");
    const households = listed.body.entries.find((e: { key: string }) => e.key === "households");
    expect(households.retention).toMatchObject({ years: 15, changed: { by: expect.any(String) } });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("entity", "=", "privacy_retention")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ years: 10 }, { years: 12 }],
      [{ years: 12 }, { years: 15 }],
    ]);
  });

  it("writes the inventory as a NĐ 30 .docx with real tables", async () => {
    const communeId = await t.unitId("00103");
    const answer = await clerk.get(`/api/v1/privacy/inventory.docx?unitId=${communeId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("wordprocessingml");
    const xml = (await (await JSZip.loadAsync(answer.body)).file("word/document.xml")?.async("string")) ?? "";
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ");
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThan(10);
    for (const expected of [
      "DANH MỤC",
      "PHƯỜNG TÂY HỒ",
      "hồ sơ đánh giá tác động xử lý dữ liệu cá nhân",
      "Hộ gia đình",
      "Người nhận học bổng, hỗ trợ",
      "Thực hiện nhiệm vụ theo pháp luật của UBND xã, phường",
      "Chỉ người giữ sổ",
      "tối thiểu 10 năm",
      "Dữ liệu cá nhân nhạy cảm: dân tộc",
    ])
      expect(text).toContain(expected);
    const elsewhere = await t.as("maokhe");
    expect((await elsewhere.get(`/api/v1/privacy/inventory.docx?unitId=${communeId}`)).status).toBe(404);
  });
});
