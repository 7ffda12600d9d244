/**
 * Sessions and attendance of the learning centres (issue 10, point 4): the teacher of Phường Tây Hồ records head
 * counts and named attendance; a retried POST with the same client key makes one session; bad input is refused
 * naming the field with nothing written; a stale edit answers 409 naming who saved; other communes and roles without
 * `attendance` are refused; every write is audited.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, today } from "../../src/server/modules/territory/dates";
import { type ApiClient, demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("centre attendance", (engine) => {
  let t: TestApp;
  let tayho: ApiClient;
  let teacher: ApiClient;
  let ward: number;
  let headcount: number;
  let named: number;
  let citizens: number[];
  let village: number;
  let badinh: number; // a commune Hà Nội reads, which is not the activities'
  const day = today();
  const from = addDays(day, -20);

  const count = async (table: "activity_sessions" | "audit_log" | "attendance_marks" | "activity_learners") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const attendees = async () =>
    (await tayho.get(`/api/v1/stats/centres?unitId=${ward}&year=${Number(day.slice(0, 4))}`)).body.figures;

  beforeAll(async () => {
    t = await demoApp(engine);
    tayho = await t.as("tayho");
    teacher = await t.as("giaovien.tayho");
    ward = await t.unitId("00103");
    badinh = await t.unitId("00004");
    const centre = await tayho.post("/api/v1/centres", {
      communeId: ward,
      code: "01",
      name: "TTHTCĐ Tây Hồ",
    });
    expect(centre.status, JSON.stringify(centre.body)).toBe(201);
    const activity = async (title: string, mode: string) => {
      const created = await tayho.post("/api/v1/activities", {
        communeId: ward,
        centreId: centre.body.centre.id,
        title,
        topic: "law",
        startsOn: from,
        endsOn: addDays(day, 30),
        attendanceMode: mode,
        classSize: 30,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.activity.id as number;
    };
    headcount = await activity("Tuyên truyền pháp luật", "headcount");
    named = await activity("Lớp tin học cho người cao tuổi", "named");
    village = (await tayho.get(`/api/v1/units/${ward}/children`)).body.units[0].id;
    citizens = [];
    for (const [fullName, birthYear] of [
      ["Nguyễn Thị Hòa", 1950],
      ["Trần Văn Khỏe", 1980],
      ["Lê Thị Thúy", 1990],
    ] as const) {
      const made = await tayho.post("/api/v1/citizens", { villageId: village, fullName, birthYear });
      citizens.push(made.body.citizen.id);
    }
  });
  afterAll(() => t?.close());

  it("records a head count once however often the phone retries, and the figures grow by it", async () => {
    const before = await attendees();
    const body = {
      clientKey: crypto.randomUUID(),
      heldOn: day,
      minutes: 90,
      attendees: 25,
      women: 14,
      elderly: 6,
    };
    // Named with its commune (as the web does): looked for in that commune alone.
    const first = await teacher.post(`/api/v1/activities/${headcount}/sessions?communeId=${ward}`, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await teacher.post(`/api/v1/activities/${headcount}/sessions`, { ...body, attendees: 26 });
    expect(again.status).toBe(200);
    expect(again.body.session).toEqual(first.body.session);
    const detail = (await teacher.get(`/api/v1/activities/${headcount}/attendance`)).body;
    expect(detail.sessions).toHaveLength(1);
    expect(detail.activity.heldToday).toBe(true);
    const after = await attendees();
    expect(after.attendees - before.attendees).toBe(25);
    expect(after.women - before.women).toBe(14);
    expect(after.sessions - before.sessions).toBe(1);
    const listed = (await teacher.get("/api/v1/attendance/activities")).body.activities;
    expect(listed.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([headcount, named]));
  });

  it("refuses bad sessions naming the field, writing nothing", async () => {
    const sessions = await count("activity_sessions");
    const audit = await count("audit_log");
    const cases: [Record<string, unknown>, string][] = [
      [{ heldOn: addDays(day, 1) }, "heldOn"],
      [{ heldOn: addDays(from, -1) }, "heldOn"],
      [{ attendees: 31 }, "attendees"],
      [{ attendees: 5, women: 6 }, "women"],
      [{ attendees: 5, minorities: 6 }, "minorities"],
      [{ attendees: 5, elderly: 6 }, "elderly"],
    ];
    for (const [change, field] of cases) {
      const response = await teacher.post(`/api/v1/activities/${headcount}/sessions`, {
        clientKey: crypto.randomUUID(),
        heldOn: day,
        ...change,
      });
      expect(response.status, JSON.stringify(change)).toBe(422);
      expect(Object.keys(response.body.error.details.fields)).toEqual([field]);
      expect(response.body.error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);
    }
    expect(await count("activity_sessions")).toBe(sessions);
    expect(await count("audit_log")).toBe(audit);
  });

  it("keeps named learners and marks as whole lists, counting from them", async () => {
    const [hoa, khoe, thuy] = citizens as [number, number, number];
    const put = (path: string, body: unknown) => teacher.request("PUT", `/api/v1${path}`, body);
    const twice = await put(`/activities/${named}/learners`, {
      learners: [{ citizenId: hoa }, { citizenId: hoa }],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details.fields.learners).toMatch(/hai lần/);
    // A citizen of another commune (TP.HCM's), and an archived one.
    const hcm = await t.as("hcm");
    const saigon = await t.unitId("27169");
    const there = (await hcm.get(`/api/v1/units/${saigon}/children`)).body.units[0].id;
    const stranger = (await hcm.post("/api/v1/citizens", { villageId: there, fullName: "Người Sài Gòn" }))
      .body.citizen.id;
    expect((await put(`/activities/${named}/learners`, { learners: [{ citizenId: stranger }] })).status).toBe(
      422,
    );
    const gone = (
      await tayho.post("/api/v1/citizens", {
        villageId: village,
        fullName: "Người Đã Chuyển",
      })
    ).body.citizen;
    expect((await tayho.post(`/api/v1/citizens/${gone.id}/archive`, {})).status).toBeLessThan(300);
    expect((await put(`/activities/${named}/learners`, { learners: [{ citizenId: gone.id }] })).status).toBe(
      422,
    );
    expect(await count("activity_learners")).toBe(0);
    // Headcount activities have no list.
    expect((await put(`/activities/${headcount}/learners`, { learners: [{ citizenId: hoa }] })).status).toBe(
      422,
    );

    const before = await attendees();
    const enrolled = await put(`/activities/${named}/learners?communeId=${ward}`, {
      learners: [
        { citizenId: hoa, female: true },
        { citizenId: khoe },
        { citizenId: thuy, female: true, minority: true },
      ],
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.learners).toHaveLength(3);

    const made = await teacher.post(`/api/v1/activities/${named}/sessions`, {
      clientKey: crypto.randomUUID(),
      heldOn: day,
      attendees: 99, // ignored: a named session counts its marks
      marks: [
        { citizenId: hoa, present: true },
        { citizenId: khoe, present: false },
        { citizenId: thuy, present: true },
      ],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.session).toMatchObject({ attendees: 2, women: 2, minorities: 1, elderly: 1 });
    const id = made.body.session.id;
    const all = [hoa, khoe, thuy].map((citizenId) => ({ citizenId, present: true }));
    const first = await put(`/activity-sessions/${id}/marks?communeId=${ward}`, { marks: all });
    const second = await put(`/activity-sessions/${id}/marks`, { marks: all });
    expect(first.status).toBe(200);
    expect(second.body.session.marks).toEqual(first.body.session.marks);
    expect(second.body.session).toMatchObject({ attendees: 3, women: 2, minorities: 1, elderly: 1 });
    const after = await attendees();
    expect(after.attendees - before.attendees).toBe(3);
    expect(after.learners - before.learners).toBe(3);

    const dup = await put(`/activity-sessions/${id}/marks`, { marks: [all[0], all[0]] });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details.fields.marks).toMatch(/hai lần/);
    const outsider = await put(`/activity-sessions/${id}/marks`, {
      marks: [{ citizenId: stranger, present: true }],
    });
    expect(outsider.status).toBe(422);
    // A learner with marks stays on the list.
    expect((await put(`/activities/${named}/learners`, { learners: [{ citizenId: hoa }] })).status).toBe(422);
    expect((await teacher.get(`/api/v1/activities/${named}/attendance`)).body.sessions[0].attendees).toBe(3);
  });

  it("edits a session from its version; a stale save answers 409 naming who saved", async () => {
    const made = await teacher.post(`/api/v1/activities/${headcount}/sessions`, {
      clientKey: crypto.randomUUID(),
      heldOn: addDays(day, -1),
      attendees: 10,
    });
    const { id, version } = made.body.session;
    const saved = await tayho.patch(`/api/v1/activity-sessions/${id}?communeId=${ward}`, {
      attendees: 12,
      women: 3,
      version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.session).toMatchObject({ attendees: 12, women: 3 });
    const stale = await teacher.patch(`/api/v1/activity-sessions/${id}`, { attendees: 11, version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.stale.changedBy).toBe("Cán bộ phường Tây Hồ (tayho)");
    const tooMany = await teacher.patch(`/api/v1/activity-sessions/${id}`, {
      attendees: 2,
      version: saved.body.session.version,
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details.fields).toHaveProperty("women");
  });

  it("names the activity's or the session's commune: another commune's is not found, nothing written", async () => {
    const hanoi = await t.as("hanoi");
    const missing = (await hanoi.get("/api/v1/activities/999999999/attendance")).body.error.message;
    const detail = `/api/v1/activities/${named}/attendance`;
    expect((await hanoi.get(`${detail}?communeId=${ward}`)).status).toBe(200);
    const other = await hanoi.get(`${detail}?communeId=${badinh}`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(missing);
    const { sessions, learners } = (await teacher.get(`${detail}?communeId=${ward}`)).body;
    const [session] = sessions;
    const sessionsBefore = await count("activity_sessions");
    const audit = await count("audit_log");
    const elsewhere = `?communeId=${badinh}`;
    const writes = [
      () =>
        teacher.post(`/api/v1/activities/${headcount}/sessions${elsewhere}`, {
          clientKey: crypto.randomUUID(),
          heldOn: day,
          attendees: 1,
        }),
      () => teacher.request("PUT", `/api/v1/activities/${named}/learners${elsewhere}`, { learners: [] }),
      () =>
        teacher.patch(`/api/v1/activity-sessions/${session.id}${elsewhere}`, {
          minutes: 5,
          version: session.version,
        }),
      () =>
        teacher.request("PUT", `/api/v1/activity-sessions/${session.id}/marks${elsewhere}`, { marks: [] }),
    ];
    for (const write of writes) {
      const refused = await write();
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toMatch(/^Không tìm thấy (lớp học|buổi học)/);
    }
    expect(await count("activity_sessions")).toBe(sessionsBefore);
    expect(await count("audit_log")).toBe(audit);
    expect((await teacher.get(detail)).body).toMatchObject({ sessions, learners });
  });

  describe("scope and audit", () => {
    it("refuses roles without attendance and other communes", async () => {
      const body = () => ({ clientKey: crypto.randomUUID(), heldOn: day, attendees: 1 });
      const reviewer = await t.as("tayho.duyet");
      const refused = await reviewer.post(`/api/v1/activities/${headcount}/sessions`, body());
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/Giáo viên trung tâm/);
      expect((await reviewer.get(`/api/v1/activities/${headcount}/attendance`)).status).toBe(200);
      const hcm = await t.as("hcm");
      expect((await hcm.post(`/api/v1/activities/${headcount}/sessions`, body())).status).toBe(404);
      expect((await hcm.get(`/api/v1/activities/${headcount}/attendance`)).status).toBe(404);
      expect((await hcm.get(`/api/v1/stats/centres?unitId=${ward}&year=2026`)).status).toBe(404);
      // An archived activity takes no more sessions.
      const archived = await tayho.post(`/api/v1/activities/${headcount}/archive`, {});
      expect(archived.status, JSON.stringify(archived.body)).toBeLessThan(300);
      expect((await teacher.post(`/api/v1/activities/${headcount}/sessions`, body())).status).toBe(409);
    });

    it("audits every write with who and what", async () => {
      const { rows } = await sql<{ action: string; actor_name: string; n: number }>`
        SELECT action, actor_name, count(*)::int AS n FROM audit_log
        WHERE entity IN ('activity_session', 'activity') AND action IN ('create', 'update', 'set_marks', 'set_learners')
        GROUP BY 1, 2 ORDER BY 1, 2`.execute(t.db);
      const teacherName = "Giáo viên Trung tâm học tập cộng đồng phường Tây Hồ (giaovien.tayho)";
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: "create", actor_name: teacherName, n: 3 },
          { action: "set_marks", actor_name: teacherName, n: 2 },
          { action: "set_learners", actor_name: teacherName, n: 1 },
          { action: "update", actor_name: "Cán bộ phường Tây Hồ (tayho)", n: 1 },
        ]),
      );
    });
  });
});
