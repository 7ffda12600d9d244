/**
 * A PostgreSQL server that ends an idle pooled connection (a restart, an administrator, a dropped test database)
 * must not take the process down: the pool reports the error, and the next query opens a new connection.
 * Without the pool's error listener Node throws an uncaught exception here and the test run fails.
 */
import { sql } from "kysely";
import pg from "pg";
import { expect, it, vi } from "vitest";
import { engines, freshDatabase } from "../../../test/helpers/db";

it.runIf(engines.includes("postgres"))(
  "survives the server ending an idle connection, and queries again",
  async () => {
    const connection = await freshDatabase("postgres");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(connection.db);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const ended = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [rows[0]!.db],
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.stringMatching(/bị ngắt/)));
      const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(connection.db);
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      logged.mockRestore();
      await connection.close();
    }
  },
);
