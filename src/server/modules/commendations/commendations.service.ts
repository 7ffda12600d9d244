/**
 * The commendations register: record, edit (with `version`), delete a wrongly entered row (audited with the row as
 * it was), and list a unit's subtree with filters. A government form is written with `registry.edit` on the
 * commune, a form of the Hội Khuyến học also with the Hội's `association` (`commendation.association`).
 */
import {
  actionOfForm,
  type Commendation,
  type CommendationCreate,
  type CommendationFilter,
  type CommendationLevel,
  type CommendationSubjectKind,
  type CommendationUpdate,
  formOf,
  levelLabels,
  recipientOfKind,
  subjectKindLabels,
} from "../../../shared/commendations";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { readableUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { unitContext } from "../territory/territory.repo";
import { subjectName } from "./subjects";
import { inSubtree, invalid } from "./units";

type Values = Omit<CommendationCreate, "communeId">;

/** Checks a commendation's values (after the caller's right on the commune) and names the subject. */
async function checked(tx: Db, actor: Actor, communeId: number, v: Values, subjectChanged: boolean) {
  const form = formOf(v.form);
  if (!form) throw invalid("form", "Hình thức khen thưởng không có trong danh mục");
  if (!(form.levels as readonly string[]).includes(v.level))
    throw invalid(
      "level",
      `Cấp khen thưởng "${levelLabels[v.level].vi}" không phù hợp với hình thức "${form.vi}"`,
    );
  if (v.decisionDate > today()) throw invalid("decisionDate", "Ngày quyết định không được ở tương lai");
  if (v.decisionDate < "1945-01-01")
    throw invalid("decisionDate", "Ngày quyết định không được trước năm 1945");
  const decisionYear = Number(v.decisionDate.slice(0, 4));
  if (v.year !== decisionYear && v.year !== decisionYear - 1)
    throw invalid(
      "year",
      `Năm khen thưởng ${v.year} không khớp ngày quyết định: phải là năm ${decisionYear} hoặc ${decisionYear - 1}`,
    );
  let name = v.subjectName?.trim() ?? "";
  if (v.subject) {
    const expected = recipientOfKind[v.subject.kind];
    if (expected && expected !== v.recipient)
      throw invalid(
        "recipient",
        `${subjectKindLabels[v.subject.kind].vi} được khen thưởng là ${expected === "collective" ? "tập thể" : "cá nhân"}`,
      );
    if (subjectChanged) name = await subjectName(tx, actor, v.subject, communeId);
  } else if (!name) throw invalid("subjectName", "Nhập tên đối tượng khen thưởng hoặc chọn từ sổ theo dõi");
  return name;
}

/** The commune a commendation is kept by: a commune the caller may record the form in. */
async function communeFor(tx: Db, actor: Actor, communeId: number, form: string) {
  await requireOnUnit(tx, actor, actionOfForm(form), communeId, "xã, phường này");
  const unit = await unitContext(tx, communeId);
  if (unit?.level !== "commune")
    throw invalid("communeId", "Khen thưởng được ghi ở xã, phường của đối tượng");
  return unit;
}

const toItem = (r: Row): Commendation => ({
  id: Number(r.id),
  communeId: Number(r.commune_id),
  communeName: r.commune_name,
  year: r.year,
  recipient: r.recipient,
  subject:
    r.subject_kind && r.subject_id
      ? { kind: r.subject_kind as CommendationSubjectKind, id: Number(r.subject_id) }
      : null,
  subjectName: r.subject_name,
  form: r.form,
  level: r.level as CommendationLevel,
  decisionNumber: r.decision_number,
  decisionDate: r.decision_date,
  issuer: r.issuer,
  reason: r.reason,
  version: r.version,
});

/** A row as `selectRows` reads it. */
type Row = Awaited<ReturnType<ReturnType<typeof selectRows>["executeTakeFirstOrThrow"]>>;

function selectRows(tx: Db) {
  return tx
    .selectFrom("commendations as c")
    .innerJoin("admin_units as u", "u.id", "c.commune_id")
    .select([
      "c.commune_id",
      "c.id",
      "u.name as commune_name",
      "c.year",
      "c.recipient",
      "c.subject_kind",
      "c.subject_id",
      "c.subject_name",
      "c.form",
      "c.level",
      "c.decision_number",
      "c.decision_date",
      "c.issuer",
      "c.reason",
      "c.version",
    ]);
}

const audited = (item: Commendation) => {
  const { communeName: _, ...rest } = item;
  return rest;
};

/** One commendation in the caller's scope; given its commune, looked for there alone (one shard). */
async function readOne(tx: Db, actor: Actor, id: number, lock: boolean, communeId: number | undefined) {
  let query = selectRows(tx)
    .where("c.id", "=", id)
    .where(unitInScope(actor, "read", "c.commune_id"));
  if (communeId !== undefined) query = query.where("c.commune_id", "=", communeId);
  if (lock) query = query.forUpdate("c");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy khen thưởng");
  return toItem(row);
}

export async function createCommendation(db: Db, actor: Actor, input: CommendationCreate) {
  return asActor(db, actor, async (tx) => {
    const unit = await communeFor(tx, actor, input.communeId, input.form);
    const name = await checked(tx, actor, unit.id, input, true);
    const { id } = await tx
      .insertInto("commendations")
      .values({
        commune_id: unit.id,
        province_id: unit.provinceId,
        year: input.year,
        recipient: input.recipient,
        subject_kind: input.subject?.kind ?? null,
        subject_id: input.subject?.id ?? null,
        subject_name: name,
        form: input.form,
        level: input.level,
        decision_number: input.decisionNumber,
        decision_date: input.decisionDate,
        issuer: input.issuer?.trim() || null,
        reason: input.reason?.trim() || null,
        created_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const item = await readOne(tx, actor, Number(id), false, unit.id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "commendation",
      entityId: item.id,
      unitId: unit.id,
      after: audited(item),
    });
    return item;
  });
}

export async function updateCommendation(
  db: Db,
  actor: Actor,
  id: number,
  patch: CommendationUpdate,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await readOne(tx, actor, id, true, communeId);
    await communeFor(tx, actor, before.communeId, before.form);
    const { version, ...changes } = patch;
    const next: Values = {
      year: changes.year ?? before.year,
      recipient: changes.recipient ?? before.recipient,
      subject: changes.subject === undefined ? before.subject : changes.subject,
      subjectName: changes.subjectName ?? before.subjectName,
      form: (changes.form ?? before.form) as Values["form"],
      level: changes.level ?? before.level,
      decisionNumber: changes.decisionNumber ?? before.decisionNumber,
      decisionDate: changes.decisionDate ?? before.decisionDate,
      issuer: changes.issuer === undefined ? before.issuer : changes.issuer,
      reason: changes.reason === undefined ? before.reason : changes.reason,
    };
    if (next.form !== before.form) await communeFor(tx, actor, before.communeId, next.form);
    await expectVersion(tx, { entity: "commendation", id }, version, before.version);
    const sameSubject =
      (next.subject?.kind ?? null) === (before.subject?.kind ?? null) &&
      (next.subject?.id ?? null) === (before.subject?.id ?? null);
    const name = await checked(tx, actor, before.communeId, next, !sameSubject);
    await tx
      .updateTable("commendations")
      .set({
        year: next.year,
        recipient: next.recipient,
        subject_kind: next.subject?.kind ?? null,
        subject_id: next.subject?.id ?? null,
        subject_name: next.subject && sameSubject ? before.subjectName : name,
        form: next.form,
        level: next.level,
        decision_number: next.decisionNumber,
        decision_date: next.decisionDate,
        issuer: next.issuer?.trim() || null,
        reason: next.reason?.trim() || null,
      })
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute();
    const after = await readOne(tx, actor, id, false, before.communeId);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "commendation",
      entityId: id,
      unitId: before.communeId,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** Deletes a wrongly entered commendation; the audit log keeps the row as it was. */
export async function deleteCommendation(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const before = await readOne(tx, actor, id, true, communeId);
    await communeFor(tx, actor, before.communeId, before.form);
    await expectVersion(tx, { entity: "commendation", id }, version, before.version);
    await tx
      .deleteFrom("commendations")
      .where("commune_id", "=", before.communeId)
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, actor, {
      action: "delete",
      entity: "commendation",
      entityId: id,
      unitId: before.communeId,
      before: audited(before),
    });
  });
}

export const listLimit = 2000;

export async function listCommendations(db: Db, actor: Actor, filter: CommendationFilter) {
  return asActor(db, actor, async (tx) => {
    // 404 outside the caller's scope; a commune or a village below it: its commune's rows alone (one shard;
    // docs/SCALE-OUT.md).
    const { communeId } = await readableUnit(tx, actor, filter.unitId);
    let query = selectRows(tx)
      .where(inSubtree(filter.unitId, "c.commune_id"))
      .where(unitInScope(actor, "read", "c.commune_id"));
    if (communeId !== null) query = query.where("c.commune_id", "=", communeId);
    if (filter.year !== undefined) query = query.where("c.year", "=", filter.year);
    if (filter.form) query = query.where("c.form", "=", filter.form);
    if (filter.level) query = query.where("c.level", "=", filter.level);
    if (filter.subjectKind === "text") query = query.where("c.subject_kind", "is", null);
    else if (filter.subjectKind) query = query.where("c.subject_kind", "=", filter.subjectKind);
    const rows = await query
      .orderBy("c.year", "desc")
      .orderBy("c.decision_date", "desc")
      .orderBy("c.id", "desc")
      .limit(listLimit + 1)
      .execute();
    return {
      commendations: rows.slice(0, listLimit).map((r) => toItem(r)),
      more: rows.length > listLimit,
    };
  });
}
