/**
 * A centre's yearly plan and plan vs done: /centres/{id}/plans/{year}…, and the totals of a unit's subtree. The
 * centre's routes take its commune, optional (`?communeId=`, which the web sends): given, the centre is looked for
 * there alone (one shard, docs/SCALE-OUT.md) and a centre of another commune is not found.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  centrePlan,
  planApprove,
  planProgress as planProgressSchema,
  planReopen,
  planSave,
  planSummary as planSummarySchema,
} from "../../../shared/centre-plan";
import { communeQuery, createRouter, jsonContent, requireActor, staleResponse } from "../../http/context";
import { approvePlan, getPlan, reopenPlan, savePlan } from "./centre-plan.service";
import { planProgress, planSummary } from "./plan-progress";

export const centrePlanRoutes = createRouter();
const tags = ["Trung tâm học tập cộng đồng"];
const base = "/centres/{id}/plans/{year}";
const params = z.object({
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
});
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const one = (description: string) => jsonContent(z.object({ plan: centrePlan }), description);

centrePlanRoutes.openapi(
  createRoute({
    method: "get",
    path: base,
    tags,
    summary: "Kế hoạch hoạt động năm của trung tâm, với nhu cầu theo khảo sát của năm bên cạnh mỗi mục",
    request: { params, query: communeQuery },
    responses: { 200: one("Kế hoạch (id null: chưa lập)") },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json({ plan: await getPlan(c.get("db"), requireActor(c), id, year, communeId) }, 200);
  },
);

centrePlanRoutes.openapi(
  createRoute({
    method: "put",
    path: base,
    tags,
    summary:
      "Lưu cả danh sách của kế hoạch đang lập (quý, hình thức, chủ đề, số lớp, buổi, số người dự kiến)",
    request: { params, query: communeQuery, ...body(planSave) },
    responses: { 200: one("Đã lưu"), ...staleResponse },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const plan = await savePlan(c.get("db"), requireActor(c), id, year, c.req.valid("json"), communeId);
    return c.json({ plan }, 200);
  },
);

centrePlanRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/approve`,
    tags,
    summary: "Duyệt kế hoạch (UBND xã, phường): kế hoạch đã duyệt không sửa được",
    request: { params, query: communeQuery, ...body(planApprove) },
    responses: { 200: one("Đã duyệt"), ...staleResponse },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const { version } = c.req.valid("json");
    const plan = await approvePlan(c.get("db"), requireActor(c), id, year, version, communeId);
    return c.json({ plan }, 200);
  },
);

centrePlanRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/reopen`,
    tags,
    summary: "Mở lại kế hoạch đã duyệt để sửa (ghi lý do)",
    request: { params, query: communeQuery, ...body(planReopen) },
    responses: { 200: one("Đã mở lại"), ...staleResponse },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { version, reason } = c.req.valid("json");
    const { communeId } = c.req.valid("query");
    const plan = await reopenPlan(c.get("db"), requireActor(c), id, year, version, reason, communeId);
    return c.json({ plan }, 200);
  },
);

centrePlanRoutes.openapi(
  createRoute({
    method: "get",
    path: `${base}/progress`,
    tags,
    summary: "Kế hoạch và thực hiện theo quý, hình thức, chủ đề (số lớp, buổi và số người)",
    request: { params, query: communeQuery },
    responses: { 200: jsonContent(planProgressSchema, "Kế hoạch và thực hiện") },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(await planProgress(c.get("db"), requireActor(c), id, year, communeId), 200);
  },
);

centrePlanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/centre-plans/summary",
    tags,
    summary:
      "Tổng hợp kế hoạch và thực hiện của các trung tâm trong một đơn vị, tỉ lệ thực hiện, số phiếu khảo sát",
    request: {
      params: z.object({ id: z.coerce.number().int().positive() }),
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    },
    responses: { 200: jsonContent(planSummarySchema, "Tổng hợp") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await planSummary(c.get("db"), requireActor(c), id, c.req.valid("query").year), 200);
  },
);
