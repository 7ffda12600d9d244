/** Access cases of the centres' sessions, attendance and statistics (migration 0028). */
import type { CaseModule } from "./types";

export const attendanceCases: CaseModule = {
  // The fingerprint orders rows by id: the sessions (learners, marks and counters change only with a session's
  // write or an enrolment, refused alike, and have no id of their own).
  tables: ["activity_sessions"],
  async addCases({ t, hcmProvince, ward, add }) {
    const centre = await t.db
      .insertInto("learning_centres")
      .values({ commune_id: ward, province_id: hcmProvince, code: "02", name: "Trung tâm điểm danh" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const activity = await t.db
      .insertInto("centre_activities")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        centre_id: centre.id,
        code: "0101",
        title: "Lớp điểm danh",
        topic: "law",
        starts_on: "2026-01-05",
        ends_on: "2026-06-30",
        attendance_mode: "named",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const session = await t.db
      .insertInto("activity_sessions")
      .values({
        commune_id: ward,
        province_id: hcmProvince,
        activity_id: activity.id,
        client_key: "8c0e9f0a-4b1d-4c7e-9a51-2f6d3e8b7a10",
        held_on: "2026-01-12",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    add("GET /attendance/activities", {
      kind: "own",
      reason: "the activities of the caller's own communes (where it records attendance), nothing else",
    });
    add("GET /activities/{id}/attendance", { kind: "target", path: `/activities/${activity.id}/attendance` });
    add("POST /activities/{id}/sessions", {
      kind: "target",
      path: `/activities/${activity.id}/sessions`,
      body: { clientKey: "0b5c7d1e-2f3a-4b6c-8d9e-0a1b2c3d4e5f", heldOn: "2026-01-19" },
    });
    add("PATCH /activity-sessions/{id}", {
      kind: "target",
      path: `/activity-sessions/${session.id}`,
      body: { minutes: 60, version: 1 },
    });
    add("PUT /activity-sessions/{id}/marks", {
      kind: "target",
      path: `/activity-sessions/${session.id}/marks`,
      body: { marks: [] },
    });
    add("PUT /activities/{id}/learners", {
      kind: "target",
      path: `/activities/${activity.id}/learners`,
      body: { learners: [] },
    });
    add("GET /stats/centres", { kind: "target", path: `/stats/centres?unitId=${hcmProvince}&year=2026` });
    add("GET /stats/centres/series", {
      kind: "target",
      path: `/stats/centres/series?unitId=${ward}&from=2020&to=2026`,
    });
    add("GET /stats/centres.csv", { kind: "target", path: `/stats/centres.csv?unitId=${ward}&year=2026` });
    add("GET /stats/centres.xlsx", { kind: "target", path: `/stats/centres.xlsx?unitId=${ward}&year=2026` });
  },
};
