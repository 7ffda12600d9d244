/**
 * Reads the catalog (pg_class, pg_index, pg_constraint: PostgreSQL and PGlite alike) and lists what would stop the
 * schema from being distributed as `distribution.ts` says (docs/SCALE-OUT.md): an unclassified table, a distributed
 * table without its distribution column (NOT NULL), without a primary key, or with a primary, unique or exclusion key
 * that leaves the column out, a foreign key between distributed tables that does not pair the column with itself,
 * and a foreign key Citus refuses (a distributed table to a local one, a reference or local table to a distributed
 * one, a reference table to a local one).
 */
import { sql } from "kysely";
import type { Db } from "./connection";
import { classOf, type DistributionClass, distribution, distributionColumn } from "./distribution";

export type CheckOptions = {
  /** The schema to read (public by default). */
  schema?: string;
  /** The class of a table (`distribution.ts` by default). */
  classify?: (table: string) => DistributionClass | undefined;
  /** Also report tables of the list that the schema lacks (default: with the default list only). */
  listed?: readonly string[];
};

const distributed = (c: DistributionClass | undefined): c is "commune" | "province" =>
  c === "commune" || c === "province";

export async function distributionProblems(db: Db, options: CheckOptions = {}): Promise<string[]> {
  const schema = options.schema ?? "public";
  const classify = options.classify ?? classOf;
  const listed = options.listed ?? (options.classify ? [] : Object.values(distribution).flat());
  const problems: string[] = [];

  const tables = await sql<{ name: string; columns: string }>`
    SELECT c.relname AS name,
      (SELECT string_agg(a.attname || ':' || a.attnotnull::text, ',') FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`.execute(db);
  const present = new Set(tables.rows.map((t) => t.name));
  for (const name of listed)
    if (!present.has(name)) problems.push(`${name}: listed in distribution.ts but not in the schema`);
  for (const t of tables.rows) {
    const cls = classify(t.name);
    if (!cls) {
      problems.push(`${t.name}: not classified in src/server/db/distribution.ts`);
      continue;
    }
    if (!distributed(cls)) continue;
    const column = distributionColumn[cls];
    const notNull = new Map((t.columns ?? "").split(",").map((c) => c.split(":") as [string, string])).get(
      column,
    );
    if (notNull === undefined) problems.push(`${t.name}: no ${column} column (distributed by ${column})`);
    else if (notNull !== "true") problems.push(`${t.name}: ${column} may be null`);
  }

  const keys = await sql<{ table: string; index: string; primary: boolean; columns: string | null }>`
    SELECT t.relname AS table, ic.relname AS index, i.indisprimary AS primary,
      (SELECT string_agg(a.attname, ',') FROM unnest(i.indkey::int2[]) AS k (attnum)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${schema} AND NOT t.relispartition AND (i.indisunique OR i.indisexclusion)
    ORDER BY t.relname, ic.relname`.execute(db);
  const withKey = new Set<string>();
  for (const k of keys.rows) {
    const cls = classify(k.table);
    if (!distributed(cls)) continue;
    if (k.primary) withKey.add(k.table);
    const column = distributionColumn[cls];
    if (!(k.columns ?? "").split(",").includes(column))
      problems.push(
        `${k.table}: ${k.primary ? "primary key" : "unique key"} ${k.index} (${k.columns ?? "expressions"}) leaves out ${column}`,
      );
  }
  for (const t of tables.rows) {
    const cls = classify(t.name);
    if (distributed(cls) && !withKey.has(t.name)) problems.push(`${t.name}: no primary key`);
  }

  const foreign = await sql<{ table: string; name: string; target: string; pairs: string }>`
    SELECT t.relname AS table, c.conname AS name, f.relname AS target,
      (SELECT string_agg(a.attname || '=' || b.attname, ',') FROM unnest(c.conkey, c.confkey) AS k (x, y)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.x
        JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.y) AS pairs
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${schema} AND c.contype = 'f' AND NOT t.relispartition
    ORDER BY t.relname, c.conname`.execute(db);
  for (const fk of foreign.rows) {
    const from = classify(fk.table);
    const to = classify(fk.target);
    if (!from || !to) continue; // reported above
    const what = `${fk.table}: foreign key ${fk.name} (${fk.pairs}) to ${fk.target}`;
    if (distributed(from)) {
      if (to === "reference") continue;
      if (to !== from) problems.push(`${what}: ${from}-distributed table to a ${to} table`);
      else if (!fk.pairs.split(",").includes(`${distributionColumn[from]}=${distributionColumn[to]}`))
        problems.push(`${what}: does not pair ${distributionColumn[from]} with ${distributionColumn[to]}`);
    } else if (from === "reference" && to !== "reference")
      problems.push(`${what}: a reference table may only reference reference tables`);
    else if (from === "local" && distributed(to))
      problems.push(`${what}: a local table to a distributed table`);
  }
  return problems;
}

/**
 * The Citus commands that distribute the schema as `distribution.ts` says (docs/SCALE-OUT.md): reference tables,
 * then the commune group colocated with its first table, then the province group, then the local tables; within a
 * class each table after the tables it references (Citus needs the referenced table distributed first).
 */
export async function citusScript(db: Db, shardCount = 64): Promise<string[]> {
  const foreign = await sql<{ table: string; target: string }>`
    SELECT DISTINCT t.relname AS table, f.relname AS target
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND c.contype = 'f' AND c.conrelid <> c.confrelid`.execute(db);
  const order: string[] = [];
  const visiting = new Set<string>(); // a cycle of keys (none today) is broken rather than followed for ever
  const visit = (table: string, within: readonly string[]) => {
    if (order.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of foreign.rows)
      if (fk.table === table && within.includes(fk.target)) visit(fk.target, within);
    order.push(table);
  };
  const lines = ["CREATE EXTENSION IF NOT EXISTS citus;", "SET citus.enable_unsafe_triggers = on;"];
  for (const table of distribution.reference) visit(table, distribution.reference);
  lines.push(...order.map((t) => `SELECT create_reference_table('${t}');`));
  order.length = 0;
  for (const table of distribution.commune) visit(table, distribution.commune);
  const [first, ...rest] = order;
  lines.push(`SELECT create_distributed_table('${first}', 'commune_id', shard_count => ${shardCount});`);
  lines.push(
    ...rest.map((t) => `SELECT create_distributed_table('${t}', 'commune_id', colocate_with => '${first}');`),
  );
  lines.push(
    ...distribution.province.map(
      (t) => `SELECT create_distributed_table('${t}', 'province_id', colocate_with => 'none');`,
    ),
  );
  lines.push(...distribution.local.map((t) => `SELECT citus_add_local_table_to_metadata('${t}');`));
  return lines;
}
