/**
 * Hội phí: a chapter's yearly amount, payments per member per year (the chapter's amount by default, once a year,
 * not before the year of joining, never negative), reversal by a reversing entry, and the dues list (who paid,
 * who did not, totals) as JSON and XLSX, as a chapter secretary who sees their chapter only. Each of the Hội's routes
 * of one chapter, member or payment, given the row's commune, looks there alone: another commune is 404.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const password = "hoikhuyenhoc2025";

describeEachEngine("Hội Khuyến học: dues", (engine) => {
  let t: TestApp;
  let secretary: ApiClient;
  let chapterId: number;
  let otherChapter: number;
  const memberIds: number[] = [];

  beforeAll(async () => {
    t = await demoApp(engine);
    const hanoi = await t.as("hanoi");
    const ward = await t.unitId("00103");
    const villages = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units;
    const chapter = (name: string, village: number) =>
      hanoi.post("/api/v1/chapters", { unitId: villages[village].id, name, kind: "village" });
    chapterId = (await chapter("Chi hội Tổ 1", 0)).body.chapter.id;
    otherChapter = (await chapter("Chi hội Tổ 2", 1)).body.chapter.id;
    for (const [fullName, joinedOn, c] of [
      ["Nguyễn Văn An", "2019-03-01", chapterId],
      ["Trần Thị Bình", "2021-06-01", chapterId],
      ["Lê Văn Cường", "2025-02-01", chapterId],
      ["Phạm Văn Dũng", "2020-01-01", otherChapter],
    ] as const) {
      const m = await hanoi.post("/api/v1/members", {
        unitId: villages[0].id,
        chapterId: c,
        fullName,
        joinedOn,
      });
      expect(m.status, JSON.stringify(m.body)).toBe(201);
      memberIds.push(m.body.member.id);
    }
    await hanoi.post("/api/v1/users", {
      username: "thuky.to1",
      fullName: "Thư ký chi hội Tổ 1",
      password,
      role: "chapter_secretary",
      unitId: ward,
      chapterId,
    });
    secretary = await t.anonymous().login("thuky.to1", password);
  });
  afterAll(() => t.close());

  it("sets the yearly amount, takes payments for two members, refuses bad ones, and lists who paid", async () => {
    const set = await secretary.request("PUT", `/api/v1/chapters/${chapterId}/dues/2024`, { amount: 50000 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const negative = await secretary.request("PUT", `/api/v1/chapters/${chapterId}/dues/2024`, {
      amount: -1,
    });
    expect(negative.status).toBe(422);
    expect(negative.body.error.details.fields.amount).toBe("Mức hội phí không được âm");
    expect(
      (await secretary.request("PUT", `/api/v1/chapters/${otherChapter}/dues/2024`, { amount: 1 })).status,
    ).toBe(403);

    const pay = (member: number, body: object) => secretary.post(`/api/v1/members/${member}/dues`, body);
    const an = await pay(memberIds[0]!, { year: 2024, paidOn: "2024-03-02", collector: "Lê Thị Mai" });
    expect(an.status, JSON.stringify(an.body)).toBe(201);
    expect(an.body.payment).toMatchObject({ amount: 50000, year: 2024 });
    const binh = await pay(memberIds[1]!, { year: 2024, amount: 60000, paidOn: "2024-04-01" });
    expect(binh.status).toBe(201);

    const ledger = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dues_payments`.execute(t.db)).rows[0]!.n,
      );
    const before = await ledger();
    const refused = [
      [memberIds[0]!, { year: 2024, paidOn: "2024-05-01" }, 409, "error", /đã nộp hội phí năm 2024/],
      [
        memberIds[2]!,
        { year: 2024, paidOn: "2024-05-01" },
        422,
        "year",
        /trước năm vào hội \(01\/02\/2025\)/,
      ],
      [memberIds[1]!, { year: 2023, amount: -5000, paidOn: "2023-05-01" }, 422, "amount", /lớn hơn 0/],
      [memberIds[1]!, { year: 2025, paidOn: "2025-05-01" }, 422, "amount", /chưa có mức hội phí năm 2025/],
      [
        memberIds[3]!,
        { year: 2024, amount: 1000, paidOn: "2024-05-01" },
        404,
        "error",
        /Không tìm thấy hội viên/,
      ],
    ] as const;
    for (const [member, body, status, field, message] of refused) {
      const response = await pay(member, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const text =
        field === "error" ? response.body.error.message : response.body.error.details.fields[field];
      expect(text).toMatch(message);
    }
    expect(await ledger()).toBe(before);

    const list = await secretary.get(`/api/v1/chapters/${chapterId}/dues?year=2024`);
    expect(list.status).toBe(200);
    expect(list.body.amount).toBe(50000);
    // Lê Văn Cường joined in 2025: not on the 2024 list; Phạm Văn Dũng is of another chapter.
    expect(list.body.members.map((m: any) => [m.fullName, m.paid])).toEqual([
      ["Nguyễn Văn An", 50000],
      ["Trần Thị Bình", 60000],
    ]);
    expect(list.body.totals).toEqual({ members: 2, paid: 2, unpaid: 0, collected: 110000 });
    const list2025 = (await secretary.get(`/api/v1/chapters/${chapterId}/dues?year=2025`)).body;
    expect(list2025.totals).toEqual({ members: 3, paid: 0, unpaid: 3, collected: 0 });

    // A mistake is undone by a reversing entry; the ledger keeps both and refuses changes.
    const reverse = await secretary.post(`/api/v1/dues-payments/${binh.body.payment.id}/reverse`);
    expect(reverse.status).toBe(204);
    expect((await secretary.post(`/api/v1/dues-payments/${binh.body.payment.id}/reverse`)).status).toBe(409);
    const after = (await secretary.get(`/api/v1/chapters/${chapterId}/dues?year=2024`)).body;
    expect(after.totals).toEqual({ members: 2, paid: 1, unpaid: 1, collected: 50000 });
    await expect(sql`UPDATE dues_payments SET amount = 1`.execute(t.db)).rejects.toThrow(/append-only/);

    const file = await secretary.get(`/api/v1/chapters/${chapterId}/dues.xlsx?year=2024`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(typeof cell.value === "number" ? cell.value : cell.text);
      });
    });
    expect(cells).toEqual(
      expect.arrayContaining([
        "DANH SÁCH THU HỘI PHÍ NĂM 2024",
        "Nguyễn Văn An",
        "Đã nộp",
        50000,
        "Chưa nộp",
      ]),
    );
    const outsider = await t.as("maokhe");
    expect((await outsider.get(`/api/v1/chapters/${chapterId}/dues?year=2024`)).status).toBe(404);
  });

  it("records last year's dues of a member who has since moved in the chapter they belonged to that year", async () => {
    const hanoi = await t.as("hanoi");
    const cuong = memberIds[2]!; // joined Tổ 1 on 1/2/2025
    const before = (await hanoi.get(`/api/v1/members/${cuong}`)).body.member;
    const moved = await hanoi.patch(`/api/v1/members/${cuong}`, {
      chapterId: otherChapter,
      chapterSince: "2026-01-15",
      version: before.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(
      (await hanoi.request("PUT", `/api/v1/chapters/${chapterId}/dues/2025`, { amount: 30000 })).status,
    ).toBe(200);
    expect(
      (await hanoi.request("PUT", `/api/v1/chapters/${otherChapter}/dues/2025`, { amount: 90000 })).status,
    ).toBe(200);
    const paid = await hanoi.post(`/api/v1/members/${cuong}/dues`, { year: 2025, paidOn: "2026-02-01" });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    // Tổ 1's amount, in Tổ 1's list: the 2025 dues belong to the chapter of 31/12/2025.
    expect(paid.body.payment.amount).toBe(30000);
    const row = await sql<{
      chapter_id: number;
    }>`SELECT chapter_id FROM dues_payments WHERE id = ${paid.body.payment.id}`.execute(t.db);
    expect(Number(row.rows[0]!.chapter_id)).toBe(chapterId);
    const list = (await hanoi.get(`/api/v1/chapters/${chapterId}/dues?year=2025`)).body;
    expect(list.members.find((m: any) => m.memberId === cuong)).toMatchObject({ paid: 30000 });
    // This year's dues go to the new chapter, at its own amount.
    expect(
      (await hanoi.request("PUT", `/api/v1/chapters/${otherChapter}/dues/2026`, { amount: 40000 })).status,
    ).toBe(200);
    const now = await hanoi.post(`/api/v1/members/${cuong}/dues`, { year: 2026, paidOn: "2026-02-01" });
    expect(now.body.payment.amount).toBe(40000);
  });

  it("finds a chapter, a member and a payment named with their commune, and not under another commune", async () => {
    // Named with its commune, a row is looked for there alone (one shard, docs/SCALE-OUT.md): under another commune
    // it is not found, with the message of a missing row, to read and to write alike.
    const hanoi = await t.as("hanoi");
    const ward = await t.unitId("00103");
    const badinh = await t.unitId("00004");
    const an = memberIds[0]!;
    const noChapter = /Không tìm thấy chi hội/;
    const noMember = /Không tìm thấy hội viên/;
    const reads = [
      [`/chapters/${chapterId}/committee`, noChapter],
      [`/chapters/${chapterId}/members?date=2024-06-01`, noChapter],
      [`/chapters/${chapterId}/dues?year=2024`, noChapter],
      [`/chapters/${chapterId}/dues.xlsx?year=2024`, noChapter],
      [`/members/${an}/chapters?date=2024-06-01`, noMember],
    ] as const;
    const withCommune = (path: string, communeId: number) =>
      `/api/v1${path}${path.includes("?") ? "&" : "?"}communeId=${communeId}`;
    for (const [path, message] of reads) {
      expect((await hanoi.get(withCommune(path, ward))).status, path).toBe(200);
      const other = await hanoi.get(withCommune(path, badinh));
      expect(other.status, path).toBe(404);
      expect(other.body.error.message, path).toMatch(message);
    }
    const members = (await hanoi.get(withCommune(`/chapters/${chapterId}/members`, ward))).body.members;
    expect(members.map((m: any) => m.id)).toContain(an);

    const officers = [{ fullName: "Nguyễn Văn An", post: "chair", termFrom: "2024-01-01" }];
    const committee = (communeId: number) =>
      hanoi.request("PUT", withCommune(`/chapters/${chapterId}/committee`, communeId), { officers });
    expect((await committee(badinh)).status).toBe(404);
    expect((await committee(ward)).status).toBe(200);
    const amount = (communeId: number) =>
      hanoi.request("PUT", withCommune(`/chapters/${chapterId}/dues/2023`, communeId), { amount: 20000 });
    expect((await amount(badinh)).status).toBe(404);
    expect((await amount(ward)).status).toBe(200);

    const pay = (communeId: number) =>
      hanoi.post(withCommune(`/members/${an}/dues`, communeId), { year: 2023, paidOn: "2023-05-01" });
    const refused = await pay(badinh);
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(noMember);
    const paid = await pay(ward);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.payment.amount).toBe(20000);
    const reverse = (communeId: number) =>
      hanoi.post(withCommune(`/dues-payments/${paid.body.payment.id}/reverse`, communeId));
    const misplaced = await reverse(badinh);
    expect(misplaced.status).toBe(404);
    expect(misplaced.body.error.message).toMatch(/Không tìm thấy khoản nộp/);
    expect((await reverse(ward)).status).toBe(204);
    const list = (await hanoi.get(withCommune(`/chapters/${chapterId}/dues?year=2023`, ward))).body;
    expect(list.members.find((m: any) => m.memberId === an)).toMatchObject({ paid: 0 });
  });
});
