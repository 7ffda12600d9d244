/**
 * What each route of the load mix costs alone: `node --import tsx bench/load/costs.ts [--calls 60]` takes the
 * database of `npm run bench:load` as it is (run that first), starts the server, and for every route of the mix
 * sends its requests one at a time, one session per level, and reports per request the time, the server's CPU and
 * PostgreSQL's CPU (its backends, from /proc). Under load these add up: a route's share of the machine is its
 * CPU times its rate in the mix. Results in bench/results/<date>-load-costs[-label].json.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { random } from "../national/data";
import { defaultAdminUrl, machine, writeResult } from "../results";
import { login } from "./driver";
import { mix } from "./mix";
import { buildPlan, levels } from "./plan";
import { benchPassword, userPrefix } from "./prepare";
import { databaseProbe, latency, startServerChild } from "./probe";

const { values: flags } = parseArgs({
  options: { calls: { type: "string" }, label: { type: "string" }, "database-url": { type: "string" } },
});
const calls = Number(flags.calls ?? 60);
const url = new URL(defaultAdminUrl(flags["database-url"]));
url.pathname = "/hieuhoc_bench_load";
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
const plan = await buildPlan(pool, { usernames: { prefix: userPrefix }, password: benchPassword });
const dataDir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-costs-"));
const server = await startServerChild(url.toString(), dataDir);
const database = databaseProbe(pool, "hieuhoc_bench_load");
const rows: Record<string, unknown>[] = [];
const round = (x: number) => Math.round(x * 100) / 100;
try {
  for (const level of levels) {
    const user = plan.users[level][0];
    if (!user) continue;
    const session = await login(server.baseUrl, user, plan.password);
    const send = async (method: string, p: string, body?: unknown) => {
      const headers: Record<string, string> = { cookie: session.cookie };
      if (method !== "GET") headers["x-csrf-token"] = session.csrfToken;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${server.baseUrl}${p}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${response.status} ${method} ${p} ${text.slice(0, 200)}`);
      return text;
    };
    for (const action of mix[level]) {
      const rng = random(7);
      const samples: number[] = [];
      const cpu0 = server.probe.cpuSeconds();
      const db0 = await database.sample();
      for (let i = 0; i < calls; i++) {
        const call = action.call(user.unitId, plan, rng, i);
        if (!call) break;
        let body = call.body;
        if (call.open) {
          const opened = JSON.parse(await send("GET", call.open.path));
          body = { ...body, version: opened.registration?.version };
        }
        const t = performance.now();
        await send(call.method, call.path, body);
        samples.push(performance.now() - t);
      }
      if (samples.length === 0) continue;
      const n = samples.length;
      const row = {
        level,
        route: action.route,
        ...latency(samples),
        serverCpuMs: round(((server.probe.cpuSeconds() - cpu0) * 1000) / n),
        postgresCpuMs: round((((await database.sample()) - db0) * 1000) / n),
      };
      rows.push(row);
      console.log(
        `${level.padEnd(8)} ${action.route.padEnd(30)} p50 ${row.p50Ms} ms, CPU ${row.serverCpuMs} server + ${row.postgresCpuMs} PostgreSQL ms (${n} calls${call0(action.route)})`,
      );
    }
  }
} finally {
  await server.stop();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
}
function call0(route: string) {
  return route.startsWith("score sheet") ? ", each after opening the sheet" : "";
}
const file = writeResult("load-costs", flags.label, {
  at: new Date().toISOString(),
  machine: machine(),
  calls,
  rows,
});
console.log(`written ${file}`);
