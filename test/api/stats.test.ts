/**
 * Live statistics: the counters stay equal to a recount from the registries through a random mix of 1,000 writes made
 * through the API, the roll-up and its CSV show the rates of the metrics, and `hieuhoc stats verify` catches a
 * corrupted counter that `hieuhoc stats rebuild` repairs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { runCommand } from "../../src/cli/args";
import { statsCommands } from "../../src/cli/stats";
import { connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import type { SubjectKind, TitleCode } from "../../src/server/db/schema";
import { loadDemo } from "../../src/server/demo/demo";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine, describeEmbedded } from "../helpers/db";

/** A small seeded generator (mulberry32): the same operations on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function scoresFor(rubric: any, minus: number) {
  const scores: Record<string, number> = {};
  for (const criterion of rubric.definition.criteria)
    for (const item of criterion.items) scores[item.key] = item.maxPoints;
  const first = rubric.definition.criteria[0].items[0];
  scores[first.key] = Math.max(0, first.maxPoints - minus);
  return scores;
}

describeEachEngine("statistics counters", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let reviewer: ApiClient;
  let ward: number;
  let villages: number[];
  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    reviewer = await t.as("tayho.duyet");
    ward = await t.unitId("00103");
    villages = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units.map((u: any) => u.id);
  });
  afterAll(() => t.close());

  const expectCountersExact = async () => {
    const { differences } = await verifyCounters(t.db);
    expect(differences).toEqual([]);
  };

  it("start equal to a recount of the demo data", expectCountersExact);

  it("equal a full recount after a random mix of registrations, assessments, reviews, decisions, revocations, moves and archives", async () => {
    const next = random(20251);
    const pick = <T>(list: T[]): T | undefined => list[Math.floor(next() * list.length)];
    const family = (await tayho.get("/api/v1/rubrics?title=learning_family")).body.rubrics[0];
    const rubric = (await tayho.get(`/api/v1/rubrics/${family.id}`)).body.rubric;
    let decisionNumber = 0;
    const done: Record<string, number> = {};
    const registrations = async (status?: string) =>
      (
        await tayho.get(
          `/api/v1/registrations?unitId=${ward}&year=2025&title=learning_family${status ? `&status=${status}` : ""}`,
        )
      ).body.registrations as any[];
    const households = async () =>
      (await tayho.get(`/api/v1/households?unitId=${ward}&limit=500`)).body.households as any[];

    for (let step = 0; step < 400; step++) {
      const roll = next();
      let kind: string;
      if (roll < 0.12) {
        kind = "create";
        const response = await tayho.post("/api/v1/households", {
          villageId: pick(villages),
          headName: `Hộ Thử ${step}`,
          members: 1 + Math.floor(next() * 6),
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      } else if (roll < 0.22) {
        kind = "move";
        const h = pick(await households());
        const to = pick(villages.filter((v) => v !== h?.village.id));
        if (!h || !to) continue;
        expect(
          (await tayho.patch(`/api/v1/households/${h.id}`, { villageId: to, version: h.version })).status,
        ).toBe(200);
      } else if (roll < 0.28) {
        kind = "archive";
        const h = pick(await households());
        if (!h) continue;
        const response = await tayho.post(`/api/v1/households/${h.id}/archive`, { reason: "moved" });
        expect(response.status).toBe(204);
      } else if (roll < 0.48) {
        kind = "register";
        const registered = new Set((await registrations()).map((r) => r.subject.id));
        const free = (await households()).filter((h) => !registered.has(h.id));
        const chosen = free.filter(() => next() < 0.3).slice(0, 4);
        if (chosen.length === 0) continue;
        const response = await tayho.post("/api/v1/registrations", {
          year: 2025,
          title: "learning_family",
          subjects: chosen.map((h) => ({ kind: "household", id: h.id })),
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      } else if (roll < 0.66) {
        kind = "assess";
        const r = pick((await registrations()).filter((x) => ["registered", "assessed"].includes(x.status)));
        if (!r) continue;
        const response = await tayho.post(`/api/v1/registrations/${r.id}/assessment`, {
          scores: scoresFor(rubric, Math.floor(next() * 40)),
          version: r.version,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
      } else if (roll < 0.78) {
        kind = "review";
        const village = pick(villages);
        const assessed = (await registrations("assessed")).filter((r) => r.village?.id === village);
        if (assessed.length === 0) continue;
        const response = await tayho.post("/api/v1/reviews", {
          unitId: village,
          year: 2025,
          title: "learning_family",
          heldOn: "2025-12-10",
          participants: "Chi hội khuyến học",
          outcomes: assessed.map((r) => ({
            registrationId: r.id,
            proposed: r.passed === true || next() < 0.2,
          })),
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      } else if (roll < 0.9) {
        kind = "decide";
        const proposed = (await registrations("proposed")).filter(() => next() < 0.7);
        if (proposed.length === 0) continue;
        const draft = await tayho.post("/api/v1/decisions", {
          communeId: ward,
          year: 2025,
          title: "learning_family",
          number: `${++decisionNumber}/QĐ-UBND`,
          signedOn: "2026-01-05",
          agencyName: "UBND Phường Tây Hồ",
          signerTitle: "Chủ tịch",
          signerName: "Nguyễn Văn Bình",
          registrationIds: proposed.map((r) => r.id),
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
        const issued = await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`);
        expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      } else {
        kind = "revoke";
        const recognized = (await registrations("recognized")).filter(() => next() < 0.3).slice(0, 2);
        if (recognized.length === 0) continue;
        const draft = await tayho.post("/api/v1/decisions", {
          communeId: ward,
          year: 2025,
          title: "learning_family",
          kind: "revocation",
          reason: "Không còn đủ điều kiện",
          number: `${++decisionNumber}/QĐ-UBND`,
          signedOn: "2026-03-01",
          agencyName: "UBND Phường Tây Hồ",
          signerTitle: "Chủ tịch",
          signerName: "Nguyễn Văn Bình",
          registrationIds: recognized.map((r) => r.id),
        });
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
        expect((await reviewer.post(`/api/v1/decisions/${draft.body.decision.id}/issue`)).status).toBe(200);
      }
      done[kind] = (done[kind] ?? 0) + 1;
      if (step % 100 === 99) await expectCountersExact();
    }
    // Writes no service makes yet: a withdrawal, a deleted registration, an un-archived household.
    await sql`UPDATE registrations SET status = 'withdrawn'
      WHERE id = (SELECT min(id) FROM registrations WHERE status = 'registered')`.execute(t.db);
    await sql`DELETE FROM registrations WHERE id = (SELECT max(id) FROM registrations WHERE status = 'registered')
      AND NOT EXISTS (SELECT 1 FROM evidence)`.execute(t.db);
    await sql`UPDATE households SET archived_at = NULL, archived_reason = NULL
      WHERE id = (SELECT min(id) FROM households WHERE archived_at IS NOT NULL)`.execute(t.db);
    await expectCountersExact();
    for (const kind of ["create", "move", "archive", "register", "assess", "review", "decide", "revoke"])
      expect(done[kind], kind).toBeGreaterThan(0);
    const statuses = (await registrations()).map((r) => r.status);
    expect(statuses).toContain("recognized");
    expect(statuses).toContain("revoked");
  }, 300_000);

  it.runIf(engine === "postgres")("stay exact under concurrent writes on PostgreSQL", async () => {
    const free = (await tayho.get(`/api/v1/households?unitId=${ward}&limit=500`)).body.households.slice(
      0,
      12,
    );
    await Promise.all(
      free.map((h: any, i: number) =>
        i % 3 === 0
          ? tayho.patch(`/api/v1/households/${h.id}`, {
              villageId: villages[(i + 1) % villages.length],
              version: h.version,
            })
          : tayho.post("/api/v1/registrations", {
              year: 2026,
              title: "learning_family",
              subjects: [{ kind: "household", id: h.id }],
            }),
      ),
    );
    await Promise.all(
      villages.map((v, i) =>
        tayho.post("/api/v1/households", { villageId: v, headName: `Hộ Song Song ${i}`, members: 2 }),
      ),
    );
    await expectCountersExact();
  });

  it("rolls a ward up by village, with rates of the total and a CSV with a total row", async () => {
    const rollup = await tayho.get(`/api/v1/stats/rollup?unitId=${ward}&year=2025&title=learning_family`);
    expect(rollup.status, JSON.stringify(rollup.body)).toBe(200);
    const table = rollup.body.titles[0];
    expect(table.title).toBe("learning_family");
    expect(table.children.map((c: any) => c.unit.id).sort()).toEqual([...villages].sort());
    // Totals and counts equal a direct count of the registries.
    const { rows } = await sql<{ total: number; registered: number; recognized: number }>`
      SELECT (SELECT count(*) FROM households WHERE commune_id = ${ward} AND archived_at IS NULL)::int AS total,
        (SELECT count(*) FROM registrations WHERE commune_id = ${ward} AND year = 2025
           AND title = 'learning_family' AND status <> 'withdrawn')::int AS registered,
        (SELECT count(*) FROM registrations WHERE commune_id = ${ward} AND year = 2025
           AND title = 'learning_family' AND status = 'recognized')::int AS recognized`.execute(t.db);
    const direct = rows[0]!;
    expect(table.figures).toMatchObject(direct);
    expect(table.childrenTotal).toMatchObject(direct);
    const f = table.figures;
    expect(f.recognizedRate).toBe(Math.round((f.recognized * 10000) / f.total) / 100);
    expect(f.recognizedGood + f.recognizedFair + f.recognizedAverage).toBeLessThanOrEqual(f.recognized);

    const csv = await tayho.get(`/api/v1/stats/rollup.csv?unitId=${ward}&year=2025`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body);
    expect(text.startsWith("\uFEFF")).toBe(true); // UTF-8 with a byte-order mark, ";" between fields (docs/IMPORT.md)
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Đơn vị;Tổng số;Đăng ký;Đạt;Tỷ lệ đăng ký (%);Tỷ lệ đạt (%)");
    expect(lines).toHaveLength(villages.length + 2);
    const totalLine = lines.at(-1)!;
    expect(totalLine.startsWith(`Tổng cộng;${direct.total};${direct.registered};${direct.recognized};`)).toBe(
      true,
    );

    // A province shows its wards; a village user sees its own village only.
    const hanoi = await t.as("hanoi");
    const city = await t.unitId("01", { level: "province" });
    const province = (await hanoi.get(`/api/v1/stats/rollup?unitId=${city}&year=2025`)).body;
    expect(province.titles).toHaveLength(7); // the six titles and the centres' rating
    const family = province.titles.find((x: any) => x.title === "learning_family");
    expect(family.children.find((c: any) => c.unit.id === ward).figures).toMatchObject(direct);
    const village = await t.as("to1.tayho");
    expect((await village.get(`/api/v1/stats/rollup?unitId=${ward}&year=2025`)).status).toBe(404);
  });

  it("are read-only to the application role, and a bulk write may switch them off and recount", async () => {
    await expect(
      t.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL ROLE hieuhoc_app`.execute(tx);
        await sql`UPDATE title_totals SET total = 0`.execute(tx);
      }),
    ).rejects.toThrow(/permission denied/);
    const village = villages[0]!;
    const { province_id } = await t.db
      .selectFrom("households")
      .select("province_id")
      .where("commune_id", "=", ward)
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL hieuhoc.counters = 'off'`.execute(tx);
      await sql`INSERT INTO households (commune_id, province_id, village_id, code, head_name, members)
        SELECT ${ward}, ${province_id}, ${village}, 'BULK-' || i, 'Hộ ' || i, 2 FROM generate_series(1, 500) i`.execute(
        tx,
      );
      const stale = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM hieuhoc_counter_differences(${ward})`.execute(tx);
      expect(stale.rows[0]!.n).toBe(1); // the village's total, not maintained while switched off
      await sql`SELECT hieuhoc_recount_commune(${ward})`.execute(tx);
    });
    await expectCountersExact();
  });

  it("builds a Quận 11-like district from seed 001 and shows its rates", async () => {
    // 10,800 of 15,000 households recognised (72%): counters written by the triggers, rates by the metrics.
    const hcm = await t.unitId("27169");
    const { province_id } = await t.db
      .selectFrom("households")
      .select("province_id")
      .where("commune_id", "=", hcm)
      .executeTakeFirstOrThrow();
    const village = (
      await t.db.selectFrom("admin_units").select("id").where("parent_id", "=", hcm).executeTakeFirstOrThrow()
    ).id;
    const existing = Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM households WHERE commune_id = ${hcm} AND archived_at IS NULL`.execute(
          t.db,
        )
      ).rows[0]!.n,
    );
    const rubricId = (
      await t.db
        .selectFrom("rubrics")
        .select("id")
        .where("title", "=", "learning_family")
        .executeTakeFirstOrThrow()
    ).id;
    await sql`INSERT INTO households (commune_id, province_id, village_id, code, head_name, members)
      SELECT ${hcm}, ${province_id}, ${village}, 'Q11-' || i, 'Hộ ' || i, 3 FROM generate_series(1, ${15_000 - existing}) i`.execute(
      t.db,
    );
    await sql`INSERT INTO registrations (commune_id, province_id, village_id, year, title, subject_kind, subject_id,
        rubric_id, status, grade)
      SELECT commune_id, province_id, village_id, 2020, 'learning_family', 'household', id, ${rubricId},
        CASE WHEN row_number() OVER (ORDER BY id) <= 10800 THEN 'recognized' ELSE 'not_proposed' END, 'good'
      FROM households WHERE commune_id = ${hcm} AND archived_at IS NULL ORDER BY id LIMIT 12000`.execute(
      t.db,
    );
    const hcmClient = await t.as("hcm");
    const body = (await hcmClient.get(`/api/v1/stats/rollup?unitId=${hcm}&year=2020&title=learning_family`))
      .body;
    expect(body.titles[0].figures).toMatchObject({
      total: 15_000,
      registered: 12_000,
      recognized: 10_800,
      recognizedGood: 10_800,
      registeredRate: 80,
      recognizedRate: 72,
    });

    // The rest of seed 001: 4 of 8 clans, 53 of 63 residential groups (khu phố), 75 of 78 organisations.
    const villagesNow = async () =>
      (await hcmClient.get(`/api/v1/units/${hcm}/children`)).body.units.map((u: any) => u.id) as number[];
    for (let n = (await villagesNow()).length; n < 63; n++) {
      const created = await hcmClient.post(`/api/v1/units/${hcm}/villages`, {
        name: `Khu phố Q11-${n + 1}`,
        kind: "Khu phố",
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const groups = await villagesNow();
    expect(groups).toHaveLength(63);
    await sql`INSERT INTO clans (commune_id, province_id, name, head_name)
      SELECT ${hcm}, ${province_id}, 'Họ Q11-' || i, 'Trưởng họ ' || i FROM generate_series(1, 8) i`.execute(
      t.db,
    );
    await sql`INSERT INTO organizations (commune_id, province_id, unit_id, code, name, kind)
      SELECT ${hcm}, ${province_id}, ${hcm}, 'Q11-' || i, 'Cơ quan ' || i, 'agency'
      FROM generate_series(1, 78) i`.execute(t.db);
    const register = async (
      title: TitleCode,
      kind: SubjectKind,
      subjects: { id: number; village: number | null }[],
      recognised: number,
    ) => {
      const rubric = (
        await t.db.selectFrom("rubrics").select("id").where("title", "=", title).executeTakeFirstOrThrow()
      ).id;
      await t.db
        .insertInto("registrations")
        .values(
          subjects.map((subject, i) => ({
            commune_id: hcm,
            province_id,
            village_id: subject.village,
            year: 2020,
            title,
            subject_kind: kind,
            subject_id: subject.id,
            rubric_id: rubric,
            status: i < recognised ? "recognized" : "not_proposed",
          })),
        )
        .execute();
    };
    const clans = await t.db.selectFrom("clans").select("id").where("commune_id", "=", hcm).execute();
    await register(
      "learning_clan",
      "clan",
      clans.map((c) => ({ id: c.id, village: null })),
      4,
    );
    await register(
      "learning_community_village",
      "village",
      groups.map((id) => ({ id, village: id })),
      53,
    );
    const organizations = await t.db
      .selectFrom("organizations")
      .select("id")
      .where("commune_id", "=", hcm)
      .execute();
    await register(
      "learning_organization",
      "organization",
      organizations.map((o) => ({ id: o.id, village: null })),
      75,
    );
    const all = (await hcmClient.get(`/api/v1/stats/rollup?unitId=${hcm}&year=2020`)).body.titles;
    const figuresOf = (title: string) => all.find((x: any) => x.title === title).figures;
    expect(figuresOf("learning_clan")).toMatchObject({ total: 8, recognized: 4, recognizedRate: 50 });
    // 53/63 = 84.126...%: the report prints "84,12%" (truncated); the product's one rule rounds half up: 84.13.
    expect(figuresOf("learning_community_village")).toMatchObject({
      total: 63,
      recognized: 53,
      recognizedRate: 84.13,
    });
    expect(figuresOf("learning_organization")).toMatchObject({
      total: 78,
      recognized: 75,
      recognizedRate: 96.15,
    });
    await expectCountersExact();
  }, 120_000);
});

describeEmbedded("hieuhoc stats", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-stats-"));
  const saved = { dir: process.env.HIEUHOC_DATA_DIR, url: process.env.DATABASE_URL };
  afterAll(() => {
    // Test files share their worker (isolate: false): put the variables back as they were, unset included.
    for (const [name, value] of [
      ["HIEUHOC_DATA_DIR", saved.dir],
      ["DATABASE_URL", saved.url],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs a command in this process (a spawned `hieuhoc` costs seconds of start-up); returns its exit code. */
  async function hieuhoc(...argv: string[]) {
    process.env.HIEUHOC_DATA_DIR = dataDir;
    process.env.DATABASE_URL = "";
    const command = statsCommands.find((c) => argv.join(" ").startsWith(c.name))!;
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line) => void out.push(String(line)));
    const error = vi.spyOn(console, "error").mockImplementation((line) => void err.push(String(line)));
    try {
      const status = await runCommand(command, argv.slice(2));
      return { status, stdout: out.join("\n"), stderr: err.join("\n") };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it("verify exits non-zero on a corrupted counter and zero after rebuild", async () => {
    const help = spawnSync(process.execPath, ["bin/hieuhoc.mjs", "--help"], { encoding: "utf8" });
    for (const command of ["stats verify", "stats rebuild", "stats show"]) {
      expect(help.stdout).toContain(command);
      expect((await hieuhoc(...command.split(" "), "--help")).stdout).toContain(`hieuhoc ${command}`);
    }
    const connection = await connect({ dataDir: path.join(dataDir, "pglite") });
    await migrate(connection.db);
    await loadDemo(connection.db);
    await sql`UPDATE title_totals SET total = total + 5 WHERE title = 'learning_family' AND unit_id = (
      SELECT min(t.unit_id) FROM title_totals t JOIN admin_units c ON c.id = t.commune_id
      WHERE c.code = '00103' AND t.title = 'learning_family')`.execute(connection.db);
    await connection.close();
    const bad = await hieuhoc("stats", "verify", "--unit", "00103");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/learning_family, total: bộ đếm \d+, đếm lại \d+/);
    expect((await hieuhoc("stats", "verify", "--unit", "07069")).status).toBe(0); // another commune is fine
    expect((await hieuhoc("stats", "rebuild")).status).toBe(0);
    const good = await hieuhoc("stats", "verify");
    expect(good.status, good.stderr).toBe(0);
    // A level row (0051) tampered with as the owner: verify fails naming it, rebuild repairs it.
    const again = await connect({ dataDir: path.join(dataDir, "pglite") });
    await sql`INSERT INTO title_nation_counters AS n (year, title, stripe, registered)
      VALUES (2025, 'learning_family', 15, 1)
      ON CONFLICT (year, title, stripe) DO UPDATE SET registered = n.registered + 1`.execute(again.db);
    await again.close();
    const tampered = await hieuhoc("stats", "verify", "--unit", "07069");
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/nation:registered/);
    expect((await hieuhoc("stats", "rebuild")).status).toBe(0);
    expect((await hieuhoc("stats", "verify")).status).toBe(0);
    const shown = await hieuhoc("stats", "show", "--unit", "00103", "--year", "2025", "--json");
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).titles[0].figures.total).toBeGreaterThan(0);
    expect((await hieuhoc("stats", "show", "--unit", "00103")).status).toBe(2);
  }, 300_000);
});
