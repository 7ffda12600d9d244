/**
 * Hội phí routes: a chapter's yearly amount, its dues list (JSON and XLSX), a member's payment, a reversal. Each
 * takes the row's commune as `?communeId=` (optional; the web always sends it): the chapter, member or payment is
 * then looked for in that commune alone (docs/SCALE-OUT.md), and one of another commune is not found.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { chapterDuesRequest, duesList, duesPayment, payDuesRequest } from "../../../shared/association";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { duesListOf, duesXlsx, payDues, reversePayment, setChapterDues } from "./dues.service";

const tags = ["Hội Khuyến học"];
const year = z.coerce.number().int().min(1990, "Năm từ 1990").max(2100, "Năm không hợp lệ");
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const json = <T>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
const yearQuery = communeQuery.extend({ year });

export const duesRoutes = createRouter();

duesRoutes.openapi(
  createRoute({
    method: "put",
    path: "/chapters/{id}/dues/{year}",
    tags,
    summary: "Đặt mức hội phí một năm của chi hội (đồng)",
    request: { params: idParam.extend({ year }), query: communeQuery, body: json(chapterDuesRequest) },
    responses: { 200: jsonContent(z.object({ year: z.number(), amount: z.number() }), "Đã lưu") },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { amount } = c.req.valid("json");
    const { communeId } = c.req.valid("query");
    return c.json(await setChapterDues(c.get("db"), requireActor(c), id, year, amount, communeId), 200);
  },
);

duesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/chapters/{id}/dues",
    tags,
    summary: "Danh sách thu hội phí của chi hội trong một năm: ai đã nộp, ai chưa, tổng thu",
    request: { params: idParam, query: yearQuery },
    responses: { 200: jsonContent(duesList, "Danh sách thu hội phí") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { year, communeId } = c.req.valid("query");
    return c.json(await duesListOf(c.get("db"), requireActor(c), id, year, communeId), 200);
  },
);

duesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/chapters/{id}/dues.xlsx",
    tags,
    summary: "Danh sách thu hội phí của chi hội trong một năm, tệp Excel",
    request: { params: idParam, query: yearQuery },
    responses: { 200: { description: "Tệp .xlsx", content: { [xlsx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { year: y, communeId } = c.req.valid("query");
    const bytes = await duesXlsx(c.get("db"), requireActor(c), id, y, communeId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": `attachment; filename="hoi-phi-${y}.xlsx"`,
    });
  },
);

duesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/members/{id}/dues",
    tags,
    summary: "Ghi hội viên nộp hội phí một năm (mức của chi hội nếu không ghi số tiền)",
    request: { params: idParam, query: communeQuery, body: json(payDuesRequest) },
    responses: { 201: jsonContent(z.object({ payment: duesPayment }), "Đã ghi") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const payment = await payDues(c.get("db"), requireActor(c), id, c.req.valid("json"), communeId);
    return c.json({ payment }, 201);
  },
);

duesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/dues-payments/{id}/reverse",
    tags,
    summary: "Hủy một khoản nộp hội phí ghi nhầm (ghi bút toán đảo, không xóa)",
    request: { params: idParam, query: communeQuery },
    responses: { 204: { description: "Đã hủy" } },
  }),
  async (c) => {
    await reversePayment(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("query").communeId,
    );
    return c.body(null, 204);
  },
);
