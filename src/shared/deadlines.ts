/**
 * The programme's calendar of deadlines (docs/DEADLINES.md): what is due, by which level, when (after a province's
 * own dates), and per commune whether it is done, missing, late, or cannot be told from the data yet.
 */
import { z } from "zod";

export const deadlineKeys = [
  "tt25_dossier",
  "recognition",
  "fund_disclosure",
  "annual_report",
  "learning_week",
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

/** Who must meet a deadline: a commune, a province, or the Hội Khuyến học of a commune. */
export const deadlineLevels = ["commune", "province", "association"] as const;
export type DeadlineLevel = (typeof deadlineLevels)[number];

/**
 * done: what the deadline asks for is in the data; missing: not yet, the date is ahead; late: not done and the date
 * has passed; no_data: the product does not hold what would tell (the annual report before the reports module,
 * a commune with no fund kept here).
 */
export const deadlineStatuses = ["done", "missing", "late", "no_data"] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];

const unitRef = z.object({ id: z.number(), name: z.string() });

/** One deadline of a data year, as it applies to a unit (its province's date when it set one). */
export const effectiveDeadline = z.object({
  id: z.number().describe("Dòng lịch đang áp dụng"),
  key: z.enum(deadlineKeys),
  label: z.string(),
  level: z.enum(deadlineLevels),
  dataYear: z.number().describe("Năm số liệu, năm công tác mà hạn này thuộc về"),
  start: z.string().nullable().describe("Ngày bắt đầu của một khoảng (Tuần lễ hưởng ứng học tập suốt đời)"),
  due: z.string().describe("Hạn (ngày cuối), YYYY-MM-DD"),
  day: z.number(),
  month: z.number(),
  startDay: z.number().nullable(),
  startMonth: z.number().nullable(),
  yearOffset: z.number().describe("0: trong năm số liệu; 1: năm sau"),
  source: z.enum(["national", "province"]),
  owner: unitRef.nullable().describe("Tỉnh đặt hạn riêng; null: hạn chung toàn quốc"),
  validFrom: z.number().describe("Áp dụng từ năm số liệu"),
  legalBasis: z.string().nullable(),
  confirmed: z.boolean().describe("false: ngày chưa kiểm chứng với văn bản gốc"),
  note: z.string().nullable(),
});
export type EffectiveDeadline = z.infer<typeof effectiveDeadline>;

export const calendarResponse = z.object({
  unit: unitRef.extend({ level: z.string() }).nullable().describe("null: toàn quốc"),
  year: z.number(),
  deadlines: z.array(effectiveDeadline),
});
export type Calendar = z.infer<typeof calendarResponse>;

/** What is missing for a deadline, as data: the API gives it in Vietnamese too (`missing`), the pages translate. */
export const missingCodes = [
  "not_registered",
  "not_assessed",
  "no_registrations",
  "unreviewed",
  "undecided",
  "unissued",
  "not_disclosed",
  "no_fund",
  "no_reports_module",
  "no_week_records",
  "report_not_submitted",
  "report_returned",
  "week_report_not_submitted",
  "week_report_returned",
] as const;
export type MissingCode = (typeof missingCodes)[number];
export const missingReason = z.object({
  code: z.enum(missingCodes),
  count: z.number().optional(),
  name: z.string().optional(),
});
export type MissingReason = z.infer<typeof missingReason>;

/** A reason in Vietnamese, for a data year. */
export function missingText(reason: MissingReason, year: number): string {
  const n = reason.count ?? 0;
  switch (reason.code) {
    case "not_registered":
      return `Chưa đăng ký đánh giá Cộng đồng học tập cấp xã năm ${year}`;
    case "not_assessed":
      return `Chưa chấm phiếu tự đánh giá theo TT 25/2023 năm ${year}`;
    case "no_registrations":
      return `Chưa có hồ sơ đăng ký danh hiệu năm ${year}`;
    case "unreviewed":
      return `${n} hồ sơ chưa tự đánh giá, bình xét`;
    case "undecided":
      return `${n} hồ sơ đề nghị chưa có quyết định công nhận`;
    case "unissued":
      return `${n} hồ sơ có dự thảo quyết định chưa ban hành`;
    case "not_disclosed":
      return `${reason.name ?? "Quỹ"} chưa công khai thu – chi năm ${year}`;
    case "no_fund":
      return "Chưa có dữ liệu: xã, phường chưa có quỹ khuyến học trên phần mềm";
    case "no_reports_module":
      return "Chưa có dữ liệu: phần mềm chưa có chức năng nộp báo cáo năm lên cấp trên";
    case "no_week_records":
      return "Chưa có dữ liệu: phần mềm chưa ghi kế hoạch, báo cáo Tuần lễ hưởng ứng học tập suốt đời";
    case "report_not_submitted":
      return `Chưa nộp báo cáo năm ${year} lên cấp trên`;
    case "report_returned":
      return `Báo cáo năm ${year} bị trả lại, chưa nộp lại`;
    case "week_report_not_submitted":
      return `Chưa nộp báo cáo Tuần lễ hưởng ứng học tập suốt đời năm ${year}`;
    case "week_report_returned":
      return `Báo cáo Tuần lễ hưởng ứng học tập suốt đời năm ${year} bị trả lại, chưa nộp lại`;
  }
}

export const deadlineCell = z.object({
  status: z.enum(deadlineStatuses),
  due: z.string().describe("Hạn áp dụng cho xã, phường này (theo tỉnh)"),
  missing: z.array(z.string()).describe("Còn thiếu gì (tiếng Việt); rỗng khi đã xong"),
  reasons: z.array(missingReason).describe("Cùng nội dung với missing, dạng mã (giao diện dịch)"),
});
export type DeadlineCell = z.infer<typeof deadlineCell>;

export const communeStatus = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), provinceName: z.string() }),
  cells: z.record(z.string(), deadlineCell).describe("Theo khóa hạn (key)"),
});
export type CommuneStatus = z.infer<typeof communeStatus>;

export const statusResponse = z.object({
  unit: unitRef.extend({ level: z.string() }).nullable(),
  year: z.number(),
  today: z.string(),
  deadlines: z
    .array(effectiveDeadline)
    .describe("Các hạn của xã, phường và Hội Khuyến học xã (cột của bảng)"),
  communes: z.array(communeStatus),
  counts: z.record(z.string(), z.record(z.enum(deadlineStatuses), z.number())),
});
export type DeadlineStatusTable = z.infer<typeof statusResponse>;

/** "28/02/2026" from "2026-02-28". */
export const viDay = (iso: string) => iso.split("-").reverse().join("/");

/** The statuses in Vietnamese (CSV; the pages take theirs from i18n). */
export const deadlineStatusLabels: Record<DeadlineStatus, string> = {
  done: "Đã xong",
  missing: "Chưa xong",
  late: "Trễ hạn",
  no_data: "Chưa có dữ liệu",
};
