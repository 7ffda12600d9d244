import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { importReport, isoDate, recordVersion } from "../../../shared/api";
import {
  assessRequest,
  carryForwardResult,
  certificateCheck,
  decision,
  decisionRequest,
  registerRequest,
  registration,
  registrationListResponse,
  registrationStatuses,
  reviewRequest,
  todoItem,
} from "../../../shared/cycle";
import { titles } from "../../../shared/rubric";

const isoDateQuery = isoDate.optional();
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

import { asActor } from "../../auth/scope";
import {
  type AppEnv,
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import { uploadedFile } from "../../http/upload";
import { logProcessing } from "../readlog/processing-log";
import { today } from "../territory/dates";
import { checkCertificate, decisionCertificates, registrationCertificate } from "./certificates.service";
import {
  cancelDraftDecision,
  draftDecision,
  getDecision,
  holdReview,
  issueDecision,
  listDecisions,
} from "./decisions.service";
import { evaluationTemplate, importEvaluations } from "./evaluations.import";
import {
  assessRegistration,
  listRegistrations,
  loadRegistration,
  registerSubjects,
} from "./registrations.service";
import { tt25Document } from "./tt25.service";
import { carryForward, todoList } from "./yearly.service";

export const cycleRoutes = createRouter();
/** The draft as the caller saw it (optional): a draft that changed since answers 409. */
const versionBody = z.object({ version: recordVersion.optional() });
const tags = ["Danh hiệu học tập"];
const pdf = (summary: string) => ({
  200: { description: summary, content: { "application/pdf": { schema: z.any() } } },
});

/** Where certificates' QR codes point: HIEUHOC_PUBLIC_URL, else the server's own address; never the Host header. */
const publicBase = (c: Context<AppEnv>) => c.get("config").publicUrl;

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations",
    tags,
    summary: "Hồ sơ đăng ký danh hiệu của một đơn vị trong một năm",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().min(2000).max(2100),
        title: z.enum(titles).optional(),
        status: z.enum(registrationStatuses).optional(),
      }),
    },
    responses: { 200: jsonContent(registrationListResponse, "Danh sách hồ sơ") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const registrations = await listRegistrations(c.get("db"), actor, query);
    // The list names households and people: one processing-log row with the filter and the records.
    await logProcessing(c.get("db"), actor, {
      action: "list",
      kind: "registrations",
      format: "json",
      recordIds: registrations.map((r) => r.id),
      filter: query,
      unitId: query.unitId,
    });
    return c.json({ registrations }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/registrations",
    tags,
    summary: "Đăng ký danh hiệu cho các hộ, dòng họ, thôn, đơn vị, công dân (bỏ qua đối tượng đã đăng ký)",
    request: { body: { content: { "application/json": { schema: registerRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ created: z.number(), skipped: z.number() }), "Đã đăng ký") },
  }),
  async (c) => c.json(await registerSubjects(c.get("db"), requireActor(c), c.req.valid("json")), 201),
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}",
    tags,
    summary: "Một hồ sơ đăng ký với kết quả tự đánh giá",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(z.object({ registration }), "Hồ sơ") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const found = await asActor(c.get("db"), actor, (tx) =>
      loadRegistration(tx, actor, c.req.valid("param").id, c.req.valid("query").communeId),
    );
    return c.json({ registration: found }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/registrations/{id}/assessment",
    tags,
    summary:
      "Tự đánh giá: điểm từng nội dung (bộ tiêu chí chấm điểm) hoặc đạt/không đạt (bộ tiêu chí theo mức độ)",
    request: {
      params: idParam,
      query: communeQuery,
      body: { content: { "application/json": { schema: assessRequest } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ registration }), "Đã chấm"), ...staleResponse },
  }),
  async (c) => {
    const updated = await assessRegistration(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      c.req.valid("query").communeId,
    );
    return c.json({ registration: updated }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reviews",
    tags,
    summary: "Ghi kết quả họp bình xét: đề nghị hoặc không đề nghị công nhận từng hồ sơ",
    request: { body: { content: { "application/json": { schema: reviewRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ id: z.number() }), "Đã ghi"), ...staleResponse },
  }),
  async (c) => c.json(await holdReview(c.get("db"), requireActor(c), c.req.valid("json")), 201),
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions",
    tags,
    summary: "Quyết định công nhận, thu hồi của một đơn vị",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().optional(),
      }),
    },
    responses: { 200: jsonContent(z.object({ decisions: z.array(decision) }), "Danh sách") },
  }),
  async (c) =>
    c.json({ decisions: await listDecisions(c.get("db"), requireActor(c), c.req.valid("query")) }, 200),
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/decisions",
    tags,
    summary: "Lập dự thảo quyết định công nhận (danh sách đề nghị) hoặc thu hồi",
    request: { body: { content: { "application/json": { schema: decisionRequest } }, required: true } },
    responses: { 201: jsonContent(z.object({ decision }), "Đã lập") },
  }),
  async (c) =>
    c.json({ decision: await draftDecision(c.get("db"), requireActor(c), c.req.valid("json")) }, 201),
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions/{id}",
    tags,
    summary: "Một quyết định",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(z.object({ decision }), "Quyết định") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const found = await getDecision(c.get("db"), requireActor(c), id, c.req.valid("query").communeId);
    return c.json({ decision: found }, 200);
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/decisions/{id}/issue",
    tags,
    summary: "Phê duyệt, ban hành quyết định (người khác người lập); hồ sơ bị khóa",
    request: {
      params: idParam,
      query: communeQuery,
      body: { content: { "application/json": { schema: versionBody } }, required: false },
    },
    responses: { 200: jsonContent(z.object({ decision }), "Đã ban hành"), ...staleResponse },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("json") ?? {};
    const { communeId } = c.req.valid("query");
    return c.json(
      { decision: await issueDecision(c.get("db"), requireActor(c), id, version, communeId) },
      200,
    );
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/decisions/{id}",
    tags,
    summary:
      "Hủy dự thảo quyết định (chưa ban hành): hồ sơ công nhận trở lại danh sách đề nghị, hồ sơ thu hồi vẫn được công nhận",
    request: {
      params: idParam,
      query: communeQuery.extend({ version: z.coerce.number().int().positive().optional() }),
    },
    responses: {
      200: jsonContent(z.object({ id: z.number(), released: z.number() }), "Đã hủy dự thảo"),
      ...staleResponse,
    },
  }),
  async (c) =>
    c.json(
      await cancelDraftDecision(
        c.get("db"),
        requireActor(c),
        c.req.valid("param").id,
        c.req.valid("query").version,
        c.req.valid("query").communeId,
      ),
      200,
    ),
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions/{id}/certificates.pdf",
    tags,
    summary: "In tất cả giấy công nhận của một quyết định (PDF, A4 ngang)",
    request: { params: idParam, query: communeQuery },
    responses: pdf("Giấy công nhận"),
  }),
  async (c) => {
    const bytes = await decisionCertificates(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      publicBase(c),
      c.req.valid("query").communeId,
    );
    // The length lets the page show the download's progress (CertificatesButton).
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename="giay-cong-nhan-${c.req.valid("param").id}.pdf"`,
    });
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}/certificate.pdf",
    tags,
    summary: "Giấy công nhận của một hồ sơ",
    request: { params: idParam, query: communeQuery },
    responses: pdf("Giấy công nhận"),
  }),
  async (c) => {
    const bytes = await registrationCertificate(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      publicBase(c),
      c.req.valid("query").communeId,
    );
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": "application/pdf" });
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/certificates/{code}",
    tags: ["Công khai"],
    summary: "Xác minh giấy công nhận theo mã (không cần đăng nhập; chỉ dữ liệu tối thiểu)",
    request: { params: z.object({ code: z.string().toUpperCase() }) },
    responses: { 200: jsonContent(z.object({ certificate: certificateCheck }), "Giấy công nhận") },
  }),
  async (c) => c.json({ certificate: await checkCertificate(c.get("db"), c.req.valid("param").code) }, 200),
);

cycleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/units/{id}/registrations/carry-forward",
    tags,
    summary: "Chuyển năm: đăng ký năm mới từ danh sách năm trước (bỏ hộ đã chuyển đi, nhập hộ, không còn)",
    request: {
      params: idParam,
      body: {
        content: {
          "application/json": {
            schema: z.object({
              fromYear: z.number().int().min(2000).max(2100),
              toYear: z.number().int().min(2000).max(2100),
              title: z.enum(titles),
            }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: jsonContent(carryForwardResult, "Kết quả"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await carryForward(c.get("db"), requireActor(c), { ...body, unitId: c.req.valid("param").id }),
      200,
    );
  },
);

cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/todo",
    tags,
    summary:
      "Việc cần làm trong các đơn vị của người dùng, với hạn theo bộ tiêu chí; từ 01/02, các quỹ chưa công khai năm trước (hạn 31/03)",
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: {
      200: jsonContent(z.object({ items: z.array(todoItem) }), "Việc cần làm"),
    },
  }),
  async (c) => {
    const day = today();
    const year = c.req.valid("query").year ?? Number(day.slice(0, 4));
    return c.json({ items: await todoList(c.get("db"), requireActor(c), year, day) }, 200);
  },
);

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
cycleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}/tt25/{document}",
    tags,
    summary:
      "Hồ sơ Cộng đồng học tập cấp xã (TT 25/2023): báo cáo tự đánh giá hoặc bản tổng hợp tiêu chí (.docx)",
    request: {
      params: idParam.extend({ document: z.enum(["bao-cao-tu-danh-gia.docx", "ban-tong-hop.docx"]) }),
      query: communeQuery.extend({
        date: isoDateQuery,
        signerName: z.string().trim().min(1).max(200).default("........................"),
        signerTitle: z.string().trim().min(1).max(100).default("CHỦ TỊCH"),
        number: z.string().trim().max(50).optional(),
      }),
    },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { id, document } = c.req.valid("param");
    const query = c.req.valid("query");
    const bytes = await tt25Document(
      c.get("db"),
      requireActor(c),
      id,
      document === "ban-tong-hop.docx" ? "summary" : "report",
      {
        date: query.date ?? new Date().toISOString().slice(0, 10),
        signerName: query.signerName,
        signerTitle: query.signerTitle,
        documentNumber: query.number,
        communeId: query.communeId,
      },
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="${document}"`,
    });
  },
);

const evaluationQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  title: z.enum(titles),
});

cycleRoutes.openapi(
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

cycleRoutes.openapi(
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
