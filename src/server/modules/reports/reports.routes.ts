/** Report templates (versioned) and reports generated from live data: preview (JSON), .docx and PDF. */
import { createRoute, z } from "@hono/zod-openapi";
import { previewRequest, reportPreview, reportTemplate, templateInput } from "../../../shared/reports";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { docxToPdf } from "../../documents/docx-to-pdf";
import { renderNd30Document } from "../../documents/nd30.docx";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { reportDocument } from "./reports.document";
import { previewReport } from "./reports.service";
import { createTemplateVersion, getTemplate, listTemplates } from "./templates.service";

export const reportRoutes = createRouter();
const tags = ["Báo cáo"];
const idParam = z.object({ id: z.coerce.number().int().positive() });
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/report-templates",
    tags,
    summary:
      "Các mẫu báo cáo (mọi phiên bản, phiên bản đang dùng có current = true); với unitId: mẫu toàn quốc và của đơn vị cấp trên",
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: jsonContent(z.object({ templates: z.array(reportTemplate) }), "Danh sách mẫu") },
  }),
  async (c) =>
    c.json(
      { templates: await listTemplates(c.get("db"), requireActor(c), c.req.valid("query").unitId) },
      200,
    ),
);

reportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/report-templates/{id}",
    tags,
    summary: "Một phiên bản mẫu báo cáo: các mục theo thứ tự, gợi ý nội dung, khối số liệu",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ template: reportTemplate }), "Mẫu báo cáo") },
  }),
  async (c) =>
    c.json({ template: await getTemplate(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

reportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/report-templates",
    tags,
    summary:
      "Thêm phiên bản mới của một mẫu báo cáo (toàn quốc: quản trị hệ thống; của tỉnh: quản trị tỉnh); phiên bản cũ không đổi",
    request: { body: { content: { "application/json": { schema: templateInput } }, required: true } },
    responses: { 201: jsonContent(z.object({ template: reportTemplate }), "Đã tạo") },
  }),
  async (c) =>
    c.json({ template: await createTemplateVersion(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

const previewBody = { body: { content: { "application/json": { schema: previewRequest } }, required: true } };
const previewDescription =
  "Mẫu (templateId), kỳ báo cáo (period.from, period.to), nội dung từng mục theo mã mục (narratives), số, ngày, người ký, nơi nhận (document). Không lưu gì.";

reportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/reports/preview",
    tags,
    summary:
      "Xem trước báo cáo: các mục của mẫu với số liệu tính từ dữ liệu hiện có cho đơn vị và kỳ báo cáo",
    description: previewDescription,
    request: { params: idParam, ...previewBody },
    responses: { 200: jsonContent(reportPreview, "Báo cáo xem trước (không lưu)") },
  }),
  async (c) => {
    const {
      unitInfo: _unit,
      fields: _fields,
      ...preview
    } = await previewReport(c.get("db"), requireActor(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(preview, 200);
  },
);

/** The .docx of a preview request, with the file name to give it. */
async function renderDocx(db: Db, actor: Actor, id: number, body: unknown) {
  const { unitInfo, fields, ...preview } = await previewReport(db, actor, id, body);
  const docx = await renderNd30Document(reportDocument(preview, unitInfo, fields));
  return { docx, name: `bao-cao-${id}-${preview.period.from}-${preview.period.to}` };
}

reportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/reports/preview.docx",
    tags,
    summary: "Báo cáo dạng .docx theo thể thức NĐ 30/2020 (bảng Word thật, chữ ký TM., KT., Q.)",
    description: previewDescription,
    request: { params: idParam, ...previewBody },
    responses: { 200: { description: "Tệp .docx", content: { [docxType]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { docx, name } = await renderDocx(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.body(new Uint8Array(docx), 200, {
      "Content-Type": docxType,
      "Content-Disposition": `attachment; filename="${name}.docx"`,
    });
  },
);

reportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/reports/preview.pdf",
    tags,
    summary:
      "Báo cáo dạng PDF: bản .docx chuyển bằng LibreOffice trên máy chủ (503 khi máy chủ chưa cài LibreOffice)",
    description: previewDescription,
    request: { params: idParam, ...previewBody },
    responses: { 200: { description: "Tệp PDF", content: { "application/pdf": { schema: z.any() } } } },
  }),
  async (c) => {
    const { docx, name } = await renderDocx(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    const pdf = await docxToPdf(docx);
    return c.body(new Uint8Array(pdf), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}.pdf"`,
    });
  },
);
