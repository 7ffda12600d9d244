/** The learning-promotion funds' statistics: figures of a unit and its children, the series, CSV and .xlsx. */
import { createRoute, z } from "@hono/zod-openapi";
import { fundOwnerKinds } from "../../../shared/fund-stats";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { sectionDownloads } from "../stats/section-downloads";
import { statsUnit, unitSeriesQuery, unitYearQuery } from "../stats/stats.routes";
import { fundCsv, fundFileName, fundSheet } from "./stats.export";
import { fundRollup, fundSeries } from "./stats.service";

export const fundStatsRoutes = createRouter();
const tags = ["Quỹ khuyến học"];

const money = (description: string) =>
  z
    .string()
    .regex(/^-?\d+$/)
    .openapi({
      description: `${description} (đồng, số nguyên viết thành chuỗi chữ số)`,
      example: "15000000",
    });
const fundAmounts = z.object({
  raised: money("Thu trong năm, kể cả hiện vật theo giá trị, trừ bút toán đảo trong năm"),
  raisedInKind: money("Phần thu bằng hiện vật"),
  disbursed: money("Chi trong năm: khoản chi và đợt trao đã chi, trừ bút toán đảo trong năm"),
  scholarships: z
    .number()
    .int()
    .openapi({ description: "Số suất học bổng, phần thưởng cho học sinh đã chi" }),
  scholarshipAmount: money("Số tiền học bổng, phần thưởng cho học sinh"),
  balance: money(
    "Tồn quỹ: tổng số dư tiền mặt, tiền gửi, hiện vật cuối năm (hoặc đến hôm nay với năm hiện tại)",
  ),
});
const fundFigures = fundAmounts.extend({
  byOwnerKind: z
    .object(
      Object.fromEntries(fundOwnerKinds.map((k) => [k, fundAmounts])) as Record<
        (typeof fundOwnerKinds)[number],
        typeof fundAmounts
      >,
    )
    .openapi({ description: "Theo đơn vị giữ quỹ: Hội, chi hội, dòng họ, trường học" }),
});
const rollupResponse = z.object({
  unit: statsUnit,
  year: z.number(),
  date: z.string().openapi({ description: "Ngày lấy tồn quỹ: 31/12 của năm, hoặc hôm nay với năm hiện tại" }),
  figures: fundFigures,
  children: z.array(z.object({ unit: statsUnit, figures: fundFigures })).openapi({
    description: "Đơn vị trực thuộc (không có với xã, phường: quỹ do xã, phường hoặc tỉnh giữ)",
  }),
  own: fundFigures.nullable().openapi({
    description:
      "Phần không thuộc đơn vị trực thuộc nào: quỹ của chính đơn vị (cấp tỉnh), xã đã hết hiệu lực",
  }),
  funds: z
    .array(
      z.object({
        fund: z.object({
          id: z.number(),
          name: z.string(),
          ownerKind: z.enum(fundOwnerKinds),
          ownerName: z.string(),
        }),
        figures: fundAmounts,
      }),
    )
    .openapi({ description: "Các quỹ do chính đơn vị giữ" }),
});

fundStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/fund",
    tags,
    summary:
      "Số liệu quỹ khuyến học của một đơn vị trong một năm và các đơn vị trực thuộc: thu, chi, học bổng, tồn quỹ",
    request: { query: unitYearQuery },
    responses: { 200: jsonContent(rollupResponse, "Số liệu quỹ khuyến học") },
  }),
  async (c) => c.json(await fundRollup(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

fundStatsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stats/fund/series",
    tags,
    summary: "Thu, chi, học bổng, tồn quỹ khuyến học của một đơn vị qua các năm",
    request: { query: unitSeriesQuery },
    responses: {
      200: jsonContent(
        z.object({
          unit: statsUnit,
          points: z.array(z.object({ year: z.number(), date: z.string(), figures: fundFigures })),
        }),
        "Chuỗi số liệu",
      ),
    },
  }),
  async (c) => c.json(await fundSeries(c.get("db"), requireActor(c), c.req.valid("query")), 200),
);

sectionDownloads(fundStatsRoutes, {
  name: "fund",
  tags,
  summaries: {
    csv: "Bảng số liệu quỹ khuyến học dạng CSV, có dòng tổng cộng",
    xlsx: "Biểu thống kê quỹ khuyến học (.xlsx): mỗi đơn vị trực thuộc (hoặc mỗi quỹ) một dòng, có dòng Tổng cộng",
  },
  csvNote: "tiền tính bằng đồng",
  rollup: fundRollup,
  csv: fundCsv,
  sheet: fundSheet,
  fileName: fundFileName,
});
