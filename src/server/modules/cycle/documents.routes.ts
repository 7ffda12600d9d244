/** The decision as a .docx (NĐ 30/2020) for printing and signature. */
import { createRoute, z } from "@hono/zod-openapi";
import { communeQuery, createRouter, requireActor } from "../../http/context";
import { decisionDocument } from "./decision-document.service";

export const documentRoutes = createRouter();
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

documentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/decisions/{id}/decision.docx",
    tags: ["Danh hiệu học tập"],
    summary:
      "Quyết định công nhận hoặc thu hồi (.docx, thể thức NĐ 30/2020): chữ ký theo chức vụ người ký (TM., KT., Q.), danh sách kèm theo",
    request: { params: z.object({ id: z.coerce.number().int().positive() }), query: communeQuery },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const bytes = await decisionDocument(c.get("db"), requireActor(c), id, c.req.valid("query").communeId);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="quyet-dinh-${id}.docx"`,
    });
  },
);
