import path from "node:path";
import type { Config } from "../config";
import { ensureSeedRubrics } from "../modules/rubrics/rubrics.service";
import { type Connection, connect } from "./connection";
import { migrate } from "./migrate";

/** Opens the configured database (PostgreSQL with DATABASE_URL, else PGlite under the data dir) and migrates it. */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
): Promise<Connection> {
  const connection = config.databaseUrl
    ? await connect({ databaseUrl: config.databaseUrl })
    : await connect({ dataDir: path.join(config.dataDir, "pglite") });
  await migrate(connection.db, log);
  const seeded = await ensureSeedRubrics(connection.db);
  if (seeded > 0) log(`seeded ${seeded} criteria sets`);
  return connection;
}
