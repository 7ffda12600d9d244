/**
 * Learning-needs surveys: /needs-surveys… (the template before /{id}) and /survey-responses/{id}. The routes naming
 * a survey or an answer take its commune, optional (`?communeId=`, which the web sends): given, the row is looked
 * for there alone (one shard, docs/SCALE-OUT.md) and a row of another commune is not found.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  needsSurvey,
  needsSurveyCreate,
  needsSurveyUpdate,
  surveyImportReport,
  surveyResponse,
  surveyResponseCreate,
  surveyResponseUpdate,
  surveyResults,
} from "../../../shared/needs-survey";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
  xlsxType,
} from "../../http/context";
import { uploadedFile } from "../../http/upload";
import {
  createResponse,
  createSurvey,
  deleteResponse,
  listResponses,
  listSurveys,
  updateResponse,
  updateSurvey,
} from "./needs-survey.service";
import { importResponses, surveyTemplate } from "./survey-import";
import { surveyResults as readResults } from "./survey-results";

export const needsSurveyRoutes = createRouter();
const tags = ["Trung tâm học tập cộng đồng"];
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const oneSurvey = (description: string) => jsonContent(z.object({ survey: needsSurvey }), description);
const oneResponse = (description: string) => jsonContent(z.object({ response: surveyResponse }), description);

needsSurveyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/needs-surveys",
    tags,
    summary: "Các đợt khảo sát nhu cầu học tập của một xã, phường (một năm một đợt)",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
    },
    responses: { 200: jsonContent(z.object({ surveys: z.array(needsSurvey) }), "Đợt khảo sát") },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid("query");
    return c.json(await listSurveys(c.get("db"), requireActor(c), unitId, year), 200);
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/needs-surveys",
    tags,
    summary: "Mở đợt khảo sát nhu cầu học tập của năm",
    request: body(needsSurveyCreate),
    responses: { 201: oneSurvey("Đã mở") },
  }),
  async (c) => c.json({ survey: await createSurvey(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/needs-surveys/template.xlsx",
    tags,
    summary: "Mẫu Excel phiếu khảo sát nhu cầu học tập",
    responses: { 200: { description: "Tệp .xlsx", content: { [xlsxType]: { schema: z.any() } } } },
  }),
  async (c) => {
    requireActor(c);
    return c.body(new Uint8Array(await surveyTemplate()), 200, {
      "Content-Type": xlsxType,
      "Content-Disposition": 'attachment; filename="mau-khao-sat-nhu-cau-hoc-tap.xlsx"',
    });
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/needs-surveys/{id}",
    tags,
    summary: "Sửa tên, đóng hoặc mở lại đợt khảo sát",
    request: { params: idParam, query: communeQuery, ...body(needsSurveyUpdate) },
    responses: { 200: oneSurvey("Đã sửa"), ...staleResponse },
  }),
  async (c) => {
    const survey = await updateSurvey(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return c.json({ survey }, 200);
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/needs-surveys/{id}/responses",
    tags,
    summary: "Phiếu trả lời của đợt khảo sát (cán bộ thôn: phiếu của thôn mình)",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(z.object({ responses: z.array(surveyResponse) }), "Phiếu") },
  }),
  async (c) =>
    c.json(
      await listResponses(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/needs-surveys/{id}/responses",
    tags,
    summary: "Thêm một phiếu: thôn, hộ hoặc công dân trong sổ (hoặc không nêu), nhóm tuổi, chủ đề muốn học",
    request: { params: idParam, query: communeQuery, ...body(surveyResponseCreate) },
    responses: { 201: oneResponse("Đã thêm") },
  }),
  async (c) => {
    const response = await createResponse(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return c.json({ response }, 201);
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/needs-surveys/{id}/responses/import",
    tags,
    summary:
      "Nhập phiếu khảo sát từ Excel/CSV (dryRun=1: chỉ kiểm tra); thêm tất cả hoặc không thêm phiếu nào",
    request: {
      params: idParam,
      query: communeQuery.extend({ dryRun: z.enum(["0", "1"]).default("1") }),
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
          },
        },
        required: true,
      },
    },
    responses: { 200: jsonContent(surveyImportReport, "Kết quả") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const upload = await uploadedFile(c.req);
    const { dryRun, communeId } = c.req.valid("query");
    const id = c.req.valid("param").id;
    return c.json(await importResponses(c.get("db"), actor, id, upload, dryRun === "1", communeId), 200);
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/needs-surveys/{id}/results",
    tags,
    summary: "Kết quả khảo sát: số người muốn học mỗi chủ đề theo thôn và theo nhóm tuổi",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(surveyResults, "Kết quả") },
  }),
  async (c) =>
    c.json(
      await readResults(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/survey-responses/{id}",
    tags,
    summary: "Sửa một phiếu khảo sát",
    request: { params: idParam, query: communeQuery, ...body(surveyResponseUpdate) },
    responses: { 200: oneResponse("Đã sửa"), ...staleResponse },
  }),
  async (c) => {
    const response = await updateResponse(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return c.json({ response }, 200);
  },
);

needsSurveyRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/survey-responses/{id}",
    tags,
    summary: "Xóa một phiếu khảo sát nhập nhầm (version: phiên bản đã mở)",
    request: { params: idParam, query: communeQuery.extend({ version: z.coerce.number().int().positive() }) },
    responses: { 200: jsonContent(z.object({ deleted: z.number() }), "Đã xóa"), ...staleResponse },
  }),
  async (c) => {
    const { version, communeId } = c.req.valid("query");
    const id = c.req.valid("param").id;
    return c.json(await deleteResponse(c.get("db"), requireActor(c), id, version, communeId), 200);
  },
);
