import { createRoute, z } from "@hono/zod-openapi";
import { importReport } from "../../../shared/api";
import {
  organization,
  organizationInput,
  organizationListResponse,
  organizationUpdate,
} from "../../../shared/organizations";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { exportOrganizations, importOrganizations, organizationTemplate } from "./organizations.import";
import {
  archiveOrganization,
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "./organizations.service";

export const organizationRoutes = createRouter();
const tags = ["Cơ quan, đơn vị"];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } };

organizationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/organizations",
    tags,
    summary: "Cơ quan, trường học, doanh nghiệp của một đơn vị, tìm theo tên không dấu hoặc mã",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().optional(),
        archived: z.enum(["0", "1"]).optional(),
        offset: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: { 200: jsonContent(organizationListResponse, "Danh sách cơ quan, đơn vị") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    return c.json(
      await listOrganizations(c.get("db"), requireActor(c), { ...query, archived: query.archived === "1" }),
      200,
    );
  },
);

organizationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/organizations/template.xlsx",
    tags,
    summary: "Mẫu Excel danh sách cơ quan, đơn vị",
    responses: xlsxResponse,
  }),
  async (c) => {
    requireActor(c);
    return c.body(new Uint8Array(await organizationTemplate()), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="mau-danh-sach-co-quan.xlsx"',
    });
  },
);

organizationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/organizations/export.xlsx",
    tags,
    summary: "Xuất danh sách cơ quan, đơn vị của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: xlsxResponse,
  }),
  async (c) => {
    const bytes = await exportOrganizations(c.get("db"), requireActor(c), c.req.valid("query").unitId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="danh-sach-co-quan.xlsx"',
    });
  },
);

organizationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/organizations/{id}",
    tags,
    summary: "Một cơ quan, đơn vị",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ organization }), "Cơ quan, đơn vị") },
  }),
  async (c) =>
    c.json(
      { organization: await getOrganization(c.get("db"), requireActor(c), c.req.valid("param").id) },
      200,
    ),
);

organizationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/organizations",
    tags,
    summary: "Thêm cơ quan, đơn vị vào một xã, phường hoặc thôn",
    request: { body: { content: { "application/json": { schema: organizationInput } }, required: true } },
    responses: { 201: jsonContent(z.object({ organization }), "Đã tạo") },
  }),
  async (c) =>
    c.json(
      { organization: await createOrganization(c.get("db"), requireActor(c), c.req.valid("json")) },
      201,
    ),
);

organizationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/organizations/{id}",
    tags,
    summary: "Sửa cơ quan, đơn vị (mã, tên, loại hình, nơi thuộc)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: organizationUpdate } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ organization }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await updateOrganization(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ organization: updated }, 200);
  },
);

organizationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/organizations/{id}/archive",
    tags,
    summary: "Lưu trữ cơ quan, đơn vị (giải thể, chuyển đi)",
    request: { params: idParam },
    responses: { 204: { description: "Đã lưu trữ" } },
  }),
  async (c) => {
    await archiveOrganization(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

organizationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/organizations/import",
    tags,
    summary: "Nhập danh sách cơ quan, đơn vị của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
    request: {
      params: idParam,
      query: z.object({ dryRun: z.enum(["0", "1"]).default("1") }),
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: jsonContent(importReport.extend({ converted: z.record(z.string(), z.string()) }), "Kết quả"),
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const file = await uploadedFile(c.req);
    const report = await importOrganizations(
      c.get("db"),
      actor,
      c.req.valid("param").id,
      file,
      c.req.valid("query").dryRun === "1",
    );
    return c.json(report, 200);
  },
);
