/** Recognition certificates: a decision's or a registration's as PDF, and the public check of one by its code. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { certificateCheck } from "../../../shared/cycle";
import {
  type AppEnv,
  communeQuery,
  createRouter,
  idParam,
  jsonContent,
  requireActor,
} from "../../http/context";
import { checkCertificate, decisionCertificates, registrationCertificate } from "./certificates.service";

export const certificateRoutes = createRouter();
const tags = ["Danh hiệu học tập"];
const pdf = (summary: string) => ({
  200: { description: summary, content: { "application/pdf": { schema: z.any() } } },
});

/** Where certificates' QR codes point: HIEUHOC_PUBLIC_URL, else the server's own address; never the Host header. */
const publicBase = (c: Context<AppEnv>) => c.get("config").publicUrl;

certificateRoutes.openapi(
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

certificateRoutes.openapi(
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

certificateRoutes.openapi(
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
