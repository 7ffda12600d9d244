/**
 * Saving a self-assessment (score sheet) in three statements after the transaction's context (issue 13, point 2):
 * 1. the caller's role and id (asActor);
 * 2. the registration locked and read with everything the evaluation needs: the caller's right to assess its unit,
 *    the level held from an earlier recognition (TT 25/2023) and, the first time a set is seen, its definition;
 * 3. the update (the counters follow in its statement trigger) and the audit row, one statement with a CTE.
 * A criteria set never changes once stored (a new version is a new row), so its definition is kept per database.
 */
import { sql } from "kysely";
import { refusal } from "../../../shared/capabilities";
import type { Assessment } from "../../../shared/cycle";
import type { Evaluation, RubricDefinition } from "../../../shared/rubric";
import { actionInScope } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import { type Db, prepared } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { auditValues } from "../audit/audit.repo";
import { evaluate } from "../rubrics/rubric.evaluate";
import { registrationRecord } from "./locks";
import { loadRegistration, presentRegistration, registrationQuery } from "./registrations.service";

type CachedRubric = { scheme: "points" | "levels"; definition: RubricDefinition };
/** Criteria sets by id, per database (a test process opens many). */
const rubricCache = new WeakMap<object, Map<number, CachedRubric>>();

function cacheOf(db: Db) {
  const cache = rubricCache.get(db) ?? new Map<number, CachedRubric>();
  rubricCache.set(db, cache);
  return cache;
}

export type HeldLevelRow = { level: 1 | 2; signed_on: string } | null;

/**
 * A subject's previous valid recognition at a level before a year (TT 25/2023 rule on level 2), as one JSON value;
 * the columns name the subject (commune, kind, id, title, year) in the surrounding query.
 */
export const heldLevelOf = (c: { commune: string; kind: string; id: string; title: string; year: string }) =>
  sql<HeldLevelRow>`(SELECT json_build_object('level', h.level, 'signed_on', d.signed_on) FROM registrations h
    JOIN decisions d ON d.commune_id = h.commune_id AND d.id = h.decision_id
    WHERE h.commune_id = ${sql.ref(c.commune)} AND h.subject_kind = ${sql.ref(c.kind)}
      AND h.subject_id = ${sql.ref(c.id)} AND h.title = ${sql.ref(c.title)} AND h.status = 'recognized'
      AND h.year < ${sql.ref(c.year)} AND h.level IS NOT NULL
    ORDER BY d.signed_on DESC LIMIT 1)`;

const heldLevel = sql<HeldLevelRow>`CASE WHEN b.scheme = 'levels' THEN ${heldLevelOf({
  commune: "r.commune_id",
  kind: "r.subject_kind",
  id: "r.subject_id",
  title: "r.title",
  year: "r.year",
})} END`;

/** The evaluation of a score sheet with the set's definition, the level held and the end of the year. */
export function evaluateAssessment(
  rubric: { scheme: "points" | "levels"; definition: RubricDefinition },
  assessment: Assessment,
  held: HeldLevelRow,
  year: number,
): Evaluation {
  return evaluate(rubric.definition, {
    ...assessment,
    // Only a levels scheme has a level to hold (points schemes never read it).
    heldLevel:
      rubric.scheme === "levels" && held ? { level: held.level, recognizedOn: held.signed_on } : undefined,
    assessedOn: `${year}-12-31`,
  });
}

/** What a registration keeps of its evaluation besides the whole result. */
export const evaluationColumns = (result: Evaluation) => ({
  passed: result.recognized,
  grade: result.scheme === "points" ? result.grade : null,
  level: result.scheme === "levels" ? result.levelReached || null : null,
});

/** The columns a self-assessment sets. */
export const assessedValues = (actor: Actor, assessment: Assessment, result: Evaluation, at: Date) => ({
  assessment: JSON.stringify(assessment),
  result: JSON.stringify(result),
  ...evaluationColumns(result),
  status: "assessed" as const,
  assessed_by: actor.userId,
  assessed_at: at,
});

/** Its audit entry: the results before and after, on the registration's village or commune. */
export const assessedAudit = (
  id: number,
  unitId: number,
  before: { assessment: unknown; passed: boolean | null },
  assessment: Assessment,
  result: Evaluation,
) => ({
  action: "assess",
  entity: "registration",
  entityId: id,
  unitId,
  before: { assessment: before.assessment, passed: before.passed },
  after: { assessment, passed: result.recognized, label: result.label },
});

export const pastSelfAssessment =
  "Hồ sơ đã qua bình xét hoặc đã có quyết định; không sửa kết quả tự đánh giá được";

/**
 * A score sheet with a score out of range (above the item's maximum, negative, a fraction) or an unknown item is
 * refused with 422 naming each item and its criterion, never stored nor silently clamped.
 */
export function refuseInvalidScores(definition: RubricDefinition, result: Evaluation): void {
  if (result.scheme !== "points" || definition.scheme !== "points" || result.invalidItems.length === 0)
    return;
  const fields: Record<string, string> = {};
  const lines = result.invalidItems.map(({ key, message }) => {
    const criterion = definition.criteria.find((c) => c.items.some((item) => item.key === key));
    const item = criterion?.items.find((i) => i.key === key);
    fields[key] = message;
    return criterion && item
      ? `Tiêu chí "${criterion.name}", nội dung "${item.text}": ${message}`
      : `${key}: ${message}`;
  });
  throw new AppError("validation", lines.join("; "), { fields });
}

/**
 * Saves a self-assessment. The registration is locked and its state read in the same statement (locks.ts), so a
 * review or decision recorded at the same moment is either seen (and the save refused) or waits for it. With
 * `version` (always from the web), a save of an older version is refused with 409 naming who changed it; the
 * Excel import, which replaces results by design, sends none. With `communeId` (always from the web) the row is
 * looked for in that commune alone (one shard).
 */
export async function assessRegistration(
  db: Db,
  actor: Actor,
  id: number,
  input: Assessment & { version?: number },
  communeId?: number,
) {
  const { version, ...assessment } = input;
  const cache = cacheOf(db);
  return asActor(db, actor, async (tx) => {
    let query = registrationQuery(tx, actor)
      .select([
        "r.review_id as locked_review_id",
        "r.revocation_id as locked_revocation_id",
        "b.scheme as rubric_scheme",
        sql<boolean>`${actionInScope(actor, "cycle.assess", "r.scope_unit_id")}`.as("may_assess"),
        heldLevel.as("held"),
      ])
      .select(
        sql<RubricDefinition | null>`CASE WHEN b.id = ANY (${[...cache.keys()]}::bigint[]) THEN NULL
        ELSE b.definition END`.as("rubric_definition"),
      )
      .where("r.id", "=", id);
    if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
    // Both statements prepared (db/connection.ts): planning them under row-level security cost more than running.
    const row = await query.forUpdate("r").modifyEnd(prepared).executeTakeFirst();
    // Not readable (404), or readable but not writable by the caller's scope (403): the old path says which.
    if (!row) {
      await loadRegistration(tx, actor, id, communeId);
      throw forbidden(refusal("cycle.assess", "đơn vị của hồ sơ này"));
    }
    const before = presentRegistration(row);
    if (!row.may_assess) throw forbidden(refusal("cycle.assess", "đơn vị của hồ sơ này"));
    if (version !== undefined)
      await expectVersion(
        tx,
        registrationRecord({
          id,
          communeId: row.commune_id,
          status: row.status,
          version: row.version,
          reviewId: row.locked_review_id,
          decisionId: row.decision_id,
          revocationId: row.locked_revocation_id,
        }),
        version,
        row.version,
      );
    if (!["registered", "assessed"].includes(before.status))
      throw new AppError("validation", pastSelfAssessment);
    if (row.rubric_definition !== null)
      cache.set(row.rubric_id, { scheme: row.rubric_scheme, definition: row.rubric_definition });
    const rubric = cache.get(row.rubric_id)!;
    const result = evaluateAssessment(rubric, assessment, row.held, before.year);
    refuseInvalidScores(rubric.definition, result);
    const unitId = before.village?.id ?? before.communeId;
    const saved = await tx
      .with("saved", (q) =>
        q
          .updateTable("registrations")
          .set(assessedValues(actor, assessment, result, new Date()))
          .where("commune_id", "=", before.communeId)
          .where("id", "=", id)
          .returning([
            "assessment",
            "result",
            "passed",
            "grade",
            "level",
            "status",
            "assessed_at",
            "version",
          ]),
      )
      .with("audited", (q) =>
        q
          .insertInto("audit_log")
          .values(auditValues(actor, assessedAudit(id, unitId, before, assessment, result)))
          .returning("id"),
      )
      .selectFrom("saved")
      .selectAll()
      .modifyEnd(prepared)
      .executeTakeFirstOrThrow();
    return presentRegistration({ ...row, ...saved });
  });
}
