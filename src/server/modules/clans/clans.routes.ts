import { createRoute, z } from "@hono/zod-openapi";
import { importReport } from "../../../shared/api";
import { clan, clanHouseholdsRequest, clanInput, clanListResponse, clanUpdate } from "../../../shared/clans";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { clanTemplate, exportClans, importClans } from "./clans.import";
import { archiveClan, createClan, getClan, listClans, setClanHouseholds, updateClan } from "./clans.service";

export const clanRoutes = createRouter();
const tags = ["Dòng họ"];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } };

clanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/clans",
    tags,
    summary: "Dòng họ của một xã, phường, tìm theo tên dòng họ hoặc trưởng họ không dấu",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().optional(),
        archived: z.enum(["0", "1"]).optional(),
        offset: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: { 200: jsonContent(clanListResponse, "Danh sách dòng họ") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    return c.json(
      await listClans(c.get("db"), requireActor(c), { ...query, archived: query.archived === "1" }),
      200,
    );
  },
);

clanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/clans/template.xlsx",
    tags,
    summary: "Mẫu Excel danh sách dòng họ",
    responses: xlsxResponse,
  }),
  async (c) => {
    requireActor(c);
    return c.body(new Uint8Array(await clanTemplate()), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="mau-danh-sach-dong-ho.xlsx"',
    });
  },
);

clanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/clans/export.xlsx",
    tags,
    summary: "Xuất danh sách dòng họ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: xlsxResponse,
  }),
  async (c) => {
    const bytes = await exportClans(c.get("db"), requireActor(c), c.req.valid("query").unitId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="danh-sach-dong-ho.xlsx"',
    });
  },
);

clanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/clans/{id}",
    tags,
    summary: "Một dòng họ, với các hộ thành viên",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ clan }), "Dòng họ") },
  }),
  async (c) => c.json({ clan: await getClan(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

clanRoutes.openapi(
  createRoute({
    method: "post",
    path: "/clans",
    tags,
    summary: "Thêm dòng họ vào một xã, phường",
    request: { body: { content: { "application/json": { schema: clanInput } }, required: true } },
    responses: { 201: jsonContent(z.object({ clan }), "Đã tạo") },
  }),
  async (c) => c.json({ clan: await createClan(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

clanRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/clans/{id}",
    tags,
    summary: "Sửa tên dòng họ, trưởng họ",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: clanUpdate } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ clan }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await updateClan(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ clan: updated }, 200);
  },
);

clanRoutes.openapi(
  createRoute({
    method: "put",
    path: "/clans/{id}/households",
    tags,
    summary: "Đặt các hộ thành viên của dòng họ (hộ của cùng xã, phường)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: clanHouseholdsRequest } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ clan }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await setClanHouseholds(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json").householdIds,
    );
    return c.json({ clan: updated }, 200);
  },
);

clanRoutes.openapi(
  createRoute({
    method: "post",
    path: "/clans/{id}/archive",
    tags,
    summary: "Lưu trữ dòng họ",
    request: { params: idParam },
    responses: { 204: { description: "Đã lưu trữ" } },
  }),
  async (c) => {
    await archiveClan(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

clanRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/clans/import",
    tags,
    summary: "Nhập danh sách dòng họ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
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
    const report = await importClans(
      c.get("db"),
      actor,
      c.req.valid("param").id,
      file,
      c.req.valid("query").dryRun === "1",
    );
    return c.json(report, 200);
  },
);
