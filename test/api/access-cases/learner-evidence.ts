/** Access cases of the classes' completion certificates (migration 0034) and their public check. */
import type { CaseModule } from "./types";

export const learnerEvidenceCases: CaseModule = {
  // Printing makes the codes: a refused caller must leave none.
  tables: ["activity_certificates"],
  async addCases({ t, hcmProvince, ward, villages, add }) {
    const base = { commune_id: ward, province_id: hcmProvince };
    const centre = await t.db
      .insertInto("learning_centres")
      .values({ ...base, code: "03", name: "Trung tâm chứng nhận" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const activity = await t.db
      .insertInto("centre_activities")
      .values({
        ...base,
        centre_id: centre.id,
        code: "0301",
        title: "Lớp có chứng nhận",
        topic: "computing",
        starts_on: "2026-01-05",
        ends_on: "2026-06-30",
        attendance_mode: "named",
        certificate: "yes",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const citizen = await t.db
      .insertInto("citizens")
      .values({ ...base, village_id: villages[0]!.id, full_name: "Học Viên Chứng Nhận", birth_year: 1980 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("activity_learners")
      .values({ ...base, activity_id: activity.id, citizen_id: citizen.id })
      .execute();
    const session = await t.db
      .insertInto("activity_sessions")
      .values({
        ...base,
        activity_id: activity.id,
        client_key: "5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
        held_on: "2026-01-12",
        minutes: 90,
        attendees: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("attendance_marks")
      .values({
        ...base,
        session_id: session.id,
        activity_id: activity.id,
        citizen_id: citizen.id,
        present: true,
      })
      .execute();
    add("GET /activities/{id}/certificates.pdf", {
      kind: "target",
      path: `/activities/${activity.id}/certificates.pdf`,
    });
    add("GET /public/completion-certificates/{code}", { kind: "public" });
  },
};
