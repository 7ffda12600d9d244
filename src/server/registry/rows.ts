/**
 * A kind's table as the engine reads and writes it: the scoped base query, the columns of an item, the item built
 * from a row, and the column values of a body. Tables are named by declarations, so the queries go through an
 * untyped view of the database (a kind added by a declaration has no entry in db/schema.ts).
 */
import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import {
  type KindDeclaration,
  memberFields,
  type ValueField,
  valueFields,
} from "../../shared/registry/declaration";
import { kindNamed } from "../../shared/registry/kinds";
import { cleanName } from "../../shared/text";
import { type Actor, unitInScope } from "../auth/scope";
import type { Db } from "../db/connection";
import { rowInScope } from "./access";

// biome-ignore lint/suspicious/noExplicitAny: the tables of registry kinds are named by their declarations
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
export type AnySelect = SelectQueryBuilder<any, any, any>;
export const untyped = (db: Db) => db as unknown as AnyDb;

/** An item as the API returns it; its fields depend on the kind. */
export type Item = Record<string, unknown> & {
  id: number;
  communeId: number;
  archivedAt: string | null;
  version: number;
};

/** A row's value for the item: numbers as numbers, everything else as stored. */
function present(field: ValueField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return ["integer", "year", "reference"].includes(field.type) ? Number(value) : value;
}

/**
 * The kind's rows the caller may read (row-level security filters the same rows again), joined to their unit as
 * `u` when the item names it. `withUnit` false: the rows alone, for a count or a page that reads the units apart.
 * `covered`: the query keeps to a unit whose every row the caller reads (checked before in the transaction), so the
 * condition on the caller's scope would hold on every row and is left to row-level security.
 */
export function baseQuery(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  options: { withUnit?: boolean; covered?: boolean } = {},
): AnySelect {
  let query: AnySelect = untyped(tx).selectFrom(`${kind.table} as r`);
  if (kind.unit.item && options.withUnit !== false)
    query = query.innerJoin("admin_units as u", "u.id", `r.${kind.unit.column}`);
  return options.covered ? query : query.where(rowInScope(actor, kind, "read"));
}

/**
 * SQL condition: the person of row `r` of a kind has a consent in force for `purpose` (migration 0040), read under
 * the caller's row-level security: a field declared with `consent` is null without it.
 */
export const consentInForce = (kindName: string, purpose: string, alias = "r") =>
  sql<boolean>`EXISTS (SELECT 1 FROM consents c WHERE c.commune_id = ${sql.ref(`${alias}.commune_id`)}
    AND c.subject_kind = ${kindName} AND c.subject_id = ${sql.ref(`${alias}.id`)} AND c.purpose = ${purpose}
    AND c.withdrawn_at IS NULL)`;

/**
 * A field's column of row `r` as `as`: null while a field kept only with a consent has none in force, and, given
 * `keeper` (the condition that the caller keeps the list), null for the other readers when the kind's privacy
 * declaration keeps the field to the list's keepers (`audience: "keepers"`: a phone, an address, a birth year).
 */
export function storedColumn(
  kind: KindDeclaration,
  field: ValueField,
  as: string,
  keeper?: Expression<SqlBool>,
) {
  const key = Object.entries(kind.fields).find(([, f]) => f === field)?.[0];
  const conditions = [
    ...(field.consent ? [consentInForce(kind.name, field.consent)] : []),
    ...(keeper && key && kind.privacy?.fields[key]?.audience === "keepers" ? [keeper] : []),
  ];
  if (conditions.length === 0) return `r.${field.column} as ${as}`;
  return sql`CASE WHEN ${sql.join(conditions, sql` AND `)} THEN ${sql.ref(`r.${field.column}`)} END`.as(as);
}

/**
 * SQL condition: the caller keeps the row's list (the kind's write permission on its unit, or a permission the
 * kind's privacy declaration adds, e.g. the fund's treasurer for donors' addresses on the phiếu thu).
 */
function keeperOf(actor: Actor, kind: KindDeclaration) {
  const keeps = rowInScope(actor, kind, "write");
  const also = kind.privacy?.alsoKeptBy ?? [];
  if (also.length === 0) return keeps;
  return sql<SqlBool>`(${sql.join(
    [keeps, ...also.map((permission) => unitInScope(actor, permission, `r.${kind.unit.column}`))],
    sql` OR `,
  )})`;
}

/** Adds the columns of an item to `query`, each as `storedColumn` gives it to the caller. */
export function selectItem(
  query: AnySelect,
  kind: KindDeclaration,
  actor: Actor,
  kinds?: readonly KindDeclaration[],
) {
  let q = query.select(["r.id", "r.commune_id", "r.version", "r.archived_at"]);
  if (kind.archive) q = q.select("r.archived_reason");
  if (kind.unit.item)
    q = q.select([
      "u.id as unit_id",
      "u.code as unit_code",
      "u.name as unit_name",
      "u.level as unit_level",
      "u.kind as unit_kind",
      // The commune's name: a province's list shows villages of the same name in different wards.
      sql<string | null>`(SELECT c.name FROM admin_units c WHERE c.id = r.commune_id)`.as(
        "unit_commune_name",
      ),
    ]);
  const keeper = keeperOf(actor, kind);
  for (const [key, field] of valueFields(kind)) q = q.select(storedColumn(kind, field, `f_${key}`, keeper));
  for (const [key, field] of memberFields(kind)) {
    const members = kindNamed(field.kind, kinds);
    const via = members.fields[field.via];
    if (!via || via.type === "members") throw new Error(`${field.kind}.${field.via} is not a reference`);
    q = q.select(
      sql<(number | string)[]>`ARRAY(SELECT m.id FROM ${sql.table(members.table)} m
        WHERE m.commune_id = r.commune_id AND ${sql.ref(`m.${via.column}`)} = r.id AND m.archived_at IS NULL
        ORDER BY m.id)`.as(`m_${key}`),
    );
  }
  return q;
}

/** The list order of a kind: its declared keys, then the id (`withinUnit`: without the unit's name). */
export function orderItems(query: AnySelect, kind: KindDeclaration, withinUnit = false): AnySelect {
  let q = query;
  for (const key of kind.order) {
    if (key === "unit") {
      if (!withinUnit) q = q.orderBy("u.name");
    } else {
      const field = kind.fields[key];
      if (field && field.type !== "members") q = q.orderBy(`r.${field.column}`);
    }
  }
  return q.orderBy("r.id");
}

export function presentItem(kind: KindDeclaration, row: Record<string, unknown>): Item {
  // The keys in the order of the API document: id, communeId, unit, fields, archivedAt, archivedReason, version.
  const item: Record<string, unknown> = { id: Number(row.id), communeId: Number(row.commune_id) };
  if (kind.unit.item)
    item[kind.unit.item] = {
      id: Number(row.unit_id),
      code: row.unit_code,
      name: row.unit_name,
      level: row.unit_level,
      kind: row.unit_kind,
      communeName: (row.unit_commune_name as string | null) ?? null,
    };
  for (const [key, field] of Object.entries(kind.fields))
    item[key] =
      field.type === "members"
        ? ((row[`m_${key}`] as (number | string)[]) ?? []).map(Number)
        : present(field, row[`f_${key}`]);
  const archivedAt = row.archived_at as Date | string | null;
  item.archivedAt = archivedAt === null ? null : new Date(archivedAt).toISOString();
  if (kind.archive) item.archivedReason = row.archived_reason ?? null;
  item.version = Number(row.version);
  return item as Item;
}

/** What is stored for a body value: names with single spaces, the rest as validated. */
export function storedValue(field: ValueField, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  return field.type === "text" ? cleanName(String(value)) : value;
}

/** Column → value of the fields present in a validated body (absent fields are left out). */
export function columnValues(kind: KindDeclaration, body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of valueFields(kind))
    if (body[key] !== undefined) values[field.column] = storedValue(field, body[key]);
  return values;
}

/**
 * The next free numeric code of a commune, `pad` digits wide (codes stay taken when rows are archived). Counted by
 * hieuhoc_max_code over all the commune's rows, also those the caller cannot see (a chapter secretary's view).
 * Concurrent writers of a commune take turns (a transaction-scoped advisory lock).
 */
export async function nextCode(
  tx: Db,
  kind: KindDeclaration,
  column: string,
  communeId: number,
  pad: number,
) {
  // Two writers numbering the same commune at once would both take max + 1 (one then refused as a duplicate):
  // they take turns, the lock held until the transaction ends.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${kind.table}.${column}.${communeId}`}, 0))`.execute(
    tx,
  );
  const { rows } = await sql<{ next: number | string }>`
    SELECT hieuhoc_max_code(${kind.table}::regclass, ${column}, ${communeId}) + 1 AS next`.execute(tx);
  return { next: Number(rows[0]?.next ?? 1), format: (n: number) => String(n).padStart(pad, "0") };
}
