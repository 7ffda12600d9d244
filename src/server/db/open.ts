import path from "node:path";
import type { Config } from "../config";
import { ensureSeedReportTemplates } from "../modules/reports/templates.service";
import { ensureSeedRubrics } from "../modules/rubrics/rubrics.service";
import { type Connection, connect } from "./connection";
import { lockDataDir } from "./data-dir-lock";
import { migrate } from "./migrate";

/** What this process is, for the lock's owner file ("hieuhoc serve --demo"). */
const thisCommand = () => `hieuhoc ${process.argv.slice(2).join(" ")}`.trim();

/**
 * Opens the configured database (PostgreSQL with DATABASE_URL, else PGlite under the data dir, after taking the
 * data directory's lock) and migrates it. Closing the connection releases the lock.
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
  options: { onAbort?: (error: unknown) => void } = {},
): Promise<Connection> {
  if (config.databaseUrl) return prepare(await connect({ databaseUrl: config.databaseUrl }), log);
  const release = await lockDataDir(config.dataDir, thisCommand());
  let connection: Connection;
  try {
    connection = await connect({ dataDir: path.join(config.dataDir, "pglite"), onAbort: options.onAbort });
  } catch (error) {
    await release();
    throw error;
  }
  const locked: Connection = {
    ...connection,
    close: async () => {
      try {
        await connection.close();
      } finally {
        await release();
      }
    },
  };
  return prepare(locked, log);
}

async function prepare(connection: Connection, log: (line: string) => void): Promise<Connection> {
  try {
    await migrate(connection.db, log);
    const seeded = await ensureSeedRubrics(connection.db);
    if (seeded > 0) log(`seeded ${seeded} criteria sets`);
    const templates = await ensureSeedReportTemplates(connection.db);
    if (templates > 0) log(`seeded ${templates} report templates`);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return connection;
}
