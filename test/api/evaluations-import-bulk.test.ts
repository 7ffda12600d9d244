/**
 * The set-based evaluations import (issue 13 point 3): a few hundred households at once, counted, audited and
 * counted again at every level; a row the services would refuse (a reviewed record, another village's household)
 * named by its line with nothing written; the same file again changes nothing; and the number of statements does
 * not grow with the rows.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "../../src/server/auth/scope";
import { actorOf } from "../../src/server/demo/demo-history";
import { assessedAudit } from "../../src/server/modules/cycle/assessment.service";
import { importEvaluations } from "../../src/server/modules/cycle/evaluations.import";
import { registeredAudit } from "../../src/server/modules/cycle/registrations.service";
import { rubricForYear } from "../../src/server/modules/rubrics/rubrics.service";
import { levelDifferences } from "../../src/server/modules/stats/levels";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import type { Assessment } from "../../src/shared/cycle";
import type { Evaluation, Title } from "../../src/shared/rubric";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser } from "../helpers/fund";
import { loggedStatements } from "../helpers/statements";

const HOUSEHOLDS = 500;

describeEachEngine("set-based evaluation import", (engine) => {
  let t: TestApp;
  let ward: number;
  let province: number;
  let village: number;
  let tayho: Actor;
  let codes: { code: string; villageId: number; id: number }[];
  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    const { rows } = await sql<{ id: number }>`SELECT p.ancestor_id AS id FROM admin_unit_paths p
      WHERE p.descendant_id = ${ward} ORDER BY p.depth DESC LIMIT 1`.execute(t.db);
    province = Number(rows[0]!.id);
    const villages = await t.db
      .selectFrom("admin_units")
      .select(["id", "code"])
      .where("parent_id", "=", ward)
      .where("valid_to", "is", null)
      .orderBy("id")
      .execute();
    village = villages.find((v) => v.code === "01")!.id;
    await sql`INSERT INTO households (commune_id, province_id, village_id, code, head_name, members)
      SELECT ${ward}, ${province}, (${villages.map((v) => v.id)}::bigint[])[1 + g % ${villages.length}],
        'T' || lpad(g::text, 5, '0'), 'Chủ hộ ' || g, 1 + g % 6
      FROM generate_series(1, ${HOUSEHOLDS}) g`.execute(t.db);
    codes = (
      await t.db
        .selectFrom("households")
        .select(["code", "village_id as villageId", "id"])
        .where("commune_id", "=", ward)
        .where("code", "like", "T%")
        .orderBy("code")
        .execute()
    ).map((h) => ({ ...h, id: Number(h.id), villageId: Number(h.villageId) }));
    tayho = await actorOf(t.db, "tayho");
    // A village's data entry, who may read the whole ward but write only in his village.
    const officer = await addUser(t, "nhaplieu.to1", "data_entry", village);
    await t.db
      .insertInto("role_grants")
      .values({ user_id: officer, role: "viewer", unit_id: ward })
      .execute();
  }, 600_000);
  afterAll(() => t.close());

  /** A CSV of the households' scores (by their code; the header as the template writes it); `shift` changes them. */
  async function file(year: number, households: { code: string }[], shift = 0) {
    const rubric = await rubricForYear(t.db, "learning_family", year, province);
    if (rubric.definition.scheme !== "points") throw new Error("points expected");
    const items = rubric.definition.criteria.flatMap((c) => c.items);
    const lines = [["Mã hộ", ...items.map((i) => `${i.key} (${i.maxPoints} điểm)`)].join(",")];
    for (const h of households) {
      const n = Number(h.code.slice(1));
      lines.push([h.code, ...items.map((i, k) => (n + k + shift) % (i.maxPoints + 1))].join(","));
    }
    return { bytes: new TextEncoder().encode(`${lines.join("\n")}\n`), name: "ket-qua.csv" };
  }
  const run = async (actor: Actor, unitId: number, year: number, f: Awaited<ReturnType<typeof file>>) =>
    importEvaluations(t.db, actor, {
      unitId,
      title: "learning_family" as Title,
      year,
      file: f,
      dryRun: false,
    });
  const audits = async (action: string, year: number) => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log a
      WHERE a.entity = 'registration' AND a.action = ${action} AND a.entity_id IN (
        SELECT id::text FROM registrations WHERE commune_id = ${ward} AND year = ${year})`.execute(t.db);
    return rows[0]!.n;
  };
  /** A registration's audit entries as stored, oldest first. */
  const entries = async (id: number) =>
    (
      await sql<Record<string, unknown>>`SELECT action, entity, entity_id AS "entityId", unit_id AS "unitId",
          before, after, actor_id AS "actorId", province_id AS "provinceId"
        FROM audit_log WHERE entity = 'registration' AND entity_id = ${String(id)} ORDER BY id`.execute(t.db)
    ).rows.map((r) => ({ ...r, unitId: Number(r.unitId), actorId: Number(r.actorId) }));
  const registrations = (year: number) =>
    t.db
      .selectFrom("registrations")
      .select(["id", "subject_id", "status", "assessment", "result", "passed", "grade", "version"])
      .where("commune_id", "=", ward)
      .where("year", "=", year)
      .orderBy("id")
      .execute();
  const expectCountersEqualRecount = async () => {
    expect((await verifyCounters(t.db, { unitCode: "00103" })).differences).toEqual([]);
    expect(await levelDifferences(t.db, ward, null)).toEqual([]);
    expect(await levelDifferences(t.db, null, null)).toEqual([]);
  };

  it("imports hundreds of households at once: counts, one audit row per write, counters equal a recount", async () => {
    const year = 2025;
    const first = await run(tayho, ward, year, await file(year, codes));
    expect(first).toMatchObject({ errors: [], total: HOUSEHOLDS, created: HOUSEHOLDS, updated: HOUSEHOLDS });
    const saved = await registrations(year);
    expect(saved).toHaveLength(HOUSEHOLDS);
    expect(saved.every((r) => r.status === "assessed" && r.passed !== null && r.version === 2)).toBe(true);
    expect(await audits("register", year)).toBe(HOUSEHOLDS);
    expect(await audits("assess", year)).toBe(HOUSEHOLDS);
    // The entries built in SQL are the services' entries (registeredAudit, assessedAudit), in their order.
    const units = await t.db
      .selectFrom("registrations")
      .select(["id", "village_id", "scope_unit_id", "rubric_id"])
      .where("commune_id", "=", ward)
      .where("id", "=", saved[7]!.id)
      .executeTakeFirstOrThrow();
    const by = { actorId: tayho.userId, provinceId: province };
    const evaluation = saved[7]!.result as Evaluation;
    expect(await entries(saved[7]!.id)).toEqual([
      {
        ...registeredAudit(saved[7]!.id, Number(units.village_id), {
          year,
          title: "learning_family",
          subject: { kind: "household", id: Number(saved[7]!.subject_id) },
          rubricId: Number(units.rubric_id),
        }),
        entityId: String(saved[7]!.id),
        before: null,
        ...by,
      },
      {
        ...assessedAudit(
          saved[7]!.id,
          Number(units.scope_unit_id),
          { assessment: null, passed: null },
          saved[7]!.assessment as Assessment,
          evaluation,
        ),
        entityId: String(saved[7]!.id),
        ...by,
      },
    ]);
    await expectCountersEqualRecount();
    expect(await run(tayho, ward, year, await file(year, codes))).toMatchObject({
      errors: [],
      created: 0,
      updated: 0,
      unchanged: HOUSEHOLDS,
    });
    // Ten rows changed: ten updates, ten more audit rows, the others unchanged.
    const some = await file(year, codes.slice(0, 10), 1);
    const rest = await file(year, codes.slice(10));
    const text = `${new TextDecoder().decode(some.bytes)}${new TextDecoder().decode(rest.bytes).split("\n").slice(1).join("\n")}`;
    expect(
      await run(tayho, ward, year, { bytes: new TextEncoder().encode(text), name: "ket-qua.csv" }),
    ).toMatchObject({ errors: [], created: 0, updated: 10, unchanged: HOUSEHOLDS - 10 });
    expect(await audits("assess", year)).toBe(HOUSEHOLDS + 10);
    expect(await audits("register", year)).toBe(HOUSEHOLDS);
    // A changed row's entry names the assessment it replaced.
    const changed = (await registrations(year)).find((r) => r.id === saved[3]!.id)!;
    const scope = await t.db
      .selectFrom("registrations")
      .select("scope_unit_id")
      .where("commune_id", "=", ward)
      .where("id", "=", changed.id)
      .executeTakeFirstOrThrow();
    expect((await entries(changed.id)).at(-1)).toEqual({
      ...assessedAudit(
        changed.id,
        Number(scope.scope_unit_id),
        { assessment: saved[3]!.assessment, passed: saved[3]!.passed },
        changed.assessment as Assessment,
        changed.result as Evaluation,
      ),
      entityId: String(changed.id),
      ...by,
    });
    await expectCountersEqualRecount();
  }, 240_000);

  it("names a reviewed registration's row by its line and writes nothing", async () => {
    const year = 2025;
    const reviewed = codes[41]!;
    await t.db
      .updateTable("registrations")
      .set({ status: "proposed" })
      .where("commune_id", "=", ward)
      .where("year", "=", year)
      .where("subject_id", "=", reviewed.id)
      .execute();
    const before = await registrations(year);
    const auditsBefore = await audits("assess", year);
    const report = await run(tayho, ward, year, await file(year, codes, 2));
    // Line 1 is the header: the 42nd household is on line 43.
    expect(report.errors).toEqual([
      { row: 43, column: "Mã hộ", message: expect.stringContaining("Hồ sơ đã qua bình xét") },
    ]);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(await registrations(year)).toEqual(before);
    expect(await audits("assess", year)).toBe(auditsBefore);
  }, 240_000);

  it("refuses a village officer's row of another village by its line; his own village's rows import", async () => {
    const year = 2026;
    const officer = await actorOf(t.db, "nhaplieu.to1");
    const own = codes.filter((h) => h.villageId === village).slice(0, 20);
    const other = codes.find((h) => h.villageId !== village)!;
    const report = await run(
      officer,
      village,
      year,
      await file(year, [...own.slice(0, 5), other, ...own.slice(5)]),
    );
    expect(report.errors).toEqual([
      { row: 7, column: "Mã hộ", message: expect.stringContaining("Chỉ vai trò") },
    ]);
    expect(await registrations(year)).toEqual([]);
    expect(await run(officer, village, year, await file(year, own))).toMatchObject({
      errors: [],
      created: own.length,
      updated: own.length,
    });
    await expectCountersEqualRecount();
  }, 240_000);

  it("sends as many statements for 500 rows as for 50", async () => {
    const counts: number[] = [];
    await loggedStatements(t.connection.pool, async (log) => {
      for (const [year, n] of [
        [2027, 50],
        [2028, HOUSEHOLDS],
      ] as const) {
        const f = await file(year, codes.slice(0, n));
        log.length = 0;
        expect(await run(tayho, ward, year, f)).toMatchObject({ errors: [], created: n, updated: n });
        counts.push(log.length);
      }
    });
    console.log(`evaluation import (${engine}): ${counts.join(" and ")} statements for 50 and 500 rows`);
    expect(Math.abs(counts[1]! - counts[0]!)).toBeLessThanOrEqual(2);
    expect(counts[1]).toBeLessThan(30);
    await expectCountersEqualRecount();
  }, 240_000);
  // Two connections: PostgreSQL only (PGlite has one, and serialises the two writers).
  it.skipIf(engine !== "postgres")(
    "a registration made by another user while the file imports: the file is refused whole, as a conflict",
    async () => {
      const year = 2029;
      const rubric = await rubricForYear(t.db, "learning_family", year, province);
      const other = await t.connection.pool.connect();
      try {
        // Another officer registers the file's tenth household and has not committed yet: the import's first read
        // does not see it, and its INSERT waits on the unique key until the other commits.
        await other.query("BEGIN");
        await other.query(
          `INSERT INTO registrations (commune_id, province_id, village_id, year, title, subject_kind, subject_id,
            rubric_id, status) VALUES ($1, $2, $3, $4, 'learning_family', 'household', $5, $6, 'registered')`,
          [ward, province, codes[9]!.villageId, year, codes[9]!.id, rubric.id],
        );
        const importing = run(tayho, ward, year, await file(year, codes.slice(0, 20)));
        const outcome = importing.then(
          () => "imported",
          (error: Error) => error.message,
        );
        // Commit only once the import waits on the other transaction (its INSERT met the uncommitted key), not after
        // a guessed delay: a slow machine must not let the import read the registration before it is committed.
        const { rows: mine } = await other.query("SELECT txid_current()::text AS xid");
        for (let waited = 0; ; waited += 50) {
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = ${mine[0].xid}`.execute(
            t.db,
          );
          if (rows[0]!.n > 0) break;
          if (waited > 30_000) throw new Error("the import never waited on the other registration");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await other.query("COMMIT");
        expect(await outcome).toBe("Có người vừa đăng ký cùng đối tượng trong lúc nhập; hãy nhập lại tệp");
      } finally {
        other.release();
      }
      // Nothing of the file was written: only the other officer's registration is there.
      expect((await registrations(year)).map((r) => Number(r.subject_id))).toEqual([codes[9]!.id]);
      await expectCountersEqualRecount();
    },
    120_000,
  );
});
