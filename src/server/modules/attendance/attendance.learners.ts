/**
 * An activity's named learners (its enrolment), set as a whole list (an idempotent PUT): citizens of the
 * activity's commune, each once, within the class size; the sessions' counts follow. Every write is audited.
 */
import type { LearnersPut } from "../../../shared/attendance";
import { learnersPut } from "../../../shared/attendance";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { recordAudit } from "../audit/audit.repo";
import { recountSessions } from "./attendance.marks";
import { activityInScope, readLearners } from "./attendance.read";
import { badField } from "./rules";

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
