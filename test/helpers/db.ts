import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import { type Connection, connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import { loadDemo } from "../../src/server/demo/demo";

export type Engine = "pglite" | "postgres";

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. HIEUHOC_TEST_ENGINES (a comma list) narrows that:
 * `.ci/run` runs the database tests on PostgreSQL under Node 20 and on PGlite under Node 24 (docs/OPERATIONS.md).
 */
const available: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
const chosen = process.env.HIEUHOC_TEST_ENGINES?.split(",").map((e) => e.trim());
export const engines: Engine[] = chosen ? available.filter((e) => chosen.includes(e)) : available;
if (chosen && (engines.length === 0 || chosen.some((e) => !available.includes(e as Engine))))
  throw new Error(
    `HIEUHOC_TEST_ENGINES=${process.env.HIEUHOC_TEST_ENGINES}: choose among ${available.join(", ")} (postgres needs TEST_DATABASE_URL)`,
  );

/** Runs a suite once per engine; each run gets its own fresh, migrated database. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${name} [${engine}]`, () => suite(engine));
}

/**
 * A migrated embedded database's data directory, made once per test worker: starting PGlite from it takes about
 * 1 s where a new PGlite (initdb in WebAssembly) takes 3 to 5 s, so a fresh database costs a file a second or so.
 */
const images: { migrated?: Promise<Blob>; demo?: Promise<Blob> } = {};

async function imageOf(prepare: (connection: Connection) => Promise<void>): Promise<Blob> {
  const connection = await connect({ memory: true });
  try {
    await prepare(connection);
    if (!connection.backup) throw new Error("an embedded connection has a backup");
    return new Blob([new Uint8Array(await connection.backup("none"))]);
  } finally {
    await connection.close();
  }
}

/**
 * A fresh database: an in-memory PGlite, or a new PostgreSQL database dropped again on close; with `demo`, the
 * demo data loaded (`hieuhoc demo`).
 */
export async function freshDatabase(engine: Engine, options: { demo?: boolean } = {}): Promise<Connection> {
  if (engine === "pglite") {
    images.migrated ??= imageOf(async (connection) => void (await migrate(connection.db)));
    if (options.demo)
      images.demo ??= imageOf(async (connection) => {
        await migrate(connection.db);
        await loadDemo(connection.db);
      });
    return connect({ memory: true, loadDataDir: await (options.demo ? images.demo : images.migrated)! });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `hieuhoc_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ databaseUrl: url.toString() });
  await migrate(connection.db);
  if (options.demo) await loadDemo(connection.db);
  return {
    ...connection,
    close: async () => {
      await connection.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
