/** GET /registrations/{id}/suggestions: the centre-related items' suggestions of a commune's self-assessment. */
import { createRoute } from "@hono/zod-openapi";
import { suggestionsResponse } from "../../../shared/tt25-prefill";
import { communeQuery, createRouter, idParam, jsonContent, requireActor } from "../../http/context";
import { registrationSuggestions } from "./tt25-prefill.service";

export const tt25PrefillRoutes = createRouter();

tt25PrefillRoutes.openapi(
  createRoute({
    method: "get",
    path: "/registrations/{id}/suggestions",
    tags: ["Danh hiệu học tập"],
    summary:
      "Gợi ý cho các nội dung về trung tâm học tập cộng đồng của hồ sơ Cộng đồng học tập cấp xã (TT 25/2023, TT 44/2014), " +
      "từ xếp loại trung tâm đã có quyết định của năm, kèm nguồn; chỉ để đọc, không tự chấm",
    request: { params: idParam, query: communeQuery },
    responses: { 200: jsonContent(suggestionsResponse, "Gợi ý theo nội dung") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { communeId } = c.req.valid("query");
    return c.json(await registrationSuggestions(c.get("db"), requireActor(c), id, communeId), 200);
  },
);
