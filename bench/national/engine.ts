/**
 * The two engines side by side, each with a raw COPY path: PostgreSQL in a throw-away database (COPY FROM STDIN
 * through psql) and PGlite on disk under a temporary directory (COPY FROM '/dev/blob').
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { type Connection, connect } from "../../src/server/db/connection";
import type { Database } from "../../src/server/db/schema";

export type Lines = Iterable<string> | AsyncIterable<string>;

export type BenchEngine = {
  name: "postgres" | "pglite";
  connection: Connection;
  /**
   * Raw COPY of CSV lines; with countersOff the statement triggers of migration 0003 skip their work; with replica
   * (PostgreSQL only) no trigger fires at all, foreign keys included: the rows must be valid by construction.
   */
  copy: (
    table: string,
    columns: string[],
    lines: Lines,
    options?: { countersOff?: boolean; replica?: boolean },
  ) => Promise<number>;
  databaseBytes: () => Promise<number>;
  /** Closes, then drops the database or removes the directory. */
  dispose: () => Promise<void>;
};

export async function postgresEngine(
  adminUrl: string,
  name = "hieuhoc_bench",
  options: { keep?: boolean } = {},
): Promise<BenchEngine> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const connection = await connect({ databaseUrl });
  return {
    name: "postgres",
    connection,
    copy: (table, columns, lines, options = {}) => psqlCopy(databaseUrl, table, columns, lines, options),
    databaseBytes: async () => {
      const { rows } = await connection.pool.query(
        "SELECT pg_database_size(current_database())::bigint AS n",
      );
      return Number(rows[0].n);
    },
    dispose: async () => {
      await connection.close();
      // --keep: left for EXPLAIN and further runs (dropped by the next run of the same name).
      if (options.keep) return;
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function psqlCopy(
  databaseUrl: string,
  table: string,
  columns: string[],
  lines: Lines,
  options: { countersOff?: boolean; replica?: boolean },
): Promise<number> {
  const args = [databaseUrl, "-X", "-q", "-v", "ON_ERROR_STOP=1"];
  if (options.countersOff) args.push("-c", "SET hieuhoc.counters = 'off'");
  if (options.replica) args.push("-c", "SET session_replication_role = replica");
  args.push("-c", `COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`);
  const child = spawn("psql", args, { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  let count = 0;
  let buffer = "";
  const flush = async () => {
    if (!child.stdin.write(buffer)) await new Promise((resolve) => child.stdin.once("drain", resolve));
    buffer = "";
  };
  for await (const line of lines) {
    buffer += line;
    count++;
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  child.stdin.end();
  if ((await exited) !== 0) throw new Error(`COPY ${table} failed: ${stderr}`);
  return count;
}

export async function pgliteEngine(): Promise<BenchEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-national-"));
  const lite = await PGlite.create(path.join(dir, "pglite"));
  const pool = new pg.Pool(createPgConfig(lite));
  let closing = false;
  pool.on("error", (error) => {
    if (!closing) console.error(error.message);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    closing = true;
    await db.destroy();
    await lite.close();
  };
  const connection: Connection = { db, pool, engine: "pglite", close };
  return {
    name: "pglite",
    connection,
    copy: async (table, columns, lines, options = {}) => {
      // One backend: the pool's queries share this session, so the setting is reset afterwards.
      if (options.countersOff) await lite.exec("SET hieuhoc.counters = 'off'");
      const sql = `COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`;
      let count = 0;
      let chunk: string[] = [];
      let size = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await lite.query(sql, [], { blob: new Blob(chunk) });
        chunk = [];
        size = 0;
      };
      try {
        for await (const line of lines) {
          chunk.push(line);
          size += line.length;
          count++;
          if (size > 16 << 20) await flush();
        }
        await flush();
      } finally {
        if (options.countersOff) await lite.exec("RESET hieuhoc.counters");
      }
      return count;
    },
    databaseBytes: async () => {
      const { rows } = await lite.query<{ n: number }>(
        "SELECT pg_database_size(current_database())::float8 AS n",
      );
      return Number(rows[0]!.n);
    },
    dispose: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
