import { createRoute, z } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import {
  dataRequest,
  dataRequestCreate,
  dataRequestFilter,
  dataRequestUpdate,
  eraseBody,
  linkRecords,
  personMatch,
  personSearch,
  publicHoliday,
  publicHolidayCreate,
} from "../../../shared/privacy-requests";
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
import { copySheet, personCopy } from "./copy";
import { addHoliday, listHolidays, removeHoliday } from "./holidays.service";
import {
  createRequest,
  eraseRequest,
  getRequest,
  linkRequestRecords,
  listRequests,
  requestMatches,
  updateRequest,
} from "./requests.service";

export const privacyRequestRoutes = createRouter();
const tags = ["Yêu cầu của chủ thể dữ liệu"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const one = (description: string) => jsonContent(z.object({ request: dataRequest }), description);

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-requests",
    tags,
    summary: "Sổ yêu cầu của chủ thể dữ liệu của một đơn vị (quản trị xã, phường), lọc theo trạng thái",
    request: { query: dataRequestFilter },
    responses: { 200: jsonContent(z.object({ requests: z.array(dataRequest) }), "Yêu cầu") },
  }),
  async (c) =>
    c.json({ requests: await listRequests(c.get("db"), requireActor(c), c.req.valid("query")) }, 200),
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "post",
    path: "/data-requests",
    tags,
    summary: "Ghi một yêu cầu: người yêu cầu, loại, ngày nhận, hình thức; hạn trả lời 2 ngày làm việc",
    request: body(dataRequestCreate),
    responses: { 201: one("Đã ghi") },
  }),
  async (c) =>
    c.json({ request: await createRequest(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-requests/{id}",
    tags,
    summary: "Một yêu cầu",
    request: { params: idParam, query: communeQuery },
    responses: { 200: one("Yêu cầu") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      { request: await getRequest(c.get("db"), requireActor(c), c.req.valid("param").id, communeId) },
      200,
    );
  },
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/data-requests/{id}",
    tags,
    summary: "Đổi trạng thái (đã phản hồi, xong, từ chối kèm lý do), kết quả, ghi chú (gửi kèm version)",
    request: { params: idParam, query: communeQuery, ...body(dataRequestUpdate) },
    responses: { 200: one("Đã lưu"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      {
        request: await updateRequest(
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

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-requests/{id}/matches",
    tags,
    summary:
      "Tìm mọi hồ sơ về người yêu cầu trong xã, phường: tên (không dấu), năm sinh, thôn; mọi sổ và mô-đun",
    request: { params: idParam, query: personSearch.merge(communeQuery) },
    responses: { 200: jsonContent(z.object({ matches: z.array(personMatch) }), "Hồ sơ tìm được") },
  }),
  async (c) => {
    const { communeId, ...search } = c.req.valid("query");
    const matches = await requestMatches(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      search,
      communeId,
    );
    return c.json({ matches }, 200);
  },
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "put",
    path: "/data-requests/{id}/records",
    tags,
    summary: "Gắn các hồ sơ đã xác định là của người yêu cầu (thay cả danh sách)",
    request: { params: idParam, query: communeQuery, ...body(linkRecords) },
    responses: { 200: one("Đã gắn"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      {
        request: await linkRequestRecords(
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

privacyRequestRoutes.openapi(
  createRoute({
    method: "post",
    path: "/data-requests/{id}/erase",
    tags,
    summary:
      "Thực hiện yêu cầu xóa: xóa, lưu trữ hoặc thay tên bằng bí danh nơi quy định không cho xóa; ghi việc đã làm",
    request: { params: idParam, query: communeQuery, ...body(eraseBody) },
    responses: { 200: one("Đã xử lý"), ...staleResponse },
  }),
  async (c) =>
    c.json(
      {
        request: await eraseRequest(
          c.get("db"),
          requireActor(c),
          c.req.valid("param").id,
          c.req.valid("json").version,
          c.req.valid("query").communeId,
        ),
      },
      200,
    ),
);

const copySchema = z.object({
  request: z.object({
    id: z.number(),
    kind: z.string(),
    personName: z.string(),
    receivedOn: z.string(),
    commune: z.string(),
  }),
  exportedAt: z.string(),
  exportedBy: z.string(),
  records: z.array(
    z.object({
      source: z.string(),
      label: z.string(),
      id: z.number(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-requests/{id}/copy.json",
    tags,
    summary: "Bản sao dữ liệu của người yêu cầu (các hồ sơ đã gắn), JSON",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(copySchema, "Bản sao") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    const copy = await personCopy(c.get("db"), requireActor(c), c.req.valid("param").id, communeId);
    c.header("Content-Disposition", `attachment; filename="du-lieu-ca-nhan-${copy.request.id}.json"`);
    return c.json(copy, 200);
  },
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/data-requests/{id}/copy.xlsx",
    tags,
    summary: "Bản sao dữ liệu của người yêu cầu (các hồ sơ đã gắn), Excel",
    request: { params: idParam, query: communeQuery },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    const copy = await personCopy(c.get("db"), requireActor(c), c.req.valid("param").id, communeId);
    const { sheet, rows } = copySheet(copy);
    return xlsxResponse(c, sheet, rows, `du-lieu-ca-nhan-${copy.request.id}.xlsx`);
  },
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public-holidays",
    tags,
    summary: "Ngày nghỉ lễ (bỏ qua khi tính hạn theo ngày làm việc)",
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: { 200: jsonContent(z.object({ holidays: z.array(publicHoliday) }), "Ngày nghỉ lễ") },
  }),
  async (c) =>
    c.json({ holidays: await listHolidays(c.get("db"), requireActor(c), c.req.valid("query").year) }, 200),
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "post",
    path: "/public-holidays",
    tags,
    summary: "Thêm một ngày nghỉ lễ (Quản trị hệ thống)",
    request: body(publicHolidayCreate),
    responses: { 201: jsonContent(z.object({ holiday: publicHoliday }), "Đã thêm") },
  }),
  async (c) => c.json({ holiday: await addHoliday(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

privacyRequestRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/public-holidays/{day}",
    tags,
    summary: "Bỏ một ngày nghỉ lễ (Quản trị hệ thống)",
    request: { params: z.object({ day: isoDate }) },
    responses: { 200: jsonContent(z.object({ deleted: z.boolean() }), "Đã bỏ") },
  }),
  async (c) => {
    await removeHoliday(c.get("db"), requireActor(c), c.req.valid("param").day);
    return c.json({ deleted: true }, 200);
  },
);
