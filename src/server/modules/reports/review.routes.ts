/** Reviewing a report (issue 11, item 2): the level above's comments beside its sections, and a draft's refresh. */
import { createRoute, z } from "@hono/zod-openapi";
import { commentInput, refreshResult, reportComment } from "../../../shared/report-review";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { addComment, listComments, resolveComment } from "./comments.service";
import { refreshDraft } from "./refresh.service";
import { reportUnitQuery } from "./submissions.routes";

export const reviewRoutes = createRouter();
const tags = ["Báo cáo"];
const one = jsonContent(z.object({ comment: reportComment }), "Góp ý");

reviewRoutes.openapi(
  createRoute({
    method: "get",
    path: "/reports/{id}/comments",
    tags,
    summary: "Góp ý của cấp trên theo từng mục, trên phiên bản này và các phiên bản trước",
    request: { params: idParam, query: reportUnitQuery },
    responses: { 200: jsonContent(z.object({ comments: z.array(reportComment) }), "Các góp ý") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(
      { comments: await listComments(c.get("db"), requireActor(c), c.req.valid("param").id, communeId) },
      200,
    );
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reports/{id}/comments",
    tags,
    summary:
      "Cấp trên (người được trả lại, tiếp nhận báo cáo) góp ý một mục của phiên bản đã nộp; góp ý không sửa, không xóa",
    request: {
      params: idParam,
      query: reportUnitQuery,
      body: { content: { "application/json": { schema: commentInput } }, required: true },
    },
    responses: { 201: one },
  }),
  async (c) => {
    const [{ id }, { communeId }] = [c.req.valid("param"), c.req.valid("query")];
    return c.json(
      { comment: await addComment(c.get("db"), requireActor(c), id, c.req.valid("json"), communeId) },
      201,
    );
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reports/{id}/comments/{commentId}/resolve",
    tags,
    summary: "Đơn vị lập báo cáo đánh dấu một góp ý đã xử lý (một lần; ghi nhận ai, lúc nào)",
    request: {
      params: idParam.extend({ commentId: z.coerce.number().int().positive() }),
      query: reportUnitQuery,
    },
    responses: { 200: one },
  }),
  async (c) => {
    const { id, commentId } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(
      { comment: await resolveComment(c.get("db"), requireActor(c), id, commentId, communeId) },
      200,
    );
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reports/{id}/refresh",
    tags,
    summary:
      "Làm mới số liệu của bản nháp: tính lại các khối và nêu các dòng số liệu đã đổi so với lần làm mới trước",
    request: { params: idParam, query: reportUnitQuery },
    responses: { 200: jsonContent(refreshResult, "Số liệu mới và các thay đổi") },
  }),
  async (c) => {
    const { communeId } = c.req.valid("query");
    return c.json(await refreshDraft(c.get("db"), requireActor(c), c.req.valid("param").id, communeId), 200);
  },
);
