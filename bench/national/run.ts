/**
 * `npm run bench:national` (or `npm run bench -- --national`): the national-scale benchmark of issue 4 point 7.
 * Loads generated national data into PostgreSQL (a throw-away database, dropped at the end) and into PGlite (a
 * temporary directory), measures both in the same run and writes bench/results/<date>-national.json.
 *
 * Flags (or environment): --households N (BENCH_HOUSEHOLDS, PostgreSQL, default 20,000), --lite-households N
 * (BENCH_LITE_HOUSEHOLDS, default min(N, 300,000)), --years 2024,2025,2026, --seed 1, --engines postgres,pglite,
 * --xlsx-rows 1000000, --import-rows 20000, --evaluation-rows 3000, --writes 200,
 * --label x (writes <date>-national-x.json), --database-url (BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres: a server where the
 * benchmark may create and drop the database hieuhoc_bench, or --database-name's, so that two runs do not share one;
 * --keep leaves it for EXPLAIN).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { machine, writeResult } from "../results";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engine";
import { loadNational } from "./load";
import { measureEngine } from "./measure";

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--national"),
  options: {
    households: { type: "string" },
    "lite-households": { type: "string" },
    "database-name": { type: "string" },
    keep: { type: "boolean" },
    years: { type: "string" },
    seed: { type: "string" },
    engines: { type: "string" },
    "xlsx-rows": { type: "string" },
    "import-rows": { type: "string" },
    "evaluation-rows": { type: "string" },
    writes: { type: "string" },
    "database-url": { type: "string" },
    label: { type: "string" },
  },
});
const number = (value: string | undefined, fallback: number) =>
  value === undefined ? fallback : Number(value.replace(/[_,]/g, ""));
const households = number(flags.households ?? process.env.BENCH_HOUSEHOLDS, 20_000);
const liteHouseholds = number(
  flags["lite-households"] ?? process.env.BENCH_LITE_HOUSEHOLDS,
  Math.min(households, 300_000),
);
const years = (flags.years ?? "2024,2025,2026").split(",").map(Number);
const seed = number(flags.seed, 1);
const engines = (flags.engines ?? "postgres,pglite").split(",");
const xlsxRows = number(flags["xlsx-rows"], 1_000_000);
const adminUrl =
  flags["database-url"] ?? process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseName = flags["database-name"] ?? "hieuhoc_bench";
const measureOptions = {
  householdImportRows: number(flags["import-rows"], 20_000),
  evaluationImportRows: number(flags["evaluation-rows"], 3_000),
  writes: number(flags.writes, 200),
  reps: { big: 10, small: 60 },
};

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** The XLSX child under /usr/bin/time -v (when present): its own figures plus the kernel's maximum RSS. */
async function xlsxExport(databaseUrl: string, rows: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-xlsx-"));
  const args = [
    "--import",
    "tsx",
    "bench/national/xlsx-child.ts",
    databaseUrl,
    String(rows),
    path.join(dir, "ho.xlsx"),
  ];
  const timed = os.platform() === "linux";
  const child = spawn(
    timed ? "/usr/bin/time" : process.execPath,
    timed ? ["-v", process.execPath, ...args] : args,
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`XLSX export failed: ${stderr.slice(-2000)}`);
  const result = JSON.parse(stdout.trim().split("\n").pop()!);
  const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    ...result,
    timeVMaxRssMiB: max ? Math.round(Number(max[1]) / 1024) : null,
    source:
      "PostgreSQL households joined with their village, commune and province names, keyset pages of 5,000",
  };
}

/** Written after each engine too, so that a long run interrupted later keeps what it measured. */
function save(results: Record<string, unknown>) {
  return writeResult("national", flags.label, results, new Date(String(results.at)));
}

export async function runNational() {
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: machine(),
    options: { households, liteHouseholds, years, seed, xlsxRows, ...measureOptions },
  };
  for (const name of engines) {
    const n = name === "postgres" ? households : liteHouseholds;
    log(`${name}: ${n.toLocaleString("en")} households, years ${years.join(", ")}`);
    const engine: BenchEngine =
      name === "postgres"
        ? await postgresEngine(adminUrl, databaseName, { keep: flags.keep })
        : await pgliteEngine();
    try {
      const t0 = performance.now();
      const loaded = await loadNational(engine, { households: n, years, seed }, (l) => log(l));
      const loadMs = Math.round(performance.now() - t0);
      log(`  loaded in ${Math.round(loadMs / 1000)} s (${Math.round(loaded.databaseBytes / 2 ** 20)} MiB)`);
      const measured = await measureEngine(engine, loaded, years, measureOptions, (l) => log(l));
      let xlsx: unknown = null;
      if (name === "postgres" && xlsxRows > 0) {
        log(`  XLSX export of ${xlsxRows.toLocaleString("en")} rows…`);
        const url = new URL(adminUrl);
        url.pathname = `/${databaseName}`;
        xlsx = await xlsxExport(url.toString(), xlsxRows);
      }
      results[name] = {
        data: { ...loaded.counts, communes: loaded.communes.length, provinces: loaded.provinces.length },
        load: { totalMs: loadMs, ...loaded.timings, databaseMiB: Math.round(loaded.databaseBytes / 2 ** 20) },
        ...measured,
        xlsx,
      };
      save(results);
    } finally {
      await engine.dispose();
    }
  }
  results.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const file = save(results);
  console.log(JSON.stringify(results, null, 2));
  log(`written ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("national/run.ts"))
  await runNational();
