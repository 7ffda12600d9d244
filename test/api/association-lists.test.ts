/**
 * The Hội Khuyến học's lists across chapters: the chapter tree of a commune counted on two dates (a member who
 * left, a transfer, dues paid by the day) against a recount of the periods; a chapter's members on a date; member
 * search without diacritics over the caller's scope (a secretary in their chapter only, a clerk not at all, another
 * province nothing), with bad input refused naming the field.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadActor } from "../../src/server/auth/scope";
import { chapterSummary } from "../../src/server/modules/association/chapter-summary.service";
import { searchMembers } from "../../src/server/modules/association/member-lists.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { signedInUser } from "../helpers/users";

describeEachEngine("Hội Khuyến học: chapter tree, chapter members, member search", (engine) => {
  let t: TestApp;
  let hanoi: ApiClient;
  let hoi: ApiClient;
  let secretary: ApiClient;
  let ward: number;
  let villages: { id: number; name: string }[];
  const chapter = { v1: 0, v2: 0, clan: 0 };
  const member = { lan: 0, hung: 0, mai: 0, school: 0, lanh: 0, clan: 0 };

  const user = (username: string, role: string, unitId: number, chapterId?: number) =>
    signedInUser(t, hanoi, { username, role, unitId, chapterId });

  async function join(key: keyof typeof member, body: Record<string, unknown>) {
    const made = await hoi.post("/api/v1/members", body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    member[key] = made.body.member.id;
    return made.body.member;
  }

  beforeAll(async () => {
    t = await demoApp(engine);
    hanoi = await t.as("hanoi");
    ward = await t.unitId("00103");
    villages = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units;
    hoi = await user("hoi.lists", "association_admin", ward);
    const make = async (body: object) => (await hoi.post("/api/v1/chapters", body)).body.chapter.id;
    chapter.v1 = await make({ unitId: villages[0]!.id, name: "Chi hội Tổ 1", kind: "village" });
    chapter.v2 = await make({ unitId: villages[1]!.id, name: "Chi hội Tổ 2", kind: "village" });
    const clan = await hanoi.post("/api/v1/clans", {
      communeId: ward,
      name: "Họ Đỗ",
      headName: "Đỗ Văn Hải",
    });
    chapter.clan = await make({
      unitId: ward,
      name: "Chi hội họ Đỗ",
      kind: "clan",
      clanId: clan.body.clan.id,
    });
    const [v1, v2] = [villages[0]!.id, villages[1]!.id];
    await join("lan", {
      unitId: v1,
      chapterId: chapter.v1,
      fullName: "Nguyễn Thị Lan",
      sex: "female",
      birthYear: 1970,
      joinedOn: "2020-03-01",
    });
    const hung = await join("hung", {
      unitId: v1,
      chapterId: chapter.v1,
      fullName: "Trần Văn Hùng",
      sex: "male",
      birthYear: 1965,
      joinedOn: "2020-05-01",
    });
    const mai = await join("mai", {
      unitId: v1,
      chapterId: chapter.v1,
      fullName: "Lê Thị Mai",
      sex: "female",
      birthYear: 1980,
      joinedOn: "2021-01-01",
    });
    await join("school", {
      unitId: v2,
      chapterId: chapter.v2,
      fullName: "Trường Tiểu học Quảng An",
      memberKind: "collective",
      joinedOn: "2021-06-01",
    });
    await join("lanh", {
      unitId: v2,
      chapterId: chapter.v2,
      fullName: "Nguyễn Thị Lành",
      sex: "female",
      birthYear: 1975,
      joinedOn: "2023-09-01",
    });
    await join("clan", {
      unitId: v2,
      chapterId: chapter.clan,
      fullName: "Đỗ Văn Hải",
      sex: "male",
      birthYear: 1950,
      joinedOn: "2022-01-01",
    });
    const left = await hoi.patch(`/api/v1/members/${member.hung}`, {
      leftOn: "2023-01-10",
      leftReason: "moved",
      version: hung.version,
    });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    const moved = await hoi.patch(`/api/v1/members/${member.mai}`, {
      chapterId: chapter.v2,
      chapterSince: "2023-05-01",
      version: mai.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(
      (await hoi.request("PUT", `/api/v1/chapters/${chapter.v1}/dues/2024`, { amount: 50000 })).status,
    ).toBe(200);
    expect(
      (await hoi.post(`/api/v1/members/${member.lan}/dues`, { year: 2024, paidOn: "2024-03-01" })).status,
    ).toBe(201);
    secretary = await user("thuky.lists", "chapter_secretary", ward, chapter.v1);
  });
  afterAll(() => t.close());

  const summary = async (client: ApiClient, date: string, unitId = ward) =>
    client.get(`/api/v1/units/${unitId}/chapters/summary?date=${date}`);
  const countsOf = (body: any) =>
    Object.fromEntries(
      body.groups.flatMap((g: any) =>
        g.chapters.map((c: any) => [c.name, [c.counts.members, c.counts.women, c.counts.collective]]),
      ),
    );

  /** Members per chapter on a date, counted straight from the periods as the database owner. */
  async function recount(date: string) {
    const { rows } = await sql<{ name: string; n: string }>`SELECT c.name, count(p.id) AS n FROM chapters c
      LEFT JOIN membership_periods p ON p.commune_id = c.commune_id AND p.chapter_id = c.id
        AND p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
      WHERE c.commune_id = ${ward} GROUP BY c.name`.execute(t.db);
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  }

  it("counts each chapter's members on a date: a member who left and a transfer, grouped by kind", async () => {
    const before = await summary(hoi, "2022-06-01");
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({
      commune: { id: ward },
      date: "2022-06-01",
      year: 2022,
      ownChaptersOnly: false,
    });
    expect(before.body.groups.map((g: any) => g.kind)).toEqual(["village", "clan"]);
    expect(countsOf(before.body)).toEqual({
      "Chi hội Tổ 1": [3, 2, 0],
      "Chi hội Tổ 2": [1, 0, 1],
      "Chi hội họ Đỗ": [1, 0, 0],
    });
    expect(before.body.groups[0].totals).toMatchObject({ members: 4, women: 2, collective: 1 });
    expect(before.body.totals).toMatchObject({ chapters: 3, members: 5, women: 2, collective: 1 });

    const after = await summary(hoi, "2024-06-01");
    expect(countsOf(after.body)).toEqual({
      "Chi hội Tổ 1": [1, 1, 0],
      "Chi hội Tổ 2": [3, 2, 1],
      "Chi hội họ Đỗ": [1, 0, 0],
    });
    const v1 = after.body.groups[0].chapters.find((c: any) => c.id === chapter.v1);
    expect(v1).toMatchObject({
      unit: { id: villages[0]!.id },
      counts: { duesPaid: 1, duesCollected: 50000 },
    });
    expect(after.body.totals).toMatchObject({ members: 5, duesPaid: 1, duesCollected: 50000 });
    // Dues are counted as paid by the day asked: not yet on 1 February 2024.
    expect((await summary(hoi, "2024-02-01")).body.totals).toMatchObject({ duesPaid: 0, duesCollected: 0 });
    for (const date of ["2022-06-01", "2023-01-10", "2023-05-01", "2024-06-01"]) {
      const counted = Object.fromEntries(
        Object.entries(countsOf((await summary(hoi, date)).body)).map(([name, c]) => [
          name,
          (c as number[])[0],
        ]),
      );
      expect(counted, date).toEqual(await recount(date));
    }
    // Before any chapter had a member: the chapters, with nothing in them.
    expect((await summary(hoi, "2019-01-01")).body.totals).toMatchObject({ chapters: 3, members: 0 });
  });

  it("lists a chapter's members on a date, as many as the tree counts", async () => {
    const on = async (id: number, date: string) =>
      (await hoi.get(`/api/v1/chapters/${id}/members?date=${date}`)).body;
    const early = await on(chapter.v1, "2022-06-01");
    expect(early.members.map((m: any) => m.fullName)).toEqual([
      "Nguyễn Thị Lan",
      "Trần Văn Hùng",
      "Lê Thị Mai",
    ]);
    expect((await on(chapter.v1, "2024-06-01")).members.map((m: any) => m.fullName)).toEqual([
      "Nguyễn Thị Lan",
    ]);
    const v2 = await on(chapter.v2, "2024-06-01");
    expect(v2.members.map((m: any) => [m.fullName, m.since])).toEqual([
      ["Lê Thị Mai", "2023-05-01"],
      ["Trường Tiểu học Quảng An", "2021-06-01"],
      ["Nguyễn Thị Lành", "2023-09-01"],
    ]);
    expect(v2.members[1]).toMatchObject({ memberKind: "collective", sex: null, commune: { id: ward } });
  });

  it("finds members without diacritics across the scope, exact names first, with the member's places", async () => {
    const search = async (client: ApiClient, query: string) => client.get(`/api/v1/members/search?${query}`);
    const found = await search(hoi, "q=nguyen%20thi%20lan");
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.more).toBe(false);
    expect(found.body.members.map((m: any) => m.fullName)).toEqual(["Nguyễn Thị Lan", "Nguyễn Thị Lành"]);
    expect(found.body.members[0]).toEqual({
      id: member.lan,
      memberNumber: "0001",
      fullName: "Nguyễn Thị Lan",
      birthYear: 1970,
      sex: "female",
      memberKind: "individual",
      unit: { id: villages[0]!.id, name: villages[0]!.name },
      commune: { id: ward, name: "Phường Tây Hồ" },
      chapter: { id: chapter.v1, code: "01", name: "Chi hội Tổ 1" },
      joinedOn: "2020-03-01",
      leftOn: null,
    });
    // With the marks, in capitals, words in another order; a member who left; a transfer's current chapter.
    expect(
      (await search(hoi, `q=${encodeURIComponent("NGUYỄN Lành")}`)).body.members.map((m: any) => m.id),
    ).toEqual([member.lanh]);
    expect((await search(hoi, "q=tran%20van")).body.members[0]).toMatchObject({
      id: member.hung,
      leftOn: "2023-01-10",
    });
    expect((await search(hoi, `q=${encodeURIComponent("lê thị mai")}`)).body.members[0].chapter.id).toBe(
      chapter.v2,
    );
    expect((await search(hoi, "q=do%20van%20hai")).body.members.map((m: any) => m.id)).toEqual([member.clan]);
    expect((await search(hoi, "q=0002")).body.members.map((m: any) => m.id)).toEqual([member.hung]);
    expect((await search(hoi, "q=nguyen&birthYear=1975")).body.members.map((m: any) => m.id)).toEqual([
      member.lanh,
    ]);
    expect(
      (await search(hoi, `q=nguyen&unitId=${villages[1]!.id}`)).body.members.map((m: any) => m.id),
    ).toEqual([member.lanh]);

    for (const [query, field] of [
      ["q=a", "q"],
      [`q=${encodeURIComponent(" đ  ")}`, "q"],
      ["", "q"],
      ["q=nguyen&birthYear=abc", "birthYear"],
      ["q=nguyen&birthYear=1800", "birthYear"],
      ["q=nguyen&unitId=x", "unitId"],
    ] as const) {
      const refused = await search(hoi, query);
      expect(refused.status, query).toBe(422);
      expect(Object.keys(refused.body.error.details.fields), query).toEqual([field]);
      expect(refused.body.error.details.fields[field]).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíòóỏõọùúủũụ]/i);
    }
  });

  it("keeps more than 50 hits to 50 with `more`", async () => {
    const province = await t.unitId("01", { level: "province" });
    await t.db
      .insertInto("members")
      .values(
        Array.from({ length: 51 }, (_, i) => ({
          commune_id: ward,
          province_id: province,
          unit_id: villages[2]!.id,
          member_number: `S${i}`,
          full_name: `Phạm Văn Số ${i}`,
          chapter_id: chapter.clan,
          joined_on: "2022-02-02",
        })),
      )
      .execute();
    const page = (await hoi.get("/api/v1/members/search?q=pham%20van%20so")).body;
    expect(page.members).toHaveLength(50);
    expect(page.more).toBe(true);
  });

  it("shows a chapter secretary their own chapter only, a clerk nothing, another province nothing", async () => {
    // Counted on the members the secretary reads: their chapter's (one who moved away since is the Hội's to count).
    const mine = await summary(secretary, "2024-06-01");
    expect(mine.status).toBe(200);
    expect(mine.body.ownChaptersOnly).toBe(true);
    expect(countsOf(mine.body)).toEqual({ "Chi hội Tổ 1": [1, 1, 0] });
    expect(mine.body.totals).toMatchObject({ chapters: 1, members: 1, duesPaid: 1, duesCollected: 50000 });
    const names = async (client: ApiClient, q: string) =>
      (await client.get(`/api/v1/members/search?q=${encodeURIComponent(q)}`)).body.members?.map(
        (m: any) => m.fullName,
      );
    expect(await names(secretary, "nguyen thi")).toEqual(["Nguyễn Thị Lan"]);
    expect(await names(secretary, "le thi mai")).toEqual([]); // moved to another chapter
    expect((await secretary.get(`/api/v1/chapters/${chapter.v2}/members`)).status).toBe(403);
    expect(
      (await secretary.get(`/api/v1/chapters/${chapter.v1}/members?date=2024-06-01`)).body.members,
    ).toHaveLength(1);

    const clerk = await t.as("tayho"); // the ward's data-entry clerk: sees chapters, not members
    expect((await clerk.get("/api/v1/members/search?q=nguyen")).status).toBe(403);
    expect((await summary(clerk, "2024-06-01")).status).toBe(403);
    expect((await clerk.get(`/api/v1/chapters/${chapter.v1}/members`)).status).toBe(403);
    // Nor the committee and the dues list: refused with the reason, not an empty list that misleads.
    const committee = await clerk.get(`/api/v1/chapters/${chapter.v1}/committee`);
    expect(committee.status).toBe(403);
    expect(committee.body.error.message).toMatch(/thư ký chi hội xem được/);
    expect((await clerk.get(`/api/v1/chapters/${chapter.v1}/dues?year=2024`)).status).toBe(403);
    expect((await clerk.get(`/api/v1/chapters/${chapter.v1}`)).status).toBe(200);
    const village = await t.as("to1.tayho"); // a viewer of one residential group: the ward is not theirs
    expect((await summary(village, "2024-06-01")).status).toBe(404);

    const outsider = await t.as("maokhe");
    expect(await names(outsider, "nguyen thi lan")).toEqual([]);
    expect((await outsider.get(`/api/v1/members/search?q=nguyen&unitId=${ward}`)).status).toBe(404);
    expect((await summary(outsider, "2024-06-01")).status).toBe(404);
    expect((await outsider.get(`/api/v1/chapters/${chapter.v1}/members`)).status).toBe(404);
    // Not a commune, or not a day: refused naming the field.
    const refused = await summary(hoi, "2024-06-01", villages[0]!.id);
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.error.details.fields)).toEqual(["id"]);
    const badDate = await summary(hoi, "2024-02-30");
    expect(badDate.status).toBe(422);
    expect(Object.keys(badDate.body.error.details.fields)).toEqual(["date"]);
  });

  it("is held by row-level security too: a secretary's session given the Hội's scope still reads one chapter", async () => {
    const idOf = async (username: string) =>
      (
        await t.db
          .selectFrom("app_users")
          .select("id")
          .where("username", "=", username)
          .executeTakeFirstOrThrow()
      ).id;
    const own = await loadActor(t.db, await idOf("thuky.lists"), "thuky.lists");
    const hoiActor = await loadActor(t.db, await idOf("hoi.lists"), "hoi.lists");
    // The query's scope is the Hội's; the database session is the secretary's.
    const forged = { ...hoiActor, userId: own.userId, chapters: own.chapters };
    const found = await searchMembers(t.db, forged, { q: "nguyen thi" });
    expect(found.members.map((m) => m.fullName)).toEqual(["Nguyễn Thị Lan"]);
    const tree = await chapterSummary(t.db, forged, ward, "2024-06-01");
    expect(tree.totals).toMatchObject({ chapters: 3, members: 1, duesPaid: 1 });
  });
});
