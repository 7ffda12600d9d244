/**
 * Completion certificates of a centre's activity (PDF with QR codes) and their public check
 * (docs/CENTRES.md, "Giờ học và giấy chứng nhận"). The attended hours as evidence go through the suggestions of the
 * self-assessment (GET /registrations/{id}/suggestions).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { completionCheck } from "../../../shared/learner-evidence";
import { communeQuery, createRouter, jsonContent, requireActor } from "../../http/context";
import { activityCertificates, checkCompletion } from "./certificates.service";

export const learnerEvidenceRoutes = createRouter();

learnerEvidenceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/activities/{id}/certificates.pdf",
    tags: ["Trung tâm học tập cộng đồng"],
    summary:
      "Giấy chứng nhận hoàn thành của lớp (một trang cho mỗi học viên có mặt từ 80% số buổi, mã QR xác minh); " +
      "cần quyền điểm danh",
    request: { params: z.object({ id: z.coerce.number().int().positive() }), query: communeQuery },
    responses: {
      200: {
        description: "Giấy chứng nhận",
        content: { "application/pdf": { schema: z.any() } },
      },
    },
  }),
  async (c) => {
    const bytes = await activityCertificates(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.get("config").publicUrl,
      c.req.valid("query").communeId,
    );
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": "application/pdf" });
  },
);

learnerEvidenceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/completion-certificates/{code}",
    tags: ["Công khai"],
    summary:
      "Xác minh giấy chứng nhận hoàn thành lớp học theo mã (không cần đăng nhập; chỉ dữ liệu tối thiểu)",
    request: { params: z.object({ code: z.string().toUpperCase() }) },
    responses: { 200: jsonContent(z.object({ certificate: completionCheck }), "Giấy chứng nhận") },
  }),
  async (c) => c.json({ certificate: await checkCompletion(c.get("db"), c.req.valid("param").code) }, 200),
);
