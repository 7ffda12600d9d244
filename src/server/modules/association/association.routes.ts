/** Routes of the Hội Khuyến học beside its registry kinds: a chapter's committee, a member's chapters on a date. */
import { createRoute, z } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import { committeeRequest, committeeResponse, memberChaptersResponse } from "../../../shared/association";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { todayIso } from "../../registry/rules";
import { getCommittee, memberChapters, setCommittee } from "./association.service";

const tags = ["Hội Khuyến học"];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export const associationRoutes = createRouter();

associationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/chapters/{id}/committee",
    tags,
    summary: "Ban chấp hành chi hội (chủ tịch, phó chủ tịch, ủy viên, nhiệm kỳ)",
    request: { params: idParam },
    responses: { 200: jsonContent(committeeResponse, "Ban chấp hành") },
  }),
  async (c) => c.json(await getCommittee(c.get("db"), requireActor(c), c.req.valid("param").id), 200),
);

associationRoutes.openapi(
  createRoute({
    method: "put",
    path: "/chapters/{id}/committee",
    tags,
    summary: "Đặt ban chấp hành chi hội (danh sách mới thay danh sách cũ; người thôi được giữ trong lịch sử)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: committeeRequest } }, required: true },
    },
    responses: { 200: jsonContent(committeeResponse, "Đã lưu") },
  }),
  async (c) => {
    const { officers } = c.req.valid("json");
    const id = c.req.valid("param").id;
    return c.json(await setCommittee(c.get("db"), requireActor(c), id, officers), 200);
  },
);

associationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/members/{id}/chapters",
    tags,
    summary: "Quá trình sinh hoạt của hội viên: các chi hội theo thời gian và chi hội vào một ngày",
    request: { params: idParam, query: z.object({ date: isoDate.optional() }) },
    responses: { 200: jsonContent(memberChaptersResponse, "Chi hội theo thời gian") },
  }),
  async (c) => {
    const date = c.req.valid("query").date ?? todayIso();
    return c.json(await memberChapters(c.get("db"), requireActor(c), c.req.valid("param").id, date), 200);
  },
);
