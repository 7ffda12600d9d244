/**
 * Round trips below Kysely (db/connection.ts fewerRoundTrips): a transaction's BEGIN goes with the caller's context in
 * one message, an empty transaction sends nothing, and a transaction stays all or nothing whatever its first
 * statement; the dashboards' statements are prepared once per connection (db/together.ts). A roll-up at any level
 * is then four round trips and an evaluation save four; a signed-in request's session check one. The functions that
 * say who the caller is keep their plans.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../src/server/auth/scope";
import { asActor } from "../../src/server/auth/scope";
import { resolveSession } from "../../src/server/auth/sessions";
import { PREPARED } from "../../src/server/db/connection";
import { readTogether } from "../../src/server/db/together";
import { actorOf } from "../../src/server/demo/demo-history";
import { assessRegistration } from "../../src/server/modules/cycle/registrations.service";
import { loadRubric } from "../../src/server/modules/rubrics/rubrics.service";
import { rollup } from "../../src/server/modules/stats/rollup";
import { listItems } from "../../src/server/registry/list";
import { kindNamed } from "../../src/shared/registry/kinds";
import { registerHouseholds, scoresFor } from "../fixtures/cycle";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { countedRoundTrips, loggedStatements } from "../helpers/statements";

describeEachEngine("round trips", (engine) => {
  let t: TestApp;
  let admin: Actor;
  let tayho: Actor;
  let ward: number;
  beforeAll(async () => {
    t = await demoApp(engine);
    admin = await actorOf(t.db, "quantri");
    tayho = await actorOf(t.db, "tayho");
    ward = await t.unitId("00103");
    await sql`CREATE TABLE round_trip_probe (v int NOT NULL)`.execute(t.db);
  }, 600_000);
  afterAll(() => t.close());

  const probes = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM round_trip_probe`.execute(t.db)).rows[0]!.n;

  it("a transaction is all or nothing whatever its first statement, and an empty one sends nothing", async () => {
    await countedRoundTrips(t.connection.pool, async (count) => {
      await t.db.transaction().execute(async () => {});
      expect(count()).toBe(0);
      // BEGIN with a statement without parameters: one message.
      await t.db.transaction().execute(async (tx) => {
        await sql`INSERT INTO round_trip_probe VALUES (1)`.execute(tx);
      });
      expect(count()).toBe(2);
    });
    expect(await probes()).toBe(1);
    const failing = [
      sql`INSERT INTO round_trip_probe VALUES (2)`,
      sql`INSERT INTO round_trip_probe VALUES (${3})`,
    ];
    for (const first of failing)
      await expect(
        t.db.transaction().execute(async (tx) => {
          await first.execute(tx);
          throw new Error("stop");
        }),
      ).rejects.toThrow("stop");
    expect(await probes()).toBe(1);
    // A first statement that fails: the error is the caller's, the transaction is rolled back, the pool goes on.
    await expect(
      t.db.transaction().execute(async (tx) => {
        await sql`INSERT INTO round_trip_probe VALUES (4), (NULL)`.execute(tx);
      }),
    ).rejects.toThrow(/null value/);
    expect(await probes()).toBe(1);
  });

  it("the caller's context goes with BEGIN and holds for the whole transaction only", async () => {
    const seen = await asActor(t.db, tayho, async (tx) => {
      await sql`SELECT 1`.execute(tx);
      return (
        await sql<{ role: string; user_id: string; jit: string }>`SELECT current_user AS role,
          current_setting('hieuhoc.user_id') AS user_id, current_setting('jit') AS jit`.execute(tx)
      ).rows[0]!;
    });
    expect(seen).toEqual({ role: "hieuhoc_app", user_id: String(tayho.userId), jit: "off" });
    const after = await sql<{ role: string }>`SELECT current_user AS role`.execute(t.db);
    expect(after.rows[0]!.role).not.toBe("hieuhoc_app");
  });

  it("sends the dashboards' reads as prepared statements, once per text", async () => {
    const read = () =>
      asActor(t.db, tayho, async (tx) => {
        const rows = await readTogether(tx, { a: sql<{ n: number }>`SELECT ${41}::int + 1 AS n` });
        const prepared = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements
          WHERE statement LIKE '/* prepared */%::int + 1 AS n%'`.execute(tx);
        return { value: rows.a[0]!.n, prepared: prepared.rows[0]!.n };
      });
    expect(await read()).toEqual({ value: 42, prepared: 1 });
    expect(await read()).toEqual({ value: 42, prepared: 1 });
  });

  it("a commune officer's hot requests send every statement of theirs prepared (their plans are kept)", async () => {
    // Planning under row-level security cost more than running for these (pg_stat_statements on the load
    // database: 3.2 ms to plan the registrations list, 2.3 ms a registration, 0.7 ms the processing log's insert).
    const client = await t.as("tayho");
    await registerHouseholds(t, client, ward, [2025]);
    const { rows } = await sql<{ id: number }>`SELECT id FROM registrations WHERE commune_id = ${ward}
      ORDER BY id LIMIT 1`.execute(t.db);
    for (const path of [
      `/api/v1/households?unitId=${ward}&limit=20`,
      `/api/v1/households?unitId=${ward}&limit=20&q=nguyen`,
      `/api/v1/registrations?unitId=${ward}&year=2025&title=learning_family`,
      `/api/v1/registrations/${rows[0]!.id}`,
    ]) {
      const sent = await loggedStatements(t.connection.pool, async (log) => {
        const answer = await client.get(path);
        expect(answer.status, path).toBe(200);
        return log;
      });
      const own = sent.filter(
        (text) => !/^(begin|commit|rollback)$/i.test(text) && !text.includes("set_config('role'"),
      );
      expect(own.length, path).toBeGreaterThanOrEqual(2);
      for (const text of own)
        expect(text.startsWith(PREPARED) || text.endsWith(PREPARED), `${path}: ${text}`).toBe(true);
    }
  }, 300_000);

  it("who the caller is: functions that keep their plans (PL/pgSQL), with the grants' answers (0054)", async () => {
    // PostgreSQL 15 plans a SQL function that cannot be inlined (SECURITY DEFINER) on every call: the eleven calls
    // of a request's loadActor were a third of the database's time under load.
    const { rows } = await sql<{ proname: string; lang: string }>`SELECT p.proname, l.lanname AS lang
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.proname IN ('hieuhoc_roots_for', 'hieuhoc_is_global_for', 'hieuhoc_chapters_for') ORDER BY 1`.execute(
      t.db,
    );
    expect(rows).toEqual([
      { proname: "hieuhoc_chapters_for", lang: "plpgsql" },
      { proname: "hieuhoc_is_global_for", lang: "plpgsql" },
      { proname: "hieuhoc_roots_for", lang: "plpgsql" },
    ]);
    expect(admin.global).toBe(true);
    expect(tayho.global).toBe(false);
    // The ward and, through the successions, the units it was formed from (their records stay in scope).
    expect(tayho.roots.write).toContain(ward);
    const { rows: formedFrom } = await sql<{ id: number }>`SELECT predecessor_id AS id FROM unit_successions
      WHERE successor_id = ${ward}`.execute(t.db);
    for (const { id } of formedFrom) expect(tayho.roots.write).toContain(Number(id));
    expect(tayho.roots.read).toEqual(expect.arrayContaining(tayho.roots.write));
  });

  it("a signed-in request learns its session, its user and who the user is in one round trip", async () => {
    const token = "round-trip-probe-token";
    const sha = createHash("sha256").update(token).digest("hex");
    await sql`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
      VALUES (${sha}, ${tayho.userId}, 'csrf', now() + interval '1 hour')`.execute(t.db);
    await countedRoundTrips(t.connection.pool, async (count) => {
      const session = await resolveSession(t.db, token);
      expect(count()).toBe(1);
      expect(session?.actor.roots).toEqual(tayho.roots);
      expect(session?.actor.global).toBe(false);
      expect(session?.actor.name).toContain("(tayho)");
    });
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ${sha}`.execute(
      t.db,
    );
    expect(await resolveSession(t.db, token)).toBeNull();
  });

  it("a registry list is five round trips: the context, the unit with the right to read it, the total, the page, COMMIT", async () => {
    const households = kindNamed("households");
    const hanoi = await actorOf(t.db, "hanoi");
    await countedRoundTrips(t.connection.pool, async (count) => {
      for (const [actor, unitId] of [
        [tayho, ward],
        [hanoi, await t.unitId("01")],
      ] as const) {
        const before = count();
        const page = await listItems(t.db, actor, households, { unitId, limit: 5 });
        expect(page.total).toBeGreaterThan(0);
        expect(count() - before).toBe(5);
      }
    });
    await expect(listItems(t.db, tayho, households, { unitId: await t.unitId("00091") })).rejects.toThrow(
      /ngoài phạm vi/,
    );
  });

  it("a roll-up at every level is four round trips", async () => {
    const hanoi = await t.unitId("01");
    await countedRoundTrips(t.connection.pool, async (count) => {
      for (const [name, actor, unitId] of [
        ["nation", admin, undefined],
        ["Hà Nội", admin, hanoi],
        ["Tây Hồ", tayho, ward],
      ] as const) {
        const before = count();
        const result = await rollup(t.db, actor, { unitId, year: 2025 });
        expect(result.titles.length, name).toBeGreaterThan(0);
        expect(count() - before, name).toBe(4);
      }
    });
  });

  it("an evaluation save is four round trips", async () => {
    await registerHouseholds(t, await t.as("tayho"), ward, [2025]);
    const { rows } = await sql<{ id: number; rubric_id: number }>`
      SELECT id, rubric_id FROM registrations WHERE commune_id = ${ward} AND title = 'learning_family'
        AND status IN ('registered', 'assessed') ORDER BY id LIMIT 1`.execute(t.db);
    const rubric = await loadRubric(t.db, rows[0]!.rubric_id);
    await countedRoundTrips(t.connection.pool, async (count) => {
      const saved = await assessRegistration(t.db, tayho, rows[0]!.id, { scores: scoresFor(rubric, 0) });
      expect(saved.status).toBe("assessed");
      expect(count()).toBe(4);
    });
  }, 300_000);
});
