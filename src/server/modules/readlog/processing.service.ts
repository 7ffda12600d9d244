/**
 * Reading the processing log: the administrators' log page (filters by unit, user, kind and dates) and "who has seen
 * my data" for one person's record. Rows come from the units the caller administers (and the caller's own reads),
 * in the query and again by row-level security.
 */
import { type SqlBool, sql } from "kysely";
import type { UnitRef } from "../../../shared/api";
import { refusal } from "../../../shared/capabilities";
import {
  isPersonalKind,
  type ProcessingAction,
  type ProcessingEntry,
  type ProcessingFilter,
  type ProcessingFormat,
  type ProcessingList,
} from "../../../shared/readlog";
import { kindNamed } from "../../../shared/registry/kinds";
import { mayOnUnit, requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { getItem, unitOf } from "../../registry/service";

type Row = {
  id: number | string;
  at: Date | string;
  actor_id: number | string | null;
  actor_name: string;
  action: ProcessingAction;
  kind: string;
  format: ProcessingFormat | null;
  record_ids: (number | string)[];
  record_count: number;
  filter: unknown;
  unit_id: number | string | null;
  code: string | null;
  name: string | null;
  level: string | null;
  unit_kind: string | null;
};

/** The unit joined as u.code, u.name, u.level, u.kind as unit_kind (none when the row has no unit). */
export function unitRefOf(r: {
  unit_id: number | string | null;
  code: string | null;
  name: string | null;
  level: string | null;
  unit_kind: string | null;
}): UnitRef | null {
  if (r.unit_id === null) return null;
  return {
    id: Number(r.unit_id),
    code: r.code!,
    name: r.name!,
    level: r.level as UnitRef["level"],
    kind: r.unit_kind!,
  };
}

function present(r: Row): ProcessingEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name,
    action: r.action,
    kind: r.kind,
    format: r.format,
    recordIds: r.record_ids.map(Number),
    recordCount: r.record_count,
    filter: (r.filter as Record<string, unknown> | null) ?? null,
    unit: unitRefOf(r),
  };
}

function baseQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("processing_log as l")
    .leftJoin("admin_units as u", "u.id", "l.unit_id")
    .select([
      "l.id",
      "l.at",
      "l.actor_id",
      "l.actor_name",
      "l.action",
      "l.kind",
      "l.format",
      "l.record_ids",
      "l.record_count",
      "l.filter",
      "l.unit_id",
      "u.code",
      "u.name",
      "u.level",
      "u.kind as unit_kind",
    ])
    .where((eb) =>
      actor.global
        ? sql<SqlBool>`true`
        : eb.or([eb("l.actor_id", "=", actor.userId), unitInScope(actor, "admin", "l.unit_id")]),
    );
}

/** Vietnam's midnight of a day, as an instant ("2026-12-01" → 2026-11-30T17:00Z). */
const vietnamMidnight = (day: string) => `${day}T00:00:00+07:00`;

/** The log page: newest first, 50 a page (`before` the last id of the previous page). */
export async function listProcessing(
  db: Db,
  actor: Actor,
  filter: ProcessingFilter,
): Promise<ProcessingList> {
  const limit = Math.min(filter.limit ?? 50, 200);
  if (filter.from && filter.to && filter.from > filter.to)
    throw new AppError("validation", "Ngày bắt đầu sau ngày kết thúc", {
      fields: { from: "Ngày bắt đầu sau ngày kết thúc" },
    });
  return asActor(db, actor, async (tx) => {
    if (filter.unitId !== undefined) await requireOnUnit(tx, actor, "privacy.log", filter.unitId);
    else if (!actor.global && actor.roots.admin.length === 0) throw forbidden(refusal("privacy.log"));
    let query = baseQuery(tx, actor);
    if (filter.unitId !== undefined)
      query = query.where(
        sql<SqlBool>`l.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${filter.unitId})`,
      );
    if (filter.userId !== undefined) query = query.where("l.actor_id", "=", filter.userId);
    if (filter.kind !== undefined) query = query.where("l.kind", "=", filter.kind);
    if (filter.from) query = query.where(sql<SqlBool>`l.at >= ${vietnamMidnight(filter.from)}::timestamptz`);
    if (filter.to)
      query = query.where(sql<SqlBool>`l.at < ${vietnamMidnight(filter.to)}::timestamptz + interval '1 day'`);
    if (filter.before !== undefined) query = query.where("l.id", "<", filter.before);
    const rows = (await query
      .orderBy("l.id", "desc")
      .limit(limit + 1)
      .execute()) as Row[];
    const page = rows.slice(0, limit);
    return {
      entries: page.map(present),
      nextBefore: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
    };
  });
}

/**
 * "Who has seen my data": the reads of one person's record, newest first (its views, the pages and exports that
 * listed it), for the administrators of the record's unit. The record is read through the registry's scope (404
 * outside it) without being logged itself. `communeId`: the record's commune, when the caller names it (404 in
 * another commune).
 */
export async function recordReaders(
  db: Db,
  actor: Actor,
  kindName: string,
  id: number,
  communeId?: number,
): Promise<ProcessingList> {
  if (!isPersonalKind(kindName))
    throw new AppError("validation", "Sổ theo dõi này không chứa dữ liệu cá nhân", {
      fields: { kind: "Sổ theo dõi này không chứa dữ liệu cá nhân" },
    });
  const kind = kindNamed(kindName);
  const item = await getItem(db, actor, kind, id, undefined, communeId);
  return asActor(db, actor, async (tx) => {
    if (!(await mayOnUnit(tx, actor, "privacy.log", unitOf(kind, item))))
      throw forbidden(refusal("privacy.log"));
    const rows = (await baseQuery(tx, actor)
      .where("l.kind", "=", kind.name)
      .where(sql<SqlBool>`l.record_ids @> ARRAY[${id}]::bigint[]`)
      // With the record's commune: its commune's entries and those of lists above a commune (logged as commune 0),
      // two shards instead of all.
      .$if(communeId !== undefined, (q) => q.where("l.commune_id", "in", [communeId!, 0]))
      .orderBy("l.id", "desc")
      .limit(200)
      .execute()) as Row[];
    return { entries: rows.map(present), nextBefore: null };
  });
}
