import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import { type Connection, connect } from "../../src/server/db/connection";
import { migrate } from "../../src/server/db/migrate";

export type Engine = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** Runs a suite once per engine; each run gets its own fresh, migrated database. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void): void {
  for (const engine of engines) describe(`${name} [${engine}]`, () => suite(engine));
}

/** A fresh database: an in-memory PGlite, or a new PostgreSQL database dropped again on close. */
export async function freshDatabase(engine: Engine): Promise<Connection> {
  if (engine === "pglite") {
    const connection = await connect({ memory: true });
    await migrate(connection.db);
    return connection;
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
