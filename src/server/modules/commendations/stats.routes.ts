/** The commendations' statistics: figures of a unit and its children, the yearly series, CSV and .xlsx. */
import { createRoute, z } from "@hono/zod-openapi";
import { commendationFigures } from "../../../shared/commendations";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { sectionDownloads } from "../stats/section-downloads";
import { statsUnit, unitSeriesQuery, unitYearQuery } from "../stats/stats.routes";
import { commendationCsv, commendationFileName, commendationSheet } from "./stats.export";
import { commendationRollup, commendationSeries } from "./stats.service";

export const commendationStatsRoutes = createRouter();
const tags = ["Khen thưởng"];

// Khen thưởng của năm: tổng số, tập thể, cá nhân, theo hình thức (danh mục, rồi hình thức khác đã ghi), theo cấp.
const figures = commendationFigures;
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  figures,
  children: z.array(z.object({ unit: statsUnit, figures })).openapi({
    description:
      "Đơn vị trực thuộc có hiệu lực cuối năm (không có với xã, phường: khen thưởng do xã, phường ghi)",
  }),
  own: figures.nullable().openapi({
    description:
      "Phần không thuộc đơn vị trực thuộc nào: ghi tại đơn vị đã hết hiệu lực không chuyển trọn cho một đơn vị",
  }),
});

commendationStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/commendations",
    tags,
    summary:
      "Số khen thưởng của một đơn vị trong một năm và các đơn vị trực thuộc: tập thể, cá nhân, theo hình thức, theo cấp",
    request: { query: unitYearQuery },
    responses: { 200: jsonContent(rollupResponse, "Số liệu khen thưởng") },
  }),
  async (c) => c.json(await commendationRollup(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

commendationStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/commendations/series",
    tags,
    summary: "Số khen thưởng của một đơn vị qua các năm, theo hình thức và theo cấp",
    request: { query: unitSeriesQuery },
    responses: {
      200: jsonContent(
        z.object({ unit: statsUnit, points: z.array(z.object({ year: z.number(), figures })) }),
        "Chuỗi số liệu",
      ),
    },
  }),
  async (c) => c.json(await commendationSeries(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

sectionDownloads(commendationStatsRoutes, {
  name: "commendations",
  tags,
  summaries: {
    csv: "Bảng số liệu khen thưởng dạng CSV, có dòng tổng cộng",
    xlsx: "Biểu thống kê khen thưởng (.xlsx): mỗi đơn vị trực thuộc một dòng, có dòng Tổng cộng",
  },
  csvNote: "số khen thưởng",
  rollup: commendationRollup,
  csv: commendationCsv,
  sheet: commendationSheet,
  fileName: commendationFileName,
});
