import { createRoute, z } from "@hono/zod-openapi";
import { disclosureSnapshot } from "../../../shared/fund";
import { createRouter, csvContent, csvResponse, jsonContent, requireActor } from "../../http/context";
import { disclosureCsv, disclosureFileName } from "./disclosure.export";
import { publicDisclosure, publishDisclosure } from "./disclosure.service";
import { fundUnitQuery } from "./fund-query";

export const disclosureRoutes = createRouter();
const tags = ["Quỹ khuyến học"];
const params = z.object({
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
});
const snapshot = disclosureSnapshot.describe(
  'Thu – chi – tồn, khoản thu theo nhà hảo tâm (ẩn danh: "Nhà hảo tâm ẩn danh"), khoản chi theo mục đích và theo người nhận (trẻ em chỉ ghi chữ cái đầu, trường, lớp), đầu chuỗi băm và niêm phong của năm',
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/funds/{id}/disclosures/{year}/publish",
    tags,
    summary:
      "Công khai thu – chi của một năm đã khóa sổ (người duyệt, chủ tịch Hội): bản công khai không sửa được",
    request: { params, query: fundUnitQuery },
    responses: { 201: jsonContent(z.object({ disclosure: snapshot }), "Đã công khai") },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const published = await publishDisclosure(c.get("db"), requireActor(c), id, year, communeId);
    return c.json({ disclosure: published }, 201);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/funds/{id}/disclosures/{year}",
    tags,
    summary: "Bản công khai thu – chi của một quỹ trong một năm (không cần đăng nhập)",
    request: { params, query: fundUnitQuery },
    responses: {
      200: jsonContent(
        z.object({ disclosure: snapshot, publishedAt: z.string().describe("Thời điểm công khai") }),
        "Bản công khai",
      ),
    },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(await publicDisclosure(c.get("db"), id, year, communeId), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/funds/{id}/disclosures/{year}/disclosure.csv",
    tags,
    summary:
      "Bản công khai thu – chi dạng CSV (không cần đăng nhập): tổng hợp, thu theo nhà hảo tâm, chi theo mục đích và người nhận, chuỗi băm",
    request: { params, query: fundUnitQuery },
    responses: { 200: csvContent("CRLF") },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    const { disclosure } = await publicDisclosure(c.get("db"), id, year, communeId);
    return csvResponse(c, disclosureCsv(disclosure), disclosureFileName(disclosure, "csv"));
  },
);
