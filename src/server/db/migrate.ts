import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { repoRoot } from "../paths";
import type { Db } from "./connection";

const migrationsDir = path.join(repoRoot, "src/server/db/migrations");

/** Forward-only: applies each migrations/NNNN_name.sql not yet recorded, each in its own transaction. */
export async function migrate(db: Db, log: (line: string) => void = () => {}): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db)).rows.map((r) => r.name),
  );
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = readFileSync(path.join(migrationsDir, file), "utf8");
    await db.transaction().execute(async (tx) => {
      await sql.raw(text).execute(tx);
      await sql`INSERT INTO schema_migrations (name) VALUES (${file})`.execute(tx);
    });
    log(`migrated ${file}`);
    applied.push(file);
  }
  return applied;
}
