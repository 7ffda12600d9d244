/**
 * The year's documents of a title (review minutes .docx, lists of registered and recognised subjects .xlsx/.pdf)
 * for the signed-in, and the public open data (JSON, CSV) of the decided years for everyone.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { openDataQuery, openDataResponse, reviewMinutesQuery, yearListFiles } from "../../../shared/lists";
import { recognitionTitles } from "../../../shared/rubric";
import {
  createRouter,
  csvContent,
  csvResponse,
  idParam,
  jsonContent,
  requireActor,
  xlsxContent,
  xlsxResponse,
} from "../../http/context";
import { openData, openDataCsv } from "./open-data.service";
import { reviewMinutes } from "./review-minutes.service";
import { yearList } from "./year-lists.service";

export const listsRoutes = createRouter();
const tags = ["Danh hiệu học tập"];
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const year = z.coerce.number().int().min(2000, "Năm từ 2000").max(2100, "Năm đến 2100");

listsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/review-minutes.docx",
    tags,
    summary:
      "Biên bản họp bình xét (.docx, thể thức NĐ 30/2020) của một xã, phường hoặc thôn, tổ dân phố cho một danh hiệu và năm: thành phần, số đăng ký, đã tự đánh giá, được bình xét, đề nghị, không đề nghị và danh sách; chủ trì, thư ký, địa điểm, thành phần tham dự là tham số (có mặc định)",
    request: { params: idParam, query: reviewMinutesQuery },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const { bytes, fileName } = await reviewMinutes(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="${fileName}"`,
    });
  },
);

listsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/units/{id}/lists/{file}",
    tags,
    summary:
      "Danh sách đăng ký hoặc được công nhận một danh hiệu trong năm của một xã, phường hoặc thôn, tổ dân phố (.xlsx hoặc .pdf in khổ A4): STT, tên (chủ hộ), thôn, kết quả hoặc quyết định; ghi người xuất và thời điểm",
    request: {
      params: idParam.extend({ file: z.enum(yearListFiles, { message: "Chọn tệp danh sách" }) }),
      query: z.object({ year, title: z.enum(recognitionTitles, { message: "Chọn một danh hiệu" }) }),
    },
    responses: {
      200: {
        ...xlsxContent("Tệp Excel hoặc PDF"),
        content: { ...xlsxContent().content, "application/pdf": { schema: z.any() } },
      },
    },
  }),
  async (c) => {
    const { id, file } = c.req.valid("param");
    const out = await yearList(c.get("db"), requireActor(c), id, file, c.req.valid("query"));
    if (out.format === "xlsx") return xlsxResponse(c, out.sheet, out.rows, out.fileName);
    return c.body(new Uint8Array(out.bytes), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${out.fileName}"`,
    });
  },
);

listsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/open-data",
    tags: ["Dữ liệu mở"],
    summary:
      "Dữ liệu mở (không cần đăng nhập): số đăng ký, đạt, tổng số và tỷ lệ đạt theo tỉnh (không có province) hoặc theo các xã của một tỉnh (province = mã tỉnh), năm và danh hiệu; chỉ năm đã có quyết định công nhận; không có dữ liệu cá nhân; definitions giải thích từng số",
    request: { query: openDataQuery },
    responses: { 200: jsonContent(openDataResponse, "Số liệu công bố") },
  }),
  async (c) => c.json(await openData(c.get("db"), c.req.valid("query")), 200),
);

listsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/public/open-data.csv",
    tags: ["Dữ liệu mở"],
    summary: "Dữ liệu mở dạng CSV (không cần đăng nhập): cùng các dòng như GET /public/open-data",
    request: { query: openDataQuery },
    responses: { 200: csvContent("CRLF, dấu phẩy thập phân") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const data = await openData(c.get("db"), query);
    const name = ["du-lieu-mo", query.province, query.year, query.title].filter(Boolean).join("-");
    return csvResponse(c, openDataCsv(data), `${name}.csv`);
  },
);
