/** The yearly round: carrying a unit's registrations forward to a new year, and the user's to-do list with deadlines. */
import { createRoute, z } from "@hono/zod-openapi";
import { carryForwardResult, todoItem } from "../../../shared/cycle";
import { titles } from "../../../shared/rubric";
import { createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { today } from "../territory/dates";
import { carryForward, todoList } from "./yearly.service";

export const yearlyRoutes = createRouter();
const tags = ["Danh hiệu học tập"];

yearlyRoutes.openapi(
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

yearlyRoutes.openapi(
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
