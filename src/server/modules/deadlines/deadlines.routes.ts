/** The programme's calendar of deadlines and who is late (docs/DEADLINES.md). */
import { createRoute, z } from "@hono/zod-openapi";
import {
  calendarResponse,
  type DeadlineStatusTable,
  deadlineKeys,
  deadlineLevels,
  deadlineStatuses,
  deadlineStatusLabels,
  effectiveDeadline,
  statusResponse,
  viDay,
} from "../../../shared/deadlines";
import { daysInMonth } from "../../../shared/rubric";
import { createRouter, csvContent, csvResponse, jsonContent, requireActor } from "../../http/context";
import { writeCsv } from "../../lib/csv";
import { today } from "../territory/dates";
import { calendar, deleteDeadline, ownVersions, setDeadline, statusTable } from "./deadlines.service";

export const deadlineRoutes = createRouter();
const tags = ["Lịch hạn"];

const yearRule = (what: string) =>
  z.coerce
    .number({ message: `${what} phải là một số` })
    .int(`${what} phải là số nguyên`)
    .min(2000, `${what} từ 2000 đến 2100`)
    .max(2100, `${what} từ 2000 đến 2100`);

const unitYearQuery = z.object({
  unitId: z.coerce.number().int().positive().optional().openapi({ description: "Không có: toàn quốc" }),
  year: yearRule("Năm").optional().openapi({ description: "Năm số liệu; mặc định năm nay" }),
});
const tableQuery = unitYearQuery.extend({
  key: z.enum(deadlineKeys, { message: "Hạn không hợp lệ" }).optional(),
  status: z.enum(deadlineStatuses, { message: "Trạng thái không hợp lệ" }).optional(),
});
const thisYear = () => Number(today().slice(0, 4));
const withYear = <Q extends { year?: number }>(query: Q) => ({ ...query, year: query.year ?? thisYear() });

deadlineRoutes.openapi(
  createRoute({
    method: "get",
    path: "/deadlines",
    tags,
    summary: "Lịch hạn của một năm số liệu áp dụng cho một đơn vị (hạn riêng của tỉnh thay hạn chung)",
    request: { query: unitYearQuery },
    responses: { 200: jsonContent(calendarResponse, "Lịch hạn") },
  }),
  async (c) => c.json(await calendar(c.get("db"), requireActor(c), withYear(c.req.valid("query"))), 200),
);

const dayOf = (field: string, what: string) =>
  z
    .number({ message: `${what} phải là một số` })
    .int(`${what} phải là số nguyên`)
    .min(1, `${what} từ 1 đến 31`)
    .max(31, `${what} từ 1 đến 31`)
    .openapi({ description: field });
const monthOf = (what: string) =>
  z
    .number({ message: `${what} phải là một số` })
    .int(`${what} phải là số nguyên`)
    .min(1, `${what} từ 1 đến 12`)
    .max(12, `${what} từ 1 đến 12`);
const noDay = (day: number, month: number) => day > (daysInMonth[month - 1] ?? 0);
const noDayMessage = (day: number, month: number) =>
  `Ngày ${day}/${month} không có${month === 2 ? " (hạn hằng năm không dùng 29/02)" : ""}`;

const setBody = z
  .object({
    provinceId: z
      .number()
      .int()
      .positive()
      .nullable()
      .openapi({ description: "Tỉnh đặt hạn riêng; null: phiên bản mới của hạn chung (quản trị hệ thống)" }),
    key: z.enum(deadlineKeys, { message: "Hạn không hợp lệ" }),
    level: z.enum(deadlineLevels, { message: "Cấp không hợp lệ" }),
    day: dayOf("Ngày của hạn", "Ngày"),
    month: monthOf("Tháng"),
    startDay: dayOf("Ngày bắt đầu (hạn là một khoảng)", "Ngày bắt đầu").nullable().optional(),
    startMonth: monthOf("Tháng bắt đầu").nullable().optional(),
    yearOffset: z.union([z.literal(0), z.literal(1)], {
      message: "Năm của hạn: 0 (năm số liệu) hoặc 1 (năm sau)",
    }),
    validFrom: yearRule("Năm bắt đầu áp dụng"),
    legalBasis: z.string().max(300, "Căn cứ tối đa 300 ký tự").nullable().optional(),
    note: z.string().max(1000, "Ghi chú tối đa 1000 ký tự").nullable().optional(),
  })
  .superRefine((b, ctx) => {
    if (noDay(b.day, b.month))
      ctx.addIssue({ code: "custom", path: ["day"], message: noDayMessage(b.day, b.month) });
    const start = [b.startDay ?? null, b.startMonth ?? null];
    if ((start[0] === null) !== (start[1] === null))
      ctx.addIssue({
        code: "custom",
        path: [start[0] === null ? "startDay" : "startMonth"],
        message: "Ngày bắt đầu cần cả ngày và tháng",
      });
    else if (b.startDay != null && b.startMonth != null) {
      if (noDay(b.startDay, b.startMonth))
        ctx.addIssue({ code: "custom", path: ["startDay"], message: noDayMessage(b.startDay, b.startMonth) });
      else if (b.startMonth * 100 + b.startDay > b.month * 100 + b.day)
        ctx.addIssue({
          code: "custom",
          path: ["startDay"],
          message: "Ngày bắt đầu phải trước hoặc bằng ngày hạn",
        });
    }
  });

deadlineRoutes.openapi(
  createRoute({
    method: "post",
    path: "/deadlines",
    tags,
    summary:
      "Đặt hạn riêng của tỉnh cho xã, phường (quản trị tỉnh) hoặc phiên bản mới của hạn chung (quản trị hệ thống), từ một năm số liệu",
    request: { body: { required: true, content: { "application/json": { schema: setBody } } } },
    responses: { 200: jsonContent(z.object({ deadline: effectiveDeadline }), "Hạn đã đặt") },
  }),
  async (c) =>
    c.json({ deadline: await setDeadline(c.get("db"), requireActor(c), c.req.valid("json")) }, 200),
);

deadlineRoutes.openapi(
  createRoute({
    method: "get",
    path: "/deadlines/own",
    tags,
    summary:
      "Các phiên bản hạn riêng của một tỉnh (mỗi phiên bản áp dụng từ một năm số liệu) và người xem có được sửa không",
    request: { query: z.object({ provinceId: z.coerce.number().int().positive() }) },
    responses: {
      200: jsonContent(
        z.object({
          province: z.object({ id: z.number(), name: z.string() }),
          mayEdit: z.boolean().openapi({ description: "Quản trị đơn vị của tỉnh hoặc Quản trị hệ thống" }),
          versions: z.array(effectiveDeadline).openapi({ description: "dataYear: năm bắt đầu áp dụng" }),
        }),
        "Hạn riêng của tỉnh",
      ),
    },
  }),
  async (c) => c.json(await ownVersions(c.get("db"), requireActor(c), c.req.valid("query").provinceId), 200),
);

deadlineRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/deadlines/{id}",
    tags,
    summary: "Xóa hạn riêng của tỉnh: xã, phường trở lại hạn chung",
    request: { params: z.object({ id: z.coerce.number().int().positive() }) },
    responses: { 204: { description: "Đã xóa" } },
  }),
  async (c) => {
    await deleteDeadline(c.get("db"), requireActor(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

deadlineRoutes.openapi(
  createRoute({
    method: "get",
    path: "/deadlines/status",
    tags,
    summary:
      "Ai trễ hạn: mỗi xã, phường của đơn vị (trong phạm vi người gọi) với trạng thái từng hạn của năm số liệu: đã xong, chưa xong, trễ hạn, chưa có dữ liệu",
    request: { query: tableQuery },
    responses: { 200: jsonContent(statusResponse, "Trạng thái theo xã, phường") },
  }),
  async (c) =>
    c.json(await statusTable(c.get("db"), requireActor(c), withYear(c.req.valid("query")), today()), 200),
);

export function statusCsv(table: DeadlineStatusTable): string {
  return writeCsv([
    [
      "Tỉnh, thành phố",
      "Mã xã, phường",
      "Xã, phường",
      ...table.deadlines.flatMap((d) => [`${d.label} (hạn ${viDay(d.due)})`, "Còn thiếu"]),
    ],
    ...table.communes.map((row) => [
      row.unit.provinceName,
      row.unit.code,
      row.unit.name,
      ...table.deadlines.flatMap((d) => {
        const cell = row.cells[d.key];
        if (!cell) return ["", ""];
        const due = cell.due === d.due ? "" : ` (hạn ${viDay(cell.due)})`;
        return [`${deadlineStatusLabels[cell.status]}${due}`, cell.missing.join("; ")];
      }),
    ]),
  ]);
}

deadlineRoutes.openapi(
  createRoute({
    method: "get",
    path: "/deadlines/status.csv",
    tags,
    summary: "Ai trễ hạn, dạng CSV (cùng bộ lọc)",
    request: { query: tableQuery },
    responses: { 200: csvContent("mỗi xã, phường một dòng, mỗi hạn hai cột: trạng thái và còn thiếu") },
  }),
  async (c) => {
    const table = await statusTable(c.get("db"), requireActor(c), withYear(c.req.valid("query")), today());
    return csvResponse(c, statusCsv(table), `tre-han-${table.unit?.id ?? "toan-quoc"}-${table.year}.csv`);
  },
);
