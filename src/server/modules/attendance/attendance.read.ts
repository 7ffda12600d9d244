/**
 * The shared reading of the learning centres' attendance (issue 10, point 4): an activity or a session in the
 * caller's scope (for a write, `centre.attend` on the activity's commune), an activity's sessions with their marks,
 * its named learners, the list of current activities and an activity's detail.
 */
import { sql } from "kysely";
import type { AttendanceActivity, AttendanceDetail, Session } from "../../../shared/attendance";
import { citizens } from "../../../shared/registry/kinds";
import { mayOnUnit, requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, type Permission, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { rowInScope } from "../../registry/access";
import { addDays, today } from "../territory/dates";
import type { ScopedActivity } from "./rules";

const activityColumns = [
  "a.id",
  "a.commune_id",
  "a.province_id",
  "a.code",
  "a.title",
  "a.activity_kind",
  "a.topic",
  "a.starts_on",
  "a.ends_on",
  "a.place",
  "a.attendance_mode",
  "a.class_size",
  "a.certificate",
  "a.archived_at",
  "c.name as centre_name",
] as const;

function activityQuery(tx: Db) {
  return tx
    .selectFrom("centre_activities as a")
    .innerJoin("learning_centres as c", (j) =>
      j.onRef("c.commune_id", "=", "a.commune_id").onRef("c.id", "=", "a.centre_id"),
    )
    .select(activityColumns);
}

/**
 * An activity the caller reads (404 otherwise), in `communeId` alone when given (one shard; another commune's is
 * 404); for a write, also `centre.attend` on its commune (403).
 */
export async function activityInScope(
  tx: Db,
  actor: Actor,
  id: number,
  write: boolean,
  communeId?: number,
): Promise<ScopedActivity> {
  const row = await activityQuery(tx)
    .where("a.id", "=", id)
    .$if(communeId !== undefined, (q) => q.where("a.commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "a.commune_id"))
    .executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy lớp học, chuyên đề, hoặc lớp nằm ngoài phạm vi của bạn");
  if (write) {
    await requireOnUnit(tx, actor, "centre.attend", row.commune_id);
    if (row.archived_at !== null)
      throw new AppError("conflict", "Lớp học, chuyên đề này đã lưu trữ: không ghi buổi học được nữa");
  }
  return row;
}

type SessionRow = {
  id: number;
  commune_id: number;
  activity_id: number;
  client_key: string;
  held_on: string;
  minutes: number | null;
  note: string | null;
  attendees: number;
  women: number;
  minorities: number;
  elderly: number;
  version: number;
};

export async function readSessions(
  tx: Db,
  communeId: number,
  activityId: number,
  id?: number,
): Promise<Session[]> {
  let query = tx
    .selectFrom("activity_sessions")
    .selectAll()
    .where("commune_id", "=", communeId)
    .where("activity_id", "=", activityId);
  if (id !== undefined) query = query.where("id", "=", id);
  const rows = (await query.orderBy("held_on", "desc").orderBy("id", "desc").execute()) as SessionRow[];
  const marks = rows.length
    ? await tx
        .selectFrom("attendance_marks")
        .select(["session_id", "citizen_id", "present"])
        .where("commune_id", "=", communeId)
        .where(
          "session_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("citizen_id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    activityId: Number(r.activity_id),
    clientKey: r.client_key,
    heldOn: r.held_on,
    minutes: r.minutes,
    note: r.note,
    attendees: r.attendees,
    women: r.women,
    minorities: r.minorities,
    elderly: r.elderly,
    marks: marks
      .filter((m) => Number(m.session_id) === Number(r.id))
      .map((m) => ({ citizenId: Number(m.citizen_id), present: m.present })),
    version: r.version,
  }));
}

/** The session (locked) and its activity, for a write; in `communeId` alone when given. */
export async function sessionForWrite(tx: Db, actor: Actor, sessionId: number, communeId?: number) {
  const found = await tx
    .selectFrom("activity_sessions")
    .select(["commune_id", "activity_id"])
    .where("id", "=", sessionId)
    .$if(communeId !== undefined, (q) => q.where("commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "commune_id"))
    .executeTakeFirst();
  if (!found) throw notFound("Không tìm thấy buổi học, hoặc buổi học nằm ngoài phạm vi của bạn");
  const activity = await activityInScope(tx, actor, found.activity_id, true, found.commune_id);
  const row = (await tx
    .selectFrom("activity_sessions")
    .selectAll()
    .where("commune_id", "=", found.commune_id)
    .where("id", "=", sessionId)
    .forUpdate()
    .executeTakeFirstOrThrow()) as SessionRow;
  return { activity, row };
}

function presentActivity(
  row: ScopedActivity,
  stats: { sessions: number; last: string | null; heldToday: boolean },
): AttendanceActivity {
  return {
    id: Number(row.id),
    communeId: Number(row.commune_id),
    code: row.code,
    title: row.title,
    activityKind: row.activity_kind,
    topic: row.topic,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    place: row.place,
    attendanceMode: row.attendance_mode,
    classSize: row.class_size,
    certificate: row.certificate,
    centreName: row.centre_name,
    sessions: stats.sessions,
    lastHeldOn: stats.last,
    heldToday: stats.heldToday,
  };
}

/**
 * The current activities of the caller's communes (those where it records attendance, or `unitId`'s): started by
 * today and not ended more than 30 days ago, not archived. Those running today come first.
 */
export async function listAttendanceActivities(db: Db, actor: Actor, unitId?: number) {
  const day = today();
  return asActor(db, actor, async (tx) => {
    const permission: Permission = "attendance";
    let query = activityQuery(tx)
      .where("a.archived_at", "is", null)
      .where("a.starts_on", "<=", day)
      .where(sql<boolean>`coalesce(a.ends_on, a.starts_on) >= ${addDays(day, -30)}::date`)
      .where(unitInScope(actor, unitId === undefined ? permission : "read", "a.commune_id"));
    if (unitId !== undefined)
      query = query.where(
        "a.commune_id",
        "in",
        tx.selectFrom("admin_unit_paths").select("descendant_id").where("ancestor_id", "=", unitId),
      );
    const rows = await query
      .orderBy(sql`coalesce(a.ends_on, a.starts_on) >= ${day}::date`, "desc")
      .orderBy("a.starts_on", "desc")
      .orderBy("a.title")
      .limit(200)
      .execute();
    const stats = rows.length
      ? await tx
          .selectFrom("activity_sessions")
          .select((eb) => [
            "activity_id",
            eb.fn.countAll<number>().as("sessions"),
            eb.fn.max("held_on").as("last"),
          ])
          .where(
            "activity_id",
            "in",
            rows.map((r) => r.id),
          )
          .groupBy("activity_id")
          .execute()
      : [];
    const activities = rows.map((row) => {
      const s = stats.find((x) => Number(x.activity_id) === Number(row.id));
      const last = s?.last ? String(s.last) : null;
      return presentActivity(row, { sessions: Number(s?.sessions ?? 0), last, heldToday: last === day });
    });
    // Running today first (a session not yet taken before one already taken), then the rest as ordered.
    const rank = (a: AttendanceActivity) => ((a.endsOn ?? a.startsOn) >= day ? (a.heldToday ? 1 : 0) : 2);
    activities.sort((a, b) => rank(a) - rank(b));
    return { today: day, activities };
  });
}

/**
 * The named learners of an activity. Their birth years and the minority mark are for those who keep the class list
 * (`attendance` on the commune) or the citizens' list; other readers get null (src/shared/privacy).
 */
export async function readLearners(tx: Db, actor: Actor, communeId: number, activityId: number) {
  const keeper = sql<boolean>`(${unitInScope(actor, "attendance", "l.commune_id")} OR ${rowInScope(actor, citizens, "write", "p")})`;
  const rows = await tx
    .selectFrom("activity_learners as l")
    .innerJoin("citizens as p", (j) =>
      j.onRef("p.commune_id", "=", "l.commune_id").onRef("p.id", "=", "l.citizen_id"),
    )
    .select(["l.citizen_id", "p.full_name", "l.female"])
    .select([
      sql<number | null>`CASE WHEN ${keeper} THEN p.birth_year END`.as("birth_year"),
      sql<boolean | null>`CASE WHEN ${keeper} THEN l.minority END`.as("minority"),
    ])
    .where("l.commune_id", "=", communeId)
    .where("l.activity_id", "=", activityId)
    .orderBy("p.full_name")
    .orderBy("l.citizen_id")
    .execute();
  return rows.map((r) => ({
    citizenId: Number(r.citizen_id),
    fullName: r.full_name,
    birthYear: r.birth_year,
    female: r.female,
    minority: r.minority,
  }));
}

/** An activity with its sessions (newest first) and its named learners. */
export async function attendanceDetail(
  db: Db,
  actor: Actor,
  activityId: number,
  communeId?: number,
): Promise<AttendanceDetail> {
  return asActor(db, actor, async (tx) => {
    const row = await activityInScope(tx, actor, activityId, false, communeId);
    const sessions = await readSessions(tx, row.commune_id, row.id);
    const day = today();
    return {
      activity: presentActivity(row, {
        sessions: sessions.length,
        last: sessions[0]?.heldOn ?? null,
        heldToday: sessions.some((s) => s.heldOn === day),
      }),
      today: day,
      canAttend: row.archived_at === null && (await mayOnUnit(tx, actor, "centre.attend", row.commune_id)),
      sessions,
      learners: await readLearners(tx, actor, row.commune_id, row.id),
    };
  });
}
