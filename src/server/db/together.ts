/**
 * Several independent reads sent as one statement: one round trip and one plan instead of one per read. Each read
 * comes back as a JSON array of its rows, in the read's own order (a sorted subquery feeds `json_agg` in that order on
 * PostgreSQL). What JSON changes: `bigint` and `numeric` arrive as numbers (as the driver's INT8 parser gives them),
 * `date` as 'YYYY-MM-DD' (as the driver is set to), and `timestamptz` as an ISO string, not a `Date`. The statement is a
 * prepared one (connection.ts `PREPARED`): its plan is kept per connection.
 */
import { type Expression, sql } from "kysely";
import { type Db, PREPARED } from "./connection";

type Rows<Q> = { [K in keyof Q]: Q[K] extends Expression<infer O> ? O[] : never };

export async function readTogether<Q extends Record<string, Expression<unknown>>>(
  tx: Db,
  reads: Q,
): Promise<Rows<Q>> {
  const columns = Object.entries(reads).map(
    ([name, read]) => sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${read}) x) AS ${sql.ref(name)}`,
  );
  const { rows } = await sql<Rows<Q>>`${sql.raw(PREPARED)} SELECT ${sql.join(columns)}`.execute(tx);
  return rows[0]!;
}
