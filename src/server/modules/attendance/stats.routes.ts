/** The learning centres' statistics: figures of a unit and its children, the series, CSV and .xlsx. */
import { createRoute, z } from "@hono/zod-openapi";
import { activityKinds, topics } from "../../../shared/centre-stats";
import {
  createRouter,
  csvContent,
  csvResponse,
  jsonContent,
  requireActor,
  xlsxContent,
  xlsxResponse,
} from "../../http/context";
import { statsUnit, unitSeriesQuery, unitYearQuery } from "../stats/stats.routes";
import { centreCsv, centreFileName, centreSheet } from "./stats.export";
import { centreRollup, centreSeries } from "./stats.service";

export const centreStatsRoutes = createRouter();
const tags = ["Trung tâm học tập cộng đồng"];

const counts = (keys: readonly string[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<string, z.ZodNumber>);
const centreFigures = z.object({
  centres: z.number().openapi({ description: "Trung tâm đang hoạt động cuối năm (hoặc đến hôm nay)" }),
  activities: z.number().openapi({ description: "Lớp học, chuyên đề, câu lạc bộ bắt đầu trong năm" }),
  byKind: counts(activityKinds),
  byTopic: counts(topics),
  sessions: z.number().openapi({ description: "Buổi học trong năm" }),
  attendees: z.number().openapi({ description: "Lượt người dự các buổi học trong năm" }),
  women: z.number(),
  minorities: z.number().openapi({ description: "Lượt người dân tộc thiểu số" }),
  elderly: z.number().openapi({ description: "Lượt người cao tuổi (từ 60 tuổi)" }),
  learners: z.number().openapi({ description: "Học viên có tên trong danh sách các lớp của năm" }),
  minutes: z.number().openapi({ description: "Tổng số phút các buổi học có ghi thời lượng" }),
  planned: z.number().openapi({ description: "Số lớp, chuyên đề theo các kế hoạch năm đã duyệt" }),
  plannedParticipants: z.number().openapi({ description: "Số người dự kiến theo các kế hoạch đã duyệt" }),
  surveyResponses: z.number().openapi({ description: "Phiếu trả lời khảo sát nhu cầu học tập của năm" }),
});
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  date: z.string().openapi({ description: "Ngày lấy số trung tâm: 31/12 của năm, hoặc hôm nay" }),
  figures: centreFigures,
  children: z.array(z.object({ unit: statsUnit, figures: centreFigures })),
  own: centreFigures.nullable().openapi({
    description: "Phần tính tại xã, phường đã hết hiệu lực mà không đơn vị trực thuộc nào nhận trọn",
  }),
});

centreStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/centres",
    tags,
    summary:
      "Số liệu trung tâm học tập cộng đồng của một đơn vị trong một năm và các đơn vị trực thuộc: lớp, buổi học, lượt người",
    request: { query: unitYearQuery },
    responses: { 200: jsonContent(rollupResponse, "Số liệu trung tâm học tập cộng đồng") },
  }),
  async (c) => c.json(await centreRollup(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

centreStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/centres/series",
    tags,
    summary: "Lớp, buổi học, lượt người của các trung tâm học tập cộng đồng một đơn vị qua các năm",
    request: { query: unitSeriesQuery },
    responses: {
      200: jsonContent(
        z.object({
          unit: statsUnit,
          points: z.array(z.object({ year: z.number(), date: z.string(), figures: centreFigures })),
        }),
        "Chuỗi số liệu",
      ),
    },
  }),
  async (c) => c.json(await centreSeries(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

centreStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/centres.csv",
    tags,
    summary: "Bảng số liệu trung tâm học tập cộng đồng dạng CSV, có dòng tổng cộng",
    request: { query: unitYearQuery },
    responses: { 200: csvContent("số đếm") },
  }),
  async (c) => {
    const result = await centreRollup(c.get("db"), requireActor(c), c.req.valid("query"));
    return csvResponse(c, centreCsv(result), centreFileName(result, "csv"));
  },
);

centreStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/centres.xlsx",
    tags,
    summary:
      "Biểu thống kê trung tâm học tập cộng đồng (.xlsx): mỗi đơn vị trực thuộc một dòng, có dòng Tổng cộng",
    request: { query: unitYearQuery },
    responses: { 200: xlsxContent() },
  }),
  async (c) => {
    const result = await centreRollup(c.get("db"), requireActor(c), c.req.valid("query"));
    const { sheet, rows } = centreSheet(result);
    return xlsxResponse(c, sheet, rows, centreFileName(result, "xlsx"));
  },
);
