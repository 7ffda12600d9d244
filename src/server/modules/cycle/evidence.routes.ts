import { createRoute, z } from "@hono/zod-openapi";
import { evidenceSummary } from "../../../shared/cycle";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { uploadedFileName } from "../../http/upload";
import { addEvidence, evidenceFile, listEvidence } from "./evidence.service";

export const evidenceRoutes = createRouter();
const tags = ["Danh hiệu học tập"];

evidenceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}/evidence",
    tags,
    summary: "Minh chứng của một hồ sơ tự đánh giá",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(z.object({ evidence: z.array(evidenceSummary) }), "Danh sách") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const evidence = await listEvidence(c.get("db"), requireActor(c), id, c.req.valid("query").communeId);
    return c.json({ evidence }, 200);
  },
);

evidenceRoutes.openapi(
  createRoute({
    method: "post",
    path: "/registrations/{id}/evidence",
    tags,
    summary: "Thêm minh chứng cho một nội dung: ghi chú và/hoặc tệp (PDF, ảnh, Word, Excel; tối đa 5 MB)",
    request: {
      params: idParam,
      query: communeQuery,
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({
              itemKey: z.string().optional(),
              note: z.string().optional(),
              file: z.any().optional().openapi({ type: "string", format: "binary" }),
            }),
          },
        },
        required: true,
      },
    },
    responses: { 201: jsonContent(z.object({ id: z.number() }), "Đã thêm") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const form = await c.req.parseBody();
    const itemKey = typeof form.itemKey === "string" ? form.itemKey.trim() : "";
    const note =
      typeof form.note === "string" && form.note.trim() ? form.note.trim().slice(0, 2000) : undefined;
    const file =
      form.file instanceof File && form.file.size > 0
        ? {
            bytes: new Uint8Array(await form.file.arrayBuffer()),
            name: uploadedFileName(form.file.name),
            type: form.file.type,
          }
        : undefined;
    const { id } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(await addEvidence(c.get("db"), actor, id, { itemKey, note, file }, communeId), 201);
  },
);

evidenceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}/evidence/{evidenceId}",
    tags,
    summary: "Tải tệp minh chứng",
    request: {
      params: idParam.extend({ evidenceId: z.coerce.number().int().positive() }),
      query: communeQuery,
    },
    responses: { 200: { description: "Tệp", content: { "application/octet-stream": { schema: z.any() } } } },
  }),
  async (c) => {
    const { id, evidenceId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const file = await evidenceFile(c.get("db"), requireActor(c), id, evidenceId, communeId);
    return c.body(new Uint8Array(file.bytes), 200, {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  },
);
