/**
 * Routes of the Hội Khuyến học beside its registry kinds: a chapter's committee, a member's chapters on a date.
 * Each takes the row's commune as `?communeId=` (optional; the web always sends it): the row is then looked for in
 * that commune alone (docs/SCALE-OUT.md).
 */
import { createRoute } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import { committeeRequest, committeeResponse, memberChaptersResponse } from "../../../shared/association";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { todayIso } from "../../registry/rules";
import { getCommittee, memberChapters, setCommittee } from "./association.service";

const tags = ["Hội Khuyến học"];

export const associationRoutes = createRouter();

associationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/chapters/{id}/committee",
    tags,
    summary: "Ban chấp hành chi hội (chủ tịch, phó chủ tịch, ủy viên, nhiệm kỳ)",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(committeeResponse, "Ban chấp hành") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(await getCommittee(c.get("db"), requireActor(c), c.req.valid("param").id, communeId), 200);
  },
);

associationRoutes.openapi(
  createRoute({
    method: "put",
    path: "/chapters/{id}/committee",
    tags,
    summary: "Đặt ban chấp hành chi hội (danh sách mới thay danh sách cũ; người thôi được giữ trong lịch sử)",
    request: {
      params: idParam,
      query: communeQuery,
      body: { content: { "application/json": { schema: committeeRequest } }, required: true },
    },
    responses: { 200: jsonContent(committeeResponse, "Đã lưu") },
  }),
  async (c) => {
    const { officers } = c.req.valid("json");
    const id = c.req.valid("param").id;
    const { communeId } = c.req.valid("query");
    return c.json(await setCommittee(c.get("db"), requireActor(c), id, officers, communeId), 200);
  },
);

associationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/members/{id}/chapters",
    tags,
    summary: "Quá trình sinh hoạt của hội viên: các chi hội theo thời gian và chi hội vào một ngày",
    request: { params: idParam, query: communeQuery.extend({ date: isoDate.optional() }) },
    responses: { 200: jsonContent(memberChaptersResponse, "Chi hội theo thời gian") },
  }),
  async (c) => {
    const { date = todayIso(), communeId } = c.req.valid("query");
    const id = c.req.valid("param").id;
    return c.json(await memberChapters(c.get("db"), requireActor(c), id, date, communeId), 200);
  },
);
