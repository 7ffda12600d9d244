import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { isDatabaseAbort } from "../lifecycle";
import type { Database } from "./schema";

// DATE columns come back as 'YYYY-MM-DD' strings (no time-zone shifts); int8 as numbers (ids stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = Kysely<Database>;

export type Connection = {
  db: Db;
  pool: pg.Pool;
  engine: "pglite" | "postgres";
  close: () => Promise<void>;
  /**
   * PGlite only: a consistent copy of the data directory (tar.gz). It holds the pool's only connection, so no
   * transaction is open while it checkpoints and copies; requests wait for those seconds. Uncompressed on request
   * (the tests' database images, loaded again at once).
   */
  backup?: (compression?: "gzip" | "none") => Promise<Uint8Array>;
};

export type ConnectOptions =
  | { databaseUrl: string }
  | { dataDir: string; onAbort?: (error: unknown) => void; loadDataDir?: Blob }
  | { memory: true; loadDataDir?: Blob | File; onAbort?: (error: unknown) => void };

/**
 * Calls `onAbort` when the embedded database aborts (a WebAssembly "Aborted(...)" from PGlite): it cannot answer
 * again, so the server logs why and exits instead of answering 500 for ever. The failing query still fails.
 */
function watchAbort(lite: PGlite, onAbort: ((error: unknown) => void) | undefined): void {
  if (!onAbort) return;
  const execute = lite.execProtocolStream.bind(lite);
  lite.execProtocolStream = async (...args: Parameters<PGlite["execProtocolStream"]>) => {
    try {
      return await execute(...args);
    } catch (error) {
      if (isDatabaseAbort(error)) onAbort(error);
      throw error;
    }
  };
}

/**
 * A connection that the server ends (a restart, a failover, an administrator's pg_terminate_backend, a dropped
 * test database) emits 'error'; without a listener Node takes the whole process down. Idle connections are
 * reported on the pool: logged (unless the pool is closing), and the pool replaces them on the next query. A
 * connection in use by a request also gets a listener of its own (pg-pool takes the pool's off while a client
 * is checked out): its query fails, the request answers 503 and logs one line (http/error-response.ts), and the
 * pool discards the broken client when it is released.
 */
function keepAliveOnServerErrors(pool: pg.Pool, closing: () => boolean): void {
  pool.on("error", (error) => {
    if (!closing()) console.error(`Kết nối cơ sở dữ liệu bị ngắt (sẽ mở lại khi cần): ${error.message}`);
  });
  pool.on("connect", (client) => {
    client.on("error", () => {
      // Reported by the failing query (503) or, when idle, by the pool's listener above.
    });
  });
}

/**
 * Marks a statement (at its start or its end) to be sent as a named prepared statement: PostgreSQL then keeps its plan per
 * connection, and after five runs may use one generic plan instead of planning each time. For the hot reads whose
 * planning costs more than their run (the dashboards': 1–2 ms to plan a statement under row-level security,
 * docs/PERFORMANCE.md). The name is the text's hash, so one text is one statement and another text another; a
 * plan is invalidated by PostgreSQL itself when a table, the role or the search path changes.
 */
export const PREPARED = "/* prepared */";

/** Marks a builder's statement (at its end: Kysely's `modifyEnd`) as PREPARED. */
export const prepared = sql.raw(PREPARED);

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A prepared statement's name: its text's hash, computed once per text (the texts marked PREPARED are a few hundred). */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= 10_000) statementNames.clear();
    name = `h${createHash("sha1").update(text).digest("base64url")}`;
    statementNames.set(text, name);
  }
  return name;
}
type Result = { command: string; rowCount: number | null; rows: unknown[]; fields: unknown[] };

/**
 * Fewer round trips per transaction, below Kysely: a transaction's BEGIN is held back and sent in one message with
 * the statement that follows when that statement has no parameters (asActor's context, so every scoped transaction
 * saves one round trip: 0.3–0.5 ms of system calls each on this machine, docs/PERFORMANCE.md); a BEGIN followed at
 * once by COMMIT or ROLLBACK is not sent at all. Statements marked PREPARED (above) are sent by name.
 */
function fewerRoundTrips(client: pg.PoolClient, prepare: boolean): void {
  const query = client.query.bind(client) as Query;
  let held = false;
  const done = (command: string): Promise<Result> =>
    Promise.resolve({ command, rowCount: null, rows: [], fields: [] });
  const send: Query = (config, values, callback) =>
    prepare && typeof config === "string" && (config.startsWith(PREPARED) || config.endsWith(PREPARED))
      ? query({ name: statementName(config), text: config, values }, callback)
      : query(config, values, callback);
  (client as { query: Query }).query = (config, values, callback) => {
    const plain =
      typeof config === "string" &&
      callback === undefined &&
      (values === undefined || (values as unknown[]).length === 0);
    if (plain && config === "begin" && !held) {
      held = true;
      return done("BEGIN");
    }
    if (!held) return send(config, values, callback);
    held = false;
    if (plain && (config === "commit" || config === "rollback")) return done(config.toUpperCase());
    if (plain)
      return (query(`begin;${config}`) as Promise<Result | Result[]>).then((r) =>
        Array.isArray(r) ? r.at(-1) : r,
      );
    // Queued before the statement (pg sends a connection's queries in order); its failure fails the next one too.
    (query("begin") as Promise<Result>).catch(() => {});
    return send(config, values, callback);
  };
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite (on disk, or in memory for tests). */
export async function connect(options: ConnectOptions): Promise<Connection> {
  let closing = false;
  if ("databaseUrl" in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    keepAliveOnServerErrors(pool, () => closing);
    pool.on("connect", (client) => fewerRoundTrips(client, true));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      pool,
      engine: "postgres",
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  let lite: PGlite;
  if ("dataDir" in options) {
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    lite = await PGlite.create(
      options.loadDataDir
        ? { dataDir: options.dataDir, loadDataDir: options.loadDataDir }
        : { dataDir: options.dataDir },
    );
  } else {
    lite = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  }
  watchAbort(lite, options.onAbort);
  const pool = new pg.Pool(createPgConfig(lite));
  keepAliveOnServerErrors(pool, () => closing);
  pool.on("connect", (client) => fewerRoundTrips(client, true));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: "pglite",
    close: async () => {
      closing = true;
      await db.destroy();
      await lite.close();
    },
    backup: async (compression = "gzip") => {
      const client = await pool.connect(); // the pool has one connection (createPgConfig): nothing else runs now
      try {
        await client.query("CHECKPOINT");
        return new Uint8Array(await (await lite.dumpDataDir(compression)).arrayBuffer());
      } finally {
        client.release();
      }
    },
  };
}
