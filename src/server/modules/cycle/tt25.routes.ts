/** A commune's learning-community file (TT 25/2023) as .docx: the self-assessment report or the criteria summary. */
import { createRoute, z } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import { communeQuery, createRouter, idParam, requireActor } from "../../http/context";
import { tt25Document } from "./tt25.service";

export const tt25Routes = createRouter();
const tags = ["Danh hiệu học tập"];
const isoDateQuery = isoDate.optional();

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
tt25Routes.openapi(
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
