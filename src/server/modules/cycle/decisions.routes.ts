/** The review meeting's outcome and the recognition or revocation decisions: draft, read, issue, cancel. */
import { createRoute, z } from "@hono/zod-openapi";
import { recordVersion } from "../../../shared/api";
import { decision, decisionRequest, reviewRequest } from "../../../shared/cycle";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import {
  cancelDraftDecision,
  draftDecision,
  getDecision,
  holdReview,
  issueDecision,
  listDecisions,
} from "./decisions.service";

export const decisionRoutes = createRouter();
/** The draft as the caller saw it (optional): a draft that changed since answers 409. */
const versionBody = z.object({ version: recordVersion.optional() });
const tags = ["Danh hiệu học tập"];

decisionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reviews",
    tags,
    summary: "Ghi kết quả họp bình xét: đề nghị hoặc không đề nghị công nhận từng hồ sơ",
    request: { body: { content: { "application/json": { schema: reviewRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ id: z.number() }), "Đã ghi"), ...staleResponse },
  }),
  async (c) => c.json(await holdReview(c.get("db"), requireActor(c), c.req.valid("json")), 201),
);

decisionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions",
    tags,
    summary: "Quyết định công nhận, thu hồi của một đơn vị",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().optional(),
      }),
    },
    responses: { 200: jsonContent(z.object({ decisions: z.array(decision) }), "Danh sách") },
  }),
  async (c) =>
    c.json({ decisions: await listDecisions(c.get("db"), requireActor(c), c.req.valid("query")) }, 200),
);

decisionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/decisions",
    tags,
    summary: "Lập dự thảo quyết định công nhận (danh sách đề nghị) hoặc thu hồi",
    request: { body: { content: { "application/json": { schema: decisionRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ decision }), "Đã lập") },
  }),
  async (c) =>
    c.json({ decision: await draftDecision(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

decisionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions/{id}",
    tags,
    summary: "Một quyết định",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(z.object({ decision }), "Quyết định") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const found = await getDecision(c.get("db"), requireActor(c), id, c.req.valid("query").communeId);
    return c.json({ decision: found }, 200);
  },
);

decisionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/decisions/{id}/issue",
    tags,
    summary: "Phê duyệt, ban hành quyết định (người khác người lập); hồ sơ bị khóa",
    request: {
      params: idParam,
      query: communeQuery,
      body: { content: { "application/json": { schema: versionBody } }, required: false },
    },
    responses: { 200: jsonContent(z.object({ decision }), "Đã ban hành"), ...staleResponse },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("json") ?? {};
    const { communeId } = c.req.valid("query");
    return c.json(
      { decision: await issueDecision(c.get("db"), requireActor(c), id, version, communeId) },
      200,
    );
  },
);

decisionRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/decisions/{id}",
    tags,
    summary:
      "Hủy dự thảo quyết định (chưa ban hành): hồ sơ công nhận trở lại danh sách đề nghị, hồ sơ thu hồi vẫn được công nhận",
    request: {
      params: idParam,
      query: communeQuery.extend({ version: z.coerce.number().int().positive().optional() }),
    },
    responses: {
      200: jsonContent(z.object({ id: z.number(), released: z.number() }), "Đã hủy dự thảo"),
      ...staleResponse,
    },
  }),
  async (c) =>
    c.json(
      await cancelDraftDecision(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").version,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);
