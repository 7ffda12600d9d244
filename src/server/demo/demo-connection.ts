/**
 * The demo loader's own Kysely over the server's pool, sending each parameterised statement as a named prepared
 * statement. The services' queries carry row-level security into every sub-select, and planning them again for
 * each of thousands of records took about two thirds of the loader's time on PGlite; prepared once per load they
 * are planned a few times only (measured: about 2.5 times less CPU for a whole yearly cycle). The SQL and the
 * services are the same; only the wire protocol changes. Names are unique per load and freed at its end.
 */
import { createHash, randomBytes } from "node:crypto";
import { CompiledQuery, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import type pg from "pg";
import type { Db } from "../db/connection";
import type { Database } from "../db/schema";

export type PreparingDb = { db: Db; release: () => Promise<void> };

export function preparingDb(pool: pg.Pool): PreparingDb {
  const load = randomBytes(4).toString("hex");
  const nameOf = (text: string) =>
    `demo_${load}_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        // Statements without parameters (SET LOCAL, DDL, several commands) cannot be prepared; they go as they are.
        // The loader never streams, so only the (sql, parameters) form is used.
        query: ((text: string, values: unknown[]) =>
          values.length > 0
            ? client.query({ name: nameOf(text), text, values })
            : client.query(text, values)) as unknown as PostgresPoolClient["query"],
        release: () => client.release(),
      };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  const wrapped: PostgresPool = { connect: async () => wrap(await pool.connect()), end: async () => {} };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: wrapped }) });
  return {
    db,
    // PGlite keeps its one connection for the server's life: free the statements there (other PostgreSQL pool
    // connections drop theirs when the pool closes them after their idle timeout).
    release: async () => {
      await db.executeQuery(CompiledQuery.raw("DEALLOCATE ALL"));
    },
  };
}
