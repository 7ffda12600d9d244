import { createRoute, z } from "@hono/zod-openapi";
import {
  createVillageRequest,
  importReport,
  isoDate,
  mergeUnitRequest,
  renameUnitRequest,
  retireUnitRequest,
  unitDetailResponse,
  unitListResponse,
  unitSearchResponse,
  unitSummary,
} from "../../../shared/api";
import { createRouter, idParam, jsonContent, requireActor, staleResponse } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import {
  createVillage,
  findUnits,
  getChildren,
  getRoots,
  getUnitDetail,
  mergeVillage,
  renameVillage,
  retireVillage,
} from "./territory.service";
import { importVillages, villageTemplate } from "./villages.import";

export const territoryRoutes = createRouter();

const tags = ["Đơn vị hành chính"];
const dateQuery = z.object({ date: isoDate.optional() });
const done = { 204: { description: "Đã lưu" }, ...staleResponse };

territoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/roots",
    tags,
    summary: "Đơn vị gốc của cây trong phạm vi người dùng, theo ranh giới tại một ngày",
    request: { query: dateQuery },
    responses: { 200: jsonContent(unitListResponse, "Danh sách đơn vị") },
  }),
  async (c) => {
    const units = await getRoots(c.get("db"), requireActor(c), c.req.valid("query").date);
    return c.json({ units }, 200);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/search",
    tags,
    summary: "Tìm đơn vị, không phân biệt dấu và chữ hoa ('tay ho' tìm được 'Tây Hồ')",
    request: {
      query: z.object({
        q: z.string().min(1, "Nhập từ khóa"),
        date: isoDate.optional(),
        anyDate: z.enum(["0", "1"]).optional(),
      }),
    },
    responses: { 200: jsonContent(unitSearchResponse, "Kết quả tìm") },
  }),
  async (c) => {
    const { q, date, anyDate } = c.req.valid("query");
    const units = await findUnits(c.get("db"), requireActor(c), q, { date, anyDate: anyDate === "1" });
    return c.json({ units }, 200);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/villages/template.xlsx",
    tags,
    summary: "Mẫu Excel danh sách thôn, tổ dân phố",
    responses: {
      200: {
        description: "Tệp .xlsx",
        content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.any() } },
      },
    },
  }),
  async (c) => {
    requireActor(c);
    const bytes = await villageTemplate();
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="mau-danh-sach-thon.xlsx"',
    });
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}",
    tags,
    summary: "Một đơn vị: cấp trên, lịch sử (tiền thân, kế thừa) và quyền của người dùng",
    request: { params: idParam, query: dateQuery },
    responses: { 200: jsonContent(unitDetailResponse, "Đơn vị") },
  }),
  async (c) => {
    const unit = await getUnitDetail(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("query").date,
    );
    return c.json({ unit }, 200);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/children",
    tags,
    summary: "Đơn vị trực thuộc có hiệu lực tại một ngày",
    request: { params: idParam, query: dateQuery },
    responses: { 200: jsonContent(unitListResponse, "Danh sách đơn vị") },
  }),
  async (c) => {
    const units = await getChildren(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("query").date,
    );
    return c.json({ units }, 200);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/villages",
    tags,
    summary: "Thêm thôn, tổ dân phố vào một xã, phường",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: createVillageRequest } }, required: true },
    },
    responses: { 201: jsonContent(z.object({ unit: unitSummary }), "Đã tạo") },
  }),
  async (c) => {
    const unit = await createVillage(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ unit }, 201);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/units/{id}",
    tags,
    summary: "Đổi tên thôn, tổ dân phố",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: renameUnitRequest } }, required: true },
    },
    responses: done,
  }),
  async (c) => {
    const { name, version } = c.req.valid("json");
    await renameVillage(c.get("db"), requireActor(c), c.req.valid("param").id, name, version);
    return c.body(null, 204);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/retire",
    tags,
    summary: "Cho thôn, tổ dân phố hết hiệu lực từ một ngày",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: retireUnitRequest } }, required: true },
    },
    responses: done,
  }),
  async (c) => {
    const { date, version } = c.req.valid("json");
    await retireVillage(c.get("db"), requireActor(c), c.req.valid("param").id, date, version);
    return c.body(null, 204);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/merge",
    tags,
    summary: "Sáp nhập thôn, tổ dân phố vào một thôn khác cùng xã",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: mergeUnitRequest } }, required: true },
    },
    responses: done,
  }),
  async (c) => {
    await mergeVillage(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("json"));
    return c.body(null, 204);
  },
);

territoryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/villages/import",
    tags,
    summary: "Nhập danh sách thôn, tổ dân phố từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
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
    responses: { 200: jsonContent(importReport, "Kết quả kiểm tra hoặc nhập") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const file = await uploadedFile(c.req, { maxBytes: 5_000_000 });
    const report = await importVillages(
      c.get("db"),
      actor,
      c.req.valid("param").id,
      file,
      c.req.valid("query").dryRun === "1",
    );
    return c.json(report, 200);
  },
);
