/**
 * The survey's results: how many answered, and how many want each topic, by village and by age group (each in
 * one grouped query over the answers the caller reads), with the free topics most often written. The plan reads
 * the same counts as the demand for each topic (`topicDemand`).
 */
import { sql } from "kysely";
import { type AgeGroup, ageGroups, type SurveyResults } from "../../../shared/needs-survey";
import { type Topic, topics } from "../../../shared/registry/kinds/topics";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { surveyInScope } from "./needs-survey.service";

type Count = { topic: Topic; count: number };
const byTopicOrder = (rows: Count[]): Count[] =>
  topics
    .flatMap((topic) => rows.filter((r) => r.topic === topic && r.count > 0))
    .map(({ topic, count }) => ({ topic, count }));

/** Answers wanting each topic in the year's survey of a commune (an empty map when there is none). */
export async function topicDemand(tx: Db, communeId: number, year: number) {
  const { rows } = await sql<{ topic: Topic; count: number }>`
    SELECT t.topic, count(*)::int AS count
    FROM needs_surveys s
    JOIN survey_responses r ON r.commune_id = s.commune_id AND r.survey_id = s.id
    CROSS JOIN LATERAL unnest(r.topics) AS t (topic)
    WHERE s.commune_id = ${communeId} AND s.year = ${year}
    GROUP BY t.topic`.execute(tx);
  const survey = await tx
    .selectFrom("needs_surveys as s")
    .select(
      sql<number>`(SELECT count(*) FROM survey_responses r
        WHERE r.commune_id = s.commune_id AND r.survey_id = s.id)::int`.as("responses"),
    )
    .where("s.commune_id", "=", communeId)
    .where("s.year", "=", year)
    .executeTakeFirst();
  return { demand: new Map(rows.map((r) => [r.topic, r.count])), responses: survey?.responses ?? null };
}

export async function surveyResults(
  db: Db,
  actor: Actor,
  surveyId: number,
  communeId?: number,
): Promise<SurveyResults> {
  return asActor(db, actor, async (tx) => {
    const survey = await surveyInScope(tx, actor, surveyId, { communeId });
    const where = sql`r.commune_id = ${survey.commune_id} AND r.survey_id = ${survey.id}
      AND ${unitInScope(actor, "read", "r.village_id")}`;
    const villages = await sql<{ village_id: number; village_name: string; responses: number }>`
      SELECT r.village_id, v.name AS village_name, count(*)::int AS responses
      FROM survey_responses r JOIN admin_units v ON v.id = r.village_id
      WHERE ${where} GROUP BY r.village_id, v.name, v.code ORDER BY v.code`.execute(tx);
    const byVillage = await sql<{ village_id: number; topic: Topic; count: number }>`
      SELECT r.village_id, t.topic, count(*)::int AS count
      FROM survey_responses r CROSS JOIN LATERAL unnest(r.topics) AS t (topic)
      WHERE ${where} GROUP BY r.village_id, t.topic`.execute(tx);
    const ages = await sql<{ age_group: AgeGroup; responses: number }>`
      SELECT r.age_group, count(*)::int AS responses FROM survey_responses r
      WHERE ${where} GROUP BY r.age_group`.execute(tx);
    const byAge = await sql<{ age_group: AgeGroup; topic: Topic; count: number }>`
      SELECT r.age_group, t.topic, count(*)::int AS count
      FROM survey_responses r CROSS JOIN LATERAL unnest(r.topics) AS t (topic)
      WHERE ${where} GROUP BY r.age_group, t.topic`.execute(tx);
    const free = await sql<{ text: string; count: number }>`
      SELECT min(r.free_topics) AS text, count(*)::int AS count FROM survey_responses r
      WHERE ${where} AND r.free_topics IS NOT NULL
      GROUP BY hieuhoc_fold(r.free_topics) ORDER BY count(*) DESC, min(r.free_topics) LIMIT 50`.execute(tx);
    const total = new Map<Topic, number>();
    for (const r of byVillage.rows) total.set(r.topic, (total.get(r.topic) ?? 0) + r.count);
    return {
      surveyId: survey.id,
      responses: villages.rows.reduce((sum, v) => sum + v.responses, 0),
      byTopic: byTopicOrder([...total].map(([topic, count]) => ({ topic, count }))),
      byVillage: villages.rows.map((v) => ({
        villageId: v.village_id,
        villageName: v.village_name,
        responses: v.responses,
        topics: byTopicOrder(byVillage.rows.filter((r) => r.village_id === v.village_id)),
      })),
      byAgeGroup: ageGroups
        .map((ageGroup) => ({
          ageGroup,
          responses: ages.rows.find((a) => a.age_group === ageGroup)?.responses ?? 0,
          topics: byTopicOrder(byAge.rows.filter((r) => r.age_group === ageGroup)),
        }))
        .filter((a) => a.responses > 0),
      freeTopics: free.rows,
    };
  });
}
