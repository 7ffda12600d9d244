/**
 * Registration and self-assessment of candidates for a learning title. Each step records who and when; the
 * evaluation always uses the criteria set in force for the registration's year, stored with the registration.
 */
import { type SqlBool, sql } from "kysely";
import { type Registration, type SubjectKindName, subjectKindOfTitle } from "../../../shared/cycle";
import type { Title } from "../../../shared/rubric";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import { type Db, prepared } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { readableUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { rubricForYear } from "../rubrics/rubrics.service";
import { canOnUnit, unitContext } from "../territory/territory.repo";

/** Name and code of the subject of each kind, from its own table. */
const subjectName = sql<string>`CASE r.subject_kind
    WHEN 'household' THEN (SELECT head_name FROM households s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'clan' THEN (SELECT name FROM clans s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'organization' THEN (SELECT name FROM organizations s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'citizen' THEN (SELECT full_name FROM citizens s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'centre' THEN (SELECT name FROM learning_centres s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    ELSE (SELECT name FROM admin_units s WHERE s.id = r.subject_id) END`;
const subjectCode = sql<string | null>`CASE r.subject_kind
    WHEN 'household' THEN (SELECT code FROM households s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'organization' THEN (SELECT code FROM organizations s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    WHEN 'village' THEN (SELECT code FROM admin_units s WHERE s.id = r.subject_id)
    WHEN 'commune' THEN (SELECT code FROM admin_units s WHERE s.id = r.subject_id)
    WHEN 'centre' THEN (SELECT code FROM learning_centres s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)
    ELSE NULL END`;

export function registrationQuery(tx: Db, actor: Actor) {
  return tx
    .selectFrom("registrations as r")
    .innerJoin("rubrics as b", "b.id", "r.rubric_id")
    .leftJoin("admin_units as v", "v.id", "r.village_id")
    .select([
      "r.id",
      "r.commune_id",
      "r.year",
      "r.title",
      "r.subject_kind",
      "r.subject_id",
      "r.status",
      "r.assessment",
      "r.result",
      "r.passed",
      "r.grade",
      "r.level",
      "r.registered_at",
      "r.assessed_at",
      "r.review_id",
      "r.review_note",
      "r.decision_id",
      "r.certificate_code",
      "r.version",
      "b.id as rubric_id",
      "b.name as rubric_name",
      "b.version as rubric_version",
      sql<boolean>`b.unconfirmed AND b.confirmed_at IS NULL`.as("rubric_unconfirmed"),
      "v.id as village_id",
      "v.code as village_code",
      "v.name as village_name",
      "v.kind as village_kind",
      subjectName.as("subject_name"),
      subjectCode.as("subject_code"),
    ])
    .where(unitInScope(actor, "read", "r.scope_unit_id"));
}

type Row = Awaited<ReturnType<ReturnType<typeof registrationQuery>["executeTakeFirstOrThrow"]>>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentRegistration(row: Row): Registration {
  return {
    id: row.id,
    communeId: row.commune_id,
    village:
      row.village_id === null
        ? null
        : {
            id: row.village_id,
            code: row.village_code!,
            name: row.village_name!,
            level: "village",
            kind: row.village_kind!,
          },
    year: row.year,
    title: row.title,
    subject: {
      kind: row.subject_kind,
      id: row.subject_id,
      name: row.subject_name ?? "",
      code: row.subject_code,
    },
    rubric: {
      id: row.rubric_id,
      name: row.rubric_name,
      version: row.rubric_version,
      unconfirmed: row.rubric_unconfirmed,
    },
    status: row.status,
    assessment: row.assessment,
    result: row.result,
    passed: row.passed,
    grade: row.grade,
    level: row.level,
    registeredAt: iso(row.registered_at)!,
    assessedAt: iso(row.assessed_at),
    reviewId: row.review_id,
    reviewNote: row.review_note,
    decisionId: row.decision_id,
    certificateCode: row.certificate_code,
    version: row.version,
  };
}

/** One registration in the caller's scope; given its commune, looked for there alone (one shard). */
export async function loadRegistration(
  tx: Db,
  actor: Actor,
  id: number,
  communeId?: number,
): Promise<Registration> {
  let query = registrationQuery(tx, actor).where("r.id", "=", id);
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  const row = await query.modifyEnd(prepared).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy hồ sơ đăng ký, hoặc hồ sơ nằm ngoài phạm vi của bạn");
  return presentRegistration(row);
}

export async function listRegistrations(
  db: Db,
  actor: Actor,
  filter: { unitId: number; year: number; title?: Title; status?: Registration["status"] },
) {
  return asActor(db, actor, async (tx) => {
    const { communeId } = await readableUnit(tx, actor, filter.unitId);
    let query = registrationQuery(tx, actor)
      .where("r.year", "=", filter.year)
      .where(
        sql<SqlBool>`r.scope_unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${filter.unitId})`,
      )
      // The same rows narrowed by their commune (in the unit, or above a village), so that the commune index is
      // used instead of reading the whole country's year (bench:load: 2 to 3 s a list at 200,000 households).
      .where(
        sql<SqlBool>`r.commune_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${filter.unitId}
          UNION ALL SELECT ancestor_id FROM admin_unit_paths WHERE descendant_id = ${filter.unitId})`,
      );
    // A commune or a village below it: its commune's rows alone (one shard; docs/SCALE-OUT.md).
    if (communeId !== null) query = query.where("r.commune_id", "=", communeId);
    if (filter.title) query = query.where("r.title", "=", filter.title);
    if (filter.status) query = query.where("r.status", "=", filter.status);
    const rows = await query
      .orderBy("v.name")
      .orderBy(sql`subject_code`)
      .orderBy("r.id")
      .limit(20000)
      .modifyEnd(prepared)
      .execute();
    return rows.map(presentRegistration);
  });
}

/** The table of a subject kind and its column naming the subject's unit (its village, or its commune). */
export const subjectUnitColumn: Partial<
  Record<
    SubjectKindName,
    ["households" | "clans" | "organizations" | "citizens" | "learning_centres", string]
  >
> = {
  household: ["households", "village_id"],
  clan: ["clans", "commune_id"],
  organization: ["organizations", "unit_id"],
  citizen: ["citizens", "village_id"],
  centre: ["learning_centres", "commune_id"],
};

/** The level of the criteria set a kind is evaluated with (ĐVHT cấp xã); undefined for the others. */
export const registrationUnitLevel = (kind: SubjectKindName) =>
  ["commune", "organization", "centre"].includes(kind) ? ("commune" as const) : undefined;

/** The audit entry of a new registration. */
export const registeredAudit = (
  id: number,
  unitId: number,
  input: { year: number; title: Title; subject: { kind: SubjectKindName; id: number }; rubricId: number },
) => ({ action: "register", entity: "registration", entityId: id, unitId, after: input });

export const archivedSubject = "Đối tượng đã lưu trữ, không đăng ký được";
export const subjectNotFound = "Không tìm thấy đối tượng, hoặc đối tượng nằm ngoài phạm vi của bạn";

/** Where a subject lives: its village (if any), commune and province; refuses archived or out-of-scope subjects. */
async function locateSubject(tx: Db, kind: SubjectKindName, id: number) {
  const located = subjectUnitColumn[kind];
  let unitId: number | null = id;
  if (located) {
    const { rows } = await sql<{ unit_id: number; archived: boolean }>`
      SELECT ${sql.ref(located[1])} AS unit_id, archived_at IS NOT NULL AS archived FROM ${sql.table(located[0])}
      WHERE id = ${id}`.execute(tx);
    const row = rows[0];
    if (!row) return null;
    if (row.archived) throw new AppError("validation", archivedSubject);
    unitId = row.unit_id;
  }
  if (unitId === null) return null;
  const context = await unitContext(tx, unitId);
  if (!context) return null;
  if (kind === "village" && context.level !== "village")
    throw new AppError("validation", "Đối tượng không phải thôn, tổ dân phố");
  if (kind === "commune" && context.level !== "commune")
    throw new AppError("validation", "Đối tượng không phải xã, phường");
  const communeId = context.level === "commune" ? context.id : context.communeId;
  if (communeId === null) return null;
  return {
    unitId,
    villageId: context.level === "village" ? context.id : null,
    communeId,
    provinceId: context.provinceId,
  };
}

/** Registers subjects for a title and year; already registered subjects are skipped. */
export async function registerSubjects(
  db: Db,
  actor: Actor,
  input: { year: number; title: Title; subjects: { kind: SubjectKindName; id: number }[] },
) {
  return asActor(db, actor, async (tx) => {
    const expected = subjectKindOfTitle[input.title];
    let created = 0;
    let skipped = 0;
    for (const subject of input.subjects) {
      if (subject.kind !== expected)
        throw new AppError(
          "validation",
          `Danh hiệu này dành cho đối tượng loại "${expected}", không phải "${subject.kind}"`,
        );
      const where = await locateSubject(tx, subject.kind, subject.id);
      if (!where || !(await canOnUnit(tx, actor, "read", where.unitId))) throw notFound(subjectNotFound);
      await requireOnUnit(tx, actor, "cycle.register", where.unitId, "đơn vị của đối tượng này");
      const rubric = await rubricForYear(
        tx,
        input.title,
        input.year,
        where.provinceId,
        registrationUnitLevel(subject.kind),
      );
      const inserted = await tx
        .insertInto("registrations")
        .values({
          commune_id: where.communeId,
          province_id: where.provinceId,
          village_id: where.villageId,
          year: input.year,
          title: input.title,
          subject_kind: subject.kind,
          subject_id: subject.id,
          rubric_id: rubric.id,
          registered_by: actor.userId,
        })
        .onConflict((oc) =>
          oc.columns(["commune_id", "year", "title", "subject_kind", "subject_id"]).doNothing(),
        )
        .returning("id")
        .executeTakeFirst();
      if (!inserted) {
        skipped++;
        continue;
      }
      created++;
      await recordAudit(
        tx,
        actor,
        registeredAudit(inserted.id, where.unitId, {
          year: input.year,
          title: input.title,
          subject,
          rubricId: rubric.id,
        }),
      );
    }
    return { created, skipped };
  });
}

export { assessRegistration } from "./assessment.service";
