/**
 * A named learner's attended hours as evidence of their "Công dân học tập" self-assessment (issue 10, point 4;
 * docs/CENTRES.md, "Giờ học và giấy chứng nhận"): the sessions of the year at which the citizen was marked present,
 * by activity, shown beside the learning-participation items as a source line. Never scores by itself.
 */
import { sql } from "kysely";
import { topicOptions } from "../../../shared/registry/kinds/topics";
import type { RubricDefinition } from "../../../shared/rubric";
import { foldText } from "../../../shared/text";
import type { ItemSuggestion } from "../../../shared/tt25-prefill";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";

/** Items about taking part in learning: classes, talks, the community learning centre. */
const learningItem = (text: string) =>
  ["hinh thuc hoc tap", "lop hoc", "trung tam hoc tap cong dong"].some((part) =>
    foldText(text).includes(part),
  );

function learningItems(definition: RubricDefinition): string[] {
  const criteria =
    definition.scheme === "points" ? definition.criteria : definition.levels.flatMap((l) => l.criteria);
  return criteria.flatMap((c) => c.items.filter((i) => learningItem(i.text)).map((i) => i.key));
}

/** Hours with one decimal and a decimal comma: 270 minutes → "4,5". */
export const hoursText = (minutes: number) =>
  (Math.round(minutes / 6) / 10).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

/** "Trung tâm học tập cộng đồng phường Tây Hồ" → "TTHTCĐ phường Tây Hồ"; other names (TTVH-TT-HTCĐ) as they are. */
export const shortCentre = (name: string) => name.replace(/^Trung tâm học tập cộng đồng(?=\s|$)/iu, "TTHTCĐ");

type Attended = { title: string; topic: string; centre: string; sessions: number; minutes: number };

/** The activities (not archived) of the year at which the citizen was marked present, with sessions and minutes. */
async function attended(tx: Db, actor: Actor, communeId: number, citizenId: number, year: number) {
  return tx
    .selectFrom("attendance_marks as m")
    .innerJoin("activity_sessions as s", (j) =>
      j.onRef("s.commune_id", "=", "m.commune_id").onRef("s.id", "=", "m.session_id"),
    )
    .innerJoin("centre_activities as a", (j) =>
      j.onRef("a.commune_id", "=", "m.commune_id").onRef("a.id", "=", "m.activity_id"),
    )
    .innerJoin("learning_centres as c", (j) =>
      j.onRef("c.commune_id", "=", "a.commune_id").onRef("c.id", "=", "a.centre_id"),
    )
    .select([
      "a.title",
      "a.topic",
      "c.name as centre",
      sql<number>`count(*)::int`.as("sessions"),
      sql<number>`coalesce(sum(s.minutes), 0)::int`.as("minutes"),
    ])
    .where("m.commune_id", "=", communeId)
    .where(unitInScope(actor, "read", "m.commune_id"))
    .where("m.citizen_id", "=", citizenId)
    .where("m.present", "=", true)
    .where("a.archived_at", "is", null)
    .where("s.held_on", ">=", `${year}-01-01`)
    .where("s.held_on", "<=", `${year}-12-31`)
    .groupBy(["a.id", "a.title", "a.topic", "c.name", "a.starts_on"])
    .orderBy("a.starts_on")
    .orderBy("a.id")
    .execute() as Promise<Attended[]>;
}

const topicLabel = (topic: string) => topicOptions[topic as keyof typeof topicOptions]?.vi ?? topic;

export const attendedLine = (a: Attended) =>
  `${a.title} (${topicLabel(a.topic)}, ${shortCentre(a.centre)}): có mặt ${a.sessions} buổi, ${hoursText(a.minutes)} giờ`;

/** The suggestions of a citizen's Công dân học tập registration: one per learning item, the same source lines. */
export async function citizenHoursSuggestions(
  tx: Db,
  actor: Actor,
  registration: { communeId: number; year: number; subject: { kind: string; id: number } },
  definition: RubricDefinition,
): Promise<ItemSuggestion[]> {
  if (registration.subject.kind !== "citizen") return [];
  const items = learningItems(definition);
  if (items.length === 0) return [];
  const { communeId, year, subject } = registration;
  const rows = await attended(tx, actor, communeId, subject.id, year);
  const sources =
    rows.length === 0 ? [`Sổ điểm danh chưa ghi buổi học có mặt nào năm ${year}`] : rows.map(attendedLine);
  if (rows.length > 1) {
    const minutes = rows.reduce((sum, r) => sum + r.minutes, 0);
    sources.push(`Tổng cộng năm ${year}: ${hoursText(minutes)} giờ học`);
  }
  const note = rows.length === 0 ? "" : `Giờ học tại TTHTCĐ: ${sources.join("; ")}`.slice(0, 2000);
  return items.map((itemKey) => ({ itemKey, met: null, points: null, sources, note, noteOnly: true }));
}
