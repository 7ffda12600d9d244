/**
 * The write path of the evaluations import (issue 13 point 3), set-based: the checks of registerSubjects and
 * assessRegistration made once per file, in a constant number of statements whatever the number of rows:
 * 1. the file's existing registrations found and locked in id order (locks.ts);
 * 2. one statement reading, for every subject of the file, where it lives, the caller's rights on it (the scope
 *    predicates of the services: read, cycle.register on the subject's unit, cycle.assess on the registration's),
 *    its registration and that registration's state, and the level it holds (TT 25/2023, levels sets only);
 * 3. evaluate() per row in JavaScript (pure); a refused row is named by its line and nothing is written;
 * 4. per batch of 5,000 rows: one INSERT of the new registrations (registered and assessed at once, as the two
 *    services leave them: version 2) with their audit rows, one UPDATE … FROM of the existing ones with theirs. The
 *    counters follow in the statement triggers (migrations 0003, 0051).
 * Rows go to PostgreSQL as one JSON array per statement, spread by jsonb_to_recordset: one parameter and one round
 * trip on both drivers (node-postgres has no COPY without a new dependency; PGlite's COPY FROM '/dev/blob' would need
 * a temporary table and a second statement per table). Measured on PGlite at 15,000 rows: docs/PERFORMANCE.md,
 * "Set-based evaluations import".
 */
import { sql } from "kysely";
import { refusal } from "../../../shared/capabilities";
import type { Assessment, SubjectKindName } from "../../../shared/cycle";
import type { Evaluation, RubricDefinition, Title } from "../../../shared/rubric";
import { actionInScope } from "../../auth/capabilities";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { RegistrationStatus } from "../../db/schema";
import { AppError } from "../../errors";
import { auditEntries } from "../audit/audit.repo";
import { loadRubric } from "../rubrics/rubrics.service";
import {
  evaluateAssessment,
  evaluationColumns,
  type HeldLevelRow,
  heldLevelOf,
  pastSelfAssessment,
  refuseInvalidScores,
} from "./assessment.service";
import { lockRegistrations } from "./locks";
import { archivedSubject, subjectNotFound, subjectUnitColumn } from "./registrations.service";

type Rubric = { id: number; scheme: "points" | "levels"; definition: RubricDefinition };

export type EvaluationFile = {
  communeId: number;
  provinceId: number;
  year: number;
  title: Title;
  kind: SubjectKindName;
  /** The set a new registration is given (rubricForYear as registerSubjects asks it), or why there is none. */
  registrationRubric: Rubric | string;
};

export type PlannedEvaluation = { line: number; subjectId: number; assessment: Assessment };

type State = {
  subject_id: number;
  unit_id: number | null;
  archived: boolean | null;
  village_id: number | null;
  commune_id: number | null;
  scope_unit_id: number | null;
  may_read: boolean;
  may_register: boolean;
  may_assess: boolean;
  id: number | null;
  status: RegistrationStatus | null;
  locked: boolean;
  assessment: unknown;
  passed: boolean | null;
  rubric_id: number | null;
  held: HeldLevelRow;
};

/** JSON with sorted keys: jsonb does not keep the order in which keys were written. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

/** Steps 1 and 2: the file's registrations locked, then every subject's state in one statement. */
async function readStates(tx: Db, actor: Actor, file: EvaluationFile, subjectIds: number[]) {
  const registration = sql`r.commune_id = ${file.communeId} AND r.year = ${file.year} AND r.title = ${file.title}
    AND r.subject_kind = ${file.kind}`;
  const { rows: existing } = await sql<{ id: number }>`SELECT r.id FROM registrations r
    WHERE ${registration} AND r.subject_id = ANY (${subjectIds}::bigint[])`.execute(tx);
  await lockRegistrations(
    tx,
    existing.map((r) => r.id),
  );
  const located = subjectUnitColumn[file.kind];
  const subjects = located
    ? sql`SELECT id, ${sql.ref(located[1])} AS unit_id, archived_at IS NOT NULL AS archived
        FROM ${sql.table(located[0])} WHERE commune_id = ${file.communeId}`
    : sql`SELECT id, id AS unit_id, false AS archived FROM admin_units`;
  const newRubric = typeof file.registrationRubric === "string" ? null : file.registrationRubric.id;
  // Where a subject lives and the caller's rights there are worked out once per unit (a commune's households live
  // in a few dozen villages), the right to assess once per registration unit: not once per row.
  const { rows } = await sql<State>`WITH s AS (${subjects}),
    listed AS (SELECT i.subject_id, s.unit_id, s.archived
      FROM unnest(${subjectIds}::bigint[]) AS i (subject_id) LEFT JOIN s ON s.id = i.subject_id),
    units AS (SELECT u.id AS unit_id, CASE WHEN u.level = 'village' THEN u.id END AS village_id,
        (SELECT a.id FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
         WHERE p.descendant_id = u.id AND a.level = 'commune') AS commune_id,
        ${unitInScope(actor, "read", "u.id")} AS may_read,
        ${actionInScope(actor, "cycle.register", "u.id")} AS may_register
      FROM admin_units u WHERE u.id IN (SELECT unit_id FROM listed)),
    x AS (SELECT i.subject_id, i.unit_id, i.archived, l.village_id, l.commune_id,
        coalesce(l.may_read, false) AS may_read, coalesce(l.may_register, false) AS may_register,
        coalesce(r.scope_unit_id, l.village_id, l.commune_id) AS scope_unit_id, r.id, r.status,
        (r.review_id IS NOT NULL OR r.decision_id IS NOT NULL OR r.revocation_id IS NOT NULL) AS locked,
        r.assessment, r.passed, r.rubric_id, ${file.communeId}::bigint AS file_commune,
        ${file.kind}::text AS file_kind, ${file.title}::text AS file_title, ${file.year}::smallint AS file_year
      FROM listed i
      LEFT JOIN units l ON l.unit_id = i.unit_id
      LEFT JOIN registrations r ON ${registration} AND r.subject_id = i.subject_id),
    assessable AS (SELECT d.scope_unit_id, ${actionInScope(actor, "cycle.assess", "d.scope_unit_id")} AS may_assess
      FROM (SELECT DISTINCT scope_unit_id FROM x WHERE scope_unit_id IS NOT NULL) d)
    SELECT x.*, coalesce(a.may_assess, false) AS may_assess,
      CASE WHEN b.scheme = 'levels' THEN ${heldLevelOf({
        commune: "x.file_commune",
        kind: "x.file_kind",
        id: "x.subject_id",
        title: "x.file_title",
        year: "x.file_year",
      })} END AS held
    FROM x
    LEFT JOIN assessable a ON a.scope_unit_id = x.scope_unit_id
    LEFT JOIN rubrics b ON b.id = coalesce(x.rubric_id, ${newRubric}::bigint)`.execute(tx);
  return new Map(rows.map((r) => [Number(r.subject_id), r]));
}

type Write = { p: PlannedEvaluation; state: State; result: Evaluation };

/** Step 3: the row's refusal, as registerSubjects then assessRegistration word it, or its evaluation. */
function check(
  file: EvaluationFile,
  p: PlannedEvaluation,
  s: State | undefined,
  rubrics: Map<number, Rubric>,
): string | Evaluation | "unchanged" {
  if (!s || s.unit_id === null || s.commune_id === null) return subjectNotFound;
  if (s.archived) return archivedSubject;
  if (!s.may_read) return subjectNotFound;
  if (!s.may_register) return refusal("cycle.register", "đơn vị của đối tượng này");
  if (s.id === null && typeof file.registrationRubric === "string") return file.registrationRubric;
  // A subject never assessed differs from any sheet: no need to write both out (most rows of a first import).
  if (s.assessment !== null && stableJson(s.assessment) === stableJson(p.assessment)) return "unchanged";
  if (!s.may_assess) return refusal("cycle.assess", "đơn vị của hồ sơ này");
  if (s.id !== null && (!["registered", "assessed"].includes(s.status!) || s.locked))
    return pastSelfAssessment;
  const rubric = s.rubric_id === null ? (file.registrationRubric as Rubric) : rubrics.get(s.rubric_id)!;
  const result = evaluateAssessment(rubric, p.assessment, s.held, file.year);
  try {
    refuseInvalidScores(rubric.definition, result);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return result;
}

/** Rows written per statement: the JSON of 5,000 evaluated rows is a few megabytes. */
const BATCH = 5_000;

/**
 * The audit entry of a self-assessment (assessedAudit's), from a batch's row `t` and the registration before it `o`.
 * The entries are ordered by `ord`: a new registration's register entry (2 × its row) before its assess entry.
 */
const assessEntry = sql`'assess'::text AS action, 'registration'::text AS entity,
  t.scope_unit_id AS unit_id, jsonb_build_object('assessment', o.assessment, 'passed', o.passed) AS before,
  jsonb_build_object('assessment', t.assessment, 'passed', t.passed, 'label', t.result -> 'label') AS after`;

/**
 * Step 4: one batch's new registrations with their audit rows in one statement, then the updated assessments with
 * theirs in another. The audit rows (registeredAudit and assessedAudit's entries, in the order the services write
 * them) are built in SQL from the rows the statement writes, so the batch goes to PostgreSQL once.
 */
async function writeBatch(tx: Db, actor: Actor, file: EvaluationFile, batch: Write[], at: Date) {
  const rowOf = ({ p, state, result }: Write, ord: number) => ({
    ord,
    id: state.id,
    subject_id: p.subjectId,
    unit_id: state.unit_id,
    scope_unit_id: state.scope_unit_id,
    village_id: state.village_id,
    commune_id: state.commune_id,
    assessment: p.assessment,
    result,
    ...evaluationColumns(result),
  });
  const rows = (
    writes: Write[],
  ) => sql`t AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(writes.map(rowOf))}::jsonb)
    AS t(ord int, id bigint, subject_id bigint, unit_id bigint, scope_unit_id bigint, village_id bigint,
      commune_id bigint, assessment jsonb, result jsonb, passed boolean, grade text, level smallint))`;
  const fresh = batch.filter((w) => w.state.id === null);
  const changed = batch.filter((w) => w.state.id !== null);
  if (fresh.length > 0) {
    const rubricId = (file.registrationRubric as Rubric).id;
    // Registered and assessed in one row: version 2, as registerSubjects then assessRegistration leave it.
    const insert = sql`WITH ${rows(fresh)},
      inserted AS (INSERT INTO registrations (commune_id, province_id, village_id, year, title, subject_kind,
          subject_id, rubric_id, registered_by, assessment, result, passed, grade, level, status, assessed_by,
          assessed_at, version)
        SELECT t.commune_id, ${file.provinceId}, t.village_id, ${file.year}, ${file.title}, ${file.kind},
          t.subject_id, ${rubricId}, ${actor.userId}, t.assessment, t.result, t.passed, t.grade, t.level, 'assessed',
          ${actor.userId}, ${at}, 2
        FROM t
        RETURNING id, subject_id),
      entries AS (
        SELECT t.ord * 2 AS ord, i.id::text AS entity_id, 'register'::text AS action, 'registration'::text AS entity,
          t.unit_id, NULL::jsonb AS before, jsonb_build_object('year', ${file.year}::int, 'title', ${file.title}::text,
            'subject', jsonb_build_object('kind', ${file.kind}::text, 'id', t.subject_id),
            'rubricId', ${rubricId}::bigint) AS after
        FROM t JOIN inserted i ON i.subject_id = t.subject_id
        UNION ALL
        SELECT t.ord * 2 + 1, i.id::text, ${assessEntry}
        FROM t JOIN inserted i ON i.subject_id = t.subject_id
          -- a new registration had no assessment before
          CROSS JOIN (SELECT NULL::jsonb AS assessment, NULL::boolean AS passed) o),
      ${auditEntries(actor)}
      SELECT count(*)::int AS n FROM inserted`;
    // A registration made by someone else since step 1 (not locked then) breaks the unique key: the whole file is
    // rolled back and read again on a new try. (No ON CONFLICT: its speculative insertion costs on every row, for a
    // case that fails the whole import anyway.)
    await insert.execute(tx).catch((error: unknown) => {
      if ((error as { code?: string }).code === "23505")
        throw new AppError(
          "conflict",
          "Có người vừa đăng ký cùng đối tượng trong lúc nhập; hãy nhập lại tệp",
        );
      throw error;
    });
  }
  if (changed.length > 0)
    // The rows as they were (o) and the update read the same snapshot: o holds the assessments before this statement.
    await sql`WITH ${rows(changed)},
      o AS (SELECT r.id, r.assessment, r.passed FROM registrations r
        WHERE r.commune_id = ${file.communeId} AND r.id IN (SELECT id FROM t)),
      updated AS (UPDATE registrations r SET assessment = t.assessment, result = t.result, passed = t.passed,
          grade = t.grade, level = t.level, status = 'assessed', assessed_by = ${actor.userId}, assessed_at = ${at}
        FROM t WHERE r.commune_id = ${file.communeId} AND r.id = t.id),
      entries AS (SELECT t.ord, t.id::text AS entity_id, ${assessEntry} FROM t JOIN o ON o.id = t.id),
      ${auditEntries(actor)}
      SELECT 1`.execute(tx);
}

/**
 * Registers and assesses the planned rows, all or none: the refused rows come back by line (nothing is written
 * then), else the counts of the ImportReport.
 */
export async function writeEvaluations(
  tx: Db,
  actor: Actor,
  file: EvaluationFile,
  planned: PlannedEvaluation[],
): Promise<{
  refused: { line: number; message: string }[];
  created: number;
  updated: number;
  unchanged: number;
}> {
  const states = await readStates(
    tx,
    actor,
    file,
    planned.map((p) => p.subjectId),
  );
  const rubrics = new Map<number, Rubric>();
  if (typeof file.registrationRubric !== "string")
    rubrics.set(file.registrationRubric.id, file.registrationRubric);
  for (const s of states.values())
    if (s.rubric_id !== null && !rubrics.has(s.rubric_id))
      rubrics.set(s.rubric_id, await loadRubric(tx, s.rubric_id));
  const refused: { line: number; message: string }[] = [];
  const writes: Write[] = [];
  let unchanged = 0;
  let created = 0;
  for (const p of planned) {
    const state = states.get(p.subjectId);
    const outcome = check(file, p, state, rubrics);
    if (typeof outcome === "string" && outcome !== "unchanged")
      refused.push({ line: p.line, message: outcome });
    else if (outcome === "unchanged") unchanged++;
    else writes.push({ p, state: state!, result: outcome });
    if (state && state.id === null && typeof outcome !== "string") created++;
  }
  if (refused.length > 0) return { refused, created: 0, updated: 0, unchanged: 0 };
  const at = new Date();
  for (let i = 0; i < writes.length; i += BATCH)
    await writeBatch(tx, actor, file, writes.slice(i, i + BATCH), at);
  return { refused, created, updated: writes.length, unchanged };
}
