/**
 * Access cases of the Hội Khuyến học (chapters, their committees, members, dues), aimed at a village chapter of
 * Phường Sài Gòn with its committee and a member. Their tables are fingerprinted with the matrix's own
 * (test/api/access.test.ts).
 */
import type { CaseModule } from "./types";

export const associationCases: CaseModule = {
  tables: [],
  async addCases({ t, hcmProvince, ward, villages, add }) {
    // The Hội Khuyến học of the ward: a village chapter with its committee and a member.
    const chapter = await t.db
      .insertInto("chapters")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        unit_id: villages[0]!.id,
        code: "01",
        name: "Chi hội Khu phố 1",
        kind: "village",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("chapter_officers")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        chapter_id: chapter.id,
        unit_id: villages[0]!.id,
        full_name: "Võ Văn Chủ",
        post: "chair",
        term_from: "2022-01-01",
      })
      .execute();
    const member = await t.db
      .insertInto("members")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        unit_id: villages[0]!.id,
        member_number: "0001",
        full_name: "Võ Thị Hội",
        chapter_id: chapter.id,
        joined_on: "2020-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /chapters", { kind: "target", path: `/chapters?unitId=${ward}` });
    add("GET /chapters/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /chapters/export.xlsx", { kind: "target", path: `/chapters/export.xlsx?unitId=${ward}` });
    add("GET /chapters/{id}", { kind: "target", path: `/chapters/${chapter.id}` });
    add("POST /chapters", {
      kind: "target",
      path: "/chapters",
      body: { unitId: villages[0]!.id, name: "Chi hội Ngoài", kind: "village" },
    });
    add("PATCH /chapters/{id}", {
      kind: "target",
      path: `/chapters/${chapter.id}`,
      body: { name: "Chi hội Ngoài", version: 1 },
    });
    add("POST /chapters/{id}/archive", {
      kind: "target",
      path: `/chapters/${chapter.id}/archive`,
      body: { reason: "dissolved" },
    });
    add("POST /units/{id}/chapters/import", {
      kind: "target",
      path: `/units/${ward}/chapters/import?dryRun=0`,
      form: true,
    });
    add("GET /chapters/{id}/committee", { kind: "target", path: `/chapters/${chapter.id}/committee` });
    add("PUT /chapters/{id}/committee", {
      kind: "target",
      path: `/chapters/${chapter.id}/committee`,
      body: { officers: [] },
    });
    add("GET /members", { kind: "target", path: `/members?unitId=${ward}` });
    add("GET /members/search", { kind: "target", path: `/members/search?q=vo%20thi&unitId=${ward}` });
    add("GET /chapters/{id}/members", { kind: "target", path: `/chapters/${chapter.id}/members` });
    add("GET /units/{id}/chapters/summary", { kind: "target", path: `/units/${ward}/chapters/summary` });
    add("GET /members/template.xlsx", { kind: "own", reason: "an empty template, no data" });
    add("GET /members/export.xlsx", { kind: "target", path: `/members/export.xlsx?unitId=${ward}` });
    add("GET /members/{id}", { kind: "target", path: `/members/${member.id}` });
    add("GET /members/{id}/chapters", { kind: "target", path: `/members/${member.id}/chapters` });
    add("POST /members", {
      kind: "target",
      path: "/members",
      body: {
        unitId: villages[0]!.id,
        chapterId: chapter.id,
        fullName: "Người Ngoài",
        joinedOn: "2020-01-01",
      },
    });
    add("PATCH /members/{id}", {
      kind: "target",
      path: `/members/${member.id}`,
      body: { fullName: "Người Ngoài", version: 1 },
    });
    add("POST /members/{id}/archive", {
      kind: "target",
      path: `/members/${member.id}/archive`,
      body: { reason: "mistake" },
    });
    add("POST /units/{id}/members/import", {
      kind: "target",
      path: `/units/${ward}/members/import?dryRun=0`,
      form: true,
    });
    const payment = await t.db
      .insertInto("dues_payments")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        member_id: member.id,
        chapter_id: chapter.id,
        unit_id: villages[0]!.id,
        year: 2024,
        amount: 50000,
        paid_on: "2024-03-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("PUT /chapters/{id}/dues/{year}", {
      kind: "target",
      path: `/chapters/${chapter.id}/dues/2024`,
      body: { amount: 1000 },
    });
    add("GET /chapters/{id}/dues", { kind: "target", path: `/chapters/${chapter.id}/dues?year=2024` });
    add("GET /chapters/{id}/dues.xlsx", {
      kind: "target",
      path: `/chapters/${chapter.id}/dues.xlsx?year=2024`,
    });
    add("POST /members/{id}/dues", {
      kind: "target",
      path: `/members/${member.id}/dues`,
      body: { year: 2025, amount: 1000, paidOn: "2025-01-02" },
    });
    add("POST /dues-payments/{id}/reverse", { kind: "target", path: `/dues-payments/${payment.id}/reverse` });
  },
};
