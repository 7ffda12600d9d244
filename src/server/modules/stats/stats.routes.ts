import { createRoute, z } from "@hono/zod-openapi";
import { calendarDate, titles } from "../../../shared/rubric";
import { AppError } from "../../errors";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { rollup, rollupCsv } from "./stats.service";

export const statsRoutes = createRouter();
const tags = ["Thống kê"];

const rollupQuery = z.object({
  unitId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
  title: z.enum(titles).optional(),
  date: calendarDate.optional(),
});

const statsUnit = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  kind: z.string(),
});
const figures = z.object({
  total: z.number(),
  registered: z.number(),
  recognized: z.number(),
  recognizedGood: z.number(),
  recognizedFair: z.number(),
  recognizedAverage: z.number(),
  level1: z.number(),
  level2: z.number(),
  registeredRate: z
    .number()
    .nullable()
    .openapi({ description: "% đăng ký trên tổng số, 2 chữ số thập phân, làm tròn nửa lên (xa 0)" }),
  recognizedRate: z.number().nullable().openapi({ description: "% đạt trên tổng số, cùng quy tắc làm tròn" }),
});
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  date: z.string(),
  titles: z.array(
    z.object({
      title: z.enum(titles),
      label: z.string(),
      totalDefinition: z.string(),
      figures,
      children: z.array(z.object({ unit: statsUnit, figures })),
      childrenTotal: figures,
    }),
  ),
});

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/rollup",
    tags,
    summary:
      "Số liệu danh hiệu học tập của một đơn vị trong một năm và bảng các đơn vị trực thuộc (theo địa giới có hiệu lực vào ngày chọn)",
    request: { query: rollupQuery },
    responses: { 200: jsonContent(rollupResponse, "Số liệu tổng hợp") },
  }),
  async (c) => c.json(await rollup(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/rollup.csv",
    tags,
    summary: "Bảng tổng hợp một danh hiệu (mặc định Gia đình học tập) dạng CSV, có dòng tổng cộng",
    request: { query: rollupQuery },
    responses: { 200: { description: "Tệp CSV (UTF-8)", content: { "text/csv": { schema: z.string() } } } },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const result = await rollup(c.get("db"), requireActor(c), {
      ...query,
      title: query.title ?? "learning_family",
    });
    const table = result.titles[0];
    if (!table) throw new AppError("validation", "Chưa chọn danh hiệu");
    return c.body(rollupCsv(table, result.unit), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="thong-ke-${result.unit.code}-${result.year}.csv"`,
    });
  },
);
