/**
 * Sessions and attendance (issue 10, point 4): the current activities of the caller's communes, an activity's
 * sessions and learners, a retry-safe POST of a session (client key), PATCH with the version check, and the
 * whole-list PUTs of marks and learners. The routes naming an activity or a session take its commune, optional
 * (`?communeId=`, which the web sends): given, the row is looked for there alone (one shard, docs/SCALE-OUT.md) and
 * a row of another commune is not found.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  attendanceActivity,
  attendanceDetail,
  learner,
  learnersPut,
  marksPut,
  session,
  sessionCreate,
  sessionUpdate,
} from "../../../shared/attendance";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import { putLearners } from "./attendance.learners";
import { putMarks } from "./attendance.marks";
import { listAttendanceActivities, attendanceDetail as readDetail } from "./attendance.read";
import { createSession, updateSession } from "./attendance.sessions";
import { centreStatsRoutes } from "./stats.routes";

export const attendanceRoutes = createRouter();
const tags = ["Trung tâm học tập cộng đồng"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const one = (description: string) => jsonContent(z.object({ session }), description);

attendanceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/attendance/activities",
    tags,
    summary:
      "Lớp học, chuyên đề đang diễn ra của các xã, phường người dùng được điểm danh (hoặc của một đơn vị), lớp hôm nay trước",
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
    responses: {
      200: jsonContent(
        z.object({ today: z.string(), activities: z.array(attendanceActivity) }),
        "Lớp học đang diễn ra",
      ),
    },
  }),
  async (c) =>
    c.json(await listAttendanceActivities(c.get("db"), requireActor(c), c.req.valid("query").unitId), 200),
);

attendanceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/activities/{id}/attendance",
    tags,
    summary: "Các buổi học của một lớp (mới nhất trước), điểm danh từng buổi và danh sách học viên",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(attendanceDetail, "Buổi học và học viên") },
  }),
  async (c) =>
    c.json(
      await readDetail(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("query").communeId),
      200,
    ),
);

attendanceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/activities/{id}/sessions",
    tags,
    summary: "Ghi một buổi học; gửi lại với cùng clientKey trả về buổi đã ghi (200), không tạo buổi thứ hai",
    request: {
      params: idParam,
      query: communeQuery,
      ...body(
        sessionCreate.extend({
          marks: marksPut.shape.marks
            .optional()
            .openapi({ description: "Điểm danh (lớp có danh sách học viên), ghi cùng lúc với buổi học" }),
        }),
      ),
    },
    responses: { 201: one("Đã ghi buổi học"), 200: one("Buổi học đã ghi trước đó với cùng clientKey") },
  }),
  async (c) => {
    const { session: saved, created } = await createSession(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return created ? c.json({ session: saved }, 201) : c.json({ session: saved }, 200);
  },
);

attendanceRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/activity-sessions/{id}",
    tags,
    summary: "Sửa một buổi học (ngày, thời lượng, số lượt người); version là phiên bản đã mở",
    request: { params: idParam, query: communeQuery, ...body(sessionUpdate) },
    responses: { 200: one("Đã lưu"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      await updateSession(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

attendanceRoutes.openapi(
  createRoute({
    method: "put",
    path: "/activity-sessions/{id}/marks",
    tags,
    summary: "Điểm danh một buổi học: cả danh sách (gửi lại cùng danh sách không thay đổi gì)",
    request: { params: idParam, query: communeQuery, ...body(marksPut) },
    responses: { 200: one("Đã điểm danh") },
  }),
  async (c) =>
    c.json(
      await putMarks(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

attendanceRoutes.openapi(
  createRoute({
    method: "put",
    path: "/activities/{id}/learners",
    tags,
    summary: "Danh sách học viên của lớp (công dân trong sổ của xã, phường), cả danh sách",
    request: { params: idParam, query: communeQuery, ...body(learnersPut) },
    responses: { 200: jsonContent(z.object({ learners: z.array(learner) }), "Danh sách học viên") },
  }),
  async (c) =>
    c.json(
      await putLearners(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

// The centres' statistics are served with the attendance they count (one router to mount).
attendanceRoutes.route("/", centreStatsRoutes);
