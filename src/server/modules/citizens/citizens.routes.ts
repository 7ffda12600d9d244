import { createRoute, z } from "@hono/zod-openapi";
import { importReport } from "../../../shared/api";
import { citizen, citizenInput, citizenListResponse, citizenUpdate } from "../../../shared/citizens";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { citizenTemplate, exportCitizens, importCitizens } from "./citizens.import";
import { archiveCitizen, createCitizen, getCitizen, listCitizens, updateCitizen } from "./citizens.service";

export const citizenRoutes = createRouter();
const tags = ["Công dân học tập"];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } };

citizenRoutes.openapi(
  createRoute({
    method: "get",
    path: "/citizens",
    tags,
    summary:
      "Công dân của một đơn vị (xã hoặc thôn), tìm theo họ tên không dấu; chỉ người dùng có phạm vi mới xem được",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().optional(),
        archived: z.enum(["0", "1"]).optional(),
        offset: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: { 200: jsonContent(citizenListResponse, "Danh sách công dân") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    return c.json(
      await listCitizens(c.get("db"), requireActor(c), { ...query, archived: query.archived === "1" }),
      200,
    );
  },
);

citizenRoutes.openapi(
  createRoute({
    method: "get",
    path: "/citizens/template.xlsx",
    tags,
    summary: "Mẫu Excel danh sách công dân học tập",
    responses: xlsxResponse,
  }),
  async (c) => {
    requireActor(c);
    return c.body(new Uint8Array(await citizenTemplate()), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="mau-danh-sach-cong-dan.xlsx"',
    });
  },
);

citizenRoutes.openapi(
  createRoute({
    method: "get",
    path: "/citizens/export.xlsx",
    tags,
    summary: "Xuất danh sách công dân của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: xlsxResponse,
  }),
  async (c) => {
    const bytes = await exportCitizens(c.get("db"), requireActor(c), c.req.valid("query").unitId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="danh-sach-cong-dan.xlsx"',
    });
  },
);

citizenRoutes.openapi(
  createRoute({
    method: "get",
    path: "/citizens/{id}",
    tags,
    summary: "Một công dân",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ citizen }), "Công dân") },
  }),
  async (c) =>
    c.json({ citizen: await getCitizen(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

citizenRoutes.openapi(
  createRoute({
    method: "post",
    path: "/citizens",
    tags,
    summary: "Thêm công dân vào một thôn, tổ dân phố (họ tên, năm sinh, đối tượng)",
    request: { body: { content: { "application/json": { schema: citizenInput } }, required: true } },
    responses: { 201: jsonContent(z.object({ citizen }), "Đã tạo") },
  }),
  async (c) =>
    c.json({ citizen: await createCitizen(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

citizenRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/citizens/{id}",
    tags,
    summary: "Sửa công dân (chuyển thôn trong cùng xã, họ tên, năm sinh, đối tượng)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: citizenUpdate } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ citizen }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await updateCitizen(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ citizen: updated }, 200);
  },
);

citizenRoutes.openapi(
  createRoute({
    method: "post",
    path: "/citizens/{id}/archive",
    tags,
    summary: "Lưu trữ công dân (chuyển đi, mất)",
    request: { params: idParam },
    responses: { 204: { description: "Đã lưu trữ" } },
  }),
  async (c) => {
    await archiveCitizen(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

citizenRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/citizens/import",
    tags,
    summary: "Nhập danh sách công dân của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
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
    const report = await importCitizens(
      c.get("db"),
      actor,
      c.req.valid("param").id,
      file,
      c.req.valid("query").dryRun === "1",
    );
    return c.json(report, 200);
  },
);
