import { createRoute, z } from "@hono/zod-openapi";
import { importReport } from "../../../shared/api";
import {
  archiveRequest,
  household,
  householdInput,
  householdListResponse,
  householdUpdate,
} from "../../../shared/registries";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { exportHouseholds } from "./households.export";
import { householdTemplate, importHouseholds } from "./households.import";
import {
  archiveHousehold,
  createHousehold,
  getHousehold,
  listHouseholds,
  updateHousehold,
} from "./households.service";

export const householdRoutes = createRouter();
const tags = ["Hộ gia đình"];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export { uploadedFile };

householdRoutes.openapi(
  createRoute({
    method: "get",
    path: "/households",
    tags,
    summary: "Hộ gia đình của một đơn vị (xã hoặc thôn), tìm theo tên chủ hộ không dấu hoặc mã hộ",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().optional(),
        archived: z.enum(["0", "1"]).optional(),
        offset: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: { 200: jsonContent(householdListResponse, "Danh sách hộ") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    return c.json(
      await listHouseholds(c.get("db"), requireActor(c), { ...query, archived: query.archived === "1" }),
      200,
    );
  },
);

householdRoutes.openapi(
  createRoute({
    method: "get",
    path: "/households/template.xlsx",
    tags,
    summary: "Mẫu Excel danh sách hộ gia đình",
    responses: { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } },
  }),
  async (c) => {
    requireActor(c);
    return c.body(new Uint8Array(await householdTemplate()), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="mau-danh-sach-ho.xlsx"',
    });
  },
);

householdRoutes.openapi(
  createRoute({
    method: "get",
    path: "/households/export.xlsx",
    tags,
    summary: "Xuất danh sách hộ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const bytes = await exportHouseholds(c.get("db"), requireActor(c), c.req.valid("query").unitId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="danh-sach-ho.xlsx"',
    });
  },
);

householdRoutes.openapi(
  createRoute({
    method: "get",
    path: "/households/{id}",
    tags,
    summary: "Một hộ gia đình",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ household }), "Hộ gia đình") },
  }),
  async (c) =>
    c.json({ household: await getHousehold(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

householdRoutes.openapi(
  createRoute({
    method: "post",
    path: "/households",
    tags,
    summary: "Thêm hộ gia đình vào một thôn, tổ dân phố",
    request: { body: { content: { "application/json": { schema: householdInput } }, required: true } },
    responses: { 201: jsonContent(z.object({ household }), "Đã tạo") },
  }),
  async (c) =>
    c.json({ household: await createHousehold(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

householdRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/households/{id}",
    tags,
    summary: "Sửa hộ gia đình (chuyển thôn trong cùng xã, đổi chủ hộ, số nhân khẩu...)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: householdUpdate } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ household }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await updateHousehold(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ household: updated }, 200);
  },
);

householdRoutes.openapi(
  createRoute({
    method: "post",
    path: "/households/{id}/archive",
    tags,
    summary: "Lưu trữ hộ (chuyển đi, nhập hộ, không còn)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: archiveRequest } }, required: true },
    },
    responses: { 204: { description: "Đã lưu trữ" } },
  }),
  async (c) => {
    await archiveHousehold(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("json").reason);
    return c.body(null, 204);
  },
);

householdRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/households/import",
    tags,
    summary: "Nhập danh sách hộ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
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
    const report = await importHouseholds(
      c.get("db"),
      actor,
      c.req.valid("param").id,
      file,
      c.req.valid("query").dryRun === "1",
    );
    return c.json(report, 200);
  },
);
