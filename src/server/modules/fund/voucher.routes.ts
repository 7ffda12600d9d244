import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, requireActor, xlsxContent, xlsxResponse } from "../../http/context";
import { cashBook, cashBookFileName, cashBookSheet } from "./cash-book";
import { paymentVoucher, receiptVoucher } from "./vouchers.service";

export const voucherRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const pdf = (description: string) => ({
  200: { description, content: { "application/pdf": { schema: z.any() } } },
});

voucherRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/receipts/{receiptId}/voucher.pdf",
    tags,
    summary: "Phiếu thu (PDF): số tiền bằng số và bằng chữ, người nộp, lý do, chữ ký",
    request: {
      params: z.object({
        id: z.coerce.number().int().positive(),
        receiptId: z.coerce.number().int().positive(),
      }),
    },
    responses: pdf("Phiếu thu"),
  }),
  async (c) => {
    const { id, receiptId } = c.req.valid("param");
    const { bytes, name } = await receiptVoucher(c.get("db"), requireActor(c), id, receiptId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}"`,
    });
  },
);

voucherRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/disbursements/{disbursementId}/voucher.pdf",
    tags,
    summary: "Phiếu chi (PDF) của khoản đã chi: người đề xuất, người duyệt và thời điểm, số tiền bằng chữ",
    request: {
      params: z.object({
        id: z.coerce.number().int().positive(),
        disbursementId: z.coerce.number().int().positive(),
      }),
    },
    responses: pdf("Phiếu chi"),
  }),
  async (c) => {
    const { id, disbursementId } = c.req.valid("param");
    const { bytes, name } = await paymentVoucher(c.get("db"), requireActor(c), id, disbursementId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}"`,
    });
  },
);

voucherRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/accounts/{accountId}/book.xlsx",
    tags,
    summary:
      "Sổ quỹ tiền mặt hoặc sổ tiền gửi (.xlsx) của một tài khoản trong một năm: số dư đầu năm, từng dòng thu, chi với số phiếu, tồn, số dư cuối năm",
    request: {
      params: z.object({
        id: z.coerce.number().int().positive(),
        accountId: z.coerce.number().int().positive(),
      }),
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const { id, accountId } = c.req.valid("param");
    const book = await cashBook(c.get("db"), requireActor(c), id, accountId, c.req.valid("query").year);
    const { sheet, rows } = cashBookSheet(book);
    return xlsxResponse(c, sheet, rows, cashBookFileName(id, book));
  },
);
