/**
 * Cộng đồng học tập cấp xã under TT 25/2023: the commune assesses itself against the levels, produces its dossier
 * documents (.docx), the province decides, and level 2 waits 12 months after level 1.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** Every item of level 1 met; level 2 items met only when asked. */
function levelItems(rubric: any, level2: boolean) {
  const items: Record<string, boolean> = {};
  for (const level of rubric.definition.levels)
    for (const criterion of level.criteria)
      for (const item of criterion.items) items[item.key] = level.level === 1 || level2;
  return items;
}

describeEachEngine("commune learning community (TT 25/2023)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("self-assessment, dossier documents, province decision, and the 12-month wait before level 2", async () => {
    const commune = await t.unitId("07069");
    const province = await t.unitId("22", { level: "province" });
    const maokhe = await t.as("maokhe");
    const quantri = await t.as("quantri");
    await quantri.post("/api/v1/users", {
      username: "quangninh",
      fullName: "Sở GD&ĐT Quảng Ninh",
      password: "mat-khau-quang-ninh",
      role: "unit_admin",
      unitId: province,
    });
    const provinceOfficer = await t.anonymous().login("quangninh", "mat-khau-quang-ninh");

    const assessYear = async (year: number, level2: boolean) => {
      await maokhe.post("/api/v1/registrations", {
        year,
        title: "learning_community_commune",
        subjects: [{ kind: "commune", id: commune }],
      });
      const registration = (await maokhe.get(`/api/v1/registrations?unitId=${commune}&year=${year}`)).body
        .registrations[0];
      const rubric = (await maokhe.get(`/api/v1/rubrics/${registration.rubric.id}`)).body.rubric;
      expect(rubric.legalNumber).toContain("25/2023");
      const assessed = await maokhe.post(`/api/v1/registrations/${registration.id}/assessment`, {
        items: levelItems(rubric, level2),
        version: registration.version,
        notes: {
          [rubric.definition.levels[0].criteria[0].items[0].key]: "Nghị quyết số 12 của Đảng ủy phường",
        },
      });
      expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
      return assessed.body.registration;
    };
    const decide = async (registration: any, number: string, signedOn: string) => {
      await maokhe.post("/api/v1/reviews", {
        unitId: commune,
        year: registration.year,
        title: "learning_community_commune",
        heldOn: `${registration.year}-12-20`,
        participants: "Ban chỉ đạo xây dựng xã hội học tập phường",
        outcomes: [{ registrationId: registration.id, proposed: true }],
      });
      const draft = await quantri.post("/api/v1/decisions", {
        communeId: commune,
        year: registration.year,
        title: "learning_community_commune",
        number,
        signedOn,
        agencyName: "UBND tỉnh Quảng Ninh",
        signerTitle: "Chủ tịch",
        signerName: "Trần Văn Hùng",
        registrationIds: [registration.id],
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const issued = await provinceOfficer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`);
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    };

    const first = await assessYear(2025, false);
    expect(first).toMatchObject({ level: 1, passed: true });
    for (const document of ["bao-cao-tu-danh-gia.docx", "ban-tong-hop.docx"]) {
      const path = `/api/v1/registrations/${first.id}/tt25/${document}?date=2026-01-10`;
      // Under another commune the registration is not found (it is looked for there alone, one shard).
      const elsewhere = await maokhe.get(`${path}&communeId=${await t.unitId("00004")}`);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.error.message).toContain("Không tìm thấy hồ sơ đăng ký");
      const file = await maokhe.get(
        `${path}&communeId=${commune}&signerName=Ph%E1%BA%A1m%20Minh%20Tu%E1%BA%A5n`,
      );
      expect(file.status).toBe(200);
      const xml = await (await JSZip.loadAsync(file.body as ArrayBuffer))
        .file("word/document.xml")!
        .async("string");
      expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(xml).toContain("Độc lập - Tự do - Hạnh phúc");
      // NĐ 30: the unit kind in lower case inside a sentence.
      expect(xml).toContain("phường Mạo Khê");
    }
    await decide(first, "45/QĐ-UBND", "2026-03-15");

    // 2026: level 2 items met, but level 1 was recognised on 15/03/2026, less than 12 months before 31/12/2026.
    const second = await assessYear(2026, true);
    expect(second.level).toBe(1);
    expect(JSON.stringify(second.result)).toContain("12 tháng");
    // Its documents say why it stays at level 1 and never mark level 2 "Đạt" beside a level 1 result.
    const documentText = async (document: string) => {
      const file = await maokhe.get(`/api/v1/registrations/${second.id}/tt25/${document}?date=2027-01-10`);
      expect(file.status).toBe(200);
      const xml = await (await JSZip.loadAsync(file.body as ArrayBuffer))
        .file("word/document.xml")!
        .async("string");
      // One line per paragraph or table cell, the text of its runs joined.
      return xml
        .replace(/<\/w:p>|<\/w:tc>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&quot;/g, '"');
    };
    const reason =
      "Các tiêu chí mức độ 2 đều đáp ứng nhưng chưa được công nhận mức độ 2: Chưa đủ 12 tháng kể từ khi đạt mức độ 1";
    const report = await documentText("bao-cao-tu-danh-gia.docx");
    expect(report).toContain("tự đánh giá đạt chuẩn Cộng đồng học tập cấp xã Mức độ 1 năm 2026.");
    expect(report).toContain(reason);
    expect(report).not.toContain("Mức độ 2: Đạt");
    const summary = await documentText("ban-tong-hop.docx");
    expect(summary).toContain("Đạt mức độ 1");
    expect(summary).toContain(reason);
    const lines = summary.split("\n");
    // The level 2 column: "Đáp ứng" for met items, not "Đạt" (a level 1 item's mark is followed by its level 2 mark).
    const marks = lines.filter((line) => line === "Đạt" || line === "Đáp ứng");
    expect(marks.filter((m) => m === "Đáp ứng").length).toBeGreaterThan(0);
    expect(marks.filter((m) => m === "Đạt").length).toBe(marks.filter((m) => m === "Đáp ứng").length);
    // 2027: the wait is over.
    const third = await assessYear(2027, true);
    expect(third.level).toBe(2);
  });
});
