/** The Hội Khuyến học's statistics: figures of a unit and its children, the growth series, CSV and .xlsx. */
import { createRoute, z } from "@hono/zod-openapi";
import { chapterKindKeys } from "../../../shared/association-stats";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { sectionDownloads } from "../stats/section-downloads";
import { statsUnit, targetProgress, unitSeriesQuery, unitYearQuery } from "../stats/stats.routes";
import { memberCsv, memberFileName, memberSheet } from "./stats.export";
import { memberRollup, memberSeries } from "./stats.service";

export const associationStatsRoutes = createRouter();
const tags = ["Hội Khuyến học"];

const rate = (description: string) => z.number().nullable().openapi({ description });
const memberFigures = z.object({
  members: z
    .number()
    .openapi({ description: "Hội viên cá nhân cuối năm (hoặc đến hôm nay với năm hiện tại)" }),
  women: z.number(),
  collective: z.number().openapi({ description: "Hội viên tập thể" }),
  joined: z.number().openapi({ description: "Hội viên cá nhân mới kết nạp trong năm" }),
  left: z.number().openapi({ description: "Hội viên cá nhân ra hội trong năm" }),
  chapters: z.number().openapi({ description: "Chi hội, ban khuyến học đang hoạt động cuối năm" }),
  chaptersByKind: z.object(
    Object.fromEntries(chapterKindKeys.map((k) => [k, z.number()])) as Record<
      (typeof chapterKindKeys)[number],
      z.ZodNumber
    >,
  ),
  residents: z.number().openapi({ description: "Nhân khẩu của các hộ trong sổ (hiện tại)" }),
  households: z.number().openapi({ description: "Hộ gia đình trong sổ (hiện tại)" }),
  householdsWithMember: z.number().openapi({ description: "Hộ có ít nhất một hội viên cuối năm" }),
  membersPer100: rate("Hội viên trên 100 nhân khẩu, 2 chữ số thập phân; null khi chưa có nhân khẩu"),
  householdShare: rate("% hộ có hội viên (mục tiêu “mỗi gia đình có một hội viên khuyến học”)"),
  womenShare: rate("% hội viên là nữ"),
});
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  date: z.string().openapi({ description: "Ngày lấy số liệu: 31/12 của năm, hoặc hôm nay với năm hiện tại" }),
  figures: memberFigures,
  children: z.array(z.object({ unit: statsUnit, figures: memberFigures })),
  targets: z
    .array(targetProgress)
    .openapi({ description: "Chỉ tiêu tỷ lệ hộ có hội viên áp dụng cho đơn vị" }),
  own: memberFigures.nullable().openapi({
    description:
      "Phần tính tại chính đơn vị hoặc tại đơn vị đã hết hiệu lực (không thuộc đơn vị trực thuộc nào)",
  }),
});

associationStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/association",
    tags,
    summary:
      "Số liệu Hội Khuyến học của một đơn vị trong một năm và các đơn vị trực thuộc: chi hội, hội viên, hộ có hội viên",
    request: { query: unitYearQuery },
    responses: { 200: jsonContent(rollupResponse, "Số liệu Hội Khuyến học") },
  }),
  async (c) => c.json(await memberRollup(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

associationStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/association/series",
    tags,
    summary: "Số hội viên, chi hội của một đơn vị qua các năm (biểu đồ phát triển hội viên)",
    request: { query: unitSeriesQuery },
    responses: {
      200: jsonContent(
        z.object({
          unit: statsUnit,
          points: z.array(z.object({ year: z.number(), date: z.string(), figures: memberFigures })),
        }),
        "Chuỗi số liệu",
      ),
    },
  }),
  async (c) => c.json(await memberSeries(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

sectionDownloads(associationStatsRoutes, {
  name: "association",
  tags,
  summaries: {
    csv: "Bảng số liệu Hội Khuyến học dạng CSV, có dòng tổng cộng",
    xlsx: "Biểu thống kê tổ chức Hội Khuyến học (.xlsx): mỗi đơn vị trực thuộc một dòng, có dòng Tổng cộng",
  },
  csvNote: "dấu phẩy thập phân",
  rollup: memberRollup,
  csv: memberCsv,
  sheet: memberSheet,
  fileName: memberFileName,
});
