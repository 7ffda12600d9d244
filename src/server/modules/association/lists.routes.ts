/**
 * The Hội Khuyến học's lists across chapters: member search over the caller's scope, a chapter's members on a date
 * and the chapter tree of a commune with its counts. Mounted before the registry kinds' routes, whose
 * GET /members/{id} would otherwise take "search" for an id.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import {
  chapterMembersResponse,
  chapterSummaryResponse,
  memberSearchQuery,
  memberSearchResponse,
} from "../../../shared/association-lists";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { todayIso } from "../../registry/rules";
import { logProcessing } from "../readlog/processing-log";
import { chapterSummary } from "./chapter-summary.service";
import { chapterMembers, searchMembers } from "./member-lists.service";

const tags = ["Hội Khuyến học"];
const dateQuery = z.object({ date: isoDate.optional() });

export const associationListRoutes = createRouter();

associationListRoutes.openapi(
  createRoute({
    method: "get",
    path: "/members/search",
    tags,
    summary:
      "Tìm hội viên theo họ tên không dấu hoặc số thẻ trong mọi xã, phường thuộc phạm vi của bạn (tối đa 50; thư ký chi hội: chi hội mình)",
    request: { query: memberSearchQuery },
    responses: { 200: jsonContent(memberSearchResponse, "Hội viên tìm được") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const found = await searchMembers(c.get("db"), actor, query);
    // A search of people is a read of their data (the processing log): one row with the query and the hits.
    await logProcessing(c.get("db"), actor, {
      action: "list",
      kind: "members",
      format: "json",
      recordIds: found.members.map((m) => m.id),
      filter: { ...query, route: "members/search" },
    });
    return c.json(found, 200);
  },
);

associationListRoutes.openapi(
  createRoute({
    method: "get",
    path: "/chapters/{id}/members",
    tags,
    summary: "Hội viên sinh hoạt ở chi hội vào một ngày (mặc định hôm nay)",
    request: { params: idParam, query: communeQuery.extend(dateQuery.shape) },
    responses: { 200: jsonContent(chapterMembersResponse, "Hội viên của chi hội") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const { date = todayIso(), communeId } = c.req.valid("query");
    const list = await chapterMembers(c.get("db"), actor, c.req.valid("param").id, date, communeId);
    await logProcessing(c.get("db"), actor, {
      action: "list",
      kind: "members",
      format: "json",
      recordIds: list.members.map((m) => m.id),
      filter: { chapterId: list.chapter.id, date },
      unitId: list.members[0]?.commune.id ?? null,
    });
    return c.json(list, 200);
  },
);

associationListRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/chapters/summary",
    tags,
    summary:
      "Các chi hội của một xã, phường theo loại, với số hội viên, hội viên nữ, hội viên tập thể và hội phí đã thu vào một ngày",
    request: { params: idParam, query: dateQuery },
    responses: { 200: jsonContent(chapterSummaryResponse, "Cây chi hội và số liệu") },
  }),
  async (c) => {
    const date = c.req.valid("query").date ?? todayIso();
    return c.json(await chapterSummary(c.get("db"), requireActor(c), c.req.valid("param").id, date), 200);
  },
);
