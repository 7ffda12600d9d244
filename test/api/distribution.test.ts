/**
 * Ready to shard by commune (issue 13, point 7): every table is classified in src/server/db/distribution.ts, and the
 * catalog shows the keys a Citus cluster needs (distribution-check.ts). The check is proved on a scratch schema of
 * deliberately wrong tables, and docs/SCALE-OUT.md's table of the classes is the list's.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Connection } from "../../src/server/db/connection";
import { type DistributionClass, distribution } from "../../src/server/db/distribution";
import { citusScript, distributionProblems } from "../../src/server/db/distribution-check";
import { describeEachEngine, freshDatabase } from "../helpers/db";

describeEachEngine("distribution by commune", (engine) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await freshDatabase(engine);
  });
  afterAll(() => connection.close());

  it("every table is classified, and every key and foreign key suits its class", async () => {
    expect(await distributionProblems(connection.db)).toEqual([]);
  });

  it("the Citus script places every table once, each after the tables it references", async () => {
    const script = await citusScript(connection.db);
    const placed = script.flatMap((line) => line.match(/\('([a-z_]+)'/)?.[1] ?? []);
    expect([...placed].sort()).toEqual(Object.values(distribution).flat().sort());
    const keys = await sql<{ table: string; target: string }>`
      SELECT t.relname AS table, f.relname AS target FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND c.contype = 'f' AND c.conrelid <> c.confrelid`.execute(connection.db);
    for (const { table, target } of keys.rows)
      expect(placed.indexOf(target), `${table} after ${target}`).toBeLessThan(placed.indexOf(table));
    expect(script).toContain(
      "SELECT create_distributed_table('audit_log', 'province_id', colocate_with => 'none');",
    );
  });

  it("the check finds each kind of violation in a scratch schema", async () => {
    const db = connection.db;
    await sql`CREATE SCHEMA shard_bad`.execute(db);
    await sql
      .raw(`
      CREATE TABLE shard_bad.units (id bigint PRIMARY KEY);
      CREATE TABLE shard_bad.grants (id bigint PRIMARY KEY, commune_id bigint, item_id bigint);
      CREATE TABLE shard_bad.items (commune_id bigint NOT NULL, id bigint NOT NULL, code text,
        unit_id bigint REFERENCES shard_bad.units (id), PRIMARY KEY (commune_id, id), UNIQUE (code),
        UNIQUE (commune_id, id, code));
      CREATE UNIQUE INDEX items_lower_code ON shard_bad.items (lower(code));
      CREATE TABLE shard_bad.lines (commune_id bigint NOT NULL, id bigint NOT NULL, other_commune_id bigint,
        item_id bigint, PRIMARY KEY (id), FOREIGN KEY (other_commune_id, item_id) REFERENCES shard_bad.items (commune_id, id));
      CREATE TABLE shard_bad.loose (id bigint PRIMARY KEY, commune_id bigint);
      CREATE TABLE shard_bad.stray (id bigint);
      ALTER TABLE shard_bad.grants ADD FOREIGN KEY (commune_id, item_id) REFERENCES shard_bad.items (commune_id, id);
    `)
      .execute(db);
    const classes: Record<string, DistributionClass> = {
      units: "reference",
      grants: "reference",
      items: "commune",
      lines: "commune",
      loose: "commune",
    };
    const problems = await distributionProblems(db, { schema: "shard_bad", classify: (t) => classes[t] });
    expect(problems.sort()).toEqual(
      [
        "grants: foreign key grants_commune_id_item_id_fkey (commune_id=commune_id,item_id=id) to items: a reference table may only reference reference tables",
        "items: unique key items_code_key (code) leaves out commune_id",
        "items: unique key items_lower_code (expressions) leaves out commune_id",
        "lines: foreign key lines_other_commune_id_item_id_fkey (other_commune_id=commune_id,item_id=id) to items: does not pair commune_id with commune_id",
        "lines: primary key lines_pkey (id) leaves out commune_id",
        "loose: commune_id may be null",
        "loose: primary key loose_pkey (id) leaves out commune_id",
        "stray: not classified in src/server/db/distribution.ts",
      ].sort(),
    );
    await sql`DROP SCHEMA shard_bad CASCADE`.execute(db);
  });
});

it("docs/SCALE-OUT.md lists each class's tables as distribution.ts does", () => {
  const text = readFileSync(new URL("../../docs/SCALE-OUT.md", import.meta.url), "utf8");
  for (const [name, tables] of Object.entries(distribution)) {
    const block = text.match(new RegExp(`<!-- tables:${name} -->([\\s\\S]*?)<!-- /tables -->`))?.[1];
    expect(block, `docs/SCALE-OUT.md has a <!-- tables:${name} --> block`).toBeDefined();
    const listed = [...(block ?? "").matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
    expect(listed.sort(), name).toEqual([...tables].sort());
  }
});
