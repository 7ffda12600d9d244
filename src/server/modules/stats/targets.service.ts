/**
 * Targets (chỉ tiêu) as a unit's administrators see and set them (docs/STATISTICS.md, "Targets"): the list of every
 * target that can apply to a unit, and the local targets of a province or commune created, changed and deleted
 * against their basis document, each write checked on the unit, versioned and audited. National targets are read
 * only.
 */
import {
  subjectLabels,
  subjectMetrics,
  type TargetMetric,
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
import { canOnUnit, readableUnitRow } from "../territory/territory.repo";
import { resolve } from "./target-progress";
import { chainTargets, findTarget, type Target, viDate } from "./targets.repo";

export type { TargetMetric };
export { targetMetrics };
export const metricLabels: Record<TargetMetric, string> = {
  recognizedRate: "tỷ lệ đạt",
  registeredRate: "tỷ lệ đăng ký",
  householdShare: "tỷ lệ hộ có hội viên",
};

/**
 * Every target that can apply to a unit (national, its own and its ancestors'), each marked `inEffect` when no
 * nearer unit has one for the same title, metric and year; with `year`, also the targets resolved for that year.
 */
export async function listTargets(db: Db, actor: Actor, options: { unitId: number; year?: number }) {
  return asActor(db, actor, async (tx) => {
    const unit = await readableUnitRow(tx, actor, options.unitId);
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
  const unit = await readableUnitRow(tx, actor, unitId);
  if (!(await canOnUnit(tx, actor, "admin", unitId)))
    throw forbidden(`Chỉ quản trị của ${unit.name} hoặc cấp trên được đặt chỉ tiêu cho đơn vị này`);
  return unit;
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
