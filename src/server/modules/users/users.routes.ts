import { createRoute, z } from "@hono/zod-openapi";
import {
  createUserRequest,
  grantRequest,
  updateUserRequest,
  userListResponse,
  userSummary,
} from "../../../shared/api";
import { createRouter, idParam, jsonContent, requireActor, staleResponse } from "../../http/context";
import { addGrant, createUser, listUsers, revokeGrant, updateUser } from "./users.service";

export const userRoutes = createRouter();
const tags = ["Người dùng và phân quyền"];

userRoutes.openapi(
  createRoute({
    method: "get",
    path: "/users",
    tags,
    summary: "Người dùng trong phạm vi quản trị",
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: jsonContent(userListResponse, "Danh sách người dùng") },
  }),
  async (c) => {
    const users = await listUsers(c.get("db"), requireActor(c), c.req.valid("query").unitId);
    return c.json({ users }, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: "post",
    path: "/users",
    tags,
    summary: "Tạo người dùng với một quyền trên một đơn vị",
    request: { body: { content: { "application/json": { schema: createUserRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ user: userSummary }), "Đã tạo") },
  }),
  async (c) => {
    const user = await createUser(c.get("db"), requireActor(c), c.req.valid("json"));
    return c.json({ user }, 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/users/{id}",
    tags,
    summary: "Sửa họ tên, đặt lại mật khẩu, khóa hoặc mở khóa",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: updateUserRequest } }, required: true },
    },
    responses: { 204: { description: "Đã lưu" }, ...staleResponse },
  }),
  async (c) => {
    await updateUser(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("json"));
    return c.body(null, 204);
  },
);

userRoutes.openapi(
  createRoute({
    method: "post",
    path: "/users/{id}/grants",
    tags,
    summary: "Cấp thêm quyền trên một đơn vị",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: grantRequest } }, required: true },
    },
    responses: { 201: jsonContent(z.object({ id: z.number() }), "Đã cấp") },
  }),
  async (c) => {
    const { role, unitId, chapterId } = c.req.valid("json");
    const userId = c.req.valid("param").id;
    return c.json(await addGrant(c.get("db"), requireActor(c), userId, role, unitId, chapterId), 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/grants/{id}",
    tags,
    summary: "Thu hồi một quyền",
    request: { params: idParam },
    responses: { 204: { description: "Đã thu hồi" } },
  }),
  async (c) => {
    await revokeGrant(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);
