/** The query naming the unit a fund's rows are keyed by, beside the fund's id in every /funds/{id}/… route. */
import { z } from "@hono/zod-openapi";
import { communeQuery } from "../../http/context";

/**
 * The fund's commune, optional: for a provincial fund the province (its rows are keyed by the province's id).
 * Given (the web always sends it), the fund is looked for in that unit alone (one shard, docs/SCALE-OUT.md) and a
 * fund of another unit is not found.
 */
export const fundUnitQuery = z.object({
  communeId: communeQuery.shape.communeId.openapi({
    description:
      "Đơn vị của quỹ (tùy chọn): xã, phường, hoặc tỉnh, thành phố với quỹ cấp tỉnh; cho biết thì chỉ tìm quỹ trong đơn vị đó",
  }),
});
