/**
 * `npm run bench`: measurements for docs/PERFORMANCE.md, written to bench/results/<date>.json. Not part of npm test.
 * BENCH_DATABASE_URL (a PostgreSQL database that may be overwritten) adds the server-side figures.
 * `npm run bench -- --national [--households N]` runs the national-scale benchmark instead (bench/national/run.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { benchImport } from "./import";
import { benchStartup } from "./startup";

async function foundation() {
  const results = {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    import: await benchImport(),
    startup: await benchStartup(),
  };
  console.log(JSON.stringify(results, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    `bench/results/${results.at.slice(0, 10)}-foundation.json`,
    `${JSON.stringify(results, null, 2)}\n`,
  );
}

if (process.argv.includes("--national")) await (await import("./national/run")).runNational();
else await foundation();
