/** Report templates (versioned) and reports generated from live data: preview (JSON), .docx and PDF. */
import { createRoute, z } from "@hono/zod-openapi";
import { previewRequest, reportPreview, reportTemplate, templateInput } from "../../../shared/reports";
import { docxToPdf } from "../../documents/docx-to-pdf";
import { renderNd30Document } from "../../documents/nd30.docx";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { reportDocument } from "./reports.document";
import { previewReport } from "./reports.service";
import { createTemplateVersion, getTemplate, listTemplates } from "./templates.service";

export const reportRoutes = createRouter();
const tags = ["Báo cáo"];
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

/** The two files of a report: the .docx itself, and the same through LibreOffice as PDF. */
const files = {
  docx: {
    type: docxType,
    summary: "Báo cáo dạng .docx theo thể thức NĐ 30/2020 (bảng Word thật, chữ ký TM., KT., Q.)",
    convert: async (docx: Buffer) => docx,
  },
  pdf: {
    type: "application/pdf",
    summary:
      "Báo cáo dạng PDF: bản .docx chuyển bằng LibreOffice trên máy chủ (503 khi máy chủ chưa cài LibreOffice)",
    convert: docxToPdf,
  },
} as const;

for (const [format, file] of Object.entries(files))
  reportRoutes.openapi(
    createRoute({
      method: "post",
      path: `/units/{id}/reports/preview.${format}`,
      tags,
      summary: file.summary,
      description: previewDescription,
      request: { params: idParam, ...previewBody },
      responses: { 200: { description: `Tệp .${format}`, content: { [file.type]: { schema: z.any() } } } },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const { unitInfo, fields, ...preview } = await previewReport(
        c.get("db"),
        requireActor(c),
        id,
        c.req.valid("json"),
      );
      const body = await file.convert(await renderNd30Document(reportDocument(preview, unitInfo, fields)));
      return c.body(new Uint8Array(body), 200, {
        "Content-Type": file.type,
        "Content-Disposition": `attachment; filename="bao-cao-${id}-${preview.period.from}-${preview.period.to}.${format}"`,
      });
    },
  );
