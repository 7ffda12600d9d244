/**
 * Partition pruning as a stand-in for shards (issue 13, point 7; docs/SCALE-OUT.md): in a copy of the demo database,
 * every table distributed by commune (src/server/db/distribution.ts) is copied into schema `shards`,
 * hash-partitioned by commune_id into 8 partitions with the same keys and indexes (PostgreSQL refuses a unique key
 * without the partition key: a second check of the catalog test's rule). The product's commune-scoped operations run
 * through their real service functions; every SELECT they send is captured (Kysely's log) and run again with
 * EXPLAIN (ANALYZE, FORMAT JSON) against the partitioned copies (search_path shards, public). A table whose
 * partitions the plan visited more than one of is a fan-out: on Citus, a query sent to every shard.
 *
 * ANALYZE rather than a bare EXPLAIN: a correlated subquery (`consents c WHERE c.commune_id = r.commune_id`) is
 * pruned at run time, as Citus routes it by the outer row's commune; a bare EXPLAIN lists every partition there.
 * A partition counts as visited when its node ran at least once.
 *
 * PostgreSQL only: PGlite lacks nothing here in principle, but one engine is enough for a planner's property and the
 * copies double the database; on PGlite the suite prints a notice and skips.
 */
import { type CompiledQuery, Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distribution } from "../../src/server/db/distribution";
import type { Database } from "../../src/server/db/schema";
import { actorOf } from "../../src/server/demo/demo-history";
import { today } from "../../src/server/modules/territory/dates";
import { decisionBody, rubricCache, scoresFor } from "../fixtures/cycle";
import { demoApp, type TestApp } from "../helpers/api";
import { engines } from "../helpers/db";
import { createTestFund, fundPeople, sponsorScholarships } from "../helpers/fund";
import { signedInUser } from "../helpers/users";
import { type PruningContext, pruningOperations } from "./partition-pruning/operations";

const partitions = 8;
const partitionOf = new Map<string, string>();
for (const table of distribution.commune)
  for (let i = 0; i < partitions; i++) partitionOf.set(`${table}_p${i}`, table);

async function buildShards(client: pg.PoolClient) {
  await client.query("CREATE SCHEMA shards");
  for (const table of distribution.commune) {
    await client.query(`CREATE TABLE shards.${table} (LIKE public.${table} INCLUDING DEFAULTS INCLUDING GENERATED
      INCLUDING INDEXES) PARTITION BY HASH (commune_id)`);
    for (let i = 0; i < partitions; i++)
      await client.query(
        `CREATE TABLE shards.${table}_p${i} PARTITION OF shards.${table} FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${i})`,
      );
    const { rows } = await client.query<{ columns: string }>(
      `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`,
      [`public.${table}`],
    );
    await client.query(
      `INSERT INTO shards.${table} (${rows[0]!.columns}) SELECT ${rows[0]!.columns} FROM public.${table}`,
    );
  }
  await client.query("ANALYZE");
}

type Plan = { "Relation Name"?: string; "Actual Loops"?: number; Plans?: Plan[] };

/** The distributed tables of which a statement visited more than one partition. */
async function fannedOut(client: pg.PoolClient, query: CompiledQuery): Promise<string[]> {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL search_path = shards, public");
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]);
    const visited = new Map<string, Set<string>>();
    const walk = (node: Plan) => {
      const table = node["Relation Name"] && partitionOf.get(node["Relation Name"]);
      if (table && (node["Actual Loops"] ?? 0) > 0)
        visited.set(table, (visited.get(table) ?? new Set()).add(node["Relation Name"]!));
      for (const child of node.Plans ?? []) walk(child);
    };
    walk((rows[0]["QUERY PLAN"] as { Plan: Plan }[])[0]!.Plan);
    return [...visited].filter(([, parts]) => parts.size > 1).map(([table]) => table);
  } finally {
    await client.query("ROLLBACK");
  }
}

/**
 * What still fans out, by operation: the routes that look a subject up by id alone (docs/SCALE-OUT.md, "Lookups
 * without their commune"). The test fails when this changes either way, so the list and the document stay true.
 */
const knownFanOuts: Record<string, string[]> = {
  // The series sums a unit's subtree through the closure table by unit_id, without commune_id; the frozen totals'
  // correction (stats/frozen-totals.ts) finds the closed years the same way. (The dashboard's roll-up names the
  // commune of a commune or a village since 2026-12-02: one partition.)
  "a commune's counters over the years": ["title_counters", "title_totals", "year_closures"],
  // /funds/{id}/… without ?communeId=: the fund is read by id (fundInScope), the ledger's own queries then name the
  // commune. With it (the web always sends it): one partition.
  "a fund's ledger by the fund's id alone": ["funds"],
  // GET /households/{id} without ?communeId=: the negative control (the web always sends the commune).
  "one household by id alone (GET /households/{id})": ["households"],
  "one registration by id alone (GET /registrations/{id})": ["registrations"],
  // The rules that apply to a commune are its own and its province's, keyed by the province's id: two shards.
  "a commune's commendation rules (GET /commendation-rules?unitId)": ["commendation_rules"],
  "a commune's commendation proposals (GET /units/{id}/commendation-proposals)": ["commendation_rules"],
  // The report's figures are the modules' roll-ups through the closure table by unit_id, as the dashboard's.
  "a commune's report preview (POST /units/{id}/reports/preview)": [
    "association_counters",
    "centre_counters",
    "commendation_counters",
    "fund_commune_counters",
    "title_counters",
    "title_totals",
    "year_closures",
  ],
};

const runsOnPostgres = engines.includes("postgres");
if (!runsOnPostgres)
  console.info("partition-pruning.test.ts: skipped, it needs PostgreSQL (TEST_DATABASE_URL)");

describe.skipIf(!runsOnPostgres)("partition pruning by commune [postgres]", () => {
  let t: TestApp;
  let captured: CompiledQuery[] = [];
  const at = {
    ids: {
      commune: 0,
      village: 0,
      household: 0,
      chapter: 0,
      member: 0,
      registration: 0,
      fund: 0,
      reportTemplate: 0,
      year: new Date().getFullYear(),
      today: today(),
    },
  } as PruningContext;
  const ids = at.ids;

  beforeAll(async () => {
    // The test demo (registries and titles of several wards), with a fund with a receipt, a chapter with members
    // and a registration assessed, reviewed and in a draft decision in Tây Hồ, made through the API.
    t = await demoApp("postgres");
    const people = await fundPeople(t);
    ids.commune = people.ward;
    const fund = await createTestFund(people.keeper, people.ward);
    await sponsorScholarships(people.keeper, fund, `${ids.year}-01-05`);
    ids.fund = fund.id;
    const hanoi = await t.as("hanoi");
    const hoi = await signedInUser(t, hanoi, {
      username: "hoi.shard",
      role: "association_admin",
      unitId: people.ward,
    });
    ids.village = (await hanoi.get(`/api/v1/units/${people.ward}/children`)).body.units[0].id;
    const chapter = await hoi.post("/api/v1/chapters", {
      unitId: ids.village,
      name: "Chi hội Tổ 1",
      kind: "village",
    });
    ids.chapter = chapter.body.chapter.id;
    for (const fullName of ["Nguyễn Văn An", "Trần Thị Bình"]) {
      const member = await hoi.post("/api/v1/members", {
        unitId: ids.village,
        chapterId: ids.chapter,
        fullName,
        joinedOn: "2019-05-10",
      });
      expect(member.status, JSON.stringify(member.body)).toBe(201);
      ids.member ||= member.body.member.id;
    }
    /** The first row of the ward in a table distributed by commune. */
    const firstOf = async (table: "households" | "registrations") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select("id")
            .where("commune_id", "=", ids.commune)
            .orderBy("id")
            .executeTakeFirstOrThrow()
        ).id,
      );
    ids.household = await firstOf("households");
    const tayho = await t.as("tayho");
    const registered = await tayho.post("/api/v1/registrations", {
      year: ids.year,
      title: "learning_family",
      subjects: [{ kind: "household", id: ids.household }],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    ids.registration = await firstOf("registrations");
    // Assessed, reviewed at the ward and drafted into a decision: the review minutes and the lists read them.
    const registration = (await tayho.get(`/api/v1/registrations/${ids.registration}`)).body.registration;
    const assessed = await tayho.post(`/api/v1/registrations/${ids.registration}/assessment`, {
      scores: scoresFor(await rubricCache(tayho)(registration.rubric.id)),
      version: registration.version,
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    const review = await tayho.post("/api/v1/reviews", {
      unitId: ids.commune,
      year: ids.year,
      title: "learning_family",
      heldOn: ids.today,
      participants: "Chi hội khuyến học các tổ dân phố",
      outcomes: [{ registrationId: ids.registration, proposed: true }],
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const draft = await tayho.post("/api/v1/decisions", {
      ...decisionBody(ids.commune, ids.year, `${ids.year}/QĐ-UBND`, [ids.registration]),
      signedOn: ids.today,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const templates = (await tayho.get(`/api/v1/report-templates?unitId=${ids.commune}`)).body.templates;
    ids.reportTemplate = templates.find(
      (x: { code: string; current: boolean }) => x.code === "xa-nam" && x.current,
    ).id;
    const pool = t.connection.pool;
    const client = await pool.connect();
    try {
      await buildShards(client);
    } finally {
      client.release();
    }
    at.logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === "query") captured.push(event.query);
      },
    });
    at.actor = await actorOf(t.db, "tayho");
    at.association = await actorOf(t.db, "hoi.shard");
  });
  afterAll(() => t.close());

  for (const [name, run] of pruningOperations(at))
    it(`${name}: every statement reads one partition`, async () => {
      captured = [];
      await run();
      // A read may start with a comment (db/connection.ts PREPARED).
      const reads = captured.filter((q) => /^\s*(\/\*.*?\*\/\s*)?(select|with)\b/i.test(q.sql));
      expect(reads.length).toBeGreaterThan(0);
      const client = await t.connection.pool.connect();
      const found = new Set<string>();
      try {
        for (const query of reads) for (const table of await fannedOut(client, query)) found.add(table);
      } finally {
        client.release();
      }
      expect([...found].sort()).toEqual(knownFanOuts[name] ?? []);
    });
});
