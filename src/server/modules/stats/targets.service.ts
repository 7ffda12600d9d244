/**
 * Targets (chỉ tiêu) and progress against them (docs/STATISTICS.md, "Targets").
 *
 * Which target applies to a unit, a title, a metric and a year: the unit's own local targets, else those of its
 * nearest ancestor that has any for that title and metric, else the national ones; within that source, the
 * target of the year itself or else of the next target year ahead (2027 is measured against 2030, 2021 against
 * 2025). When a source has nothing for that year or later, the next source up is tried; after the last target
 * year of every source there is no target (no extrapolation). National figures for difficult areas are kept but
 * not applied: units carry no such flag yet.
 *
 * Status, on values with two decimals compared exactly in hundredths of a percent: actual < target is
 * `not_met` (chưa đạt), actual = target is `met` (đạt), actual > target is `exceeded` (vượt); no actual (a total of
 * 0) gives no status.
 */
import { sql } from "kysely";
import {
  subjectLabels,
  subjectMetrics,
  type TargetMetric,
  type TargetProgress,
  type TargetStatus,
  type TargetSubject,
  targetMetrics,
  targetSubjects,
} from "../../../shared/stats";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, forbidden, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit } from "../territory/territory.repo";

export type { TargetMetric, TargetProgress, TargetStatus };
export { targetMetrics };
export const metricLabels: Record<TargetMetric, string> = {
  recognizedRate: "tỷ lệ đạt",
  registeredRate: "tỷ lệ đăng ký",
  householdShare: "tỷ lệ hộ có hội viên",
};

/** The rules in Vietnamese, for the OpenAPI descriptions. */
export const statusRule =
  "Trạng thái so sánh tỷ lệ thực tế với chỉ tiêu, cả hai làm tròn 2 chữ số thập phân, so đúng từng phần trăm của phần trăm: " +
  "thấp hơn là not_met (chưa đạt), bằng là met (đạt), cao hơn là exceeded (vượt); không có tỷ lệ (tổng số 0) thì null.";
export const resolutionRule =
  "Chỉ tiêu áp dụng: chỉ tiêu riêng của đơn vị, nếu không có thì của đơn vị cấp trên gần nhất, nếu không có thì chỉ tiêu quốc gia; " +
  "trong nguồn đó lấy chỉ tiêu của chính năm, nếu không có thì của năm chỉ tiêu gần nhất phía sau (năm 2027 so với chỉ tiêu 2030).";

export type TargetBasis = {
  id: number;
  number: string;
  signedOn: IsoDate | null;
  issuer: string;
  name: string;
  confirmed: boolean;
  note: string | null;
  /** One line for tables: "QĐ 387/QĐ-TTg ngày 25/03/2022 của Thủ tướng Chính phủ". */
  text: string;
};

export type Target = {
  id: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: number;
  variant: "standard" | "difficult";
  indicator: string;
  note: string | null;
  source: "national" | "local";
  unit: { id: number; code: string; name: string; level: string } | null;
  basis: TargetBasis;
  setBy: string | null;
  updatedAt: string;
  /** Raised on every change; a change names the version it started from (409 otherwise). */
  version: number;
};

/** Compares in hundredths of a percent (both values have two decimals). */
export function targetStatus(actual: number | null, value: number): TargetStatus | null {
  if (actual === null) return null;
  const a = Math.round(actual * 100);
  const v = Math.round(value * 100);
  return a < v ? "not_met" : a === v ? "met" : "exceeded";
}

const viDate = (date: IsoDate | null) => (date ? date.split("-").reverse().join("/") : null);

function basisText(b: { number: string; signed_on: IsoDate | null; issuer: string }) {
  const kind = /QĐ/.test(b.number) ? "QĐ " : "";
  const on = viDate(b.signed_on);
  return `${kind}${b.number}${on ? ` ngày ${on}` : ""} của ${b.issuer}`;
}

type TargetRow = {
  id: number;
  title: TargetSubject;
  metric: TargetMetric;
  year: number;
  value: string | number;
  variant: "standard" | "difficult";
  indicator: string;
  note: string | null;
  unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  unit_level: string | null;
  basis_id: number;
  number: string;
  signed_on: IsoDate | null;
  issuer: string;
  basis_name: string;
  confirmed: boolean;
  basis_note: string | null;
  set_by: string | null;
  updated_at: Date | string;
  version: number;
};

function toTarget(row: TargetRow): Target {
  return {
    id: Number(row.id),
    title: row.title,
    metric: row.metric,
    year: Number(row.year),
    value: Number(row.value),
    variant: row.variant,
    indicator: row.indicator,
    note: row.note,
    source: row.unit_id === null ? "national" : "local",
    unit:
      row.unit_id === null
        ? null
        : {
            id: Number(row.unit_id),
            code: row.unit_code ?? "",
            name: row.unit_name ?? "",
            level: row.unit_level ?? "",
          },
    basis: {
      id: Number(row.basis_id),
      number: row.number,
      signedOn: row.signed_on,
      issuer: row.issuer,
      name: row.basis_name,
      confirmed: row.confirmed,
      note: row.basis_note,
      text: basisText(row),
    },
    setBy: row.set_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: Number(row.version),
  };
}

function selectTargets(tx: Db) {
  return tx
    .selectFrom("targets as t")
    .innerJoin("target_bases as b", "b.id", "t.basis_id")
    .leftJoin("admin_units as u", "u.id", "t.unit_id")
    .leftJoin("app_users as who", (join) =>
      join.on(sql<boolean>`who.id = coalesce(t.updated_by, t.created_by)`),
    )
    .select([
      "t.id",
      "t.title",
      "t.metric",
      "t.year",
      "t.value",
      "t.variant",
      "t.indicator",
      "t.note",
      "t.unit_id",
      "u.code as unit_code",
      "u.name as unit_name",
      "u.level as unit_level",
      "b.id as basis_id",
      "b.number",
      "b.signed_on",
      "b.issuer",
      "b.name as basis_name",
      "b.confirmed",
      "b.note as basis_note",
      "who.full_name as set_by",
      "t.updated_at",
      "t.version",
    ]);
}

/**
 * National targets and the local targets of the unit and its ancestors, with each local unit's distance (the
 * nation, unitId null, has the national ones only).
 */
async function chainTargets(tx: Db, unitId: number | null): Promise<TargetChain> {
  return chainOf(await chainTargetsQuery(tx, unitId).execute());
}

type TargetChain = { target: Target; depth: number | null }[];

/** The query of `chainTargets`, for a caller that sends it with other reads (db/together.ts): one statement. */
export function chainTargetsQuery(tx: Db, unitId: number | null) {
  return selectTargets(tx)
    .select(
      sql<number | null>`(SELECT p.depth FROM admin_unit_paths p WHERE p.descendant_id = ${unitId}
        AND p.ancestor_id = t.unit_id)`.as("depth"),
    )
    .where((eb) =>
      unitId === null
        ? eb("t.unit_id", "is", null)
        : eb.or([
            eb("t.unit_id", "is", null),
            eb(
              "t.unit_id",
              "in",
              tx.selectFrom("admin_unit_paths").select("ancestor_id").where("descendant_id", "=", unitId),
            ),
          ]),
    )
    .orderBy("t.title")
    .orderBy("t.metric")
    .orderBy("t.year")
    .orderBy("t.variant");
}

type ChainRow = { unit_id: number | null; depth: number | null };

function chainOf(rows: ChainRow[]): TargetChain {
  return rows.map((row) => ({
    target: toTarget(row as unknown as TargetRow),
    depth: row.unit_id === null || row.depth === null ? null : Number(row.depth),
  }));
}

/** The target that applies for a title, metric and year (see the rule at the top), or undefined. */
function resolve(
  chain: { target: Target; depth: number | null }[],
  title: TargetSubject,
  metric: TargetMetric,
  year: number,
): Target | undefined {
  const candidates = chain.filter(
    (c) =>
      c.target.title === title &&
      c.target.metric === metric &&
      c.target.variant === "standard" &&
      c.target.year >= year,
  );
  const sources = [...new Set(candidates.map((c) => c.depth ?? Number.POSITIVE_INFINITY))].sort(
    (a, b) => a - b,
  );
  for (const depth of sources) {
    const found = candidates
      .filter((c) => (c.depth ?? Number.POSITIVE_INFINITY) === depth)
      .sort((a, b) => a.target.year - b.target.year)[0];
    if (found) return found.target;
  }
  return undefined;
}

/** The targets of a unit's titles for a year with its figures' progress: one entry per metric that has one. */
export async function progressFor(
  tx: Db,
  unitId: number | null,
  year: number,
  shown: { title: TargetSubject; figures: Partial<Record<TargetMetric, number | null>> }[],
): Promise<Map<TargetSubject, TargetProgress[]>> {
  return progressOf(await chainTargets(tx, unitId), year, shown);
}

/** `progressFor` from the rows of `chainTargetsQuery`, read with other reads in one statement. */
export function progressFrom(
  rows: Parameters<typeof chainOf>[0],
  year: number,
  shown: Parameters<typeof progressFor>[3],
): Map<TargetSubject, TargetProgress[]> {
  return progressOf(chainOf(rows), year, shown);
}

function progressOf(
  chain: TargetChain,
  year: number,
  shown: Parameters<typeof progressFor>[3],
): Map<TargetSubject, TargetProgress[]> {
  const result = new Map<TargetSubject, TargetProgress[]>();
  for (const { title, figures } of shown) {
    const list: TargetProgress[] = [];
    for (const metric of subjectMetrics(title)) {
      const target = resolve(chain, title, metric, year);
      if (!target) continue;
      const actual = figures[metric] ?? null;
      list.push({
        metric,
        targetYear: target.year,
        value: target.value,
        basis: target.basis.text,
        source: target.source,
        unitId: target.unit?.id ?? null,
        actual,
        status: targetStatus(actual, target.value),
      });
    }
    result.set(title, list);
  }
  return result;
}

const unitColumns = ["id", "code", "name", "level", "kind", "valid_to"] as const;

async function readableUnit(tx: Db, actor: Actor, unitId: number) {
  const unit = await tx
    .selectFrom("admin_units")
    .select(unitColumns)
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit || !(await canOnUnit(tx, actor, "read", unitId)))
    throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
  return unit;
}

/**
 * Every target that can apply to a unit (national, its own and its ancestors'), each marked `inEffect` when no
 * nearer unit has one for the same title, metric and year; with `year`, also the targets resolved for that year.
 */
export async function listTargets(db: Db, actor: Actor, options: { unitId: number; year?: number }) {
  return asActor(db, actor, async (tx) => {
    const unit = await readableUnit(tx, actor, options.unitId);
    const chain = await chainTargets(tx, unit.id);
    const nearest = new Map<string, number>();
    for (const { target, depth } of chain) {
      const key = `${target.title}:${target.metric}:${target.year}:${target.variant}`;
      const d = depth ?? Number.POSITIVE_INFINITY;
      if (!nearest.has(key) || d < nearest.get(key)!) nearest.set(key, d);
    }
    const targets = chain.map(({ target, depth }) => ({
      ...target,
      inEffect:
        target.variant === "standard" &&
        (depth ?? Number.POSITIVE_INFINITY) ===
          nearest.get(`${target.title}:${target.metric}:${target.year}:${target.variant}`),
    }));
    const resolved =
      options.year === undefined
        ? undefined
        : targetSubjects.flatMap((title) =>
            subjectMetrics(title).flatMap((metric) => {
              const target = resolve(chain, title, metric, options.year!);
              return target ? [{ title, metric, target }] : [];
            }),
          );
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, level: unit.level, kind: unit.kind },
      targets,
      ...(resolved ? { year: options.year, resolved } : {}),
    };
  });
}

/** `reportId`: the issued plan version the targets come from (reports/plan-targets.ts), one basis per version. */
export type BasisInput = {
  number: string;
  signedOn?: IsoDate | null;
  issuer: string;
  name?: string;
  reportId?: number;
};
export type TargetInput = {
  unitId: number;
  title: TargetSubject;
  metric?: TargetMetric;
  year: number;
  value: number;
  basis: BasisInput;
  note?: string | null;
};

/** Finds the unit's basis document with this number and issuer, or records it. */
async function basisFor(tx: Db, actor: Actor, unitId: number, basis: BasisInput): Promise<number> {
  const number = basis.number.trim();
  const issuer = basis.issuer.trim();
  const found = await tx
    .selectFrom("target_bases")
    .select("id")
    .where("unit_id", "=", unitId)
    .$if(basis.reportId === undefined, (q) =>
      q.where("number", "=", number).where("issuer", "=", issuer).where("report_id", "is", null),
    )
    .$if(basis.reportId !== undefined, (q) => q.where("report_id", "=", basis.reportId!))
    .executeTakeFirst();
  if (found) return Number(found.id);
  const created = await tx
    .insertInto("target_bases")
    .values({
      unit_id: unitId,
      number,
      issuer,
      signed_on: basis.signedOn ?? null,
      name: basis.name?.trim() ?? "",
      report_id: basis.reportId ?? null,
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(created.id);
}

async function adminUnitFor(tx: Db, actor: Actor, unitId: number) {
  const unit = await readableUnit(tx, actor, unitId);
  if (!(await canOnUnit(tx, actor, "admin", unitId)))
    throw forbidden(`Chỉ quản trị của ${unit.name} hoặc cấp trên được đặt chỉ tiêu cho đơn vị này`);
  return unit;
}

async function findTarget(tx: Db, id: number) {
  const row = await selectTargets(tx).where("t.id", "=", id).executeTakeFirst();
  return row ? toTarget(row as TargetRow) : undefined;
}

const describe = (t: { title: TargetSubject; metric: TargetMetric; year: number }) =>
  `${subjectLabels[t.title]} năm ${t.year} (${metricLabels[t.metric]})`;

const snapshot = (t: Target) => ({
  title: t.title,
  metric: t.metric,
  year: t.year,
  value: t.value,
  basis: t.basis.text,
  note: t.note,
});

export async function createTarget(db: Db, actor: Actor, input: TargetInput): Promise<Target> {
  return asActor(db, actor, async (tx) => {
    const unit = await adminUnitFor(tx, actor, input.unitId);
    if (unit.level !== "province" && unit.level !== "commune")
      throw new AppError(
        "validation",
        `Chỉ tỉnh, thành phố hoặc xã, phường được đặt chỉ tiêu riêng; ${unit.name} là cấp khác`,
        { fields: { unitId: "Đơn vị không đặt được chỉ tiêu" } },
      );
    if (unit.valid_to !== null)
      throw new AppError("validation", `${unit.name} đã hết hiệu lực từ ${viDate(unit.valid_to)}`, {
        fields: { unitId: "Đơn vị đã hết hiệu lực" },
      });
    const metric = input.metric ?? subjectMetrics(input.title)[0]!;
    if (!subjectMetrics(input.title).includes(metric))
      throw new AppError(
        "validation",
        `Chỉ tiêu ${subjectLabels[input.title]} không đo bằng ${metricLabels[metric]}`,
        {
          fields: {
            metric: `Chọn ${subjectMetrics(input.title)
              .map((m) => metricLabels[m])
              .join(" hoặc ")}`,
          },
        },
      );
    const existing = await tx
      .selectFrom("targets")
      .select("id")
      .where("unit_id", "=", unit.id)
      .where("title", "=", input.title)
      .where("metric", "=", metric)
      .where("year", "=", input.year)
      .where("variant", "=", "standard")
      .executeTakeFirst();
    if (existing)
      throw new AppError(
        "conflict",
        `${unit.name} đã có chỉ tiêu ${describe({ ...input, metric })}; hãy sửa chỉ tiêu đó`,
        { fields: { year: "Đã có chỉ tiêu cho năm này" }, id: Number(existing.id) },
      );
    const basisId = await basisFor(tx, actor, unit.id, input.basis);
    const created = await tx
      .insertInto("targets")
      .values({
        basis_id: basisId,
        unit_id: unit.id,
        title: input.title,
        metric,
        year: input.year,
        value: input.value,
        indicator: `${subjectLabels[input.title]}: ${metricLabels[metric]}`,
        note: input.note?.trim() || null,
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const target = (await findTarget(tx, Number(created.id)))!;
    await recordAudit(tx, actor, {
      action: "create",
      entity: "target",
      entityId: target.id,
      unitId: unit.id,
      after: snapshot(target),
    });
    return target;
  });
}

async function localTarget(tx: Db, actor: Actor, id: number) {
  const target = await findTarget(tx, id);
  if (!target) throw notFound("Không tìm thấy chỉ tiêu");
  if (!target.unit) throw forbidden("Chỉ tiêu quốc gia theo văn bản của Thủ tướng Chính phủ, không sửa được");
  await adminUnitFor(tx, actor, target.unit.id);
  return target;
}

export async function updateTarget(
  db: Db,
  actor: Actor,
  id: number,
  patch: { value?: number; basis?: BasisInput; note?: string | null; version: number },
): Promise<Target> {
  return asActor(db, actor, async (tx) => {
    await localTarget(tx, actor, id);
    // Locked once the scope is checked: a concurrent change waits, then sees this one's version.
    const locked = await tx
      .selectFrom("targets")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) throw forbidden("Bạn không có quyền sửa chỉ tiêu này");
    const before = (await findTarget(tx, id))!;
    await expectVersion(tx, { entity: "target", id }, patch.version, before.version);
    const basisId = patch.basis ? await basisFor(tx, actor, before.unit!.id, patch.basis) : undefined;
    await tx
      .updateTable("targets")
      .set({
        ...(patch.value !== undefined ? { value: patch.value } : {}),
        ...(basisId !== undefined ? { basis_id: basisId } : {}),
        ...(patch.note !== undefined ? { note: patch.note?.trim() || null } : {}),
        updated_by: actor.userId,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    const after = (await findTarget(tx, id))!;
    await recordAudit(tx, actor, {
      action: "update",
      entity: "target",
      entityId: id,
      unitId: before.unit!.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

export async function deleteTarget(db: Db, actor: Actor, id: number): Promise<void> {
  await asActor(db, actor, async (tx) => {
    const before = await localTarget(tx, actor, id);
    await tx.deleteFrom("targets").where("id", "=", id).execute();
    await recordAudit(tx, actor, {
      action: "delete",
      entity: "target",
      entityId: id,
      unitId: before.unit!.id,
      before: snapshot(before),
    });
  });
}
