/**
 * The retention job (issue 12, item 4), acceptance "retention dry run and real run agree": rows of each person kind
 * archived long ago (the dates set with SQL) are listed by the dry run, which writes nothing; the real run does
 * exactly what the dry run listed (the names become pseudonyms, phones and addresses are cleared, each row and a
 * summary per kind audited, the run recorded), the statistics counters equal a recount and what they were; a
 * second run does nothing; a run cannot overlap another.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commandLineActor } from "../../src/server/auth/scope";
import type { Connection } from "../../src/server/db/connection";
import { runRetention } from "../../src/server/modules/privacy/retention";
import { recordedRun, retentionDue } from "../../src/server/modules/privacy/retention-schedule";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

const tables = {
  households: ["households", "head_name"],
  citizens: ["citizens", "full_name"],
  members: ["members", "full_name"],
  donors: ["fund_donors", "name"],
  beneficiaries: ["fund_beneficiaries", "full_name"],
} as const;

describeEachEngine("the retention job", (engine) => {
  let t: TestApp;
  let connection: Connection;
  const planted: Record<string, { commune_id: number; id: number; name: string }> = {};
  const counters = async () =>
    (
      await sql<{
        t: string;
      }>`SELECT coalesce((SELECT json_agg(x ORDER BY x::text) FROM title_counters x)::text, '-')
        || coalesce((SELECT json_agg(x ORDER BY x::text) FROM title_totals x)::text, '-')
        || coalesce((SELECT json_agg(x ORDER BY x::text) FROM association_counters x)::text, '-')
        || coalesce((SELECT json_agg(x ORDER BY x::text) FROM commendation_counters x)::text, '-')
        || coalesce((SELECT json_agg(x ORDER BY x::text) FROM centre_counters x)::text, '-') AS t`.execute(
        connection.db,
      )
    ).rows[0]!.t;

  beforeAll(async () => {
    t = await demoApp(engine);
    connection = t.connection;
    const db = t.db;
    // One person of each kind through the API (the basic demo has households only), then archived 30 years ago
    // with SQL (past any period); one more citizen archived yesterday (not due).
    const hanoi = await t.as("hanoi");
    const ward = await t.unitId("00103");
    const village = (await hanoi.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    const chapter = await hanoi.post("/api/v1/chapters", {
      unitId: village,
      name: "Chi hội Tổ 1",
      kind: "village",
    });
    const made = [
      await hanoi.post("/api/v1/citizens", { villageId: village, fullName: "Đỗ Văn Lưu", birthYear: 1950 }),
      await hanoi.post("/api/v1/citizens", { villageId: village, fullName: "Đỗ Thị Còn", birthYear: 1952 }),
      await hanoi.post("/api/v1/members", {
        unitId: village,
        chapterId: chapter.body.chapter.id,
        fullName: "Ngô Văn Hội",
        joinedOn: "1990-01-01",
      }),
      await hanoi.post("/api/v1/donors", {
        communeId: ward,
        name: "Vũ Thị Tâm",
        kind: "person",
        phone: "0912345678",
      }),
      await hanoi.post("/api/v1/beneficiaries", {
        unitId: ward,
        fullName: "Lý Văn Học",
        kind: "student",
        birthYear: 1985,
      }),
    ];
    for (const m of made) expect(m.status, JSON.stringify(m.body)).toBe(201);
    await sql`UPDATE citizens SET archived_at = now() - interval '1 day' WHERE full_name = 'Đỗ Thị Còn'`.execute(
      db,
    );
    for (const [kind, [table, name]] of Object.entries(tables)) {
      const { rows } = await sql<{ commune_id: number; id: number; name: string }>`UPDATE ${sql.table(table)}
        SET archived_at = now() - interval '30 years'
          ${kind === "households" ? sql`, archived_reason = 'moved'` : sql``}
        WHERE (commune_id, id) = (SELECT commune_id, id FROM ${sql.table(table)}
          WHERE archived_at IS NULL ORDER BY id LIMIT 1)
        RETURNING commune_id, id, ${sql.ref(name)} AS name`.execute(db);
      expect(rows, kind).toHaveLength(1);
      planted[kind] = { ...rows[0]!, id: Number(rows[0]!.id), commune_id: Number(rows[0]!.commune_id) };
    }
  });
  afterAll(() => t?.close());

  it("retention dry run and real run agree", { timeout: 60_000 }, async () => {
    const db = connection.db;
    expect((await verifyCounters(db)).differences).toEqual([]);
    const before = await counters();
    const auditBefore = Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]!.n,
    );

    const dry = await runRetention(db, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    for (const [kind, row] of Object.entries(planted)) {
      const listed = dry.kinds.find((k) => k.kind === kind)!;
      expect(listed.rows, kind).toContainEqual({ communeId: row.commune_id, id: row.id });
    }
    // The dry run wrote nothing: names, audit log and runs as they were.
    for (const [kind, [table, name]] of Object.entries(tables)) {
      const { rows } = await sql<{ name: string }>`SELECT ${sql.ref(name)} AS name FROM ${sql.table(table)}
        WHERE commune_id = ${planted[kind]!.commune_id} AND id = ${planted[kind]!.id}`.execute(db);
      expect(rows[0]!.name).toBe(planted[kind]!.name);
    }
    expect(
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]!.n),
    ).toBe(auditBefore);

    const real = await recordedRun(db, commandLineActor);
    expect(real).not.toBeNull();
    expect(real!.kinds.map((k) => [k.kind, k.rows])).toEqual(dry.kinds.map((k) => [k.kind, k.rows]));
    for (const [kind, [table, name]] of Object.entries(tables)) {
      const { rows } = await sql<{ name: string }>`SELECT ${sql.ref(name)} AS name FROM ${sql.table(table)}
        WHERE commune_id = ${planted[kind]!.commune_id} AND id = ${planted[kind]!.id}`.execute(db);
      expect(rows[0]!.name, kind).toMatch(/^Ẩn danh [A-Z0-9]{6}$/);
    }
    const donor = await sql<{ phone: string | null }>`SELECT phone FROM fund_donors
      WHERE id = ${planted.donors!.id}`.execute(db);
    expect(donor.rows[0]!.phone).toBeNull();
    // Archived yesterday: within its period, kept as it is.
    const recent = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM citizens WHERE full_name = 'Đỗ Thị Còn'`.execute(db);
    expect(Number(recent.rows[0]!.n)).toBe(1);
    const total = real!.kinds.reduce((n, k) => n + k.rows.length, 0);
    const { rows: audited } = await sql<{
      entity: string;
      n: number;
    }>`SELECT entity, count(*) AS n FROM audit_log
      WHERE action = 'retention' GROUP BY entity`.execute(db);
    const perRow = audited
      .filter((a) => a.entity !== "privacy_retention")
      .reduce((n, a) => n + Number(a.n), 0);
    expect(perRow).toBe(total);
    expect(Number(audited.find((a) => a.entity === "privacy_retention")?.n)).toBe(
      real!.kinds.filter((k) => k.rows.length > 0).length,
    );
    // Nobody's name is left in the audit entries of the run.
    const { rows: leaked } = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log
      WHERE action = 'retention' AND strpos(after::text, ${planted.citizens!.name}) > 0`.execute(db);
    expect(Number(leaked[0]!.n)).toBe(0);

    // The statistics: equal to a recount and to what they were.
    expect((await verifyCounters(db)).differences).toEqual([]);
    expect(await counters()).toBe(before);

    // The run is recorded; a second run does nothing.
    const runs = await db.selectFrom("privacy_retention_runs").selectAll().execute();
    expect(runs.map((r) => r.status)).toEqual(["done"]);
    const again = await recordedRun(db, commandLineActor);
    expect(again!.kinds.every((k) => k.rows.length === 0)).toBe(true);
    expect((await runRetention(db, { dryRun: true })).kinds.every((k) => k.rows.length === 0)).toBe(true);
  });

  it("never overlaps, and is due once a day after 02:00 Vietnam time", async () => {
    const db = connection.db;
    const { id } = await db
      .insertInto("privacy_retention_runs")
      .values({ started_by: "elsewhere" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await recordedRun(db, commandLineActor)).toBeNull();
    await db.deleteFrom("privacy_retention_runs").where("id", "=", id).execute();

    expect(retentionDue(new Date("2026-12-01T10:00:00Z"), null)).toBe(true);
    // Last run at 02:05 Vietnam time today (19:05 UTC the day before): not again until tomorrow's 02:00.
    const last = new Date("2026-11-30T19:05:00Z");
    expect(retentionDue(new Date("2026-12-01T10:00:00Z"), last)).toBe(false);
    expect(retentionDue(new Date("2026-12-01T18:59:00Z"), last)).toBe(false);
    expect(retentionDue(new Date("2026-12-01T19:01:00Z"), last)).toBe(true);
    // A server started in the afternoon, last run more than 24 hours ago: at once.
    expect(retentionDue(new Date("2026-12-01T08:00:00Z"), new Date("2026-11-30T07:00:00Z"))).toBe(true);
  });
});
