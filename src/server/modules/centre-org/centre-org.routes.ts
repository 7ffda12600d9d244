/**
 * Routes of a learning centre's organisation: its decisions register, its board and staff, its history. Each takes
 * the centre's commune, optional (`?communeId=`, which the web sends): given, the centre is looked for there alone
 * (one shard, docs/SCALE-OUT.md) and a centre of another commune is not found.
 */
import { createRoute } from "@hono/zod-openapi";
import {
  centreDecisionRequest,
  centreDecisionResponse,
  centreDecisionsResponse,
  centreHistory,
  centreStaffRequest,
  centreStaffResponse,
} from "../../../shared/centre-org";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { addCentreDecision, listCentreDecisions } from "./centre-decisions.service";
import { centreHistory as readHistory } from "./centre-history.service";
import { getCentreStaff, setCentreStaff } from "./centre-staff.service";

const tags = ["Trung tâm học tập cộng đồng"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });

export const centreOrgRoutes = createRouter();

centreOrgRoutes.openapi(
  createRoute({
    method: "get",
    path: "/centres/{id}/decisions",
    tags,
    summary: "Quyết định của trung tâm (thành lập, bổ nhiệm, sáp nhập, giải thể)",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(centreDecisionsResponse, "Quyết định theo ngày ký") },
  }),
  async (c) =>
    c.json(
      await listCentreDecisions(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

centreOrgRoutes.openapi(
  createRoute({
    method: "post",
    path: "/centres/{id}/decisions",
    tags,
    summary:
      "Ghi một quyết định của trung tâm; thành lập ghi ngày thành lập, giải thể và sáp nhập lưu trữ trung tâm",
    request: { params: idParam, query: communeQuery, ...body(centreDecisionRequest) },
    responses: { 201: jsonContent(centreDecisionResponse, "Đã ghi") },
  }),
  async (c) => {
    const decision = await addCentreDecision(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return c.json({ decision }, 201);
  },
);

centreOrgRoutes.openapi(
  createRoute({
    method: "get",
    path: "/centres/{id}/staff",
    tags,
    summary: "Ban giám đốc, giáo viên, báo cáo viên, cộng tác viên hiện nay của trung tâm",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(centreStaffResponse, "Cán bộ, giáo viên") },
  }),
  async (c) =>
    c.json(
      await getCentreStaff(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

centreOrgRoutes.openapi(
  createRoute({
    method: "put",
    path: "/centres/{id}/staff",
    tags,
    summary:
      "Đặt danh sách cán bộ, giáo viên (danh sách mới thay danh sách cũ; người thôi được giữ trong lịch sử)",
    request: { params: idParam, query: communeQuery, ...body(centreStaffRequest) },
    responses: { 200: jsonContent(centreStaffResponse, "Đã lưu") },
  }),
  async (c) => {
    const { staff } = c.req.valid("json");
    const saved = await setCentreStaff(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      staff,
      c.req.valid("query").communeId,
    );
    return c.json(saved, 200);
  },
);

centreOrgRoutes.openapi(
  createRoute({
    method: "get",
    path: "/centres/{id}/history",
    tags,
    summary:
      "Lịch sử trung tâm: quyết định, cán bộ trước và nay, các trung tâm đã sáp nhập vào (kể cả của xã, phường cũ)",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(centreHistory, "Lịch sử") },
  }),
  async (c) =>
    c.json(
      await readHistory(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);
