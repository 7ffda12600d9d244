/**
 * `npm run bench:load`: the HTTP load benchmark of issue 13 point 6. Prepares (or with --reuse takes) the
 * PostgreSQL database hieuhoc_bench_load (bench/load/prepare.ts), starts `hieuhoc serve` on it as a child process,
 * checks every figure the sessions will ask for against a direct count (checks.ts), then for each step runs N
 * sessions through the mix of mix.ts for --seconds and reports requests/s, p50/p95/p99 per route, errors and the
 * server's memory; writes bench/results/<date>-load[-label].json and prints a markdown table.
 *
 * Flags: --households 200000 --reuse --steps 50,200,500 --seconds 60 --think-ms 1000 --export-slots 2
 *        --shares 1,5,14 (nation, province, commune sessions) --seed 1 --label x
 *        --database-url postgres://postgres@127.0.0.1:5432/postgres (where it may create hieuhoc_bench_load)
 * The five-minute run at 200 sessions: `npm run bench:load -- --reuse --steps 200 --seconds 300`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { defaultAdminUrl, log, machine, numberFlag, writeResult } from "../results";
import { checkFigures } from "./checks";
import { loginAll, runStep, type Session, type StepReport, sessionUsers } from "./driver";
import { buildPlan, type Level } from "./plan";
import { benchPassword, prepareDatabase, userPrefix } from "./prepare";
import { databaseProbe, startServerChild } from "./probe";
import { markdown } from "./report";

const { values: flags } = parseArgs({
  options: {
    households: { type: "string" },
    reuse: { type: "boolean" },
    steps: { type: "string" },
    seconds: { type: "string" },
    "think-ms": { type: "string" },
    "export-slots": { type: "string" },
    shares: { type: "string" },
    seed: { type: "string" },
    label: { type: "string" },
    "database-url": { type: "string" },
  },
});
const steps = (flags.steps ?? "50,200,500").split(",").map(Number);
const seconds = numberFlag(flags.seconds, 60);
const thinkMs = numberFlag(flags["think-ms"], 1000);
const [nationShare, provinceShare, communeShare] = (flags.shares ?? "1,5,14").split(",").map(Number);
const shares: Record<Level, number> = {
  nation: nationShare ?? 1,
  province: provinceShare ?? 5,
  commune: communeShare ?? 14,
};
const seed = numberFlag(flags.seed, 1);
const households = numberFlag(flags.households, 200_000);
const most = Math.max(...steps);
const shareOf = (level: Level) =>
  Math.ceil((most * shares[level]) / (shares.nation + shares.province + shares.commune));

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: machine(),
  options: { households, reuse: Boolean(flags.reuse), steps, seconds, thinkMs, shares, seed },
};
const save = () => writeResult("load", flags.label, results, new Date(String(results.at)));

log(`database hieuhoc_bench_load (${households.toLocaleString("en")} households unless reused)…`);
const prepared = await prepareDatabase({
  adminUrl: defaultAdminUrl(flags["database-url"]),
  name: "hieuhoc_bench_load",
  households,
  years: [2024, 2025, 2026],
  seed,
  reuse: Boolean(flags.reuse),
  users: { nation: shareOf("nation"), province: shareOf("province"), commune: shareOf("commune") },
  log,
});
results.database = prepared;
log(
  `  ${prepared.households.toLocaleString("en")} households, ${prepared.registrations.toLocaleString("en")} registrations, ${prepared.databaseMiB} MiB`,
);
const pool = new pg.Pool({ connectionString: prepared.databaseUrl, max: 4 });
const plan = await buildPlan(pool, { usernames: { prefix: userPrefix }, password: benchPassword });
log(
  `  plan: year ${plan.year}, users ${plan.users.nation.length} / ${plan.users.province.length} / ${plan.users.commune.length}`,
);
const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-load-"));
const server = await startServerChild(prepared.databaseUrl, dataDir);
log(`server ${server.baseUrl} (pid ${server.probe.pid}, ${server.probe.rssMiB()} MiB)`);
const reports: StepReport[] = [];
try {
  const [national] = await loginAll(server.baseUrl, plan.users.nation.slice(0, 1), plan.password);
  let t0 = performance.now();
  const checks = await checkFigures(pool, server.baseUrl, national!, plan);
  results.checks = { ...checks, ms: Math.round(performance.now() - t0) };
  log(`checked ${checks.checked} figures against direct counts: ${checks.differences.length} differences`);
  if (checks.differences.length > 0) {
    save();
    throw new Error(`figures differ from a direct count:\n${checks.differences.slice(0, 20).join("\n")}`);
  }
  const users = sessionUsers(plan, most, shares);
  const sessions: Session[] = [];
  for (const count of steps) {
    t0 = performance.now();
    sessions.push(...(await loginAll(server.baseUrl, users.slice(sessions.length, count), plan.password)));
    log(`${count} sessions (logins ${Math.round(performance.now() - t0)} ms), ${seconds} s…`);
    const report = await runStep({
      baseUrl: server.baseUrl,
      plan,
      sessions: sessions.slice(0, count),
      seconds,
      thinkMs,
      exportSlots: numberFlag(flags["export-slots"], 2),
      seed,
      server: server.probe,
      database: databaseProbe(pool, "hieuhoc_bench_load"),
    });
    reports.push(report);
    results.steps = reports;
    save();
    log(
      `  ${report.requestsPerSecond} req/s, errors ${report.errors.count}, slowest read ${report.slowestRead?.route} p99 ${report.slowestRead?.p99Ms} ms, RSS ${report.server?.rssBeforeMiB} → ${report.server?.rssAfterMiB} MiB, CPU per request ${report.server?.cpuMsPerRequest} ms server + ${report.database?.cpuMsPerRequest} ms PostgreSQL`,
    );
  }
} finally {
  await server.stop();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
}
results.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
const file = save();
console.log(`\n${markdown(reports)}\n`);
log(`written ${file}`);
