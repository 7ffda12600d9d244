import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe } from "vitest";
import { type Connection, connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";
import { loadDemo } from "../../src/server/demo/demo";
import { sharedTemplate, sourcesKey } from "./templates";

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

/**
 * A suite of the `hieuhoc` process itself (commands, the server, backup), which always runs on the embedded PGlite of a
 * data directory whatever the engines: it runs when PGlite is among the chosen engines, so `.ci/run` runs it once, in
 * its PGlite pass under Node 24 (what users install), not again in its PostgreSQL pass under Node 20.
 */
export function describeEmbedded(name: string, suite: () => void): void {
  describe.skipIf(!engines.includes("pglite"))(name, suite);
}

/** Runs a suite once per engine; each run gets its own fresh, migrated database. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${name} [${engine}]`, () => suite(engine));
}

/**
 * An embedded database's image (PGlite's dump of its data directory), migrated, with the demo loaded or not: made
 * once for the sources and the day and shared by the workers (templates.ts), read once per worker. Starting PGlite
 * from it takes about 1 s where a new PGlite (initdb in WebAssembly), the migrations and the demo took 20 s and more
 * of a loaded machine, in every worker.
 */
const images: { migrated?: Promise<Blob>; demo?: Promise<Blob> } = {};

async function imageOf(name: string, prepare: (connection: Connection) => Promise<void>): Promise<Blob> {
  const dir = await sharedTemplate(name, async (building) => {
    const connection = await connect({ memory: true });
    try {
      await prepare(connection);
      if (!connection.backup) throw new Error("an embedded connection has a backup");
      writeFileSync(path.join(building, "image.tar"), new Uint8Array(await connection.backup("none")));
    } finally {
      await connection.close();
    }
  });
  return new Blob([readFileSync(path.join(dir, "image.tar"))]);
}

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * On PostgreSQL, a test database is a copy of a template database migrated (and with the demo loaded) once for the
 * sources and the day: CREATE DATABASE … TEMPLATE takes a fraction of a second where migrating and loading the demo
 * took seconds for every file. The first worker to need a template builds it under an advisory lock; the others wait
 * for it. Templates of other sources are dropped a day after they were built.
 */
async function postgresTemplate(adminUrl: string, kind: "migrated" | "demo"): Promise<string> {
  const name = `hieuhoc_tpl_${kind}_${sourcesKey()}`;
  return withAdmin(adminUrl, async (admin) => {
    await admin.query("SELECT pg_advisory_lock(hashtext('hieuhoc test templates'))");
    try {
      const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount) return name;
      // Templates of other sources go once they are a day old: not sooner, since another run (a worker that read
      // the sources before an edit, a second checkout) may be copying from one.
      const stale = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'hieuhoc\\_tpl\\_%' AND datname <> $1
           AND coalesce(shobj_description(oid, 'pg_database'), '') < $2`,
        [name, new Date(Date.now() - 86_400_000).toISOString()],
      );
      for (const { datname } of stale.rows)
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const connection = await connect({ databaseUrl: url.toString() });
      try {
        await migrate(connection.db);
        if (kind === "demo") await loadDemo(connection.db);
      } finally {
        await connection.close();
      }
      await admin.query(`COMMENT ON DATABASE ${building} IS '${new Date().toISOString()}'`);
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      return name;
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext('hieuhoc test templates'))");
    }
  });
}

/**
 * A fresh database: an in-memory PGlite, or a new PostgreSQL database dropped again on close; with `demo`, the
 * demo data loaded (`hieuhoc demo`).
 */
export async function freshDatabase(engine: Engine, options: { demo?: boolean } = {}): Promise<Connection> {
  if (engine === "pglite") {
    images.migrated ??= imageOf("pglite-migrated", async (connection) => void (await migrate(connection.db)));
    if (options.demo)
      images.demo ??= imageOf("pglite-demo", async (connection) => {
        await migrate(connection.db);
        await loadDemo(connection.db);
      });
    return connect({ memory: true, loadDataDir: await (options.demo ? images.demo : images.migrated)! });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const template = await postgresTemplate(adminUrl, options.demo ? "demo" : "migrated");
  const name = `hieuhoc_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await connect({ databaseUrl: url.toString() });
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
