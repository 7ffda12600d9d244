/** The personal-data inventory (issue 12, item 1): the list, its .docx for the DPIA, and the retention periods. */
import { createRoute, z } from "@hono/zod-openapi";
import { inventoryAnswer, inventoryEntry, retentionBody } from "../../../shared/privacy/api";
import { asActor } from "../../auth/scope";
import { agencyHeader, placeName } from "../../documents/nd30-names";
import { renderInventoryDocument } from "../../documents/privacy-inventory.docx";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { readableUnit } from "../../registry/units";
import { today } from "../territory/dates";
import { privacyInventory, setRetention } from "./privacy.service";

export const privacyRoutes = createRouter();
const tags = ["Dữ liệu cá nhân"];
const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

privacyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/privacy/inventory",
    tags,
    summary:
      "Danh mục dữ liệu cá nhân: mỗi sổ theo dõi và nhóm dữ liệu với mục đích, cơ sở pháp lý, thời hạn lưu trữ; mỗi trường với loại dữ liệu, trẻ em, người được xem",
    responses: { 200: jsonContent(inventoryAnswer, "Danh mục dữ liệu cá nhân") },
  }),
  async (c) => c.json(await privacyInventory(c.get("db"), requireActor(c)), 200),
);

privacyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/privacy/inventory.docx",
    tags,
    summary:
      "Danh mục dữ liệu cá nhân (.docx, thể thức NĐ 30/2020) kèm theo hồ sơ đánh giá tác động xử lý dữ liệu cá nhân; unitId: đơn vị lập",
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: { description: "Tệp .docx", content: { [docx]: { schema: z.any() } } } },
  }),
  async (c) => {
    const db = c.get("db");
    const actor = requireActor(c);
    const { unitId } = c.req.valid("query");
    const unit = unitId
      ? await asActor(db, actor, async (tx) => {
          await readableUnit(tx, actor, unitId);
          return tx
            .selectFrom("admin_units")
            .select("name")
            .where("id", "=", unitId)
            .executeTakeFirstOrThrow();
        })
      : null;
    const bytes = await renderInventoryDocument({
      inventory: await privacyInventory(db, actor),
      agency: unit ? agencyHeader(`Ủy ban nhân dân ${unit.name}`) : "Đơn vị vận hành\nnền tảng Hiếu Học",
      place: unit ? placeName(unit.name) : "……",
      date: today(),
      preparedBy: actor.name,
    });
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": docx,
      "Content-Disposition": `attachment; filename="danh-muc-du-lieu-ca-nhan${unitId ? `-${unitId}` : ""}.docx"`,
    });
  },
);

privacyRoutes.openapi(
  createRoute({
    method: "put",
    path: "/privacy/retention/{key}",
    tags,
    summary:
      "Đặt thời hạn lưu trữ của một nhóm dữ liệu cá nhân (quản trị hệ thống; không ngắn hơn mức tối thiểu luật định)",
    request: {
      params: z.object({ key: z.string().max(60) }),
      body: { required: true, content: { "application/json": { schema: retentionBody } } },
    },
    responses: { 200: jsonContent(z.object({ entry: inventoryEntry }), "Đã lưu") },
  }),
  async (c) => {
    const { key } = c.req.valid("param");
    const { years } = c.req.valid("json");
    return c.json({ entry: await setRetention(c.get("db"), requireActor(c), key, years) }, 200);
  },
);
