/** A unit's title registrations for a year: the list, registering subjects, one registration and its self-assessment. */
import { createRoute, z } from "@hono/zod-openapi";
import {
  assessRequest,
  registerRequest,
  registration,
  registrationListResponse,
  registrationStatuses,
} from "../../../shared/cycle";
import { titles } from "../../../shared/rubric";
import { asActor } from "../../auth/scope";
import {
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
  staleResponse,
} from "../../http/context";
import { logProcessing } from "../readlog/processing-log";
import {
  assessRegistration,
  listRegistrations,
  loadRegistration,
  registerSubjects,
} from "./registrations.service";

export const registrationRoutes = createRouter();
const tags = ["Danh hiệu học tập"];

registrationRoutes.openapi(
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

registrationRoutes.openapi(
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

registrationRoutes.openapi(
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

registrationRoutes.openapi(
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
