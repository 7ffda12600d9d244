/**
 * Counters and totals at every level (migrations 0051, 0052): the commune, province and nation rows equal the
 * village rows summed,
 * after the demo, under concurrent transactions on PostgreSQL, and read by the roll-ups exactly as the closure-table
 * sums of the village rows; verification names a tampered level row and the rebuild repairs it (the command's exit
 * status: stats.test.ts). An
 * evaluation save takes at most three statements besides BEGIN and COMMIT.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../src/server/auth/scope";
import { actorOf } from "../../src/server/demo/demo-history";
import { assessRegistration } from "../../src/server/modules/cycle/registrations.service";
import { loadRubric } from "../../src/server/modules/rubrics/rubrics.service";
import { levelDifferences } from "../../src/server/modules/stats/levels";
import { rollup } from "../../src/server/modules/stats/rollup";
import { rebuildCounters, verifyCounters } from "../../src/server/modules/stats/stats.service";
import { registerHouseholds, scoresFor } from "../fixtures/cycle";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { loggedStatements } from "../helpers/statements";

const MAO_KHE = "07069";

describeEachEngine("counters at every level", (engine) => {
  let t: TestApp;
  let ward: number;
  let admin: Actor;
  let tayho: Actor;
  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    admin = await actorOf(t.db, "quantri");
    tayho = await actorOf(t.db, "tayho");
    // The demo has no registrations: a ward of Hà Nội for two years, a commune of Quảng Ninh for one.
    await registerHouseholds(t, await t.as("tayho"), ward, [2024, 2025]);
    await registerHouseholds(t, await t.as("maokhe"), await t.unitId(MAO_KHE), [2025]);
  }, 600_000);
  afterAll(() => t.close());

  /** The closure-table sums of the village rows, per (unit, title): what the roll-up read before 0051. */
  async function recount(unitIds: number[], year: number) {
    const { rows } = await sql<{ unit_id: number; title: string; registered: number; recognized: number }>`
      SELECT p.ancestor_id AS unit_id, c.title, sum(c.registered)::int AS registered,
        sum(c.recognized)::int AS recognized
      FROM admin_unit_paths p JOIN title_counters c ON c.unit_id = p.descendant_id
      WHERE p.ancestor_id = ANY (${unitIds}::bigint[]) AND c.year = ${year} GROUP BY 1, 2`.execute(t.db);
    const totals = await sql<{ unit_id: number; title: string; total: number }>`
      SELECT p.ancestor_id AS unit_id, x.title, sum(x.total)::int AS total
      FROM admin_unit_paths p JOIN title_totals x ON x.unit_id = p.descendant_id
      WHERE p.ancestor_id = ANY (${unitIds}::bigint[]) GROUP BY 1, 2`.execute(t.db);
    return (unitId: number, title: string) => {
      const row = rows.find((r) => Number(r.unit_id) === unitId && r.title === title);
      const total = totals.rows.find((r) => Number(r.unit_id) === unitId && r.title === title);
      return { total: total?.total ?? 0, registered: row?.registered ?? 0, recognized: row?.recognized ?? 0 };
    };
  }

  async function expectRollupsEqualRecount(year: number) {
    const hanoi = await t.unitId("01");
    for (const [actor, unitId] of [
      [admin, undefined],
      [admin, hanoi],
      [tayho, ward],
    ] as const) {
      const result = await rollup(t.db, actor, { unitId, year });
      const ids = result.titles[0]!.children.map((c) => c.unit.id);
      const expected = await recount(unitId === undefined ? ids : [unitId, ...ids], year);
      const { rows: nation } = await sql<{ title: string; registered: number; recognized: number }>`
        SELECT title, sum(registered)::int AS registered, sum(recognized)::int AS recognized
        FROM title_counters WHERE year = ${year} GROUP BY title`.execute(t.db);
      const { rows: nationTotals } = await sql<{ title: string; total: number }>`
        SELECT title, sum(total)::int AS total FROM title_totals GROUP BY title`.execute(t.db);
      const shown = (f: { total: number; registered: number; recognized: number }) => ({
        total: f.total,
        registered: f.registered,
        recognized: f.recognized,
      });
      for (const table of result.titles) {
        const own =
          unitId === undefined
            ? {
                ...(nation.find((r) => r.title === table.title) ?? { registered: 0, recognized: 0 }),
                total: nationTotals.find((r) => r.title === table.title)?.total ?? 0,
              }
            : expected(unitId, table.title);
        expect(shown(table.figures), `${unitId ?? "VN"} ${year} ${table.title}`).toEqual(shown(own));
        for (const child of table.children)
          expect(shown(child.figures), `${child.unit.name} ${year} ${table.title}`).toEqual(
            expected(child.unit.id, table.title),
          );
      }
    }
  }

  it("start equal to the village rows, and the roll-ups read the same sums as the closure table", async () => {
    expect(await levelDifferences(t.db, null, null)).toEqual([]);
    expect(await levelDifferences(t.db, ward, null)).toEqual([]);
    for (const table of ["title_commune_counters", "title_commune_totals", "title_nation_totals"]) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        t.db,
      );
      expect(rows[0]!.n, table).toBeGreaterThan(0);
    }
    for (const year of [2024, 2025]) await expectRollupsEqualRecount(year);
  }, 240_000);

  it("an evaluation save takes at most 3 statements besides BEGIN and COMMIT", async () => {
    const { rows } = await sql<{ id: number; rubric_id: number }>`
      SELECT id, rubric_id FROM registrations WHERE commune_id = ${ward} AND title = 'learning_family'
        AND status IN ('registered', 'assessed') ORDER BY id LIMIT 2`.execute(t.db);
    expect(rows.length).toBe(2);
    const rubric = await loadRubric(t.db, rows[0]!.rubric_id);
    await loggedStatements(t.connection.pool, async (log) => {
      for (const [i, row] of rows.entries()) {
        log.length = 0;
        const saved = await assessRegistration(t.db, tayho, row.id, { scores: scoresFor(rubric, i) });
        expect(saved.status).toBe("assessed");
        const statements = log.filter((q) => !/^\s*(begin|commit)\s*$/i.test(q));
        console.log(
          `evaluation save ${i + 1} (${engine}): ${log.length} round trips\n${log.join("\n---\n")}`,
        );
        expect(statements.length, statements.join("\n---\n")).toBeLessThanOrEqual(3);
        expect(log.length).toBeLessThanOrEqual(5);
      }
    });
    const { rows: audit } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE entity = 'registration' AND action = 'assess' AND entity_id = ${String(rows[1]!.id)}`.execute(
      t.db,
    );
    expect(audit[0]!.n).toBe(1);
    expect((await verifyCounters(t.db, { unitCode: "00103" })).differences).toEqual([]);
  }, 120_000);

  it("an UPDATE that changes no counted measure leaves every level alone; one that does moves them (0053)", async () => {
    const { rows } = await sql<{ id: number }>`SELECT id FROM registrations WHERE commune_id = ${ward}
        AND year = 2025 AND title = 'learning_family' AND status IN ('registered', 'assessed')
        AND review_id IS NULL
      ORDER BY id LIMIT 2`.execute(t.db);
    expect(rows.length).toBe(2);
    const ids = rows.map((r) => r.id);
    // Whether the trigger built its upserts: the calls of hieuhoc_title_counters_upserts in this transaction.
    const upserts = sql<{
      n: number;
    }>`SELECT coalesce(sum(calls), 0)::int AS n FROM pg_stat_xact_user_functions
      WHERE funcname = 'hieuhoc_title_counters_upserts'`;
    const communeRow = sql<{ registered: number }>`SELECT registered FROM title_commune_counters
      WHERE commune_id = ${ward} AND year = 2025 AND title = 'learning_family'`;
    const rolledBack = new Error("rolled back");
    const seen: { upserts: number; registered: number }[] = [];
    await t.db
      .transaction()
      .execute(async (tx) => {
        const look = async () =>
          seen.push({
            upserts: (await upserts.execute(tx)).rows[0]!.n,
            registered: (await communeRow.execute(tx)).rows[0]!.registered,
          });
        await sql`SET LOCAL track_functions = 'pl'`.execute(tx);
        await look();
        // A score sheet saved again, a grade on a registration not recognised: nothing counted changes.
        await sql`UPDATE registrations SET status = 'assessed', grade = 'good', level = 1
          WHERE commune_id = ${ward} AND id = ANY (${ids}::bigint[])`.execute(tx);
        await look();
        await sql`UPDATE registrations SET status = 'withdrawn'
          WHERE commune_id = ${ward} AND id = ${ids[0]!}`.execute(tx);
        await look();
        throw rolledBack;
      })
      .catch((error) => {
        if (error !== rolledBack) throw error;
      });
    const [before, unchanged, withdrawn] = seen;
    expect(before!.upserts).toBe(0);
    expect(unchanged).toEqual({ upserts: 0, registered: before!.registered });
    expect(withdrawn).toEqual({ upserts: 1, registered: before!.registered - 1 });
    expect((await verifyCounters(t.db, { unitCode: "00103" })).differences).toEqual([]);
  }, 120_000);

  it("a roll-up at every level takes two statements besides BEGIN, the context and COMMIT", async () => {
    const hanoi = await t.unitId("01");
    await loggedStatements(t.connection.pool, async (log) => {
      for (const [name, actor, unitId] of [
        ["nation", admin, undefined],
        ["Hà Nội", admin, hanoi],
        ["Tây Hồ", tayho, ward],
      ] as const) {
        log.length = 0;
        const result = await rollup(t.db, actor, { unitId, year: 2025 });
        expect(result.titles[0]!.children.length, name).toBeGreaterThan(0);
        expect(log.length, `${name}:\n${log.join("\n---\n")}`).toBeLessThanOrEqual(5);
      }
    });
    // The same answers as before the statements were merged: the figures (the test above), the targets and the frozen
    // state, and a unit out of the caller's scope is still not found.
    const own = await rollup(t.db, tayho, { unitId: ward, year: 2025 });
    expect(own.totalsCommunes).toBe(1);
    expect(own.titles.find((x) => x.title === "learning_family")!.targets.length).toBeGreaterThan(0);
    await expect(rollup(t.db, tayho, { unitId: hanoi, year: 2025 })).rejects.toThrow(/ngoài phạm vi/);
    await expect(rollup(t.db, tayho, { year: 2025 })).rejects.toThrow(/quản trị hệ thống/);
  }, 120_000);

  it.runIf(engine === "postgres")(
    "stay equal to a recount under concurrent transactions",
    async () => {
      const { rows } = await sql<{ id: number; commune_id: number }>`
      SELECT id, commune_id FROM registrations
      WHERE status IN ('registered', 'assessed', 'withdrawn') AND title = 'learning_family'
      ORDER BY id LIMIT 60`.execute(t.db);
      expect(rows.length).toBeGreaterThan(10);
      // A clan in each of 12 other communes (totals kept on the commune's row), transactions i and i + 12 flipping
      // the same one in the same order: the totals add no deadlock of their own. (Two transactions of one stripe
      // rarely run at once here, the pool has 10 connections: the next test makes them meet.)
      const { rows: clans } = await sql<{ id: number }>`
      INSERT INTO clans (commune_id, province_id, name, head_name)
      SELECT c.id, p.ancestor_id, 'Dòng họ Thử ' || c.code, 'Nguyễn Văn Thử' FROM admin_units c
      JOIN admin_unit_paths p ON p.descendant_id = c.id
      JOIN admin_units a ON a.id = p.ancestor_id AND a.level = 'province'
      WHERE c.level = 'commune' AND c.valid_to IS NULL
        AND c.id <> ALL (${[...new Set(rows.map((r) => r.commune_id))]}::bigint[])
      ORDER BY c.id LIMIT 12 RETURNING id`.execute(t.db);
      expect(clans.length).toBe(12);
      let deadlocks = 0;
      // 24 transactions at once, each withdrawing or restoring a few registrations (of several communes) in 2-3
      // statements, so transactions meet on commune, province and nation rows of the same and of other stripes;
      // half of them also archive or restore a clan (totals) before, the others after (the stripe's lock keeps
      // counters-then-totals and totals-then-counters from deadlocking).
      const flipClan = (tx: typeof t.db, id: number) =>
        sql`UPDATE clans SET archived_at = CASE WHEN archived_at IS NULL THEN now() END WHERE id = ${id}`.execute(
          tx,
        );
      await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          const mine = rows.filter((_, j) => j % 24 === i || j % 7 === i % 7);
          const clan = Number(clans[i % 12]!.id);
          for (let attempt = 0; attempt < 5; attempt++) {
            try {
              await t.db.transaction().execute(async (tx) => {
                if (i % 2 === 0) await flipClan(tx, clan);
                for (const { id } of mine)
                  await sql`UPDATE registrations SET status = CASE WHEN status = 'withdrawn' THEN 'registered'
                  ELSE 'withdrawn' END WHERE id = ${id}`.execute(tx);
                if (i % 2 === 1) await flipClan(tx, clan);
              });
              return;
            } catch (error: any) {
              if (error.code !== "40P01") throw error;
              deadlocks++;
            }
          }
        }),
      );
      console.log(`concurrent level counters: ${deadlocks} deadlocks retried`);
      expect(deadlocks).toBe(0);
      expect((await verifyCounters(t.db)).differences).toEqual([]);
      await expectRollupsEqualRecount(2025);
    },
    240_000,
  );

  it.runIf(engine === "postgres")(
    "two transactions of one stripe, totals then counters and counters then totals, queue instead of deadlocking",
    async () => {
      const { rows } = await sql<{ id: number; clan: number }>`
        SELECT r.id, (SELECT c.id FROM clans c WHERE c.commune_id <> r.commune_id ORDER BY c.id LIMIT 1) AS clan
        FROM registrations r WHERE r.status IN ('registered', 'assessed', 'withdrawn') ORDER BY r.id LIMIT 2`.execute(
        t.db,
      );
      const [a, b] = [await t.connection.pool.connect(), await t.connection.pool.connect()];
      const flipRegistration = (client: typeof a, id: number) =>
        client.query(
          `UPDATE registrations SET status = CASE WHEN status = 'withdrawn' THEN 'registered'
          ELSE 'withdrawn' END WHERE id = $1`,
          [id],
        );
      const flipClan = (client: typeof a) =>
        client.query(
          "UPDATE clans SET archived_at = CASE WHEN archived_at IS NULL THEN now() END WHERE id = $1",
          [rows[0]!.clan],
        );
      try {
        await a.query("BEGIN");
        await flipClan(a); // A: the totals' striped rows (and the stripe's lock)
        const stripe = Number((await a.query("SELECT txid_current() % 16 AS s")).rows[0].s);
        // B: a new transaction id until it falls on A's stripe (ids are consecutive on a quiet server).
        for (let tries = 0; ; tries++) {
          await b.query("BEGIN");
          if (Number((await b.query("SELECT txid_current() % 16 AS s")).rows[0].s) === stripe) break;
          await b.query("ROLLBACK");
          expect(tries).toBeLessThan(200);
        }
        let bDone = false;
        const bCounters = flipRegistration(b, rows[1]!.id).then(() => {
          bDone = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        // B waits on the stripe's lock before taking any striped row: without it, B would now hold the nation's
        // counter row, A would wait for it below, and B's totals would wait for A: a deadlock.
        expect(bDone).toBe(false);
        await flipRegistration(a, rows[0]!.id);
        await a.query("COMMIT");
        await bCounters;
        await flipClan(b);
        await b.query("COMMIT");
      } finally {
        a.release();
        b.release();
      }
      expect((await verifyCounters(t.db)).differences).toEqual([]);
    },
    60_000,
  );

  it("verify names a tampered commune, province or nation row; rebuild repairs them", async () => {
    await sql`UPDATE title_commune_counters SET registered = registered + 1
      WHERE commune_id = ${ward} AND year = 2025 AND title = 'learning_family'`.execute(t.db);
    await sql`UPDATE title_province_counters SET recognized = recognized + 2 WHERE ctid = (
      SELECT ctid FROM title_province_counters WHERE year = 2025 LIMIT 1)`.execute(t.db);
    await sql`UPDATE title_nation_counters SET level1 = level1 + 3 WHERE ctid = (
      SELECT ctid FROM title_nation_counters WHERE year = 2025 LIMIT 1)`.execute(t.db);
    await sql`UPDATE title_commune_totals SET total = total + 4
      WHERE commune_id = ${ward} AND title = 'learning_family'`.execute(t.db);
    await sql`UPDATE title_province_totals SET total = total - 5 WHERE ctid = (
      SELECT ctid FROM title_province_totals LIMIT 1)`.execute(t.db);
    await sql`UPDATE title_nation_totals SET total = total + 6 WHERE ctid = (
      SELECT ctid FROM title_nation_totals LIMIT 1)`.execute(t.db);
    const { differences } = await verifyCounters(t.db, { unitCode: "00103", year: 2025 });
    const measures = differences.map((d) => d.measure);
    expect(measures).toContain("commune:registered");
    expect(measures).toContain("province:recognized");
    expect(measures).toContain("nation:level1");
    for (const level of ["commune", "province", "nation"]) expect(measures).toContain(`${level}:total`);
    await rebuildCounters(t.db, { year: 2025 });
    expect((await verifyCounters(t.db, { year: 2025 })).differences).toEqual([]);
  }, 240_000);
});
