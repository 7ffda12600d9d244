/**
 * The yearly cycle in bulk (issue 13 §4): a review of a few hundred registrations, a decision for all of them and
 * its issue each take as many statements for 200 records as for 100 (set-based, not one round trip a record), the
 * audit keeps one row per meeting and per decision naming every record, the certificate codes are unique and
 * name their commune, and the counters equal a recount at every level.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commandLineActor } from "../../src/server/auth/scope";
import { actorOf } from "../../src/server/demo/demo-history";
import { importHouseholdList } from "../../src/server/demo/demo-registry";
import { codeCommune } from "../../src/server/lib/certificate-code";
import {
  type DecisionInput,
  draftDecision,
  holdReview,
  issueDecision,
} from "../../src/server/modules/cycle/decisions.service";
import { levelDifferences } from "../../src/server/modules/stats/levels";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { decisionBody, registerHouseholds } from "../fixtures/cycle";
import { vietnameseName } from "../fixtures/households";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("the yearly cycle in bulk", (engine) => {
  let t: TestApp;
  let ward: number;
  let ids: number[];
  const log: string[] = [];
  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    const village = await t.db
      .selectFrom("admin_units")
      .select("name")
      .where("parent_id", "=", ward)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute((tx) =>
      importHouseholdList(
        tx,
        commandLineActor,
        ward,
        Array.from({ length: 300 }, (_, i) => ({
          code: `KL${String(i + 1).padStart(4, "0")}`,
          village: village.name,
          headName: vietnameseName(i),
          headSex: i % 2 ? "male" : "female",
          members: 3,
          address: `Số ${i + 1}`,
        })),
      ),
    );
    await registerHouseholds(t, await t.as("tayho"), ward, [2025]);
    // The self-assessments are not what is measured here: every record passed.
    await sql`UPDATE registrations SET status = 'assessed', passed = true, assessed_at = now()
      WHERE commune_id = ${ward} AND year = 2025`.execute(t.db);
    ids = (
      await t.db
        .selectFrom("registrations")
        .select("id")
        .where("commune_id", "=", ward)
        .where("year", "=", 2025)
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
    // Every query sent on a client of the pool, BEGIN and COMMIT included.
    const pool = t.connection.pool;
    const connect = pool.connect.bind(pool);
    (pool as any).connect = async () => {
      const client = await connect();
      // A client comes back from the pool already counting: wrapped once.
      if ((client as any).counted) return client;
      (client as any).counted = true;
      const query = client.query.bind(client);
      (client as any).query = (text: any, ...rest: any[]) => {
        log.push(typeof text === "string" ? text : text.text);
        return (query as any)(text, ...rest);
      };
      return client;
    };
  }, 600_000);
  afterAll(() => t.close());

  async function statements(work: () => Promise<unknown>) {
    log.length = 0;
    await work();
    return log.length;
  }

  it("reviews, drafts and issues 100 and 200 records in the same number of statements, audited, counted", async () => {
    expect(ids.length).toBeGreaterThanOrEqual(300);
    const tayho = await actorOf(t.db, "tayho");
    const reviewer = await actorOf(t.db, "tayho.duyet");
    const lists = [ids.slice(0, 100), ids.slice(100, 300)];
    const counts = { review: [] as number[], draft: [] as number[], issue: [] as number[] };
    const decisions: number[] = [];
    const versions = new Map(
      (await t.db.selectFrom("registrations").select(["id", "version"]).where("id", "in", ids).execute()).map(
        (r) => [r.id, r.version],
      ),
    );
    for (const [n, list] of lists.entries()) {
      counts.review.push(
        await statements(() =>
          holdReview(t.db, tayho, {
            unitId: ward,
            year: 2025,
            title: "learning_family",
            heldOn: "2025-11-20",
            participants: "Hội đồng bình xét",
            outcomes: list.map((id, i) => ({
              registrationId: id,
              proposed: i % 10 !== 0,
              version: versions.get(id)!,
            })),
          }),
        ),
      );
      const proposed = list.filter((_, i) => i % 10 !== 0);
      let decision = 0;
      counts.draft.push(
        await statements(async () => {
          decision = (
            await draftDecision(
              t.db,
              tayho,
              decisionBody(ward, 2025, `${n + 1}/QĐ-BULK`, proposed) as DecisionInput,
            )
          ).id;
        }),
      );
      decisions.push(decision);
      counts.issue.push(await statements(() => issueDecision(t.db, reviewer, decision)));
    }
    console.log(`statements (${engine}): ${JSON.stringify(counts)}`);
    expect(counts.review[1]).toBe(counts.review[0]);
    expect(counts.draft[1]).toBe(counts.draft[0]);
    expect(counts.issue[1]).toBe(counts.issue[0]);
    expect(counts.review[0]).toBeLessThan(20);

    const { rows } = await sql<{
      status: string;
      n: number;
      codes: number;
    }>`SELECT status, count(*)::int AS n,
        count(DISTINCT certificate_code)::int AS codes FROM registrations
      WHERE commune_id = ${ward} AND id = ANY (${ids.slice(0, 300)}::bigint[]) GROUP BY 1 ORDER BY 1`.execute(
      t.db,
    );
    expect(rows).toEqual([
      { status: "not_proposed", n: 30, codes: 0 },
      { status: "recognized", n: 270, codes: 270 },
    ]);
    const { rows: codes } = await sql<{ code: string }>`SELECT certificate_code AS code FROM registrations
      WHERE commune_id = ${ward} AND status = 'recognized'`.execute(t.db);
    expect(codes.every((c) => codeCommune(c.code) === ward)).toBe(true);

    // One audit row a meeting and a decision, naming each of its records.
    const { rows: audit } = await sql<{ action: string; after: any }>`SELECT action, after FROM audit_log
      WHERE action IN ('review', 'draft', 'issue') AND unit_id = ${ward} ORDER BY id`.execute(t.db);
    expect(audit.map((a) => a.action)).toEqual(["review", "draft", "issue", "review", "draft", "issue"]);
    const after = (i: number) =>
      typeof audit[i]!.after === "string" ? JSON.parse(audit[i]!.after) : audit[i]!.after;
    expect(after(3).outcomes).toHaveLength(200);
    expect(after(4).registrationIds).toHaveLength(180);
    expect(after(5).registrations).toHaveLength(180);

    expect((await verifyCounters(t.db, { unitCode: "00103" })).differences).toEqual([]);
    expect(await levelDifferences(t.db, ward, null)).toEqual([]);
    expect(await levelDifferences(t.db, null, null)).toEqual([]);
  }, 600_000);
});
