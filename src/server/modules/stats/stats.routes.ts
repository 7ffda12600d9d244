import { createRoute, z } from "@hono/zod-openapi";
import { isoDate } from "../../../shared/api";
import { titles } from "../../../shared/rubric";
import { targetMetrics } from "../../../shared/stats";
import { AppError } from "../../errors";
import {
  createRouter,
  csvContent,
  csvResponse,
  jsonContent,
  requireActor,
  xlsxContent,
  xlsxResponse,
} from "../../http/context";
import { rollup } from "./rollup";
import { rollupCsv, rollupFileName, rollupSheet } from "./stats.export";
import { series } from "./stats.service";
import { resolutionRule, statusRule } from "./target-progress";

export const statsRoutes = createRouter();
const tags = ["Thống kê"];

/** A unit (or the nation) and a year: the query of every roll-up of the statistics. */
export const unitYearQuery = z.object({
  unitId: z.coerce.number().int().positive().optional().openapi({
    description: "Đơn vị; bỏ trống: toàn quốc (các tỉnh là đơn vị trực thuộc; chỉ quản trị hệ thống)",
  }),
  year: z.coerce.number().int().min(2000).max(2100),
});
const yearRange = {
  from: z.coerce.number().int().min(2000).max(2100),
  to: z.coerce.number().int().min(2000).max(2100),
};
/** At most 50 years, in order (the refinement of a series query). */
const withinFifty: [(q: { from: number; to: number }) => boolean, { message: string; path: string[] }] = [
  (q) => q.from <= q.to && q.to - q.from <= 50,
  { message: "Khoảng năm không hợp lệ: từ năm phải trước đến năm, tối đa 50 năm", path: ["to"] },
];
/** A unit (or the nation) and a range of at most 50 years: the query of every series. */
export const unitSeriesQuery = z
  .object({ unitId: unitYearQuery.shape.unitId, ...yearRange })
  .refine(...withinFifty);

const rollupQuery = unitYearQuery.extend({
  title: z.enum(titles).optional(),
  date: isoDate.optional(),
  boundaries: z
    .enum(["historical", "current"])
    .optional()
    .openapi({
      description:
        "historical (mặc định): số liệu ghi tại các đơn vị có hiệu lực vào ngày `date`, không quy đổi. " +
        "current: mọi số liệu quy đổi về các đơn vị có hiệu lực vào ngày `date`: đơn vị cũ (trước sắp xếp 1/7/2025) sang đơn vị mới " +
        "hoặc ngược lại; kế thừa toàn bộ (full) cộng nguyên số liệu, thôn được điều chuyển theo đúng thôn, còn lại chia đều và đánh dấu ước tính",
    }),
});

const estimateFields = {
  estimated: z
    .boolean()
    .optional()
    .openapi({ description: "true: có phần số liệu ước tính (chia đều khi quy đổi địa giới)" }),
  estimateNote: z.string().optional().openapi({ description: "Cách chia số liệu ước tính" }),
};

export const statsUnit = z.object({
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
  rating: z
    .object({
      rated: z.number(),
      good: z.number(),
      fair: z.number(),
      average: z.number(),
      weak: z.number(),
      unrated: z.number(),
    })
    .optional()
    .openapi({
      description:
        "Chỉ với xếp loại (centre_rating): số đã xếp loại theo tốt, khá, trung bình, yếu và số chưa xếp loại; khi đó không có tỷ lệ",
    }),
});
export const targetProgress = z.object({
  metric: z.enum(targetMetrics),
  targetYear: z.number().openapi({
    description: "Năm của chỉ tiêu được áp dụng (năm chọn, hoặc năm chỉ tiêu gần nhất phía sau)",
  }),
  value: z.number().openapi({ description: "Chỉ tiêu, %" }),
  basis: z.string().openapi({ description: "Văn bản căn cứ" }),
  source: z.enum(["national", "local"]),
  unitId: z
    .number()
    .nullable()
    .openapi({ description: "Đơn vị đặt chỉ tiêu riêng; null: chỉ tiêu quốc gia" }),
  actual: z.number().nullable().openapi({ description: "Tỷ lệ thực tế của đơn vị (figures[metric])" }),
  status: z.enum(["met", "not_met", "exceeded"]).nullable().openapi({ description: statusRule }),
});
/** Which totals the rates divide by: frozen when the year was closed (docs/STATISTICS.md, "Closing a year"). */
const frozenFields = {
  totalsFrozenAt: z.string().nullable().openapi({
    description:
      "Thời điểm khóa số liệu năm khi mọi xã của đơn vị đã khóa (tổng số là số đã chốt); null: tổng số hôm nay (hoặc chỉ một số xã đã khóa)",
  }),
  totalsFrozenCommunes: z.number().openapi({ description: "Số xã của đơn vị dùng tổng số đã chốt cho năm" }),
  totalsCommunes: z.number().openapi({ description: "Số xã của đơn vị (có hiệu lực vào ngày chọn)" }),
};
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  date: z.string(),
  boundaries: z.enum(["historical", "current"]),
  ...frozenFields,
  titles: z.array(
    z.object({
      title: z.enum(titles),
      label: z.string(),
      totalDefinition: z.string(),
      figures,
      ...estimateFields,
      children: z.array(z.object({ unit: statsUnit, figures, ...estimateFields })),
      childrenTotal: figures,
      targets: z.array(targetProgress).openapi({ description: `${resolutionRule} ${statusRule}` }),
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
    responses: { 200: csvContent("dấu phẩy thập phân") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const result = await rollup(c.get("db"), requireActor(c), {
      ...query,
      title: query.title ?? "learning_family",
    });
    const table = result.titles[0];
    if (!table) throw new AppError("validation", "Chưa chọn danh hiệu");
    return csvResponse(c, rollupCsv(table, result.unit), `thong-ke-${result.unit.code}-${result.year}.csv`);
  },
);

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/rollup.xlsx",
    tags,
    summary:
      "Biểu thống kê kết quả xây dựng các mô hình học tập (.xlsx): mỗi đơn vị trực thuộc một dòng, mỗi danh hiệu (hoặc danh hiệu đã chọn) các cột Tổng số, Đăng ký, Đạt, Tỷ lệ; có dòng Tổng cộng. Cùng số liệu dạng JSON: GET /stats/rollup",
    request: { query: rollupQuery },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const result = await rollup(c.get("db"), requireActor(c), c.req.valid("query"));
    const { sheet, rows } = rollupSheet(result);
    return xlsxResponse(c, sheet, rows, rollupFileName(result, "xlsx"));
  },
);

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/series",
    tags,
    summary:
      "Chuỗi số liệu một danh hiệu của một đơn vị qua các năm, liên tục qua sắp xếp đơn vị hành chính (năm trước sắp xếp quy đổi từ các đơn vị tiền thân)",
    request: {
      query: z
        .object({
          unitId: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .openapi({ description: "Đơn vị; bỏ trống: toàn quốc (chỉ quản trị hệ thống)" }),
          title: z.enum(titles),
          ...yearRange,
        })
        .refine(...withinFifty),
    },
    responses: {
      200: jsonContent(
        z.object({
          unit: statsUnit,
          title: z.enum(titles),
          label: z.string(),
          date: z.string().openapi({ description: "Ngày lấy địa giới của đơn vị" }),
          points: z.array(
            z.object({
              year: z.number(),
              figures,
              estimated: z.boolean(),
              estimateNote: z.string().optional(),
              totalsFrozenAt: frozenFields.totalsFrozenAt,
            }),
          ),
        }),
        "Chuỗi số liệu",
      ),
    },
  }),
  async (c) => c.json(await series(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);
