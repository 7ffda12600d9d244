/**
 * The learning-needs survey of a commune and year, and its answers. The commune's data entry opens the survey
 * (registry.edit on the commune); village officers answer for their village (registry.edit on the village). An
 * answer names its respondent only as a reference to the registry (a household or a citizen of the same commune,
 * of the answer's village) or not at all. Every write is audited; a closed survey takes no more answers.
 */
import { type SqlBool, sql } from "kysely";
import type {
  NeedsSurvey,
  NeedsSurveyCreate,
  NeedsSurveyUpdate,
  SurveyResponse,
  SurveyResponseCreate,
} from "../../../shared/needs-survey";
import type { Topic } from "../../../shared/registry/kinds/topics";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, type Permission, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { unitContext } from "../territory/territory.repo";

/** SQL: the commune in `column` is in the actor's scope, or one of the actor's roots (a village) lies inside it. */
export function communeReached(actor: Actor, permission: Permission, column: string) {
  if (actor.global) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${unitInScope(actor, permission, column)} OR EXISTS (SELECT 1 FROM admin_unit_paths reach
    WHERE reach.ancestor_id = ${sql.ref(column)} AND reach.descendant_id = ANY (${actor.roots[permission]}::bigint[])))`;
}

const surveyColumns = (tx: Db) =>
  tx
    .selectFrom("needs_surveys as s")
    .select(["s.id", "s.commune_id", "s.province_id", "s.year", "s.title", "s.status", "s.version"])
    .select(
      sql<number>`(SELECT count(*) FROM survey_responses r
        WHERE r.commune_id = s.commune_id AND r.survey_id = s.id)::int`.as("response_count"),
    );

type SurveyRow = Awaited<ReturnType<ReturnType<typeof surveyColumns>["executeTakeFirstOrThrow"]>>;

const toSurvey = (r: SurveyRow): NeedsSurvey => ({
  id: r.id,
  communeId: r.commune_id,
  year: r.year,
  title: r.title,
  status: r.status,
  responseCount: r.response_count,
  version: r.version,
});

/**
 * The survey, read by anyone reaching its commune (404 otherwise); in `communeId` alone when given (one shard;
 * another commune's is 404); locked for a write of the survey itself (a village officer, who may not update it,
 * cannot lock it under row-level security: answers only read it).
 */
export async function surveyInScope(
  tx: Db,
  actor: Actor,
  id: number,
  { lock = false, communeId }: { lock?: boolean; communeId?: number } = {},
) {
  let query = surveyColumns(tx)
    .where("s.id", "=", id)
    .$if(communeId !== undefined, (q) => q.where("s.commune_id", "=", communeId!))
    .where(communeReached(actor, "read", "s.commune_id"));
  if (lock) query = query.forUpdate("s");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy đợt khảo sát");
  return row;
}

export function requireOpen(survey: { status: string }) {
  if (survey.status !== "open")
    throw new AppError("validation", "Đợt khảo sát đã đóng: mở lại trước khi thêm, sửa phiếu");
}

export async function listSurveys(db: Db, actor: Actor, communeId: number, year?: number) {
  return asActor(db, actor, async (tx) => {
    let query = surveyColumns(tx)
      .where("s.commune_id", "=", communeId)
      .where(communeReached(actor, "read", "s.commune_id"));
    if (year !== undefined) query = query.where("s.year", "=", year);
    const rows = await query.orderBy("s.year", "desc").execute();
    return { surveys: rows.map(toSurvey) };
  });
}

async function auditSurvey(
  tx: Db,
  actor: Actor,
  survey: { communeId: number; id: number },
  action: string,
  before?: unknown,
) {
  const { id, communeId } = survey;
  const after = toSurvey(await surveyInScope(tx, actor, id, { communeId }));
  await recordAudit(tx, actor, {
    action: `survey.${action}`,
    entity: "needs_survey",
    entityId: id,
    unitId: after.communeId,
    before,
    after,
  });
  return after;
}

export async function createSurvey(db: Db, actor: Actor, input: NeedsSurveyCreate) {
  return asActor(db, actor, async (tx) => {
    const unit = await unitContext(tx, input.communeId);
    if (!unit) throw notFound("Không tìm thấy xã, phường");
    if (unit.level !== "commune")
      throw new AppError("validation", "Khảo sát nhu cầu học tập là của xã, phường: chọn một xã, phường", {
        fields: { communeId: "Chọn một xã, phường" },
      });
    await requireOnUnit(tx, actor, "registry.edit", input.communeId, "xã, phường này");
    const existing = await tx
      .selectFrom("needs_surveys")
      .select("id")
      .where("commune_id", "=", input.communeId)
      .where("year", "=", input.year)
      .executeTakeFirst();
    if (existing)
      throw new AppError("validation", `Xã, phường đã có đợt khảo sát năm ${input.year}`, {
        fields: { year: "Mỗi năm một đợt khảo sát" },
      });
    const row = await tx
      .insertInto("needs_surveys")
      .values({
        commune_id: input.communeId,
        province_id: unit.provinceId,
        year: input.year,
        title: input.title,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return auditSurvey(tx, actor, { communeId: input.communeId, id: row.id }, "create");
  });
}

export async function updateSurvey(
  db: Db,
  actor: Actor,
  id: number,
  input: NeedsSurveyUpdate,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const row = await surveyInScope(tx, actor, id, { lock: true, communeId });
    await requireOnUnit(tx, actor, "registry.edit", row.commune_id, "xã, phường này");
    await expectVersion(tx, { entity: "needs_survey", id }, input.version, row.version);
    await tx
      .updateTable("needs_surveys")
      .set({ title: input.title ?? row.title, status: input.status ?? row.status })
      .where("commune_id", "=", row.commune_id)
      .where("id", "=", id)
      .execute();
    return auditSurvey(tx, actor, { communeId: row.commune_id, id }, "update", toSurvey(row));
  });
}

/** The answers of a survey the caller reads (a village officer: their village's). */
export async function readResponses(tx: Db, actor: Actor, communeId: number, surveyId: number, id?: number) {
  let query = tx
    .selectFrom("survey_responses as r")
    .innerJoin("admin_units as v", "v.id", "r.village_id")
    .leftJoin("households as h", (j) =>
      j.onRef("h.commune_id", "=", "r.commune_id").onRef("h.id", "=", "r.household_id"),
    )
    .leftJoin("citizens as c", (j) =>
      j.onRef("c.commune_id", "=", "r.commune_id").onRef("c.id", "=", "r.citizen_id"),
    )
    .select([
      "r.id",
      "r.survey_id",
      "r.village_id",
      "v.name as village_name",
      "r.household_id",
      "r.citizen_id",
      "h.code as household_code",
      "h.head_name",
      "c.full_name",
      "r.age_group",
      "r.sex",
      "r.topics",
      "r.free_topics",
      "r.version",
    ])
    .where("r.commune_id", "=", communeId)
    .where("r.survey_id", "=", surveyId)
    .where(unitInScope(actor, "read", "r.village_id"));
  if (id !== undefined) query = query.where("r.id", "=", id);
  const rows = await query.orderBy("v.code").orderBy("r.id").execute();
  return rows.map(
    (r): SurveyResponse => ({
      id: r.id,
      surveyId: r.survey_id,
      villageId: r.village_id,
      villageName: r.village_name,
      householdId: r.household_id,
      citizenId: r.citizen_id,
      respondent:
        r.household_id !== null
          ? `Hộ ${r.household_code} (${r.head_name})`
          : r.citizen_id !== null
            ? (r.full_name ?? null)
            : null,
      ageGroup: r.age_group,
      sex: r.sex,
      topics: r.topics as Topic[],
      freeTopics: r.free_topics,
      version: r.version,
    }),
  );
}

export async function listResponses(db: Db, actor: Actor, surveyId: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const survey = await surveyInScope(tx, actor, surveyId, { communeId });
    return { responses: await readResponses(tx, actor, survey.commune_id, survey.id) };
  });
}

/**
 * Checks an answer's village (of the survey's commune, in force, written by the caller) and its respondent (a
 * household or citizen of that village, not archived); refuses naming the field.
 */
export async function checkResponse(
  tx: Db,
  actor: Actor,
  communeId: number,
  input: Pick<SurveyResponseCreate, "villageId" | "householdId" | "citizenId">,
) {
  const village = await tx
    .selectFrom("admin_units")
    .select(["id", "level", "parent_id", "valid_to"])
    .where("id", "=", input.villageId)
    .executeTakeFirst();
  // A village the caller cannot even see is one they may not write in (403 naming who may).
  if (!village) await requireOnUnit(tx, actor, "registry.edit", input.villageId, "thôn, tổ dân phố này");
  if (village?.level !== "village" || village.parent_id !== communeId || village.valid_to !== null)
    throw new AppError("validation", "Thôn, tổ dân phố không thuộc xã, phường của đợt khảo sát", {
      fields: { villageId: "Chọn thôn, tổ dân phố của xã, phường" },
    });
  await requireOnUnit(tx, actor, "registry.edit", input.villageId, "thôn, tổ dân phố này");
  for (const [table, field, what] of [
    ["households", "householdId", "Hộ"],
    ["citizens", "citizenId", "Công dân"],
  ] as const) {
    const id = input[field];
    if (!id) continue;
    const row = await tx
      .selectFrom(table)
      .select(["village_id", "archived_at"])
      .where("commune_id", "=", communeId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row || row.archived_at !== null)
      throw new AppError("validation", `${what} không có trong sổ theo dõi của xã, phường`, {
        fields: { [field]: `${what} không có trong sổ theo dõi của xã, phường` },
      });
    if (row.village_id !== input.villageId)
      throw new AppError("validation", `${what} không ở thôn, tổ dân phố đã chọn`, {
        fields: { [field]: `${what} không ở thôn, tổ dân phố đã chọn` },
      });
  }
}

/** The row written for an answer (topics without repeats, in the list's order). */
export const responseValues = (input: SurveyResponseCreate) => ({
  village_id: input.villageId,
  household_id: input.householdId ?? null,
  citizen_id: input.citizenId ?? null,
  age_group: input.ageGroup,
  sex: input.sex ?? null,
  topics: [...new Set(input.topics)],
  free_topics: input.freeTopics || null,
});

async function auditResponse(
  tx: Db,
  actor: Actor,
  communeId: number,
  surveyId: number,
  id: number,
  action: string,
  before?: unknown,
) {
  const [after] = await readResponses(tx, actor, communeId, surveyId, id);
  await recordAudit(tx, actor, {
    action: `survey.response.${action}`,
    entity: "survey_response",
    entityId: id,
    unitId: before && !after ? (before as SurveyResponse).villageId : after!.villageId,
    before,
    after,
  });
  return after;
}

export async function createResponse(
  db: Db,
  actor: Actor,
  surveyId: number,
  input: SurveyResponseCreate,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const survey = await surveyInScope(tx, actor, surveyId, { communeId });
    requireOpen(survey);
    await checkResponse(tx, actor, survey.commune_id, input);
    const row = await tx
      .insertInto("survey_responses")
      .values({
        commune_id: survey.commune_id,
        province_id: survey.province_id,
        survey_id: survey.id,
        ...responseValues(input),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return (await auditResponse(tx, actor, survey.commune_id, survey.id, row.id, "create"))!;
  });
}

/** An answer the caller reads, with its survey; in `communeId` alone when given. */
async function responseInScope(tx: Db, actor: Actor, id: number, communeId?: number) {
  const row = await tx
    .selectFrom("survey_responses as r")
    .select(["r.commune_id", "r.survey_id", "r.version"])
    .where("r.id", "=", id)
    .$if(communeId !== undefined, (q) => q.where("r.commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "r.village_id"))
    .executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy phiếu khảo sát");
  const survey = await surveyInScope(tx, actor, row.survey_id, { communeId: row.commune_id });
  const [current] = await readResponses(tx, actor, row.commune_id, row.survey_id, id);
  return { survey, current: current! };
}

export async function updateResponse(
  db: Db,
  actor: Actor,
  id: number,
  input: SurveyResponseCreate & { version: number },
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { survey, current } = await responseInScope(tx, actor, id, communeId);
    requireOpen(survey);
    await requireOnUnit(tx, actor, "registry.edit", current.villageId, "thôn, tổ dân phố này");
    await expectVersion(tx, { entity: "survey_response", id }, input.version, current.version);
    await checkResponse(tx, actor, survey.commune_id, input);
    await tx
      .updateTable("survey_responses")
      .set(responseValues(input))
      .where("commune_id", "=", survey.commune_id)
      .where("id", "=", id)
      .execute();
    return (await auditResponse(tx, actor, survey.commune_id, survey.id, id, "update", current))!;
  });
}

export async function deleteResponse(db: Db, actor: Actor, id: number, version: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const { survey, current } = await responseInScope(tx, actor, id, communeId);
    requireOpen(survey);
    await requireOnUnit(tx, actor, "registry.edit", current.villageId, "thôn, tổ dân phố này");
    await expectVersion(tx, { entity: "survey_response", id }, version, current.version);
    await tx
      .deleteFrom("survey_responses")
      .where("commune_id", "=", survey.commune_id)
      .where("id", "=", id)
      .execute();
    await auditResponse(tx, actor, survey.commune_id, survey.id, id, "delete", current);
    return { deleted: id };
  });
}
