/**
 * Plan vs done. For a centre and year, per quarter × activity kind × topic: the planned count against the
 * activities of that centre starting in the quarter (not archived), and the expected participants against those
 * who attended. For a commune, a province (or the nation) and a year, set-based over the unit's subtree (closure
 * table): the approved plans' totals against what their centres did, the plan-done rate and the survey answers
 * (for the statistics).
 *
 * Attendance (lượt người) lives in the sessions of the attendance module: `doneParticipants` is the one place it
 * joins in.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { ActivityKind, PlanProgress, PlanSummary } from "../../../shared/centre-plan";
import type { Topic } from "../../../shared/registry/kinds/topics";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { readableUnit } from "../../registry/units";
import { centreInScope } from "./centre-plan.service";

type Key = { quarter: number; activityKind: ActivityKind; topic: Topic };
const keyOf = (k: Key) => `${k.quarter}:${k.activityKind}:${k.topic}`;

/** Participants (lượt người: the attendees of their sessions) of the centre's activities per quarter × kind × topic. */
export async function doneParticipants(
  tx: Db,
  centre: { commune_id: number; id: number },
  year: number,
): Promise<Map<string, number>> {
  const { rows } = await sql<Key & { attendees: number }>`
    SELECT extract(quarter FROM a.starts_on)::int AS quarter, a.activity_kind AS "activityKind", a.topic,
      coalesce(sum(s.attendees), 0)::int AS attendees
    FROM centre_activities a
    JOIN activity_sessions s ON s.commune_id = a.commune_id AND s.activity_id = a.id
    WHERE a.commune_id = ${centre.commune_id} AND a.centre_id = ${centre.id} AND a.archived_at IS NULL
      AND a.starts_on >= ${`${year}-01-01`}::date AND a.starts_on < ${`${year + 1}-01-01`}::date
    GROUP BY 1, 2, 3`.execute(tx);
  return new Map(rows.map((r) => [keyOf(r), r.attendees]));
}

/** The same over activities in a subtree, as an SQL expression per activity row `a`. */
const activityParticipants = (): Expression<number> =>
  sql<number>`(SELECT coalesce(sum(s.attendees), 0) FROM activity_sessions s
    WHERE s.commune_id = a.commune_id AND s.activity_id = a.id)`;

export async function planProgress(
  db: Db,
  actor: Actor,
  centreId: number,
  year: number,
  communeId?: number,
): Promise<PlanProgress> {
  return asActor(db, actor, async (tx) => {
    const centre = await centreInScope(tx, actor, centreId, communeId);
    const planned = await sql<Key & { planned: number; expected: number }>`
      SELECT i.quarter::int AS quarter, i.activity_kind AS "activityKind", i.topic,
        sum(i.planned_count)::int AS planned, sum(i.expected_participants)::int AS expected
      FROM centre_plans p JOIN centre_plan_items i ON i.commune_id = p.commune_id AND i.plan_id = p.id
      WHERE p.commune_id = ${centre.commune_id} AND p.centre_id = ${centre.id} AND p.year = ${year}
      GROUP BY 1, 2, 3`.execute(tx);
    const done = await sql<Key & { done: number }>`
      SELECT extract(quarter FROM a.starts_on)::int AS quarter, a.activity_kind AS "activityKind", a.topic,
        count(*)::int AS done
      FROM centre_activities a
      WHERE a.commune_id = ${centre.commune_id} AND a.centre_id = ${centre.id} AND a.archived_at IS NULL
        AND a.starts_on >= ${`${year}-01-01`}::date AND a.starts_on < ${`${year + 1}-01-01`}::date
      GROUP BY 1, 2, 3`.execute(tx);
    const attended = await doneParticipants(tx, centre, year);
    const rows = new Map<string, PlanProgress["rows"][number]>();
    const row = (k: Key) => {
      const key = keyOf(k);
      if (!rows.has(key))
        rows.set(key, {
          quarter: k.quarter,
          activityKind: k.activityKind,
          topic: k.topic,
          plannedCount: 0,
          doneCount: 0,
          plannedParticipants: 0,
          doneParticipants: attended.get(key) ?? 0,
        });
      return rows.get(key)!;
    };
    for (const p of planned.rows)
      Object.assign(row(p), { plannedCount: p.planned, plannedParticipants: p.expected });
    for (const d of done.rows) row(d).doneCount = d.done;
    const list = [...rows.values()].sort(
      (a, b) =>
        a.quarter - b.quarter ||
        a.activityKind.localeCompare(b.activityKind) ||
        a.topic.localeCompare(b.topic),
    );
    const sum = (of: typeof list) => ({
      plannedCount: of.reduce((s, r) => s + r.plannedCount, 0),
      doneCount: of.reduce((s, r) => s + r.doneCount, 0),
      plannedParticipants: of.reduce((s, r) => s + r.plannedParticipants, 0),
      doneParticipants: of.reduce((s, r) => s + r.doneParticipants, 0),
    });
    return {
      centreId: centre.id,
      year,
      rows: list,
      quarters: [1, 2, 3, 4].map((quarter) => ({
        quarter,
        ...sum(list.filter((r) => r.quarter === quarter)),
      })),
      total: sum(list),
    };
  });
}

/** Done as a share of planned, in percent with one decimal (null when nothing was planned). */
export const doneRate = (planned: number, done: number) =>
  planned > 0 ? Math.round((done / planned) * 1000) / 10 : null;

/**
 * The plan totals of a unit's subtree for a year, in one statement over the closure table: centres in activity,
 * plans made and approved, the approved plans' planned counts and participants against the activities (and
 * participants) of their centres in the year, and the survey answers of the year. `unitId` null: the nation
 * (system administrators).
 */
export async function planSummary(
  db: Db,
  actor: Actor,
  unitId: number | null,
  year: number,
): Promise<PlanSummary> {
  return asActor(db, actor, async (tx) => {
    const communeId = unitId === null ? null : (await readableUnit(tx, actor, unitId)).communeId;
    // A commune or a village below it: its commune's rows alone (one shard; docs/SCALE-OUT.md).
    const commune = (column: string): Expression<SqlBool> =>
      communeId === null ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ${communeId}`;
    const under = (column: string): Expression<SqlBool> =>
      unitId === null
        ? sql<SqlBool>`true`
        : sql<SqlBool>`${commune(column)} AND ${sql.ref(column)} IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})`;
    const scope = (column: string) =>
      sql<SqlBool>`${under(column)} AND ${unitInScope(actor, "read", column)}`;
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const { rows } = await sql<Omit<PlanSummary, "unitId" | "year" | "doneRate">>`
      WITH plans AS (
        SELECT p.commune_id, p.id, p.centre_id, p.status FROM centre_plans p
        WHERE p.year = ${year} AND ${scope("p.commune_id")}
      ), approved AS (SELECT * FROM plans WHERE status = 'approved')
      SELECT
        (SELECT count(*) FROM learning_centres c WHERE c.archived_at IS NULL AND ${scope("c.commune_id")})::int
          AS centres,
        (SELECT count(*) FROM plans)::int AS plans,
        (SELECT count(*) FROM approved)::int AS "approvedPlans",
        (SELECT coalesce(sum(i.planned_count), 0) FROM approved p
          JOIN centre_plan_items i ON i.commune_id = p.commune_id AND i.plan_id = p.id
          WHERE ${commune("i.commune_id")})::int AS "plannedCount",
        (SELECT coalesce(sum(i.expected_participants), 0) FROM approved p
          JOIN centre_plan_items i ON i.commune_id = p.commune_id AND i.plan_id = p.id
          WHERE ${commune("i.commune_id")})::int AS "plannedParticipants",
        (SELECT count(*) FROM approved p JOIN centre_activities a
          ON a.commune_id = p.commune_id AND a.centre_id = p.centre_id AND a.archived_at IS NULL
          AND a.starts_on >= ${from}::date AND a.starts_on < ${to}::date
          WHERE ${commune("a.commune_id")})::int AS "doneCount",
        (SELECT coalesce(sum(${activityParticipants()}), 0) FROM approved p JOIN centre_activities a
          ON a.commune_id = p.commune_id AND a.centre_id = p.centre_id AND a.archived_at IS NULL
          AND a.starts_on >= ${from}::date AND a.starts_on < ${to}::date
          WHERE ${commune("a.commune_id")})::int AS "doneParticipants",
        (SELECT count(*) FROM needs_surveys s JOIN survey_responses r
          ON r.commune_id = s.commune_id AND r.survey_id = s.id
          WHERE s.year = ${year} AND ${scope("s.commune_id")})::int AS "surveyResponses"`.execute(tx);
    const totals = rows[0]!;
    return {
      unitId: unitId ?? 0,
      year,
      ...totals,
      doneRate: doneRate(totals.plannedCount, totals.doneCount),
    };
  });
}
