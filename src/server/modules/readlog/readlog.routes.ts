import { createRoute, z } from "@hono/zod-openapi";
import {
  breach,
  breachCreate,
  breachListResponse,
  breachUpdate,
  processingFilter,
  processingListResponse,
} from "../../../shared/readlog";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import { breachLetter, letterQuery } from "./breach-letter";
import { createBreach, getBreach, listBreaches, updateBreach } from "./breaches.service";
import { listProcessing, recordReaders } from "./processing.service";

export const readlogRoutes = createRouter();
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const logTags = ["Nhật ký xử lý dữ liệu cá nhân"];
const breachTags = ["Sự cố dữ liệu cá nhân"];
const breachBody = z.object({ breach });

readlogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/processing-log",
    tags: logTags,
    summary: "Nhật ký xử lý dữ liệu cá nhân: ai đã xem, xuất, in dữ liệu của người nào (quản trị đơn vị)",
    request: { query: processingFilter },
    responses: { 200: jsonContent(processingListResponse, "Các lần xem, xuất, in") },
  }),
  async (c) => c.json(await listProcessing(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

readlogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/processing-log/records/{kind}/{id}",
    tags: logTags,
    summary: "Ai đã xem dữ liệu của một người: các lần xem hồ sơ, danh sách và tệp xuất có người đó",
    request: { params: idParam.extend({ kind: z.string().regex(/^[a-z_]{1,40}$/) }), query: communeQuery },
    responses: { 200: jsonContent(processingListResponse, "Các lần xem, xuất, in") },
  }),
  async (c) => {
    const { kind, id } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(await recordReaders(c.get("db"), requireActor(c), kind, id, communeId), 200);
  },
);

readlogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-breaches",
    tags: breachTags,
    summary: "Sổ sự cố dữ liệu cá nhân của một đơn vị, với hạn thông báo 72 giờ",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive().optional(),
        open: z.enum(["0", "1"]).optional(),
      }),
    },
    responses: { 200: jsonContent(breachListResponse, "Các sự cố") },
  }),
  async (c) => {
    const { unitId, open } = c.req.valid("query");
    return c.json(await listBreaches(c.get("db"), requireActor(c), { unitId, open: open === "1" }), 200);
  },
);

readlogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/data-breaches",
    tags: breachTags,
    summary: "Ghi một sự cố dữ liệu cá nhân",
    request: body(breachCreate),
    responses: { 201: jsonContent(breachBody, "Đã ghi") },
  }),
  async (c) => c.json({ breach: await createBreach(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

readlogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-breaches/{id}",
    tags: breachTags,
    summary: "Một sự cố dữ liệu cá nhân",
    request: { params: idParam },
    responses: { 200: jsonContent(breachBody, "Sự cố") },
  }),
  async (c) =>
    c.json({ breach: await getBreach(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

readlogRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/data-breaches/{id}",
    tags: breachTags,
    summary: "Sửa sự cố: biện pháp, thời điểm và nơi đã thông báo, đóng sự cố",
    request: { params: idParam, ...body(breachUpdate) },
    responses: { 200: jsonContent(breachBody, "Đã lưu"), ...staleResponse },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    return c.json({ breach: await updateBreach(c.get("db"), requireActor(c), id, c.req.valid("json")) }, 200);
  },
);

readlogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-breaches/{id}/letter.docx",
    tags: breachTags,
    summary: "Thông báo sự cố gửi Bộ Công an (A05), .docx theo thể thức Nghị định 30/2020/NĐ-CP",
    request: { params: idParam, query: letterQuery },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const bytes = await breachLetter(c.get("db"), requireActor(c), id, c.req.valid("query"));
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="thong-bao-su-co-${id}.docx"`,
    });
  },
);
