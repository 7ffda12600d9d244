import { createRoute, z } from "@hono/zod-openapi";
import { isoDate, recordVersion } from "../../../shared/api";
import { planTarget, targetPercent } from "../../../shared/plan-targets";
import { targetSubjects } from "../../../shared/stats";
import { createRouter, idParam, jsonContent, requireActor, staleResponse } from "../../http/context";
import { resolutionRule, statusRule } from "./target-progress";
import { createTarget, deleteTarget, listTargets, targetMetrics, updateTarget } from "./targets.service";

export const targetRoutes = createRouter();
const tags = ["Chỉ tiêu"];

const basisInput = z.object({
  number: z.string().trim().min(1, "Thiếu số văn bản").max(100, "Số văn bản tối đa 100 ký tự"),
  signedOn: isoDate.nullable().optional(),
  issuer: z.string().trim().min(1, "Thiếu cơ quan ban hành").max(200, "Cơ quan ban hành tối đa 200 ký tự"),
  name: z.string().max(500, "Trích yếu tối đa 500 ký tự").optional(),
});
const percentValue = targetPercent;

const target = z.object({
  id: z.number(),
  title: z.enum(targetSubjects).openapi({ description: "Danh hiệu, hoặc association: Hội Khuyến học" }),
  metric: z.enum(targetMetrics),
  year: z.number(),
  value: z.number().openapi({ description: "Phần trăm, 2 chữ số thập phân" }),
  variant: z.enum(["standard", "difficult"]).openapi({
    description: "difficult: mức cho vùng khó khăn (chưa áp dụng: đơn vị chưa có thuộc tính này)",
  }),
  indicator: z.string(),
  note: z.string().nullable(),
  source: z.enum(["national", "local"]),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.string() }).nullable(),
  basis: z.object({
    id: z.number(),
    number: z.string(),
    signedOn: z.string().nullable(),
    issuer: z.string(),
    name: z.string(),
    confirmed: z
      .boolean()
      .openapi({ description: "false: mức lấy từ nguồn thứ cấp, chưa đối chiếu văn bản gốc" }),
    note: z.string().nullable(),
    text: z.string(),
  }),
  setBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().openapi({ description: "Gửi kèm khi sửa (PATCH); bản cũ hơn bị từ chối với 409" }),
});

const listResponse = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.string(), kind: z.string() }),
  targets: z.array(
    target.extend({
      inEffect: z.boolean().openapi({
        description:
          "Đang áp dụng cho đơn vị: không có chỉ tiêu của đơn vị gần hơn cho cùng danh hiệu, chỉ số, năm",
      }),
    }),
  ),
  year: z.number().optional(),
  resolved: z
    .array(z.object({ title: z.enum(targetSubjects), metric: z.enum(targetMetrics), target }))
    .optional()
    .openapi({ description: `Chỉ tiêu áp dụng cho năm đã chọn. ${resolutionRule}` }),
});

targetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/targets",
    tags,
    summary: "Các chỉ tiêu áp dụng cho một đơn vị: quốc gia, của cấp trên và của chính đơn vị",
    description: `${resolutionRule} ${statusRule}`,
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
    },
    responses: { 200: jsonContent(listResponse, "Danh sách chỉ tiêu") },
  }),
  async (c) => c.json(await listTargets(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

targetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/targets",
    tags,
    summary: "Đặt chỉ tiêu riêng cho một tỉnh, thành phố hoặc xã, phường (quản trị đơn vị hoặc cấp trên)",
    request: {
      body: {
        required: true,
        content: {
          "application/json": {
            // A plan's target (title, metric, year, value) with the unit, its basis and a note.
            schema: z.object({
              ...planTarget.shape,
              unitId: z.number().int().positive(),
              basis: basisInput,
              note: z.string().max(1000, "Ghi chú tối đa 1000 ký tự").nullable().optional(),
            }),
          },
        },
      },
    },
    responses: { 201: jsonContent(z.object({ target }), "Đã đặt chỉ tiêu") },
  }),
  async (c) => c.json({ target: await createTarget(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

targetRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/targets/{id}",
    tags,
    summary: "Sửa mức, văn bản căn cứ hoặc ghi chú của một chỉ tiêu riêng",
    request: {
      params: idParam,
      body: {
        required: true,
        content: {
          "application/json": {
            schema: z.object({
              value: percentValue.optional(),
              basis: basisInput.optional(),
              note: z.string().max(1000, "Ghi chú tối đa 1000 ký tự").nullable().optional(),
              version: recordVersion,
            }),
          },
        },
      },
    },
    responses: { 200: jsonContent(z.object({ target }), "Đã lưu"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      {
        target: await updateTarget(
          c.get("db"),
          requireActor(c),
          c.req.valid("param").id,
          c.req.valid("json"),
        ),
      },
      200,
    ),
);

targetRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/targets/{id}",
    tags,
    summary: "Xóa một chỉ tiêu riêng (đơn vị trở lại dùng chỉ tiêu của cấp trên hoặc quốc gia)",
    request: { params: idParam },
    responses: { 204: { description: "Đã xóa" } },
  }),
  async (c) => {
    await deleteTarget(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);
