/**
 * Saving a self-assessment (score sheet) in three statements after the transaction's context (issue 13, point 2):
 * 1. the caller's role and id (asActor);
 * 2. the registration locked and read with everything the evaluation needs: the caller's right to assess its unit,
 *    the level held from an earlier recognition (TT 25/2023) and, the first time a set is seen, its definition;
 * 3. the update (the counters follow in its statement trigger) and the audit row, one statement with a CTE.
 * A criteria set never changes once stored (a new version is a new row), so its definition is kept per database.
 */
import { sql } from "kysely";
import { capabilities, refusal } from "../../../shared/capabilities";
import type { Assessment } from "../../../shared/cycle";
import type { Evaluation, RubricDefinition } from "../../../shared/rubric";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { auditValues } from "../audit/audit.repo";
import { evaluate } from "../rubrics/rubric.evaluate";
import { lockedOrForbidden, lockRegistrations, registrationRecord } from "./locks";
import { loadRegistration, presentRegistration, registrationQuery } from "./registrations.service";

type CachedRubric = { scheme: "points" | "levels"; definition: RubricDefinition };
/** Criteria sets by id, per database (a test process opens many). */
const rubricCache = new WeakMap<object, Map<number, CachedRubric>>();

function cacheOf(db: Db) {
  const cache = rubricCache.get(db) ?? new Map<number, CachedRubric>();
  rubricCache.set(db, cache);
  return cache;
}

/** The year's previous valid recognition at a level (TT 25/2023 rule on level 2), as one JSON value. */
const heldLevel = sql<{ level: 1 | 2; signed_on: string } | null>`CASE WHEN b.scheme = 'levels' THEN (
    SELECT json_build_object('level', h.level, 'signed_on', d.signed_on) FROM registrations h
    JOIN decisions d ON d.commune_id = h.commune_id AND d.id = h.decision_id
    WHERE h.commune_id = r.commune_id AND h.subject_kind = r.subject_kind AND h.subject_id = r.subject_id
      AND h.title = r.title AND h.status = 'recognized' AND h.year < r.year AND h.level IS NOT NULL
    ORDER BY d.signed_on DESC LIMIT 1) END`;

/**
 * A score sheet with a score out of range (above the item's maximum, negative, a fraction) or an unknown item is
 * refused with 422 naming each item and its criterion, never stored nor silently clamped.
 */
function refuseInvalidScores(definition: RubricDefinition, result: Evaluation): void {
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
 * Excel import, which replaces results by design, sends none.
 */
export async function assessRegistration(
  db: Db,
  actor: Actor,
  id: number,
  input: Assessment & { version?: number },
) {
  const { version, ...assessment } = input;
  const cache = cacheOf(db);
  return asActor(db, actor, async (tx) => {
    const permissions = capabilities["cycle.assess"].permissions;
    const row = await registrationQuery(tx, actor)
      .select([
        "r.review_id as locked_review_id",
        "r.revocation_id as locked_revocation_id",
        "b.scheme as rubric_scheme",
        sql<boolean>`${sql.join(
          permissions.map((p) => unitInScope(actor, p, "r.scope_unit_id")),
          sql` OR `,
        )}`.as("may_assess"),
        heldLevel.as("held"),
      ])
      .select(
        sql<RubricDefinition | null>`CASE WHEN b.id = ANY (${[...cache.keys()]}::bigint[]) THEN NULL
        ELSE b.definition END`.as("rubric_definition"),
      )
      .where("r.id", "=", id)
      .forUpdate("r")
      .executeTakeFirst();
    // Not readable (404), or readable but not writable by the caller's scope (403): the old path says which.
    if (!row) {
      await loadRegistration(tx, actor, id);
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
      throw new AppError(
        "validation",
        "Hồ sơ đã qua bình xét hoặc đã có quyết định; không sửa kết quả tự đánh giá được",
      );
    if (row.rubric_definition !== null)
      cache.set(row.rubric_id, { scheme: row.rubric_scheme, definition: row.rubric_definition });
    const rubric = cache.get(row.rubric_id)!;
    const result = evaluate(rubric.definition, {
      ...assessment,
      // Only a levels scheme has a level to hold (points schemes never read it).
      heldLevel:
        rubric.scheme === "levels" && row.held
          ? { level: row.held.level, recognizedOn: row.held.signed_on }
          : undefined,
      assessedOn: `${before.year}-12-31`,
    });
    refuseInvalidScores(rubric.definition, result);
    const unitId = before.village?.id ?? before.communeId;
    const saved = await tx
      .with("saved", (q) =>
        q
          .updateTable("registrations")
          .set({
            assessment: JSON.stringify(assessment),
            result: JSON.stringify(result),
            passed: result.recognized,
            grade: result.scheme === "points" ? result.grade : null,
            level: result.scheme === "levels" ? result.levelReached || null : null,
            status: "assessed",
            assessed_by: actor.userId,
            assessed_at: new Date(),
          })
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
          .values(
            auditValues(actor, {
              action: "assess",
              entity: "registration",
              entityId: id,
              unitId,
              before: { assessment: before.assessment, passed: before.passed },
              after: { assessment, passed: result.recognized, label: result.label },
            }),
          )
          .returning("id"),
      )
      .selectFrom("saved")
      .selectAll()
      .executeTakeFirstOrThrow();
    return presentRegistration({ ...row, ...saved });
  });
}
