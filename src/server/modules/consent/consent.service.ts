/**
 * The consent register (migration 0040): a person's consents by purpose, recording one and withdrawing it. The
 * person is a row of a registry kind (donors, members, beneficiaries, citizens), found through its declaration in
 * the caller's scope: read to list, write (the kind's writers, a chapter's secretary for its members) to record or
 * withdraw. A child's consent is given by a parent or guardian, named; withdrawal is a new state, never a delete.
 * Every write is audited.
 */
import { sql } from "kysely";
import { editAction, refusal } from "../../../shared/capabilities";
import {
  type Consent,
  type ConsentCreate,
  type ConsentKind,
  type ConsentList,
  consentCreate,
  purposes,
  purposesOf,
} from "../../../shared/consent";
import type { KindDeclaration } from "../../../shared/registry/declaration";
import { registryKinds } from "../../../shared/registry/kinds";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { ConsentTable } from "../../db/schema-consent";
import { AppError, forbidden, notFound } from "../../errors";
import { rowInScope, writePermission } from "../../registry/access";
import { todayIso } from "../../registry/rules";
import { recordAudit } from "../audit/audit.repo";
import { invalid } from "../commendations/units";

type Row = { [K in keyof ConsentTable]: unknown };

function declarationOf(kind: ConsentKind): KindDeclaration {
  const declaration = registryKinds.find((k) => k.name === kind);
  if (!declaration) throw new Error(`consent: no registry kind ${kind}`);
  return declaration;
}

const columnOf = (declaration: KindDeclaration, key: string) => {
  const field = declaration.fields[key];
  return field && field.type !== "members" ? field.column : null;
};

/** Under 18 this year; a pupil of the beneficiaries without a birth year counts as a child (as the fund does). */
export function isMinor(birthYear: number | null, pupil: boolean, year = Number(todayIso().slice(0, 4))) {
  return birthYear === null ? pupil : year - birthYear < 18;
}

/**
 * The person as the caller reaches them: commune, province, name, whether a child, archived, and whether the
 * caller may record their consents. 404 outside the caller's read scope.
 */
async function subjectOf(tx: Db, actor: Actor, kind: ConsentKind, id: number, communeId?: number) {
  const declaration = declarationOf(kind);
  const title = columnOf(declaration, declaration.list.title)!;
  const birth = columnOf(declaration, "birthYear");
  const pupil = kind === "beneficiaries" ? sql`r.kind = 'student'` : sql`false`;
  const { rows } = await sql<{
    commune_id: string | number;
    province_id: string | number;
    name: string;
    birth_year: number | null;
    pupil: boolean;
    archived: boolean;
    writable: boolean;
  }>`
    SELECT r.commune_id, r.province_id, r.${sql.ref(title)} AS name,
      ${birth ? sql.ref(`r.${birth}`) : sql`NULL::integer`} AS birth_year, ${pupil} AS pupil,
      r.archived_at IS NOT NULL AS archived, ${rowInScope(actor, declaration, "write", "r")} AS writable
    FROM ${sql.table(declaration.table)} r
    WHERE r.id = ${id} AND ${rowInScope(actor, declaration, "read", "r")}
      ${communeId === undefined ? sql`` : sql`AND r.commune_id = ${communeId}`}`.execute(tx);
  const row = rows[0];
  const noun = declaration.noun.vi;
  if (!row) throw notFound(`Không tìm thấy ${noun} số ${id}, hoặc ${noun} nằm ngoài phạm vi của bạn`);
  return {
    declaration,
    communeId: Number(row.commune_id),
    provinceId: Number(row.province_id),
    name: row.name,
    birthYear: row.birth_year === null ? null : Number(row.birth_year),
    minor: isMinor(row.birth_year === null ? null : Number(row.birth_year), row.pupil),
    archived: row.archived,
    writable: row.writable,
  };
}

type Subject = Awaited<ReturnType<typeof subjectOf>>;

function requireWritable(subject: Subject) {
  if (!subject.writable)
    throw forbidden(refusal(editAction(writePermission(subject.declaration)), "đơn vị của người này"));
}

const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());

export function presentConsent(row: Row): Consent {
  return {
    id: Number(row.id),
    communeId: Number(row.commune_id),
    subject: { kind: row.subject_kind as ConsentKind, id: Number(row.subject_id) },
    purpose: row.purpose as Consent["purpose"],
    givenAt: String(row.given_at),
    method: row.method as Consent["method"],
    noticeVersion: String(row.notice_version),
    minor: Boolean(row.minor),
    guardianName: (row.guardian_name as string | null) ?? null,
    guardianRelation: (row.guardian_relation as Consent["guardianRelation"]) ?? null,
    recordedBy: String(row.recorded_by_name).replace(/ \([^)]*\)$/, ""),
    recordedAt: iso(row.recorded_at)!,
    withdrawnAt: iso(row.withdrawn_at),
    withdrawnBy: row.withdrawn_by_name ? String(row.withdrawn_by_name).replace(/ \([^)]*\)$/, "") : null,
    withdrawnReason: (row.withdrawn_reason as string | null) ?? null,
    inForce: row.withdrawn_at === null,
  };
}

/** A person's consents, newest first (withdrawn ones too), the purposes that apply, and what the caller may do. */
/**
 * A person's consents. Given the person's commune (the web always sends it), the person is looked up in that commune
 * only: one shard instead of all (docs/SCALE-OUT.md); another commune answers 404.
 */
export function listConsents(
  db: Db,
  actor: Actor,
  kind: ConsentKind,
  id: number,
  communeId?: number,
): Promise<ConsentList> {
  return asActor(db, actor, async (tx) => {
    const subject = await subjectOf(tx, actor, kind, id, communeId);
    const rows = await tx
      .selectFrom("consents")
      .selectAll()
      .where("commune_id", "=", subject.communeId)
      .where("subject_kind", "=", kind)
      .where("subject_id", "=", id)
      .orderBy("recorded_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return {
      consents: rows.map(presentConsent),
      purposes: purposesOf(kind),
      minor: subject.minor,
      canWrite: subject.writable && !subject.archived,
    };
  });
}

/** Records a consent: the purpose must apply to the person, the notice be a known version, a child's guardian named. */
export function recordConsent(db: Db, actor: Actor, input: ConsentCreate): Promise<Consent> {
  const body = consentCreate.parse(input);
  return asActor(db, actor, async (tx) => {
    const subject = await subjectOf(tx, actor, body.subject.kind, body.subject.id);
    requireWritable(subject);
    const purpose = purposes[body.purpose];
    const noun = subject.declaration.noun.vi;
    if (!(purpose.kinds as readonly string[]).includes(body.subject.kind))
      throw invalid("purpose", `Mục đích "${purpose.label.vi}" không áp dụng cho ${noun}`);
    if (!purpose.notices.some((n) => n.version === body.noticeVersion))
      throw invalid(
        "noticeVersion",
        `Phiên bản thông báo "${body.noticeVersion}" không có; các phiên bản: ${purpose.notices.map((n) => n.version).join(", ")}`,
      );
    if (body.givenAt > todayIso()) throw invalid("givenAt", "Ngày đồng ý không được sau hôm nay");
    if (subject.archived)
      throw invalid("subject", `${noun} "${subject.name}" đã lưu trữ, không ghi nhận đồng ý được`);
    const minor = subject.minor || !!purpose.forMinors;
    if (minor && !body.guardianName) {
      const who = subject.birthYear ? `sinh năm ${subject.birthYear}` : "chưa ghi năm sinh";
      throw invalid(
        "guardianName",
        `"${subject.name}" là trẻ em (${who}): ghi họ tên cha, mẹ hoặc người giám hộ đồng ý thay`,
      );
    }
    if (minor && !body.guardianRelation)
      throw invalid(
        "guardianRelation",
        "Chọn quan hệ của người đồng ý thay với trẻ (cha, mẹ, người giám hộ)",
      );
    const current = await tx
      .selectFrom("consents")
      .select(["id", "given_at"])
      .where("commune_id", "=", subject.communeId)
      .where("subject_kind", "=", body.subject.kind)
      .where("subject_id", "=", body.subject.id)
      .where("purpose", "=", body.purpose)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (current)
      throw new AppError(
        "conflict",
        `"${subject.name}" đã đồng ý "${purpose.label.vi}" (ghi nhận số ${current.id}); rút lại trước khi ghi lần mới`,
      );
    const row = await tx
      .insertInto("consents")
      .values({
        commune_id: subject.communeId,
        province_id: subject.provinceId,
        subject_kind: body.subject.kind,
        subject_id: body.subject.id,
        purpose: body.purpose,
        given_at: body.givenAt,
        method: body.method,
        notice_version: body.noticeVersion,
        minor,
        guardian_name: minor ? body.guardianName : null,
        guardian_relation: minor ? (body.guardianRelation ?? null) : null,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const consent = presentConsent(row);
    await recordAudit(tx, actor, {
      action: "consent.record",
      entity: "consent",
      entityId: consent.id,
      unitId: subject.communeId,
      after: { ...consent, subjectName: subject.name },
    });
    return consent;
  });
}

/** Withdraws a consent in force: from now on what depends on it stops (lists, exports, the fund's disclosure). */
export function withdrawConsent(
  db: Db,
  actor: Actor,
  id: number,
  reason: string,
  communeId?: number,
): Promise<Consent> {
  return asActor(db, actor, async (tx) => {
    // Given its commune (the web always sends it), the consent is looked for there alone (one shard).
    let query = tx.selectFrom("consents").selectAll().where("id", "=", id);
    if (communeId !== undefined) query = query.where("commune_id", "=", communeId);
    const before = await query.executeTakeFirst();
    if (!before) throw notFound("Không tìm thấy sự đồng ý này, hoặc nó nằm ngoài phạm vi của bạn");
    const subject = await subjectOf(tx, actor, before.subject_kind, Number(before.subject_id));
    requireWritable(subject);
    if (before.withdrawn_at !== null)
      throw new AppError("conflict", `Sự đồng ý số ${id} đã được rút lại trước đó`);
    const row = await tx
      .updateTable("consents")
      .set({
        withdrawn_at: sql<Date>`now()`,
        withdrawn_by: actor.userId,
        withdrawn_by_name: actor.name,
        withdrawn_reason: reason,
      })
      .where("commune_id", "=", before.commune_id)
      .where("id", "=", id)
      .where("withdrawn_at", "is", null)
      .returningAll()
      .executeTakeFirstOrThrow();
    const consent = presentConsent(row);
    await recordAudit(tx, actor, {
      action: "consent.withdraw",
      entity: "consent",
      entityId: id,
      unitId: subject.communeId,
      before: presentConsent(before),
      after: consent,
    });
    return consent;
  });
}
