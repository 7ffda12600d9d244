import { createRoute, z } from "@hono/zod-openapi";
import { auditListResponse } from "../../../shared/api";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { listAudit } from "./audit.service";

export const auditRoutes = createRouter();

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["Nhật ký"],
    summary: "Nhật ký thay đổi: ai, khi nào, trước và sau",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive().optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
      }),
    },
    responses: { 200: jsonContent(auditListResponse, "Các mục nhật ký") },
  }),
  async (c) => c.json(await listAudit(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);
