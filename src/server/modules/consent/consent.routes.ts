import { createRoute, z } from "@hono/zod-openapi";
import {
  consent,
  consentCreate,
  consentKinds,
  consentList,
  consentPurposes,
  consentWithdraw,
} from "../../../shared/consent";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { listConsents, recordConsent, withdrawConsent } from "./consent.service";
import { consentForm } from "./forms";

export const consentRoutes = createRouter();
const tags = ["Bảo vệ dữ liệu cá nhân"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

consentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/consents",
    tags,
    summary:
      "Sự đồng ý của một người trong sổ theo dõi (nhà hảo tâm, hội viên, người nhận học bổng, công dân): mọi lần ghi nhận và rút lại",
    request: {
      query: communeQuery.extend({ kind: z.enum(consentKinds), id: z.coerce.number().int().positive() }),
    },
    responses: { 200: jsonContent(consentList, "Sự đồng ý") },
  }),
  async (c) => {
    const { kind, id, communeId } = c.req.valid("query");
    return c.json(await listConsents(c.get("db"), requireActor(c), kind, id, communeId), 200);
  },
);

consentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/consents",
    tags,
    summary:
      "Ghi nhận sự đồng ý cho một mục đích (ngày, cách ghi nhận, phiên bản thông báo; trẻ em: cha, mẹ hoặc người giám hộ đồng ý thay)",
    request: body(consentCreate),
    responses: { 201: jsonContent(z.object({ consent }), "Đã ghi nhận") },
  }),
  async (c) =>
    c.json({ consent: await recordConsent(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

consentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/consents/{id}/withdraw",
    tags,
    summary:
      "Rút lại sự đồng ý: từ lúc này bản công khai quỹ không nêu tên, danh sách hội viên bỏ số điện thoại (không xóa bản ghi)",
    request: { params: idParam, query: communeQuery, ...body(consentWithdraw) },
    responses: { 200: jsonContent(z.object({ consent }), "Đã rút lại") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const { communeId } = c.req.valid("query");
    return c.json(
      { consent: await withdrawConsent(c.get("db"), requireActor(c), id, reason, communeId) },
      200,
    );
  },
);

consentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/consent-forms/{form}",
    tags,
    summary:
      "Phiếu thông báo và hỏi ý kiến đồng ý của một mục đích (.docx, thể thức NĐ 30/2020, ghi phiên bản thông báo; ô đồng ý để trống)",
    request: {
      params: idParam.extend({
        form: z.enum(consentPurposes.map((p) => `${p}.docx`) as [string, ...string[]]),
      }),
    },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { id, form } = c.req.valid("param");
    const purpose = form.replace(/\.docx$/, "") as (typeof consentPurposes)[number];
    const bytes = await consentForm(c.get("db"), requireActor(c), id, purpose);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="phieu-dong-y-${purpose.replaceAll("_", "-")}.docx"`,
    });
  },
);
