/**
 * Sessions of the learning centres' activities (issue 10, point 4). A session is created with a client key (a uuid
 * the phone makes before its first try): a retried POST returns the session it made instead of a second one.
 * Editing a session names the version it started from. Writes need `centre.attend` on the activity's commune; every
 * write is audited; the counters follow in the same transaction (migration 0028's triggers).
 */
import type { MarksPut, Session, SessionCreate, SessionUpdate } from "../../../shared/attendance";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { recountSessions, writeMarks } from "./attendance.marks";
import { activityInScope, readSessions, sessionForWrite } from "./attendance.read";
import { type CountInput, checkCounts, checkHeldOn, type ScopedActivity } from "./rules";

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
