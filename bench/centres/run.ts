/**
 * `npm run bench:centres`: the learning centres' attendance at national scale (issue 10, acceptance "2 million
 * activity sessions and 30 million attendance marks"). Loads the national territory (bench/national/load.ts) into a
 * throw-away PostgreSQL database, then one centre per commune, 20 activities each, citizens and named learners,
 * the sessions and the marks (bench/centres/data.ts) by raw COPY with every trigger off (rows valid by
 * construction), one recount per commune, and measures through the product's services:
 *
 * - the attendance writes, each in its own transaction like a request, counters on: a head-count session created
 *   (createSession) and a named session's marks set (putMarks, 25 learners), p50/p95;
 * - GET /stats/centres' service (centreRollup) for the nation, the largest province and its largest commune, and the
 *   province's ten-year series (centreSeries), p50/p95; the nation's sessions of 2025 checked against the table;
 * - `stats verify` of one commune.
 *
 * Flags: --sessions N (default 2,000,000), --marks N (default 30,000,000), --households N (default 100,000),
 * --reps N (writes, default 200), --figure-reps N (default 30), --database-url URL, --label x, --keep (leave
 * hieuhoc_bench_centres for EXPLAIN). Holds /tmp/bench.lock while it runs. Writes
 * bench/results/<date>-centres[-label].json.
 */
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { putMarks } from "../../src/server/modules/attendance/attendance.marks";
import { createSession } from "../../src/server/modules/attendance/attendance.sessions";
import { centreRollup, centreSeries } from "../../src/server/modules/attendance/stats.service";
import { verifyCounters } from "../../src/server/modules/stats/stats.service";
import { today } from "../../src/server/modules/territory/dates";
import { hash01 } from "../national/data";
import { postgresEngine } from "../national/engine";
import { loadNational } from "../national/load";
import { defaultAdminUrl, log, machine, ms, numberFlag, sample, writeResult } from "../results";
import {
  activitiesPerCommune,
  activityColumns,
  activityId,
  activityLines,
  centreColumns,
  centreLines,
  citizenColumns,
  citizenId,
  citizenLines,
  learnerColumns,
  learnerLines,
  learnerOf,
  learnersPerActivity,
  markColumns,
  markLines,
  namedPerCommune,
  plan,
  sessionColumns,
  sessionLines,
} from "./data";

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    sessions: { type: "string" },
    marks: { type: "string" },
    households: { type: "string" },
    reps: { type: "string" },
    "figure-reps": { type: "string" },
    "database-url": { type: "string" },
    label: { type: "string" },
    keep: { type: "boolean" },
  },
});
const sessionTotal = numberFlag(flags.sessions, 2_000_000);
const markTotal = numberFlag(flags.marks, 30_000_000);
const households = numberFlag(flags.households, 100_000);
const reps = numberFlag(flags.reps, 200);
const figureReps = numberFlag(flags["figure-reps"], 30);
const adminUrl = defaultAdminUrl(flags["database-url"]);
const lock = "/tmp/bench.lock";

async function main() {
  const engine = await postgresEngine(adminUrl, "hieuhoc_bench_centres");
  const db = engine.connection.db;
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    households,
    sessionsAsked: sessionTotal,
    marksAsked: markTotal,
  };
  try {
    log(`Loading the territory and ${households.toLocaleString("en")} households`);
    const loaded = await loadNational(engine, { households, years: [2025], seed: 1 }, log);
    const p = plan(loaded.communes, sessionTotal, markTotal);

    const copied: Record<string, number> = {};
    const copyMs: Record<string, number> = {};
    for (const [table, columns, lines] of [
      ["learning_centres", centreColumns, centreLines(p)],
      ["centre_activities", activityColumns, activityLines(p)],
      ["citizens", citizenColumns, citizenLines(p)],
      ["activity_learners", learnerColumns, learnerLines(p)],
      ["activity_sessions", sessionColumns, sessionLines(p)],
      ["attendance_marks", markColumns, markLines(p)],
    ] as const) {
      const t0 = performance.now();
      copied[table] = await engine.copy(table, [...columns], lines, { replica: true });
      copyMs[table] = ms(t0);
      log(`  ${copied[table].toLocaleString("en")} ${table} (${copyMs[table]} ms)`);
    }
    for (const table of ["learning_centres", "centre_activities", "citizens", "activity_sessions"])
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(
        db,
      );
    result.rows = copied;
    result.copyMs = copyMs;
    result.marksCopyRowsPerSecond = Math.round(
      copied.attendance_marks! / ((copyMs.attendance_marks ?? 1) / 1000),
    );
    let t0 = performance.now();
    await sql`SELECT count(hieuhoc_recount_commune(id)) FROM admin_units WHERE level = 'commune'`.execute(db);
    await sql`ANALYZE`.execute(db);
    result.recountMs = ms(t0);
    const counterRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM centre_counters`.execute(db);
    result.counterRows = counterRows.rows[0]!.n;
    log(`  counters recounted: ${result.counterRows} centre counter rows (${result.recountMs} ms)`);

    // The writes: the focus province's administrator (unit_admin records attendance) on the 2026 activities of its
    // communes (activity 19 by head count, activity 9 named), today.
    const actor = loaded.actors.province;
    const focus = loaded.communes.filter((c) => c.provinceId === loaded.focus.provinceId);
    const pick = (i: number, salt: number) => focus[Math.floor(hash01(i, salt, 11) * focus.length)]!;
    const day = today();
    // Any named session of the province (a mark is not checked against today): activity 9 of 2026 at full size.
    const named = new Set(
      focus.flatMap((c) => Array.from({ length: namedPerCommune }, (_, a) => activityId(c.index, a))),
    );
    const namedSessions = (
      await db
        .selectFrom("activity_sessions")
        .select(["id", "commune_id", "activity_id"])
        .where("province_id", "=", loaded.focus.provinceId)
        .where("activity_id", "in", [...named])
        .orderBy("id")
        .limit(5000)
        .execute()
    ).map((s) => ({
      id: Number(s.id),
      commune: loaded.communes.find((c) => c.id === Number(s.commune_id))!,
      activity: (Number(s.activity_id) - 1) % activitiesPerCommune,
    }));
    if (namedSessions.length === 0) throw new Error("no named session in the focus province");
    t0 = performance.now();
    result.writes = {
      headcountSession: await sample(reps, (i) =>
        createSession(db, actor, activityId(pick(i, 1).index, 19), {
          clientKey: randomUUID(),
          heldOn: day,
          minutes: 90,
          attendees: 30,
          women: 16,
          minorities: 3,
          elderly: 5,
        }),
      ),
      namedMarks: await sample(reps, (i) => {
        const session = namedSessions[Math.floor(hash01(i, 2, 12) * namedSessions.length)]!;
        return putMarks(db, actor, session.id, {
          marks: Array.from({ length: learnersPerActivity }, (_, j) => ({
            citizenId: citizenId(session.commune.index, learnerOf(session.activity, j)),
            present: hash01(i, j, 13) < 0.8,
          })),
        });
      }),
    };
    log(`  writes ${JSON.stringify(result.writes)} (${ms(t0)} ms)`);

    const { provinceId, communeId } = loaded.focus;
    result.figures = {
      nation: await sample(figureReps, () => centreRollup(db, loaded.actors.nation, { year: 2025 })),
      province: await sample(figureReps, () =>
        centreRollup(db, loaded.actors.province, { unitId: provinceId, year: 2025 }),
      ),
      commune: await sample(figureReps, () =>
        centreRollup(db, loaded.actors.commune, { unitId: communeId, year: 2025 }),
      ),
      provinceSeries: await sample(figureReps, () =>
        centreSeries(db, loaded.actors.province, { unitId: provinceId, from: 2017, to: 2026 }),
      ),
    };
    log(`  figures ${JSON.stringify(result.figures)}`);
    const nation = await centreRollup(db, loaded.actors.nation, { year: 2025 });
    const table = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM activity_sessions
      WHERE held_on >= '2025-01-01' AND held_on < '2026-01-01'`.execute(db);
    result.nationSessions2025 = { counters: nation.figures.sessions, table: Number(table.rows[0]!.n) };
    if (nation.figures.sessions !== Number(table.rows[0]!.n))
      throw new Error(`national sessions ${JSON.stringify(result.nationSessions2025)}`);
    t0 = performance.now();
    const focusCode = loaded.communes.find((c) => c.id === communeId)!.code;
    const verified = await verifyCounters(db, { unitCode: focusCode });
    result.verifyCommuneMs = ms(t0);
    result.verifyDifferences = verified.differences.length;
    log(`  verify ${focusCode}: ${verified.differences.length} differences (${result.verifyCommuneMs} ms)`);
    result.databaseBytes = await engine.databaseBytes();
  } finally {
    if (flags.keep) await engine.connection.close();
    else await engine.dispose();
  }
  log(`Written ${writeResult("centres", flags.label, result)}`);
}

const unlock = () => rmSync(lock, { force: true });
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    unlock();
    process.exit(130);
  });
writeFileSync(lock, `bench-centres ${process.pid}\n`);
try {
  await main();
} finally {
  unlock();
}
