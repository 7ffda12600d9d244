import { createRoute, z } from "@hono/zod-openapi";
import { clan, clanHouseholdsRequest, clanInput, clanListResponse, clanUpdate } from "../../../shared/clans";
import { createRouter, jsonContent, requireActor } from "../../http/context";
import { registryRoutes } from "../../http/registry-routes";
import { clanTemplate, exportClans, importClans } from "./clans.import";
import { archiveClan, createClan, getClan, listClans, setClanHouseholds, updateClan } from "./clans.service";

export const clanRoutes = createRouter();
const tags = ["Dòng họ"];
const idParam = z.object({ id: z.coerce.number().int().positive() });

registryRoutes(clanRoutes, {
  segment: "clans",
  tag: "Dòng họ",
  itemKey: "clan",
  schemas: { item: clan, input: clanInput, update: clanUpdate, list: clanListResponse },
  summaries: {
    list: "Dòng họ của một xã, phường, tìm theo tên dòng họ hoặc trưởng họ không dấu",
    template: "Mẫu Excel danh sách dòng họ",
    export: "Xuất danh sách dòng họ của một đơn vị ra Excel (cùng cột với mẫu nhập)",
    get: "Một dòng họ, với các hộ thành viên",
    create: "Thêm dòng họ vào một xã, phường",
    update: "Sửa tên dòng họ, trưởng họ",
    archive: "Lưu trữ dòng họ",
    import: "Nhập danh sách dòng họ của một xã, phường từ Excel/CSV (dryRun=1: chỉ kiểm tra)",
  },
  descriptions: { list: "Danh sách dòng họ", item: "Dòng họ" },
  files: { template: "mau-danh-sach-dong-ho.xlsx", export: "danh-sach-dong-ho.xlsx" },
  service: {
    list: listClans,
    get: getClan,
    create: createClan,
    update: updateClan,
    archive: { run: archiveClan },
    template: clanTemplate,
    export: exportClans,
    import: importClans,
  },
});

clanRoutes.openapi(
  createRoute({
    method: "put",
    path: "/clans/{id}/households",
    tags,
    summary: "Đặt các hộ thành viên của dòng họ (hộ của cùng xã, phường)",
    request: {
      params: idParam,
      body: { content: { "application/json": { schema: clanHouseholdsRequest } }, required: true },
    },
    responses: { 200: jsonContent(z.object({ clan }), "Đã lưu") },
  }),
  async (c) => {
    const updated = await setClanHouseholds(
      c.get("db"),
      requireActor(c),
      c.req.valid("param").id,
      c.req.valid("json").householdIds,
    );
    return c.json({ clan: updated }, 200);
  },
);
