/** Self-assessment results by Excel: a unit's template for a year's rubric, and the import (dryRun=1 only checks). */
import { createRoute, z } from "@hono/zod-openapi";
import { importReport } from "../../../shared/api";
import { titles } from "../../../shared/rubric";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { evaluationTemplate, importEvaluations } from "./evaluations.import";

export const evaluationRoutes = createRouter();
const tags = ["Danh hiệu học tập"];
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const evaluationQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  title: z.enum(titles),
});

evaluationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/evaluations/template.xlsx",
    tags,
    summary: "Mẫu Excel kết quả tự đánh giá: một cột cho mỗi nội dung của bộ tiêu chí có hiệu lực trong năm",
    request: { params: idParam, query: evaluationQuery },
    responses: { 200: { description: "Tệp .xlsx", content: { [xlsxType]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { year, title } = c.req.valid("query");
    const bytes = await evaluationTemplate(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      title,
      year,
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": xlsxType,
      "Content-Disposition": `attachment; filename="mau-tu-danh-gia-${year}.xlsx"`,
    });
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/evaluations/import",
    tags,
    summary: "Nhập kết quả tự đánh giá từ Excel (đăng ký các đối tượng chưa đăng ký); dryRun=1: chỉ kiểm tra",
    request: {
      params: idParam,
      query: evaluationQuery.extend({ dryRun: z.enum(["0", "1"]).default("1") }),
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
          },
        },
        required: true,
      },
    },
    responses: { 200: jsonContent(importReport, "Kết quả") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const { year, title, dryRun } = c.req.valid("query");
    const file = await uploadedFile(c.req);
    const report = await importEvaluations(c.get("db"), actor, {
      unitId: c.req.valid("param").id,
      title,
      year,
      file,
      dryRun: dryRun === "1",
    });
    return c.json(report, 200);
  },
);
