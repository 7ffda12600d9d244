/** Saved reports: drafts with autosave, submission with a snapshot, and the level above returning or accepting. */
import { createRoute, z } from "@hono/zod-openapi";
import { returnWithComments } from "../../../shared/report-review";
import {
  createReportRequest,
  reportChange,
  type SavedReport,
  saveDocumentRequest,
  savedReport,
  saveSectionRequest,
  statusQuery,
  statusResponse,
  submitRequest,
} from "../../../shared/report-submissions";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import { acceptReport, returnReport, statusTable } from "./receiving.service";
import {
  createReport,
  getReport,
  listReports,
  reviseReport,
  saveDocument,
  saveSection,
} from "./submissions.service";
import { changesOf, reportDocx, submitReport } from "./submit.service";

export const submissionRoutes = createRouter();
const tags = ["Báo cáo"];
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const body = <T>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const one = jsonContent(z.object({ report: savedReport }), "Báo cáo");
/** A report's unit (a commune, or the province of a province's report), as its `unitId` says. */
export const reportUnitQuery = z.object({
  communeId: communeQuery.shape.communeId.openapi({
    description:
      "Đơn vị của báo cáo (tùy chọn): xã, phường, hoặc tỉnh, thành phố với báo cáo cấp tỉnh; cho biết thì chỉ tìm trong đơn vị đó",
  }),
});

submissionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/reports",
    tags,
    summary: "Lập bản nháp báo cáo của đơn vị cho một mẫu và kỳ báo cáo (mỗi mục một ô nội dung trống)",
    request: { params: idParam, ...body(createReportRequest) },
    responses: { 201: jsonContent(z.object({ report: savedReport }), "Đã tạo") },
  }),
  async (c) => {
    const report = await createReport(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ report }, 201);
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/reports",
    tags,
    summary: "Các báo cáo đã lưu của đơn vị (mọi phiên bản, mới nhất trước)",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ reports: z.array(savedReport) }), "Danh sách") },
  }),
  async (c) =>
    c.json({ reports: await listReports(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/reports/{id}",
    tags,
    summary:
      "Một phiên bản báo cáo: nội dung từng mục (kèm phiên bản để tự lưu), trạng thái, mã băm khi đã nộp",
    request: { params: idParam, query: reportUnitQuery },
    responses: { 200: one },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      { report: await getReport(c.get("db"), requireActor(c), c.req.valid("param").id, communeId) },
      200,
    );
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/reports/{id}/sections/{key}",
    tags,
    summary: "Tự lưu nội dung một mục của bản nháp; phiên bản cũ: 409 nêu ai lưu sau cùng",
    request: {
      params: idParam.extend({ key: z.string() }),
      query: reportUnitQuery,
      ...body(saveSectionRequest),
    },
    responses: {
      200: jsonContent(
        z.object({
          section: z.object({ key: z.string(), text: z.string(), version: z.number(), savedAt: z.string() }),
        }),
        "Đã lưu",
      ),
      ...staleResponse,
    },
  }),
  async (c) => {
    const { id, key } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(
      { section: await saveSection(c.get("db"), requireActor(c), id, key, c.req.valid("json"), communeId) },
      200,
    );
  },
);

/** The writes on one version that answer it: the document fields, submit, revise, and the level above's decision. */
const noBody = z.object({}).strict();
const actions = [
  {
    method: "patch",
    path: "",
    summary: "Lưu số, ngày ký, người ký, nơi nhận của bản nháp",
    schema: saveDocumentRequest,
    run: saveDocument,
    status: 200,
  },
  {
    method: "post",
    path: "/submit",
    summary:
      "Nộp lên cấp trên: chụp nội dung, mọi số liệu và tham số truy vấn (JSON và mã sha256), lưu tệp .docx; mục bắt buộc trống: 422",
    schema: submitRequest,
    run: submitReport,
    status: 200,
  },
  {
    method: "post",
    path: "/revise",
    summary: "Lập phiên bản mới (bản nháp) của báo cáo bị trả lại hoặc đã được tiếp nhận",
    schema: noBody,
    run: (db: Db, actor: Actor, id: number, _: unknown, communeId?: number) =>
      reviseReport(db, actor, id, communeId),
    status: 201,
  },
  {
    method: "post",
    path: "/return",
    summary:
      "Cấp trên trả lại báo cáo đã nộp (bắt buộc nêu lý do), có thể kèm góp ý theo từng mục (comments)",
    schema: returnWithComments,
    run: returnReport,
    status: 200,
  },
  {
    method: "post",
    path: "/accept",
    summary: "Cấp trên tiếp nhận báo cáo đã nộp",
    schema: noBody,
    run: (db: Db, actor: Actor, id: number, _: unknown, communeId?: number) =>
      acceptReport(db, actor, id, communeId),
    status: 200,
  },
] as const;

for (const action of actions)
  submissionRoutes.openapi(
    createRoute({
      method: action.method,
      path: `/reports/{id}${action.path}`,
      tags,
      summary: action.summary,
      request: {
        params: idParam,
        query: reportUnitQuery,
        body: {
          content: { "application/json": { schema: action.schema } },
          required: action.schema !== noBody,
        },
      },
      responses: { [action.status]: jsonContent(z.object({ report: savedReport }), "Báo cáo") },
    }),
    async (c) => {
      const run = action.run as (
        db: Db,
        actor: Actor,
        id: number,
        body: unknown,
        communeId?: number,
      ) => Promise<SavedReport>;
      const { communeId } = c.req.valid("query");
      const report = await run(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        communeId,
      );
      return c.json({ report }, action.status as 200);
    },
  );

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/reports/{id}/changes",
    tags,
    summary: "Khác biệt so với phiên bản trước: nội dung từng mục và từng dòng số liệu",
    request: { params: idParam, query: reportUnitQuery },
    responses: { 200: jsonContent(z.object({ changes: z.array(reportChange) }), "Các thay đổi") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      { changes: await changesOf(c.get("db"), requireActor(c), c.req.valid("param").id, communeId) },
      200,
    );
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/reports/{id}/document.docx",
    tags,
    summary: "Tệp .docx: bản đã lưu khi nộp (giống hệt từng byte), bản nháp thì tính từ số liệu hiện có",
    request: { params: idParam, query: reportUnitQuery },
    responses: {
      200: { description: "Tệp .docx", content: { [docxType]: { schema: z.any() } } },
    },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    const { bytes, name } = await reportDocx(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      communeId,
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docxType,
      "Content-Disposition": `attachment; filename="${name}"`,
    });
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/report-status",
    tags,
    summary:
      "Tình hình nộp báo cáo của các xã trong tỉnh (unitId) hoặc các tỉnh (cấp trung ương): chưa nộp, đã nộp, trả lại, đã tiếp nhận; đúng hạn hay muộn",
    request: { query: statusQuery },
    responses: {
      200: jsonContent(statusResponse, "Bảng tình hình nộp; dueFrom: hạn lấy từ đâu"),
    },
  }),
  async (c) => c.json(await statusTable(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);
