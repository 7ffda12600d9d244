import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, requireActor, xlsxContent, xlsxResponse } from "../../http/context";
import { logExport } from "../readlog/processing-log";
import { cashBook, cashBookFileName, cashBookSheet } from "./cash-book";
import { fundUnitQuery } from "./fund-query";
import { paymentVoucher, receiptVoucher, roundVoucher } from "./vouchers.service";

export const voucherRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const pdf = (description: string) => ({
  200: { description, content: { "application/pdf": { schema: z.any() } } },
});

/** A voucher of one row of a fund: its route, what it is, and its renderer. */
for (const [what, item, summary, render] of [
  [
    "receipts",
    "receiptId",
    "Phiếu thu (PDF): số tiền bằng số và bằng chữ, người nộp, lý do, chữ ký",
    receiptVoucher,
  ],
  [
    "disbursements",
    "disbursementId",
    "Phiếu chi (PDF) của khoản đã chi: người đề xuất, người duyệt và thời điểm, số tiền bằng chữ",
    paymentVoucher,
  ],
  [
    "award-rounds",
    "roundId",
    "Phiếu chi (PDF) của đợt trao đã chi: tổng tiền theo danh sách ký nhận, người lập, người duyệt, số tiền bằng chữ",
    roundVoucher,
  ],
] as const)
  voucherRoutes.openapi(
    createRoute({
      method: "get",
      path: `/funds/{id}/${what}/{${item}}/voucher.pdf`,
      tags,
      summary,
      request: {
        params: z.object({
          id: z.coerce.number().int().positive(),
          [item]: z.coerce.number().int().positive(),
        }),
        query: fundUnitQuery,
      },
      responses: pdf(what === "receipts" ? "Phiếu thu" : "Phiếu chi"),
    }),
    async (c) => {
      const params = c.req.valid("param") as Record<string, number>;
      const { communeId } = c.req.valid("query");
      const { bytes, name } = await render(
        c.get("db"),
        requireActor(c),
        params.id!,
        params[item]!,
        communeId,
      );
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
      query: fundUnitQuery.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
    },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const { id, accountId } = c.req.valid("param");
    const actor = requireActor(c);
    const { year, communeId } = c.req.valid("query");
    const book = await cashBook(c.get("db"), actor, id, accountId, year, communeId);
    const exportedBy = await logExport(c.get("db"), actor, {
      kind: "cash_book",
      format: "xlsx",
      filter: { fundId: id, accountId, year },
    });
    const { sheet, rows } = cashBookSheet(book);
    return xlsxResponse(c, { ...sheet, exportedBy }, rows, cashBookFileName(id, book));
  },
);
