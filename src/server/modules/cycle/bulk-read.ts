/**
 * The registrations of a whole list read in one statement, as loadRegistration reads one: a review or a decision
 * of 15,000 households checks each record in memory instead of reading it with a query of its own (issue 13 §4).
 */
import { type SqlBool, sql } from "kysely";
import type { Registration } from "../../../shared/cycle";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { loadRegistration, presentRegistration, registrationQuery } from "./registrations.service";

/**
 * The registrations with these ids the caller may read, by id; `get` answers each one or throws what
 * loadRegistration throws for it (404 outside the caller's scope). With the list's commune the read stays on its
 * rows (the key is (commune_id, id): one index range, one shard); an id of another commune is then read by
 * loadRegistration, so the caller's checks still see it and name it.
 */
export async function loadRegistrations(tx: Db, actor: Actor, ids: readonly number[], communeId?: number) {
  const unique = [...new Set(ids)];
  let query = registrationQuery(tx, actor).where(sql<SqlBool>`r.id = ANY (${unique}::bigint[])`);
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  const rows = unique.length === 0 ? [] : await query.execute();
  const found = new Map<number, Registration>(rows.map((row) => [row.id, presentRegistration(row)]));
  return {
    get: async (id: number) => found.get(id) ?? (await loadRegistration(tx, actor, id)),
  };
}

/** The units at or under `unitId` (itself, its villages): where a review meeting's records may be. */
export async function unitsUnder(tx: Db, unitId: number): Promise<Set<number>> {
  const { rows } = await sql<{ id: number }>`SELECT descendant_id AS id FROM admin_unit_paths
    WHERE ancestor_id = ${unitId}`.execute(tx);
  return new Set(rows.map((r) => Number(r.id)));
}

/** Each id once, keeping the last of its entries (the order a loop over the list would have left it in). */
export function lastOfEach<T extends { registrationId: number }>(entries: readonly T[]): T[] {
  return [...new Map(entries.map((e) => [e.registrationId, e])).values()];
}
