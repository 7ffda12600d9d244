import { createRoute, z } from "@hono/zod-openapi";
import { isoDate as calendarDate } from "../../../shared/api";
import {
  fundCreate,
  fundDetail,
  fundSummary,
  ledgerTransaction,
  receipt,
  receiptCreate,
  reversalCreate,
  transferCreate,
  verifyResult,
} from "../../../shared/fund";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { closeYear } from "./books.close";
import { listReceipts, recordReceipt } from "./books.receipts";
import { listTransactions, recordTransfer, reverseTransaction } from "./books.transactions";
import { verifyFundForActor } from "./disbursements.service";
import { fundUnitQuery } from "./fund-query";
import { createFund, getFund, listFunds } from "./funds.service";

export const fundRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const yearQuery = fundUnitQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const posted = z.object({ id: z.number(), seq: z.number(), hash: z.string(), postedOn: z.string() });

fundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds",
    tags,
    summary: "Các quỹ khuyến học của một đơn vị và các đơn vị trực thuộc",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.object({ funds: z.array(fundSummary) }), "Danh sách quỹ") },
  }),
  async (c) => c.json(await listFunds(c.get("db"), requireActor(c), c.req.valid("query").unitId), 200),
);

fundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds",
    tags,
    summary:
      "Lập một quỹ (của hội, chi hội, dòng họ hoặc trường) với tài khoản tiền, hiện vật và các mục đích",
    request: body(fundCreate),
    responses: { 201: jsonContent(z.object({ fund: fundDetail }), "Đã lập quỹ") },
  }),
  async (c) => c.json({ fund: await createFund(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

fundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}",
    tags,
    summary:
      "Một quỹ: tài khoản, mục đích, số dư hiện tại và số dư cuối một ngày, đầu chuỗi băm, các năm đã khóa sổ",
    request: { params: idParam, query: fundUnitQuery.extend({ date: calendarDate.optional() }) },
    responses: { 200: jsonContent(z.object({ fund: fundDetail }), "Quỹ") },
  }),
  async (c) => {
    const { date, communeId } = c.req.valid("query");
    return c.json(
      { fund: await getFund(c.get("db"), requireActor(c), c.req.valid("param").id, date, communeId) },
      200,
    );
  },
);

fundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/transactions",
    tags,
    summary: "Sổ quỹ: các bút toán theo số thứ tự, với mã băm và bút toán đảo",
    request: { params: idParam, query: yearQuery },
    responses: { 200: jsonContent(z.object({ transactions: z.array(ledgerTransaction) }), "Bút toán") },
  }),
  async (c) =>
    c.json(
      await listTransactions(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("query")),
      200,
    ),
);

fundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/receipts",
    tags,
    summary: "Các khoản thu (phiếu thu) của quỹ, theo năm",
    request: { params: idParam, query: yearQuery },
    responses: { 200: jsonContent(z.object({ receipts: z.array(receipt) }), "Khoản thu") },
  }),
  async (c) => {
    const { year, communeId } = c.req.valid("query");
    return c.json(
      await listReceipts(c.get("db"), requireActor(c), c.req.valid("param").id, year, communeId),
      200,
    );
  },
);

fundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/receipts",
    tags,
    summary: "Ghi một khoản thu (tiền hoặc hiện vật): phiếu thu đánh số theo quỹ và năm, ghi sổ ngay",
    request: { params: idParam, query: fundUnitQuery, ...body(receiptCreate) },
    responses: { 201: jsonContent(z.object({ receipt }), "Đã thu") },
  }),
  async (c) =>
    c.json(
      {
        receipt: await recordReceipt(
          c.get("db"),
          requireActor(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.req.valid("query").communeId,
        ),
      },
      201,
    ),
);

fundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/transfers",
    tags,
    summary: "Chuyển giữa hai tài khoản (nộp tiền mặt vào ngân hàng) hoặc giữa hai mục đích",
    request: { params: idParam, query: fundUnitQuery, ...body(transferCreate) },
    responses: { 201: jsonContent(z.object({ transaction: posted }), "Đã ghi sổ") },
  }),
  async (c) =>
    c.json(
      {
        transaction: await recordTransfer(
          c.get("db"),
          requireActor(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.req.valid("query").communeId,
        ),
      },
      201,
    ),
);

fundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/transactions/{transactionId}/reverse",
    tags,
    summary:
      "Đảo một bút toán (sửa sai): bút toán mới ngược chiều, trỏ tới bút toán gốc; bút toán gốc giữ nguyên",
    request: {
      params: idParam.extend({ transactionId: z.coerce.number().int().positive() }),
      query: fundUnitQuery,
      ...body(reversalCreate),
    },
    responses: { 201: jsonContent(z.object({ transaction: posted }), "Đã đảo") },
  }),
  async (c) => {
    const { id, transactionId } = c.req.valid("param");
    return c.json(
      {
        transaction: await reverseTransaction(
          c.get("db"),
          requireActor(c),
          id,
          transactionId,
          c.req.valid("json"),
          c.req.valid("query").communeId,
        ),
      },
      201,
    );
  },
);

fundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/periods/{year}/close",
    tags,
    summary: "Khóa sổ một năm: không ghi thêm vào năm đó; số dư cuối năm được niêm phong bằng đầu chuỗi băm",
    request: {
      params: idParam.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
      query: fundUnitQuery,
    },
    responses: {
      201: jsonContent(
        z.object({
          period: z.object({
            year: z.number(),
            headSeq: z.number(),
            headHash: z.string(),
            balances: z.record(z.string(), z.number()),
            seal: z.string(),
          }),
        }),
        "Đã khóa sổ",
      ),
    },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json({ period: await closeYear(c.get("db"), requireActor(c), id, year, communeId) }, 201);
  },
);

fundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/verify",
    tags,
    summary: "Kiểm tra chuỗi băm, cân đối và số dư của quỹ; nêu mắt xích hỏng đầu tiên",
    request: { params: idParam, query: fundUnitQuery },
    responses: { 200: jsonContent(verifyResult, "Kết quả kiểm tra") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      await verifyFundForActor(c.get("db"), requireActor(c), c.req.valid("param").id, communeId),
      200,
    );
  },
);
