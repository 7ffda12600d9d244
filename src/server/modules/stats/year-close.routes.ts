/** Closing and reopening a year's figures: /stats/year-close (docs/STATISTICS.md, "Closing a year"). */
import { createRoute, z } from "@hono/zod-openapi";
import { yearCloseRequest, yearReopenRequest } from "../../../shared/year-close";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { closeYear, reopenYear, yearCloseStatus } from "./year-close.service";

export const yearCloseRoutes = createRouter();
const tags = ["Thống kê"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });

const status = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.string() }),
  year: z.number(),
  state: z
    .enum(["closed", "partly", "open"])
    .openapi({ description: "closed: mọi xã đã khóa; partly: một số xã; open: chưa xã nào" }),
  communes: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      issuedDecisions: z.number().openapi({ description: "Số quyết định công nhận của năm đã ban hành" }),
      draftDecisions: z.number().openapi({ description: "Số quyết định của năm còn là dự thảo" }),
      closure: z.object({ id: z.number(), closedAt: z.string(), closedByName: z.string() }).nullable(),
      blocker: z
        .string()
        .nullable()
        .openapi({ description: "Lý do chưa khóa được (null: khóa được hoặc đã khóa)" }),
    }),
  ),
  history: z.array(
    z.object({
      communeId: z.number(),
      communeName: z.string(),
      closedAt: z.string(),
      closedByName: z.string(),
      reopenedAt: z.string().nullable(),
      reopenedByName: z.string().nullable(),
      reopenReason: z.string().nullable(),
    }),
  ),
  canClose: z.boolean().openapi({ description: "Người gọi được khóa và mở lại (stats.year.close)" }),
});

yearCloseRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/year-close",
    tags,
    summary: "Tình trạng khóa số liệu năm của một xã (hoặc các xã của một tỉnh) và lịch sử khóa, mở lại",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().min(2000).max(2100),
      }),
    },
    responses: { 200: jsonContent(status, "Tình trạng khóa số liệu năm") },
  }),
  async (c) => c.json(await yearCloseStatus(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

yearCloseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stats/year-close",
    tags,
    summary:
      "Khóa số liệu năm: chốt tổng số (hộ, dòng họ, thôn, đơn vị, công dân…) để tỷ lệ của năm không đổi theo sổ hôm nay. Xã: sau khi ban hành quyết định của năm (không còn dự thảo); tỉnh: khóa cho mọi xã khóa được",
    request: body(yearCloseRequest),
    responses: {
      200: jsonContent(
        status.extend({
          closedNow: z.array(z.number()).openapi({ description: "Các xã vừa khóa" }),
          skipped: z
            .array(z.object({ id: z.number(), name: z.string(), reason: z.string() }))
            .openapi({ description: "Các xã chưa khóa và lý do" }),
        }),
        "Đã khóa (409: chưa khóa được vì quyết định của năm chưa ban hành, hoặc đã khóa)",
      ),
    },
  }),
  async (c) => c.json(await closeYear(c.get("db"), requireActor(c), c.req.valid("json")), 200),
);

yearCloseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stats/year-close/reopen",
    tags,
    summary:
      "Mở lại số liệu năm đã khóa (ghi lý do): tỷ lệ của năm lại tính trên tổng số hôm nay; lần khóa cũ vẫn lưu trong lịch sử",
    request: body(yearReopenRequest),
    responses: {
      200: jsonContent(
        status.extend({ reopenedNow: z.array(z.number()).openapi({ description: "Các xã vừa mở lại" }) }),
        "Đã mở lại (409: năm chưa khóa)",
      ),
    },
  }),
  async (c) => c.json(await reopenYear(c.get("db"), requireActor(c), c.req.valid("json")), 200),
);
