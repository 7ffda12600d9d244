import { createRoute, z } from "@hono/zod-openapi";
import {
  disbursement,
  disbursementClose,
  disbursementCreate,
  disbursementPay,
} from "../../../shared/fund-disbursement";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import {
  approveDisbursement,
  closeDisbursement,
  listDisbursements,
  payDisbursement,
  proposeDisbursement,
} from "./disbursements.service";
import { fundUnitQuery } from "./fund-query";

export const disbursementRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const both = idParam.extend({ disbursementId: z.coerce.number().int().positive() });
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const one = (description: string) => jsonContent(z.object({ disbursement }), description);

disbursementRoutes.openapi(
  createRoute({
    method: "get",
    path: "/funds/{id}/disbursements",
    tags,
    summary: "Các khoản chi của quỹ (đề xuất, đã duyệt, đã chi, từ chối, hủy)",
    request: {
      params: idParam,
      query: fundUnitQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    },
    responses: { 200: jsonContent(z.object({ disbursements: z.array(disbursement) }), "Khoản chi") },
  }),
  async (c) => {
    const { year, communeId } = c.req.valid("query");
    return c.json(
      await listDisbursements(c.get("db"), requireActor(c), c.req.valid("param").id, year, communeId),
      200,
    );
  },
);

disbursementRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/disbursements",
    tags,
    summary: "Đề xuất một khoản chi (chưa ghi sổ cho đến khi chi)",
    request: { params: idParam, query: fundUnitQuery, ...body(disbursementCreate) },
    responses: { 201: one("Đã đề xuất") },
  }),
  async (c) =>
    c.json(
      {
        disbursement: await proposeDisbursement(
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

disbursementRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/disbursements/{disbursementId}/approve",
    tags,
    summary: "Duyệt một khoản chi (không phải người đề xuất; trên ngưỡng của quỹ cần hai người duyệt)",
    request: { params: both, query: fundUnitQuery },
    responses: { 200: one("Đã duyệt") },
  }),
  async (c) => {
    const { id, disbursementId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(
      {
        disbursement: await approveDisbursement(c.get("db"), requireActor(c), id, disbursementId, communeId),
      },
      200,
    );
  },
);

for (const [action, outcome, summary] of [
  ["reject", "rejected", "Từ chối một khoản chi chưa chi (người duyệt)"],
  ["void", "voided", "Hủy một khoản chi chưa chi (người giữ sổ)"],
] as const)
  disbursementRoutes.openapi(
    createRoute({
      method: "post",
      path: `/funds/{id}/disbursements/{disbursementId}/${action}`,
      tags,
      summary,
      request: { params: both, query: fundUnitQuery, ...body(disbursementClose) },
      responses: { 200: one(outcome === "rejected" ? "Đã từ chối" : "Đã hủy") },
    }),
    async (c) => {
      const { id, disbursementId } = c.req.valid("param");
      return c.json(
        {
          disbursement: await closeDisbursement(
            c.get("db"),
            requireActor(c),
            id,
            disbursementId,
            outcome,
            c.req.valid("json").reason,
            c.req.valid("query").communeId,
          ),
        },
        200,
      );
    },
  );

disbursementRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/disbursements/{disbursementId}/pay",
    tags,
    summary: "Chi một khoản đã duyệt: ghi sổ, cấp số phiếu chi (người chi khác người đề xuất và người duyệt)",
    request: { params: both, query: fundUnitQuery, ...body(disbursementPay) },
    responses: { 200: one("Đã chi") },
  }),
  async (c) => {
    const { id, disbursementId } = c.req.valid("param");
    return c.json(
      {
        disbursement: await payDisbursement(
          c.get("db"),
          requireActor(c),
          id,
          disbursementId,
          c.req.valid("json").paidOn,
          c.req.valid("query").communeId,
        ),
      },
      200,
    );
  },
);
