import { createRoute, z } from "@hono/zod-openapi";
import {
  commendation,
  commendationCreate,
  commendationFilter,
  commendationRule,
  commendationUpdate,
  proposalList as proposalSchema,
  ruleCreate,
  commendationStats as statsSchema,
} from "../../../shared/commendations";
import { asActor } from "../../auth/scope";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
  xlsxContent,
  xlsxResponse,
} from "../../http/context";
import { logExport } from "../readlog/processing-log";
import { readableUnitRow } from "../territory/territory.repo";
import {
  createCommendation,
  deleteCommendation,
  listCommendations,
  updateCommendation,
} from "./commendations.service";
import { proposalFileName, proposalSheet, registerSheet } from "./export";
import { createRule, deleteRule, listRules, proposalList } from "./rules.service";
import { commendationStats } from "./stats.service";

export const commendationRoutes = createRouter();
const tags = ["Khen thưởng"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const yearQuery = z.object({ year: z.coerce.number().int().min(1945).max(2100) });
const listBody = z.object({ commendations: z.array(commendation), more: z.boolean() });
/** A rule's unit: a commune, or the province for the province's rules (the rule's `unit`). */
const ruleUnitQuery = z.object({
  communeId: communeQuery.shape.communeId.openapi({
    description: "Đơn vị của quy tắc (tùy chọn): xã, phường hoặc tỉnh; cho biết thì chỉ tìm trong đơn vị đó",
  }),
});

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/commendations",
    tags,
    summary:
      "Sổ khen thưởng của một đơn vị và các đơn vị trực thuộc, lọc theo năm, hình thức, cấp, loại đối tượng",
    request: { query: commendationFilter },
    responses: { 200: jsonContent(listBody, "Khen thưởng") },
  }),
  async (c) => c.json(await listCommendations(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/commendations/export.xlsx",
    tags,
    summary: "Sổ khen thưởng (.xlsx) với cùng bộ lọc như danh sách",
    request: { query: commendationFilter },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const filter = c.req.valid("query");
    const actor = requireActor(c);
    const unit = await asActor(c.get("db"), actor, (tx) => readableUnitRow(tx, actor, filter.unitId));
    const { commendations } = await listCommendations(c.get("db"), actor, filter);
    const { sheet, rows } = registerSheet(unit.name, commendations, filter.year);
    const exportedBy = await logExport(c.get("db"), actor, {
      kind: "commendations",
      format: "xlsx",
      recordIds: commendations.map((x) => x.id),
      filter,
      unitId: filter.unitId,
    });
    return xlsxResponse(
      c,
      { ...sheet, exportedBy },
      rows,
      `so-khen-thuong-${unit.id}${filter.year ? `-${filter.year}` : ""}.xlsx`,
    );
  },
);

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/commendations/stats",
    tags,
    summary:
      "Số khen thưởng của một đơn vị (cả các đơn vị trực thuộc) trong một năm, theo hình thức và theo cấp (từ bộ đếm)",
    request: { query: yearQuery.extend({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(statsSchema, "Số khen thưởng") },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid("query");
    return c.json(await commendationStats(c.get("db"), requireActor(c), unitId, year), 200);
  },
);

commendationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/commendations",
    tags,
    summary:
      "Ghi một khen thưởng: đối tượng trong sổ theo dõi của xã (tên được chép lúc ghi) hoặc ghi tên, hình thức, cấp, quyết định",
    request: body(commendationCreate),
    responses: { 201: jsonContent(z.object({ commendation }), "Đã ghi") },
  }),
  async (c) =>
    c.json(
      { commendation: await createCommendation(c.get("db"), requireActor(c), c.req.valid("json")) },
      201,
    ),
);

commendationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/commendations/{id}",
    tags,
    summary: "Sửa một khen thưởng (gửi kèm version đã mở)",
    request: { params: idParam, query: communeQuery, ...body(commendationUpdate) },
    responses: { 200: jsonContent(z.object({ commendation }), "Đã sửa"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      {
        commendation: await updateCommendation(
          c.get("db"),
          requireActor(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.req.valid("query").communeId,
        ),
      },
      200,
    ),
);

commendationRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/commendations/{id}",
    tags,
    summary: "Xóa một khen thưởng ghi nhầm (nhật ký giữ lại bản ghi); gửi version đã mở",
    request: { params: idParam, query: communeQuery.extend({ version: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.object({ deleted: z.boolean() }), "Đã xóa"), ...staleResponse },
  }),
  async (c) => {
    await deleteCommendation(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("query").version,
      c.req.valid("query").communeId,
    );
    return c.json({ deleted: true }, 200);
  },
);

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/commendation-rules",
    tags,
    summary: "Quy tắc đề nghị khen thưởng áp dụng cho một đơn vị: của đơn vị và của tỉnh",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.object({ rules: z.array(commendationRule) }), "Quy tắc") },
  }),
  async (c) => c.json(await listRules(c.get("db"), requireActor(c), c.req.valid("query").unitId), 200),
);

commendationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/commendation-rules",
    tags,
    summary: "Thêm một quy tắc đề nghị khen thưởng của xã, phường hoặc tỉnh",
    request: body(ruleCreate),
    responses: { 201: jsonContent(z.object({ rule: commendationRule }), "Đã thêm") },
  }),
  async (c) => c.json({ rule: await createRule(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

commendationRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/commendation-rules/{id}",
    tags,
    summary: "Bỏ một quy tắc đề nghị khen thưởng",
    request: { params: idParam, query: ruleUnitQuery },
    responses: { 200: jsonContent(z.object({ deleted: z.boolean() }), "Đã bỏ") },
  }),
  async (c) => {
    await deleteRule(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("query").communeId);
    return c.json({ deleted: true }, 200);
  },
);

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/commendation-proposals",
    tags,
    summary: "Danh sách đề nghị khen thưởng của một xã, phường trong một năm, theo các quy tắc áp dụng",
    request: { params: idParam, query: yearQuery },
    responses: { 200: jsonContent(proposalSchema, "Danh sách đề nghị") },
  }),
  async (c) =>
    c.json(
      await proposalList(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("query").year),
      200,
    ),
);

commendationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/commendation-proposals.xlsx",
    tags,
    summary: "Danh sách đề nghị khen thưởng (.xlsx) trình Hội đồng Thi đua – Khen thưởng của xã, phường",
    request: { params: idParam, query: yearQuery },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const actor = requireActor(c);
    const { id: unitId } = c.req.valid("param");
    const { year } = c.req.valid("query");
    const list = await proposalList(c.get("db"), actor, unitId, year);
    const { sheet, rows } = proposalSheet(list);
    const exportedBy = await logExport(c.get("db"), actor, {
      kind: "commendation_proposals",
      format: "xlsx",
      recordCount: rows.length,
      filter: { unitId, year },
      unitId,
    });
    return xlsxResponse(c, { ...sheet, exportedBy }, rows, proposalFileName(list));
  },
);
