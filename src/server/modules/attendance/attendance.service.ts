/**
 * Sessions and attendance of the learning centres' activities (issue 10, point 4). A session is created with a
 * client key (a uuid the phone makes before its first try): a retried POST returns the session it made instead of
 * a second one. Marks and enrolments are set as whole lists (idempotent PUTs); editing a session names the version
 * it started from. Writes need `centre.attend` on the activity's commune; every write is audited; the counters
 * follow in the same transaction (migration 0028's triggers).
 */
import { sql } from "kysely";
import type {
  AttendanceActivity,
  AttendanceDetail,
  LearnersPut,
  MarksPut,
  Session,
  SessionCreate,
  SessionUpdate,
} from "../../../shared/attendance";
import { learnersPut } from "../../../shared/attendance";
import { citizens } from "../../../shared/registry/kinds";
import { mayOnUnit, requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, commandLineActor, type Permission, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { rowInScope } from "../../registry/access";
import { recordAudit } from "../audit/audit.repo";
import { addDays, today } from "../territory/dates";
import { badField, type CountInput, checkCounts, checkHeldOn, type ScopedActivity } from "./rules";

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
async function activityInScope(
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

async function readSessions(tx: Db, communeId: number, activityId: number, id?: number): Promise<Session[]> {
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
async function readLearners(tx: Db, actor: Actor, communeId: number, activityId: number) {
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

/**
 * A named activity's session counts from its marks: attendees present, women and minorities by the enrolment,
 * elderly by the citizen's birth year (60 or more in the session's year). Only sessions whose counts change.
 */
async function recountSessions(tx: Db, activity: ScopedActivity, sessionId?: number) {
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
async function writeMarks(tx: Db, activity: ScopedActivity, sessionId: number, marks: MarksPut["marks"]) {
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

/**
 * Adds a session. A retry with the same client key returns the session made by the first try (`created` false),
 * whatever the retry's body says.
 */
export async function createSession(
  db: Db,
  actor: Actor,
  activityId: number,
  input: SessionCreate & { marks?: MarksPut["marks"] },
  communeId?: number,
): Promise<{ session: Session; created: boolean }> {
  return asActor(db, actor, async (tx) => {
    const activity = await activityInScope(tx, actor, activityId, true, communeId);
    const existing = await readByKey(tx, activity, input.clientKey);
    if (existing) return { session: existing, created: false };
    checkHeldOn(activity, input.heldOn);
    const named = activity.attendance_mode === "named";
    const counts: CountInput = named
      ? { attendees: 0, women: 0, minorities: 0, elderly: 0 }
      : {
          attendees: input.attendees ?? 0,
          women: input.women ?? 0,
          minorities: input.minorities ?? 0,
          elderly: input.elderly ?? 0,
        };
    checkCounts(activity, counts);
    const row = await tx
      .insertInto("activity_sessions")
      .values({
        commune_id: activity.commune_id,
        province_id: activity.province_id,
        activity_id: activity.id,
        client_key: input.clientKey,
        held_on: input.heldOn,
        minutes: input.minutes ?? null,
        note: input.note || null,
        ...counts,
      })
      .onConflict((oc) => oc.columns(["commune_id", "activity_id", "client_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    // Two tries at once: the second finds the first's session once the first has committed.
    if (!row) return { session: (await readByKey(tx, activity, input.clientKey))!, created: false };
    if (named && input.marks) await writeMarks(tx, activity, row.id, input.marks);
    const [session] = await readSessions(tx, activity.commune_id, activity.id, row.id);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "activity_session",
      entityId: row.id,
      unitId: activity.commune_id,
      after: session,
    });
    return { session: session!, created: true };
  });
}

async function readByKey(tx: Db, activity: ScopedActivity, clientKey: string) {
  const found = await tx
    .selectFrom("activity_sessions")
    .select("id")
    .where("commune_id", "=", activity.commune_id)
    .where("activity_id", "=", activity.id)
    .where("client_key", "=", clientKey)
    .executeTakeFirst();
  if (!found) return null;
  const [session] = await readSessions(tx, activity.commune_id, activity.id, found.id);
  return session ?? null;
}

/** The session (locked) and its activity, for a write; in `communeId` alone when given. */
async function sessionForWrite(tx: Db, actor: Actor, sessionId: number, communeId?: number) {
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

export async function updateSession(
  db: Db,
  actor: Actor,
  sessionId: number,
  input: SessionUpdate,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { activity, row } = await sessionForWrite(tx, actor, sessionId, communeId);
    await expectVersion(tx, { entity: "activity_session", id: sessionId }, input.version, row.version);
    const [before] = await readSessions(tx, activity.commune_id, activity.id, sessionId);
    const heldOn = input.heldOn ?? row.held_on;
    if (input.heldOn !== undefined) checkHeldOn(activity, heldOn);
    const named = activity.attendance_mode === "named";
    const counts: CountInput = {
      attendees: named ? row.attendees : (input.attendees ?? row.attendees),
      women: named ? row.women : (input.women ?? row.women),
      minorities: named ? row.minorities : (input.minorities ?? row.minorities),
      elderly: named ? row.elderly : (input.elderly ?? row.elderly),
    };
    checkCounts(activity, counts);
    await tx
      .updateTable("activity_sessions")
      .set({
        held_on: heldOn,
        minutes: input.minutes === undefined ? row.minutes : input.minutes,
        note: input.note === undefined ? row.note : input.note || null,
        ...counts,
      })
      .where("commune_id", "=", activity.commune_id)
      .where("id", "=", sessionId)
      .execute();
    // The elderly of a named session depend on the session's year.
    if (named) await recountSessions(tx, activity, sessionId);
    const [after] = await readSessions(tx, activity.commune_id, activity.id, sessionId);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "activity_session",
      entityId: sessionId,
      unitId: activity.commune_id,
      before,
      after,
    });
    return { session: after! };
  });
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

/**
 * Sets an activity's named learners as a whole list: citizens of the activity's commune, not archived, each once,
 * no more than the class size. A learner with marks stays (remove the marks first).
 */
export async function putLearners(
  db: Db,
  actor: Actor,
  activityId: number,
  input: LearnersPut,
  communeId?: number,
) {
  const { learners } = learnersPut.parse(input);
  return asActor(db, actor, async (tx) => {
    const activity = await activityInScope(tx, actor, activityId, true, communeId);
    if (activity.attendance_mode !== "named")
      throw badField("learners", "Lớp này điểm danh theo số lượt người: không có danh sách học viên");
    const ids = learners.map((l) => l.citizenId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined)
      throw badField("learners", `Công dân số ${twice} có hai lần trong danh sách học viên`);
    if (activity.class_size !== null && ids.length > activity.class_size)
      throw badField(
        "learners",
        `Danh sách có ${ids.length} học viên, vượt sĩ số lớp (${activity.class_size})`,
      );
    const citizens = ids.length
      ? await tx
          .selectFrom("citizens")
          .select("id")
          .where("commune_id", "=", activity.commune_id)
          .where("id", "in", ids)
          .where("archived_at", "is", null)
          .execute()
      : [];
    const known = new Set(citizens.map((c) => Number(c.id)));
    const stranger = ids.find((id) => !known.has(id));
    if (stranger !== undefined)
      throw badField(
        "learners",
        `Công dân số ${stranger} không có trong sổ công dân của xã, phường này hoặc đã lưu trữ`,
      );
    const before = await readLearners(tx, actor, activity.commune_id, activity.id);
    const leaving = before.filter((l) => !ids.includes(l.citizenId)).map((l) => l.citizenId);
    if (leaving.length) {
      const marked = await tx
        .selectFrom("attendance_marks")
        .select("citizen_id")
        .where("commune_id", "=", activity.commune_id)
        .where("activity_id", "=", activity.id)
        .where("citizen_id", "in", leaving)
        .executeTakeFirst();
      if (marked)
        throw badField(
          "learners",
          `Học viên số ${marked.citizen_id} đã được điểm danh: bỏ điểm danh của học viên trước khi bỏ khỏi danh sách`,
        );
      await tx
        .deleteFrom("activity_learners")
        .where("commune_id", "=", activity.commune_id)
        .where("activity_id", "=", activity.id)
        .where("citizen_id", "in", leaving)
        .execute();
    }
    if (learners.length)
      await tx
        .insertInto("activity_learners")
        .values(
          [...learners]
            .sort((a, b) => a.citizenId - b.citizenId)
            .map((l) => ({
              commune_id: activity.commune_id,
              activity_id: activity.id,
              citizen_id: l.citizenId,
              province_id: activity.province_id,
              female: l.female,
              minority: l.minority,
            })),
        )
        .onConflict((oc) =>
          oc.columns(["commune_id", "activity_id", "citizen_id"]).doUpdateSet((eb) => ({
            female: eb.ref("excluded.female"),
            minority: eb.ref("excluded.minority"),
          })),
        )
        .execute();
    await recountSessions(tx, activity);
    const after = await readLearners(tx, actor, activity.commune_id, activity.id);
    await recordAudit(tx, actor, {
      action: "set_learners",
      entity: "activity",
      entityId: activity.id,
      unitId: activity.commune_id,
      before: before.map((l) => l.citizenId),
      after: after.map((l) => l.citizenId),
    });
    return { learners: after };
  });
}
