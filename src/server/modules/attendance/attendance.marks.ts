/**
 * A session's marks (named attendance): set as a whole list (an idempotent PUT) against the activity's enrolment
 * and class size, and the session counts recounted from them in the same transaction. Every write is audited.
 */
import { sql } from "kysely";
import type { MarksPut } from "../../../shared/attendance";
import { type Actor, asActor, commandLineActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { recordAudit } from "../audit/audit.repo";
import { readLearners, readSessions, sessionForWrite } from "./attendance.read";
import { badField, type ScopedActivity } from "./rules";

/**
 * A named activity's session counts from its marks: attendees present, women and minorities by the enrolment,
 * elderly by the citizen's birth year (60 or more in the session's year). Only sessions whose counts change.
 */
export async function recountSessions(tx: Db, activity: ScopedActivity, sessionId?: number) {
  await sql`
    UPDATE activity_sessions s SET attendees = x.attendees, women = x.women, minorities = x.minorities,
      elderly = x.elderly
    FROM (
      SELECT s2.id, count(m.citizen_id) FILTER (WHERE m.present)::int AS attendees,
        count(*) FILTER (WHERE m.present AND l.female)::int AS women,
        count(*) FILTER (WHERE m.present AND l.minority)::int AS minorities,
        count(*) FILTER (WHERE m.present AND extract(year FROM s2.held_on) - p.birth_year >= 60)::int AS elderly
      FROM activity_sessions s2
      LEFT JOIN attendance_marks m ON m.commune_id = s2.commune_id AND m.session_id = s2.id
      LEFT JOIN activity_learners l ON l.commune_id = m.commune_id AND l.activity_id = m.activity_id
        AND l.citizen_id = m.citizen_id
      LEFT JOIN citizens p ON p.commune_id = m.commune_id AND p.id = m.citizen_id
      WHERE s2.commune_id = ${activity.commune_id} AND s2.activity_id = ${activity.id}
        ${sessionId === undefined ? sql`` : sql`AND s2.id = ${sessionId}`}
      GROUP BY s2.id
    ) x
    WHERE s.commune_id = ${activity.commune_id} AND s.id = x.id
      AND (s.attendees, s.women, s.minorities, s.elderly) IS DISTINCT FROM (x.attendees, x.women, x.minorities,
        x.elderly)`.execute(tx);
}

/** Checks the marks against the enrolment and writes them as the whole list (learners left out are absent). */
export async function writeMarks(
  tx: Db,
  activity: ScopedActivity,
  sessionId: number,
  marks: MarksPut["marks"],
) {
  if (activity.attendance_mode !== "named")
    throw badField("marks", "Lớp này điểm danh theo số lượt người, không theo danh sách học viên");
  const seen = new Set<number>();
  for (const mark of marks) {
    if (seen.has(mark.citizenId))
      throw badField("marks", `Học viên số ${mark.citizenId} có hai lần trong danh sách điểm danh`);
    seen.add(mark.citizenId);
  }
  // Only the ids are read: the enrolment as it is, whoever asks.
  const enrolled = new Set(
    (await readLearners(tx, commandLineActor, activity.commune_id, activity.id)).map((l) => l.citizenId),
  );
  const stranger = marks.find((m) => !enrolled.has(m.citizenId));
  if (stranger)
    throw badField("marks", `Học viên số ${stranger.citizenId} không có trong danh sách học viên của lớp`);
  const present = marks.filter((m) => m.present).length;
  if (activity.class_size !== null && present > activity.class_size)
    throw badField("marks", `Số học viên có mặt (${present}) vượt sĩ số lớp (${activity.class_size})`);
  await tx
    .deleteFrom("attendance_marks")
    .where("commune_id", "=", activity.commune_id)
    .where("session_id", "=", sessionId)
    .$if(marks.length > 0, (q) =>
      q.where(
        "citizen_id",
        "not in",
        marks.map((m) => m.citizenId),
      ),
    )
    .execute();
  if (marks.length > 0)
    await tx
      .insertInto("attendance_marks")
      .values(
        [...marks]
          .sort((a, b) => a.citizenId - b.citizenId)
          .map((m) => ({
            commune_id: activity.commune_id,
            session_id: sessionId,
            citizen_id: m.citizenId,
            activity_id: activity.id,
            province_id: activity.province_id,
            present: m.present,
          })),
      )
      .onConflict((oc) =>
        oc
          .columns(["commune_id", "session_id", "citizen_id"])
          .doUpdateSet({ present: (eb) => eb.ref("excluded.present") })
          .where("attendance_marks.present", "is distinct from", (eb) => eb.ref("excluded.present")),
      )
      .execute();
  await recountSessions(tx, activity, sessionId);
}

/** Sets a session's marks as a whole list (the same list twice changes nothing the second time). */
export async function putMarks(db: Db, actor: Actor, sessionId: number, input: MarksPut, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const { activity } = await sessionForWrite(tx, actor, sessionId, communeId);
    const [before] = await readSessions(tx, activity.commune_id, activity.id, sessionId);
    await writeMarks(tx, activity, sessionId, input.marks);
    const [after] = await readSessions(tx, activity.commune_id, activity.id, sessionId);
    await recordAudit(tx, actor, {
      action: "set_marks",
      entity: "activity_session",
      entityId: sessionId,
      unitId: activity.commune_id,
      before: { marks: before!.marks, attendees: before!.attendees },
      after: { marks: after!.marks, attendees: after!.attendees },
    });
    return { session: after! };
  });
}
