/** Import of the four national unit lists of ../shared/data/dvhc through the product's import path. */
import { existsSync, readFileSync } from "node:fs";
import { commandLineActor } from "../src/server/auth/scope";
import { type Connection, connect } from "../src/server/db/connection";
import { migrate } from "../src/server/db/migrate";
import { importUnitFile } from "../src/server/modules/territory/territory.import";

const shared = "../shared/data/dvhc";
const files = [
  ["units-2025-03", "units-2025-03-01.csv"],
  ["provinces-2025", "provinces-2025.csv"],
  ["communes-2025", "communes-2025.csv"],
  ["succession", "succession-2025-07-01.csv"],
] as const;

async function timeImport(connection: Connection) {
  await migrate(connection.db);
  const perFile: Record<string, number> = {};
  const started = performance.now();
  for (const [format, file] of files) {
    const t0 = performance.now();
    const report = await importUnitFile(
      connection.db,
      commandLineActor,
      format,
      readFileSync(`${shared}/${file}`, "utf8"),
    );
    if (report.errors.length > 0) throw new Error(`${file}: ${report.errors.length} errors`);
    perFile[file] = Math.round(performance.now() - t0);
  }
  const totalMs = Math.round(performance.now() - started);
  const again = performance.now();
  for (const [format, file] of files)
    await importUnitFile(connection.db, commandLineActor, format, readFileSync(`${shared}/${file}`, "utf8"));
  return { totalMs, perFile, secondImportMs: Math.round(performance.now() - again) };
}

export async function benchImport() {
  if (!existsSync(`${shared}/communes-2025.csv`)) {
    console.log(`[skip] ${shared} is absent: import benchmark skipped`);
    return null;
  }
  const results: Record<string, unknown> = {};
  const lite = await connect({ memory: true });
  results.pglite = await timeImport(lite);
  await lite.close();
  if (process.env.BENCH_DATABASE_URL) {
    const pg = await connect({ databaseUrl: process.env.BENCH_DATABASE_URL });
    results.postgres = await timeImport(pg);
    await pg.close();
  }
  return results;
}
