/**
 * Minimisation by default (issue 12, item 7): a viewer, and the public, never get a field their role's purposes do
 * not cover. Values are planted through the API in every field the privacy declarations keep to the list's keepers
 * (src/shared/privacy), then every GET operation of the OpenAPI document is walked as two viewers (a village's, a
 * commune's) and as anonymous; a keeper's walk must find every planted value, so the test cannot pass by missing.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Audience } from "../../src/shared/privacy/declaration";
import { registryKinds } from "../../src/shared/registry/kinds";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { type Planted, type WalkPlace, walkGets } from "../helpers/privacy-walk";
import { signedInUser } from "../helpers/users";
import { type Operation, operationsOf } from "../helpers/walker/document";

/** The rows planted in Tổ dân phố số 1 of Phường Tây Hồ (donors: the ward), one per personal kind. */
function fixtures(place: WalkPlace, chapterId: number): Record<string, Record<string, unknown>> {
  return {
    households: {
      villageId: place.villageId,
      headName: "Lưu Văn Riêng",
      members: 3,
      address: "Số 77 ngõ Riêng Tư",
      phone: "0901000001",
    },
    citizens: { villageId: place.villageId, fullName: "Đỗ Thị Riêng", birthYear: 1931 },
    members: {
      unitId: place.villageId,
      fullName: "Mai Văn Riêng",
      birthYear: 1932,
      chapterId,
      joinedOn: "2020-01-01",
      leftOn: "2024-01-02",
      leftReason: "died",
      phone: "0901000004",
    },
    donors: {
      communeId: place.communeId,
      name: "Tạ Thị Riêng",
      kind: "person",
      address: "Số 78 ngõ Riêng Tư",
      phone: "0901000002",
    },
    beneficiaries: {
      unitId: place.villageId,
      fullName: "Bé Riêng Nhỏ",
      birthYear: 2015,
      school: "Trường Tiểu học Riêng Tư",
      class: "5A",
      guardianPhone: "0901000003",
    },
  };
}

/** The planted values of the fields whose audience is among `audiences`. */
function plantedOf(rows: Record<string, Record<string, unknown>>, audiences: readonly Audience[]): Planted[] {
  const planted: Planted[] = [];
  for (const kind of registryKinds)
    for (const [key, privacy] of Object.entries(kind.privacy?.fields ?? {})) {
      const value = rows[kind.name]?.[key];
      if (audiences.includes(privacy.audience) && (typeof value === "string" || typeof value === "number"))
        planted.push({ kind: kind.name, key, value });
    }
  return planted;
}

describeEachEngine("privacy: what a viewer and the public see", (engine) => {
  let t: TestApp;
  let operations: Operation[];
  let place: WalkPlace;
  let rows: Record<string, Record<string, unknown>>;
  let keeper: ApiClient;
  beforeAll(async () => {
    t = await demoApp(engine);
    operations = operationsOf((await t.anonymous().get("/api/v1/openapi.json")).body);
    const communeId = await t.unitId("00103");
    const village = await t.db
      .selectFrom("admin_units")
      .select("id")
      .where("parent_id", "=", communeId)
      .where("name", "=", "Tổ dân phố số 1")
      .executeTakeFirstOrThrow();
    place = { communeId, villageId: village.id, year: new Date().getFullYear() };
    keeper = await t.as("hanoi");
    const chapter = await keeper.post("/api/v1/chapters", {
      unitId: village.id,
      name: "Chi hội Riêng Tư",
      kind: "village",
    });
    expect(chapter.status, JSON.stringify(chapter.body)).toBe(201);
    rows = fixtures(place, chapter.body.chapter.id);
    const ids: Record<string, number> = {};
    for (const [name, body] of Object.entries(rows)) {
      const created = await keeper.post(`/api/v1/${name}`, body);
      expect(created.status, `${name}: ${JSON.stringify(created.body)}`).toBe(201);
      ids[name] = Object.values(created.body as Record<string, { id: number }>)[0]!.id;
    }
    // The member agreed to give the chapter their phone (without it no one sees the number).
    const consent = await keeper.post("/api/v1/consents", {
      subject: { kind: "members", id: ids.members },
      purpose: "member_phone",
      givenAt: "2026-01-05",
      method: "paper",
      noticeVersion: "2026.1",
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    // The citizen learns in a named class of a centre, marked as of an ethnic minority (sensitive data).
    const centre = await keeper.post("/api/v1/centres", { communeId, name: "Trung tâm Riêng Tư" });
    const activity = await keeper.post("/api/v1/activities", {
      communeId,
      title: "Lớp Riêng Tư",
      centreId: centre.body.centre.id,
      topic: "law",
      startsOn: `${place.year}-01-05`,
      attendanceMode: "named",
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const enrolled = await keeper.request("PUT", `/api/v1/activities/${activity.body.activity.id}/learners`, {
      learners: [{ citizenId: ids.citizens, female: true, minority: true }],
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
  }, 60_000);
  afterAll(() => t.close());

  it("every field kept to the keepers has a planted value", () => {
    const kept = registryKinds.flatMap((kind) =>
      Object.entries(kind.privacy?.fields ?? {})
        .filter(([, privacy]) => privacy.audience === "keepers")
        .map(([key]) => `${kind.name}.${key}`),
    );
    const planted = plantedOf(rows, ["keepers"]).map((p) => `${p.kind}.${p.key}`);
    expect(kept.filter((k) => !planted.includes(k))).toEqual([]);
  });

  it("walks every GET operation: the keeper sees each planted value, viewers none, the public no personal field", async () => {
    const started = performance.now();
    const kept = [...plantedOf(rows, ["keepers"]), { kind: "attendance", key: "minority", value: true }];
    const found = await walkGets(t, keeper, operations, place, kept);
    console.log(`keeper walk: ${found.calls} calls, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(kept.filter((p) => !found.seen.has(p)).map((p) => `${p.kind}.${p.key}`)).toEqual([]);

    const admin = await t.as("quantri");
    const communeViewer = await signedInUser(t, admin, {
      username: "xem.tayho",
      role: "viewer",
      unitId: place.communeId,
    });
    const leaks: string[] = [];
    for (const viewer of [await t.as("to1.tayho"), communeViewer])
      leaks.push(...(await walkGets(t, viewer, operations, place, kept)).leaks);
    expect(leaks).toEqual([]);

    const notPublic = plantedOf(rows, ["keepers", "readers"]);
    expect((await walkGets(t, t.anonymous(), operations, place, notPublic)).leaks).toEqual([]);
    console.log(`privacy walk: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 120_000);
});
