/**
 * The year's documents of a title beside the decision: the review minutes (biên bản họp bình xét), the lists of
 * registered and recognised subjects (XLSX, PDF), and the public open data of the decided years. Request and
 * response schemas shared by server and web.
 */
import { z } from "zod";
import { isoDate } from "./api";
import { type RecognitionTitle, recognitionTitles } from "./rubric";

const year = z.coerce.number().int().min(2000, "Năm từ 2000").max(2100, "Năm đến 2100");

/** Which list, in which format: GET /units/{id}/lists/{file}. */
export const yearListFiles = [
  "registered.xlsx",
  "registered.pdf",
  "recognized.xlsx",
  "recognized.pdf",
] as const;
export type YearListFile = (typeof yearListFiles)[number];

/** Who attended and who signs the minutes: inputs of the request, each with a default (the form says which). */
export const reviewMinutesQuery = z.object({
  year,
  title: z.enum(recognitionTitles, { message: "Chọn một danh hiệu" }),
  /** The meeting's date; default the last review meeting of the unit, title and year. */
  heldOn: isoDate.optional(),
  /** Where it was held; default the unit's hall ("Hội trường <unit>"). */
  place: z.string().trim().max(200).optional(),
  chairName: z.string().trim().max(200).optional(),
  /** Default "Chủ tịch Hội Khuyến học". */
  chairTitle: z.string().trim().max(200).optional(),
  secretaryName: z.string().trim().max(200).optional(),
  /** One attendee a line; default the participants recorded with the meetings. */
  attendees: z.string().trim().max(4000).optional(),
});
export type ReviewMinutesQuery = z.infer<typeof reviewMinutesQuery>;

export const reviewMinutesDefaults = {
  chairTitle: "Chủ tịch Hội Khuyến học",
  secretaryTitle: "Thư ký",
} as const;

/** What each figure of the open data means: in the JSON (`definitions`) and on the page /du-lieu-mo. */
export const openDataDefinitions = {
  total:
    "Tổng số: số đối tượng của danh hiệu có trong sổ theo dõi của xã, phường (hộ gia đình, dòng họ, thôn và tổ dân phố, cơ quan và đơn vị, công dân chưa lưu trữ; xã, phường đang có hiệu lực), như sổ hiện nay ghi; năm xã, phường đã khóa số liệu thì là tổng số đã chốt khi khóa",
  registered: "Đăng ký: số hồ sơ đăng ký danh hiệu trong năm, không kể hồ sơ đã rút",
  recognized:
    "Đạt: số đối tượng được công nhận bằng quyết định đã ban hành, không kể trường hợp đã bị thu hồi",
  rate: "Tỷ lệ đạt (%): Đạt / Tổng số × 100, làm tròn hai chữ số thập phân (nửa lên); để trống khi Tổng số bằng 0",
  published:
    "Chỉ công bố số liệu của xã, phường đã ban hành quyết định công nhận danh hiệu của năm đó; dòng tỉnh, thành phố là tổng các xã, phường đã công bố (communes: số xã, phường được cộng)",
  personalData: "Không có dữ liệu cá nhân: chỉ số đếm theo đơn vị hành chính, như đơn vị khi ghi nhận",
} as const;

export const openDataRow = z.object({
  level: z.enum(["province", "commune"]),
  provinceCode: z.string(),
  provinceName: z.string(),
  /** Empty on a province row. */
  communeCode: z.string(),
  communeName: z.string(),
  year: z.number(),
  title: z.enum(recognitionTitles),
  titleLabel: z.string(),
  registered: z.number(),
  recognized: z.number(),
  total: z.number(),
  /** Percent with two decimals; null when the total is 0. */
  rate: z.number().nullable(),
  /** On a province row: how many published communes it sums; 1 on a commune row. */
  communes: z.number(),
});
export type OpenDataRow = z.infer<typeof openDataRow>;

export const openDataQuery = z.object({
  year: year.optional(),
  title: z.enum(recognitionTitles, { message: "Danh hiệu không có trong danh sách" }).optional(),
  /** A province's official code ("01"): its communes' rows; without it, one row per province. */
  province: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "Mã tỉnh, thành phố là số (ví dụ 01)")
    .optional(),
});
export type OpenDataQuery = z.infer<typeof openDataQuery>;

export const openDataResponse = z.object({
  definitions: z.record(z.string(), z.string()),
  /** The years that have published figures, newest first. */
  years: z.array(z.number()),
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(openDataRow),
  generatedAt: z.string(),
});
export type OpenDataResponse = z.infer<typeof openDataResponse>;

export const openDataTitles: readonly RecognitionTitle[] = recognitionTitles;
