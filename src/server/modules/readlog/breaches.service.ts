/**
 * The breach register (sổ sự cố dữ liệu cá nhân) of a commune, a province or the nation: what happened, when it
 * happened and was found, who and which data were affected, the measures, and the 72-hour clock for notifying the
 * authority (shared/readlog.ts `breachClock`). Written by the unit's administrators (capability privacy.breach),
 * audited, scoped in the query and by row-level security.
 */
import { type SqlBool, sql } from "kysely";
import { refusal } from "../../../shared/capabilities";
import {
  type Breach,
  type BreachCreate,
  type BreachUpdate,
  breachClock,
  type DataCategory,
  defaultAuthority,
  instantOf,
} from "../../../shared/readlog";
import { mayOnUnit, requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { unitRefOf } from "./processing.service";

const invalid = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

/** A few minutes of clock difference between the officer's computer and the server are not "in the future". */
const clockSlackMs = 10 * 60_000;

type Moments = { occurredAt: Date; discoveredAt: Date; notifiedAt: Date | null };

/** The dates' order: happened ≤ found ≤ notified ≤ now; 422 naming the field. */
function checkMoments({ occurredAt, discoveredAt, notifiedAt }: Moments, now = new Date()) {
  const future = now.getTime() + clockSlackMs;
  if (occurredAt.getTime() > future) throw invalid("occurredAt", "Thời điểm xảy ra ở tương lai");
  if (discoveredAt.getTime() > future) throw invalid("discoveredAt", "Thời điểm phát hiện ở tương lai");
  if (discoveredAt < occurredAt)
    throw invalid("discoveredAt", "Thời điểm phát hiện trước thời điểm xảy ra sự cố");
  if (notifiedAt && notifiedAt < discoveredAt)
    throw invalid("notifiedAt", "Thời điểm thông báo trước thời điểm phát hiện sự cố");
  if (notifiedAt && notifiedAt.getTime() > future)
    throw invalid("notifiedAt", "Thời điểm thông báo ở tương lai");
}

type Row = {
  id: number | string;
  unit_id: number | string | null;
  code: string | null;
  name: string | null;
  level: string | null;
  unit_kind: string | null;
  title: string;
  description: string;
  occurred_at: Date | string;
  discovered_at: Date | string;
  people_affected: number;
  data_categories: string[];
  registry_kinds: string[];
  measures: string | null;
  notified_at: Date | string | null;
  notified_to: string | null;
  closed_at: Date | string | null;
  created_at: Date | string;
  version: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function present(r: Row, now = new Date()): Breach {
  const notifiedAt = r.notified_at === null ? null : new Date(r.notified_at);
  return {
    id: Number(r.id),
    unit: unitRefOf(r),
    title: r.title,
    description: r.description,
    occurredAt: iso(r.occurred_at),
    discoveredAt: iso(r.discovered_at),
    peopleAffected: r.people_affected,
    dataCategories: r.data_categories as DataCategory[],
    registryKinds: r.registry_kinds,
    measures: r.measures,
    notifiedAt: notifiedAt?.toISOString() ?? null,
    notifiedTo: r.notified_to,
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    createdAt: iso(r.created_at),
    version: r.version,
    clock: breachClock(new Date(r.discovered_at), notifiedAt, now),
  };
}

function selectBreaches(tx: Db, actor: Actor) {
  return tx
    .selectFrom("data_breaches as b")
    .leftJoin("admin_units as u", "u.id", "b.unit_id")
    .select([
      "b.id",
      "b.unit_id",
      "u.code",
      "u.name",
      "u.level",
      "u.kind as unit_kind",
      "b.title",
      "b.description",
      "b.occurred_at",
      "b.discovered_at",
      "b.people_affected",
      "b.data_categories",
      "b.registry_kinds",
      "b.measures",
      "b.notified_at",
      "b.notified_to",
      "b.closed_at",
      "b.created_at",
      "b.version",
    ])
    .where(actor.global ? sql<SqlBool>`true` : unitInScope(actor, "admin", "b.unit_id"));
}

/**
 * The register of a unit and the units below it (all the caller administers without `unitId`), newest first;
 * `open`: only those not closed.
 */
export async function listBreaches(db: Db, actor: Actor, options: { unitId?: number; open?: boolean }) {
  return asActor(db, actor, async (tx) => {
    if (options.unitId !== undefined) await requireOnUnit(tx, actor, "privacy.breach", options.unitId);
    else if (!actor.global && actor.roots.admin.length === 0) throw forbidden(refusal("privacy.breach"));
    let query = selectBreaches(tx, actor);
    if (options.unitId !== undefined)
      query = query.where(
        sql<SqlBool>`b.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${options.unitId})`,
      );
    if (options.open) query = query.where("b.closed_at", "is", null);
    const rows = (await query
      .orderBy("b.discovered_at", "desc")
      .orderBy("b.id", "desc")
      .limit(500)
      .execute()) as Row[];
    const now = new Date();
    return { breaches: rows.map((r) => present(r, now)) };
  });
}

async function readOne(tx: Db, actor: Actor, id: number, lock: boolean): Promise<Breach> {
  let query = selectBreaches(tx, actor).where("b.id", "=", id);
  if (lock) query = query.forUpdate("b");
  const row = (await query.executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound("Không tìm thấy sự cố, hoặc sự cố nằm ngoài phạm vi quản trị của bạn");
  return present(row);
}

export const getBreach = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, (tx) => readOne(tx, actor, id, false));

/** The register a breach goes in: a commune or a province the caller administers, or the nation's (global only). */
async function registerUnit(tx: Db, actor: Actor, unitId: number | null | undefined) {
  if (unitId === null || unitId === undefined) {
    if (!actor.global) throw invalid("unitId", "Chọn xã, phường hoặc tỉnh của sổ sự cố");
    return { unitId: null, provinceId: 0 };
  }
  const unit = await tx
    .selectFrom("admin_units")
    .select(["id", "level"])
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit || !(await mayOnUnit(tx, actor, "privacy.breach", unitId)))
    throw forbidden(refusal("privacy.breach"));
  if (unit.level !== "commune" && unit.level !== "province")
    throw invalid("unitId", "Sổ sự cố được lập ở xã, phường hoặc tỉnh, thành phố");
  const province = await tx
    .selectFrom("admin_unit_paths as p")
    .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
    .select("a.id")
    .where("p.descendant_id", "=", unitId)
    .where("a.level", "=", "province")
    .executeTakeFirst();
  return { unitId, provinceId: province?.id ?? 0 };
}

const audited = (b: Breach) => {
  const { clock: _clock, unit, ...rest } = b;
  return { ...rest, unitId: unit?.id ?? null };
};

/** Who was notified: the given text, or the authority when only the time is given. */
const notifiedTo = (at: string | null | undefined, to: string | null | undefined) =>
  at ? to?.trim() || defaultAuthority : null;

export async function createBreach(db: Db, actor: Actor, input: BreachCreate): Promise<Breach> {
  const moments = {
    occurredAt: instantOf(input.occurredAt),
    discoveredAt: instantOf(input.discoveredAt),
    notifiedAt: input.notifiedAt ? instantOf(input.notifiedAt) : null,
  };
  checkMoments(moments);
  return asActor(db, actor, async (tx) => {
    const { unitId, provinceId } = await registerUnit(tx, actor, input.unitId);
    const { id } = await tx
      .insertInto("data_breaches")
      .values({
        unit_id: unitId,
        province_id: provinceId,
        title: input.title,
        description: input.description,
        occurred_at: moments.occurredAt,
        discovered_at: moments.discoveredAt,
        people_affected: input.peopleAffected,
        data_categories: [...new Set(input.dataCategories)],
        registry_kinds: [...new Set(input.registryKinds ?? [])],
        measures: input.measures?.trim() || null,
        notified_at: moments.notifiedAt,
        notified_to: notifiedTo(input.notifiedAt, input.notifiedTo),
        closed_at: input.closed ? new Date() : null,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const after = await readOne(tx, actor, Number(id), false);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "data_breach",
      entityId: after.id,
      unitId,
      after: audited(after),
    });
    return after;
  });
}

export async function updateBreach(db: Db, actor: Actor, id: number, patch: BreachUpdate): Promise<Breach> {
  return asActor(db, actor, async (tx) => {
    const before = await readOne(tx, actor, id, true);
    if (before.unit && !(await mayOnUnit(tx, actor, "privacy.breach", before.unit.id)))
      throw forbidden(refusal("privacy.breach"));
    const { version, ...changes } = patch;
    await expectVersion(tx, { entity: "data_breach", id }, version, before.version);
    const pick = <K extends keyof Breach>(key: K, value: Breach[K] | undefined) =>
      value === undefined ? before[key] : value;
    const occurred = changes.occurredAt ? instantOf(changes.occurredAt) : new Date(before.occurredAt);
    const discovered = changes.discoveredAt ? instantOf(changes.discoveredAt) : new Date(before.discoveredAt);
    const notifiedText = changes.notifiedAt === undefined ? before.notifiedAt : changes.notifiedAt;
    const notified = notifiedText ? instantOf(notifiedText) : null;
    checkMoments({ occurredAt: occurred, discoveredAt: discovered, notifiedAt: notified });
    const closedAt =
      changes.closed === undefined
        ? before.closedAt
        : changes.closed
          ? (before.closedAt ?? iso(new Date()))
          : null;
    await tx
      .updateTable("data_breaches")
      .set({
        title: pick("title", changes.title),
        description: pick("description", changes.description),
        occurred_at: occurred,
        discovered_at: discovered,
        people_affected: pick("peopleAffected", changes.peopleAffected),
        data_categories: [...new Set(pick("dataCategories", changes.dataCategories))],
        registry_kinds: [...new Set(pick("registryKinds", changes.registryKinds))],
        measures: changes.measures === undefined ? before.measures : changes.measures?.trim() || null,
        notified_at: notified,
        notified_to: notifiedTo(
          notifiedText,
          changes.notifiedTo === undefined ? before.notifiedTo : changes.notifiedTo,
        ),
        closed_at: closedAt,
      })
      .where("id", "=", id)
      .execute();
    const after = await readOne(tx, actor, id, false);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "data_breach",
      entityId: id,
      unitId: before.unit?.id ?? null,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}
