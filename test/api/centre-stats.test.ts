/**
 * The centres' counters (migration 0028) after a random mix of writes through the API (sessions added and edited,
 * learners and marks set, activities and a centre archived) equal a recount from the tables, both through
 * `stats verify` and through an independent count here; an altered counter is found and `rebuild` mends it. A
 * pre-2025 ward's figures land on the ward that took it over whole (Phường Bưởi → Phường Tây Hồ).
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rebuildCounters, verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const topics = ["law", "health", "computing", "agriculture", "life_skills"];

describeEachEngine("centre statistics: counters against a recount after a random mix", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let teacher: ApiClient;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    teacher = await t.as("giaovien.tayho");
    ward = await t.unitId("00103");
  });
  afterAll(() => t?.close());

  /** The figures of a year recounted straight from the tables (not the counters). */
  async function recount(communeIds: number[], year: number) {
    const { rows } = await sql<{
      sessions: number;
      attendees: number;
      women: number;
      learners: number;
      activities: number;
    }>`
      SELECT
        (SELECT count(*)::int FROM activity_sessions s JOIN centre_activities a ON a.commune_id = s.commune_id
          AND a.id = s.activity_id WHERE a.archived_at IS NULL AND s.commune_id = ANY (${communeIds}::bigint[])
          AND extract(year FROM s.held_on) = ${year}) AS sessions,
        (SELECT coalesce(sum(s.attendees), 0)::int FROM activity_sessions s JOIN centre_activities a
          ON a.commune_id = s.commune_id AND a.id = s.activity_id WHERE a.archived_at IS NULL
          AND s.commune_id = ANY (${communeIds}::bigint[]) AND extract(year FROM s.held_on) = ${year}) AS attendees,
        (SELECT coalesce(sum(s.women), 0)::int FROM activity_sessions s JOIN centre_activities a
          ON a.commune_id = s.commune_id AND a.id = s.activity_id WHERE a.archived_at IS NULL
          AND s.commune_id = ANY (${communeIds}::bigint[]) AND extract(year FROM s.held_on) = ${year}) AS women,
        (SELECT count(*)::int FROM activity_learners l JOIN centre_activities a ON a.commune_id = l.commune_id
          AND a.id = l.activity_id WHERE a.archived_at IS NULL AND l.commune_id = ANY (${communeIds}::bigint[])
          AND extract(year FROM a.starts_on) = ${year}) AS learners,
        (SELECT count(*)::int FROM centre_activities a WHERE a.archived_at IS NULL
          AND a.commune_id = ANY (${communeIds}::bigint[]) AND extract(year FROM a.starts_on) = ${year}) AS activities`.execute(
      t.db,
    );
    return rows[0]!;
  }
  const figures = async (unitId: number, year: number) => {
    const f = (await tayho.get(`/api/v1/stats/centres?unitId=${unitId}&year=${year}`)).body.figures;
    return {
      sessions: f.sessions,
      attendees: f.attendees,
      women: f.women,
      learners: f.learners,
      activities: f.activities,
    };
  };

  it("equal the recount after sessions, edits, marks, enrolments and archives in random order", async () => {
    const next = random(20251);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const citizens: number[] = [];
    for (let i = 0; i < 6; i++)
      citizens.push(
        (
          await tayho.post("/api/v1/citizens", {
            villageId: village,
            fullName: `Học viên ${i}`,
            birthYear: 1940 + i * 10,
          })
        ).body.citizen.id,
      );
    const centre = (
      await tayho.post("/api/v1/centres", { communeId: ward, name: "TT thử", foundedOn: "2020-05-01" })
    ).body.centre;
    const activities: { id: number; named: boolean; from: string; to: string; archived: boolean }[] = [];
    for (let i = 0; i < 6; i++) {
      const year = 2025 + (i % 2);
      const named = i % 3 === 0;
      const made = await tayho.post("/api/v1/activities", {
        communeId: ward,
        centreId: centre.id,
        title: `Lớp ${i}`,
        activityKind: pick(["class", "talk", "club"]),
        topic: pick(topics),
        startsOn: `${year}-03-01`,
        endsOn: `${year}-10-31`,
        attendanceMode: named ? "named" : "headcount",
        classSize: 40,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      activities.push({
        id: made.body.activity.id,
        named,
        from: `${year}-03-01`,
        to: `${year}-10-31`,
        archived: false,
      });
    }
    const sessions: { id: number; activity: (typeof activities)[number] }[] = [];
    for (let step = 0; step < 45; step++) {
      const live = activities.filter((a) => !a.archived);
      const activity = pick(live);
      const roll = next();
      if (roll < 0.45 || sessions.length === 0) {
        const attendees = Math.floor(next() * 40);
        const day = String(1 + Math.floor(next() * 28)).padStart(2, "0");
        const month = String(3 + Math.floor(next() * 8)).padStart(2, "0");
        const made = await teacher.post(`/api/v1/activities/${activity.id}/sessions`, {
          clientKey: crypto.randomUUID(),
          heldOn: `${activity.from.slice(0, 4)}-${month}-${day}`,
          attendees,
          women: Math.floor(attendees / 2),
          elderly: Math.floor(attendees / 4),
          minutes: 60,
        });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        sessions.push({ id: made.body.session.id, activity });
      } else if (roll < 0.6) {
        const s = pick(sessions.filter((x) => !x.activity.archived && !x.activity.named));
        if (!s) continue;
        const current = (
          await teacher.get(`/api/v1/activities/${s.activity.id}/attendance`)
        ).body.sessions.find((x: { id: number }) => x.id === s.id);
        const attendees = Math.floor(next() * 40);
        const saved = await teacher.patch(`/api/v1/activity-sessions/${s.id}`, {
          attendees,
          women: 0,
          minorities: 0,
          elderly: 0,
          version: current.version,
        });
        expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      } else if (roll < 0.75 && activity.named) {
        const chosen = citizens.filter(() => next() < 0.7);
        const keep = (await teacher.get(`/api/v1/activities/${activity.id}/attendance`)).body.learners.map(
          (l: { citizenId: number }) => l.citizenId,
        );
        const list = [...new Set([...keep, ...chosen])].map((citizenId) => ({
          citizenId,
          female: next() < 0.5,
        }));
        const put = await teacher.request("PUT", `/api/v1/activities/${activity.id}/learners`, {
          learners: list,
        });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
      } else if (roll < 0.9) {
        const s = pick(sessions.filter((x) => !x.activity.archived && x.activity.named));
        if (!s) continue;
        const learners = (await teacher.get(`/api/v1/activities/${s.activity.id}/attendance`)).body.learners;
        const marks = learners.map((l: { citizenId: number }) => ({
          citizenId: l.citizenId,
          present: next() < 0.6,
        }));
        const put = await teacher.request("PUT", `/api/v1/activity-sessions/${s.id}/marks`, { marks });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
      } else if (live.length > 3) {
        expect((await tayho.post(`/api/v1/activities/${activity.id}/archive`, {})).status).toBeLessThan(300);
        activity.archived = true;
      }
    }
    for (const year of [2025, 2026])
      expect(await figures(ward, year), String(year)).toEqual(await recount([ward], year));
    expect((await verifyCounters(t.db)).differences.filter((d) => d.title === "centres")).toEqual([]);
    // A centre dissolved leaves the count in the year it was archived.
    const before = (await tayho.get(`/api/v1/stats/centres?unitId=${ward}&year=2026`)).body.figures.centres;
    expect(
      (await tayho.post(`/api/v1/centres/${centre.id}/archive`, { reason: "dissolved" })).status,
    ).toBeLessThan(300);
    expect((await tayho.get(`/api/v1/stats/centres?unitId=${ward}&year=2026`)).body.figures.centres).toBe(
      before - 1,
    );
    expect((await tayho.get(`/api/v1/stats/centres?unitId=${ward}&year=2025`)).body.figures.centres).toBe(
      before,
    );
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  });

  it("finds an altered counter, and rebuild mends it", async () => {
    await sql`UPDATE centre_counters SET value = value + 5 WHERE commune_id = ${ward} AND metric = 'attendees'
      AND year = 2025`.execute(t.db);
    const found = (await verifyCounters(t.db)).differences;
    expect(found).toEqual([expect.objectContaining({ title: "centres", measure: "attendees", year: 2025 })]);
    await rebuildCounters(t.db, { unitCode: "00103" });
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  });

  it("puts a pre-2025 ward's figures on the ward that took it over whole", async () => {
    const old = await t.unitId("00109", { old: true, level: "commune" });
    const { rows } = await sql<{ province: number }>`SELECT ancestor_id AS province FROM admin_unit_paths
      WHERE descendant_id = ${old} ORDER BY depth DESC LIMIT 1`.execute(t.db);
    const province = Number(rows[0]!.province);
    const centre = await t.db
      .insertInto("learning_centres")
      .values({
        commune_id: old,
        province_id: province,
        code: "01",
        name: "TTHTCĐ phường Bưởi",
        founded_on: "2010-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const activity = await t.db
      .insertInto("centre_activities")
      .values({
        commune_id: old,
        province_id: province,
        centre_id: centre.id,
        code: "0001",
        title: "Lớp cũ",
        topic: "law",
        starts_on: "2024-03-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("activity_sessions")
      .values({
        commune_id: old,
        province_id: province,
        activity_id: activity.id,
        client_key: crypto.randomUUID(),
        held_on: "2024-03-01",
        attendees: 33,
        women: 20,
      })
      .execute();
    const hanoi = await t.as("hanoi");
    // 2024: the old city and its districts, as they were.
    const then = (await hanoi.get(`/api/v1/stats/centres?unitId=${province}&year=2024`)).body;
    expect(then.figures.attendees).toBe(33);
    // 2026: the centre of old Bưởi counts in Phường Tây Hồ of the city in force (the other test's centre was
    // dissolved in 2026).
    const now = await t.unitId("01", { level: "province" });
    const rollup = (await hanoi.get(`/api/v1/stats/centres?unitId=${now}&year=2026`)).body;
    const tayhoRow = rollup.children.find((c: { unit: { id: number } }) => c.unit.id === ward);
    expect(tayhoRow?.figures.centres).toBe(1);
    expect(rollup.own).toBeNull();
    expect((await verifyCounters(t.db)).differences).toEqual([]);
  });
});
