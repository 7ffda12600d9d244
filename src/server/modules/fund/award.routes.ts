/** Award rounds of a fund: /funds/{id}/award-rounds… (the template comes before /{roundId}, which would take it). */
import { createRoute, z } from "@hono/zod-openapi";
import {
  awardImportReport,
  awardRound,
  awardRoundCancel,
  awardRoundCreate,
  awardRoundDetail,
  awardRoundPay,
  awardRoundUpdate,
} from "../../../shared/fund-award";
import { asActor } from "../../auth/scope";
import { createRouter, idParam, jsonContent, requireActor, staleResponse } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { awardTemplate } from "./award-cells";
import { signatureListPdf, signatureListXlsx } from "./award-documents";
import { importAwardRecipients } from "./award-import";
import {
  approveAwardRound,
  cancelAwardRound,
  createAwardRound,
  getAwardRound,
  listAwardRounds,
  payAwardRound,
  updateAwardRound,
} from "./award-rounds.service";
import { fundUnitQuery } from "./fund-query";
import { fundInScope } from "./funds.service";

export const awardRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const base = "/funds/{id}/award-rounds";
const both = idParam.extend({ roundId: z.coerce.number().int().positive() });
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const one = (description: string) => jsonContent(z.object({ awardRound }), description);
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const file = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.any() } } },
});

awardRoutes.openapi(
  createRoute({
    method: "get",
    path: base,
    tags,
    summary: "Các đợt trao học bổng, khen thưởng của quỹ",
    request: { params: idParam, query: fundUnitQuery },
    responses: { 200: jsonContent(z.object({ awardRounds: z.array(awardRound) }), "Đợt trao") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      await listAwardRounds(c.get("db"), requireActor(c), c.req.valid("param").id, communeId),
      200,
    );
  },
);

awardRoutes.openapi(
  createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Lập một đợt trao (dự thảo): tên, năm học, quyết định, mục đích và tài khoản chi",
    request: { params: idParam, query: fundUnitQuery, ...body(awardRoundCreate) },
    responses: { 201: one("Đã lập") },
  }),
  async (c) =>
    c.json(
      {
        awardRound: await createAwardRound(
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

awardRoutes.openapi(
  createRoute({
    method: "get",
    path: `${base}/template.xlsx`,
    tags,
    summary: "Mẫu Excel danh sách người nhận của đợt trao",
    request: { params: idParam, query: fundUnitQuery },
    responses: file(xlsx, "Tệp .xlsx"),
  }),
  async (c) => {
    const actor = requireActor(c);
    const [{ id }, { communeId }] = [c.req.valid("param"), c.req.valid("query")];
    await asActor(c.get("db"), actor, (tx) => fundInScope(tx, actor, id, "read", communeId));
    return c.body(new Uint8Array(await awardTemplate()), 200, {
      "Content-Type": xlsx,
      "Content-Disposition": 'attachment; filename="mau-danh-sach-nguoi-nhan.xlsx"',
    });
  },
);

awardRoutes.openapi(
  createRoute({
    method: "get",
    path: `${base}/{roundId}`,
    tags,
    summary: "Một đợt trao với danh sách người nhận",
    request: { params: both, query: fundUnitQuery },
    responses: { 200: jsonContent(z.object({ awardRound: awardRoundDetail }), "Đợt trao") },
  }),
  async (c) => {
    const { id, roundId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(
      { awardRound: await getAwardRound(c.get("db"), requireActor(c), id, roundId, communeId) },
      200,
    );
  },
);

awardRoutes.openapi(
  createRoute({
    method: "patch",
    path: `${base}/{roundId}`,
    tags,
    summary: "Sửa đợt trao đang lập, chưa ai duyệt (tên, quyết định, người ký, mục đích và tài khoản chi)",
    request: { params: both, query: fundUnitQuery, ...body(awardRoundUpdate) },
    responses: { 200: one("Đã sửa"), ...staleResponse },
  }),
  async (c) => {
    const { id, roundId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const round = await updateAwardRound(
      c.get("db"),
      requireActor(c),
      id,
      roundId,
      c.req.valid("json"),
      communeId,
    );
    return c.json({ awardRound: round }, 200);
  },
);

awardRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/{roundId}/recipients/import`,
    tags,
    summary:
      "Nhập danh sách người nhận từ Excel/CSV (dryRun=1: chỉ kiểm tra); thay cả danh sách của đợt trao đang lập, tất cả hoặc không",
    request: {
      params: both,
      query: fundUnitQuery.extend({ dryRun: z.enum(["0", "1"]).default("1") }),
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
          },
        },
        required: true,
      },
    },
    responses: { 200: jsonContent(awardImportReport, "Kết quả") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const { id, roundId } = c.req.valid("param");
    const upload = await uploadedFile(c.req);
    const { dryRun, communeId } = c.req.valid("query");
    return c.json(
      await importAwardRecipients(c.get("db"), actor, id, roundId, upload, dryRun === "1", communeId),
      200,
    );
  },
);

awardRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/{roundId}/approve`,
    tags,
    summary:
      "Duyệt đợt trao (không phải người lập đợt hay danh sách; tổng tiền trên ngưỡng của quỹ cần hai người duyệt)",
    request: { params: both, query: fundUnitQuery },
    responses: { 200: one("Đã duyệt") },
  }),
  async (c) => {
    const { id, roundId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const round = await approveAwardRound(c.get("db"), requireActor(c), id, roundId, communeId);
    return c.json({ awardRound: round }, 200);
  },
);

awardRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/{roundId}/pay`,
    tags,
    summary:
      "Chi đợt trao đã duyệt: một bút toán cho cả danh sách, số phiếu chi (người chi khác người lập và người duyệt)",
    request: { params: both, query: fundUnitQuery, ...body(awardRoundPay) },
    responses: { 200: one("Đã chi") },
  }),
  async (c) => {
    const { id, roundId } = c.req.valid("param");
    const { paidOn } = c.req.valid("json");
    const round = await payAwardRound(
      c.get("db"),
      requireActor(c),
      id,
      roundId,
      paidOn,
      c.req.valid("query").communeId,
    );
    return c.json({ awardRound: round }, 200);
  },
);

awardRoutes.openapi(
  createRoute({
    method: "post",
    path: `${base}/{roundId}/cancel`,
    tags,
    summary: "Hủy đợt trao chưa chi (người giữ sổ)",
    request: { params: both, query: fundUnitQuery, ...body(awardRoundCancel) },
    responses: { 200: one("Đã hủy") },
  }),
  async (c) => {
    const { id, roundId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const { communeId } = c.req.valid("query");
    return c.json(
      { awardRound: await cancelAwardRound(c.get("db"), requireActor(c), id, roundId, reason, communeId) },
      200,
    );
  },
);

for (const [extension, type, render] of [
  ["xlsx", xlsx, signatureListXlsx],
  ["pdf", "application/pdf", signatureListPdf],
] as const)
  awardRoutes.openapi(
    createRoute({
      method: "get",
      path: `${base}/{roundId}/signature-list.${extension}`,
      tags,
      summary: `Danh sách ký nhận (${extension.toUpperCase()}): STT, họ tên, lớp, trường, số tiền, ký nhận, tổng tiền bằng chữ, người ký`,
      request: { params: both, query: fundUnitQuery },
      responses: file(type, "Danh sách ký nhận"),
    }),
    async (c) => {
      const { id, roundId } = c.req.valid("param");
      const { communeId } = c.req.valid("query");
      const { bytes, name } = await render(c.get("db"), requireActor(c), id, roundId, communeId);
      return c.body(new Uint8Array(bytes), 200, {
        "Content-Type": type,
        "Content-Disposition": `${extension === "pdf" ? "inline" : "attachment"}; filename="${name}"`,
      });
    },
  );
