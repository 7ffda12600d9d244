import { createRoute, z } from "@hono/zod-openapi";
import { rubric as rubricInput, storedRubric, titles } from "../../../shared/rubric";
import { asActor } from "../../auth/scope";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { confirmRubric, createRubricVersion, listRubrics, loadRubric } from "./rubrics.service";

export const rubricRoutes = createRouter();
const tags = ["Bộ tiêu chí"];

rubricRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rubrics",
    tags,
    summary: "Các bộ tiêu chí (mọi phiên bản), kèm căn cứ pháp lý và thời gian hiệu lực",
    request: { query: z.object({ title: z.enum(titles).optional() }) },
    responses: { 200: jsonContent(z.object({ rubrics: z.array(storedRubric) }), "Danh sách") },
  }),
  async (c) =>
    c.json({ rubrics: await listRubrics(c.get("db"), requireActor(c), c.req.valid("query").title) }, 200),
);

rubricRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rubrics/{id}",
    tags,
    summary: "Một phiên bản bộ tiêu chí",
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ rubric: storedRubric }), "Bộ tiêu chí") },
  }),
  async (c) => {
    const actor = requireActor(c);
    const found = await asActor(c.get("db"), actor, (tx) => loadRubric(tx, c.req.valid("param").id));
    return c.json({ rubric: found }, 200);
  },
);

rubricRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rubrics",
    tags,
    summary:
      "Tạo phiên bản mới của một bộ tiêu chí (quốc gia: quản trị hệ thống; biến thể tỉnh: quản trị tỉnh)",
    request: {
      body: {
        content: {
          "application/json": {
            schema: z.object({ provinceId: z.number().int().positive().nullable(), rubric: rubricInput }),
          },
        },
        required: true,
      },
    },
    responses: { 201: jsonContent(z.object({ rubric: storedRubric }), "Đã tạo") },
  }),
  async (c) => {
    const { provinceId, rubric } = c.req.valid("json");
    return c.json(
      { rubric: await createRubricVersion(c.get("db"), requireActor(c), rubric, provinceId) },
      201,
    );
  },
);

rubricRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rubrics/{id}/confirm",
    tags,
    summary: 'Xác nhận các giá trị "chưa xác minh" của một phiên bản',
    request: { params: idParam },
    responses: { 200: jsonContent(z.object({ rubric: storedRubric }), "Đã xác nhận") },
  }),
  async (c) =>
    c.json({ rubric: await confirmRubric(c.get("db"), requireActor(c), c.req.valid("param").id) }, 200),
);
