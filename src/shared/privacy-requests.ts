/**
 * Data-subject requests (issue 12, item 3; Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP): the register's schemas,
 * the kinds of request and channels with their labels, the sources "find everything about this person" searches,
 * and the public holidays the working-day clock skips. docs/PRIVACY.md, data-subject requests.
 */
import { z } from "zod";
import { isoDate, recordVersion } from "./api";

export const requestKinds = [
  "access",
  "copy",
  "correction",
  "deletion",
  "restriction",
  "objection",
  "withdrawal",
] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestKindLabels: Record<RequestKind, { vi: string; en: string }> = {
  access: { vi: "Xem dữ liệu", en: "Access" },
  copy: { vi: "Nhận bản sao dữ liệu", en: "Copy" },
  correction: { vi: "Chỉnh sửa dữ liệu", en: "Correction" },
  deletion: { vi: "Xóa dữ liệu", en: "Deletion" },
  restriction: { vi: "Hạn chế xử lý", en: "Restriction" },
  objection: { vi: "Phản đối xử lý", en: "Objection" },
  withdrawal: { vi: "Rút lại sự đồng ý", en: "Withdrawal of consent" },
};

export const requestChannels = ["in_person", "paper", "phone", "email", "online"] as const;
export type RequestChannel = (typeof requestChannels)[number];
export const requestChannelLabels: Record<RequestChannel, { vi: string; en: string }> = {
  in_person: { vi: "Trực tiếp", en: "In person" },
  paper: { vi: "Đơn giấy", en: "Letter" },
  phone: { vi: "Điện thoại", en: "Phone" },
  email: { vi: "Thư điện tử", en: "E-mail" },
  online: { vi: "Trực tuyến", en: "Online" },
};

export const requestStatuses = ["received", "acknowledged", "done", "refused"] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const requestStatusLabels: Record<RequestStatus, { vi: string; en: string }> = {
  received: { vi: "Đã tiếp nhận", en: "Received" },
  acknowledged: { vi: "Đã phản hồi", en: "Acknowledged" },
  done: { vi: "Đã xử lý xong", en: "Done" },
  refused: { vi: "Từ chối", en: "Refused" },
};
export const openStatuses: readonly RequestStatus[] = ["received", "acknowledged"];

/** Where a person's data is kept: each registry kind and module "find everything" searches. */
export const personSources = [
  "household",
  "citizen",
  "member",
  "donor",
  "beneficiary",
  "learner",
  "commendation",
  "receipt",
  "disbursement",
  "award_recipient",
  "survey_answer",
  "registration",
] as const;
export type PersonSource = (typeof personSources)[number];
export const personSourceLabels: Record<PersonSource, { vi: string; en: string }> = {
  household: { vi: "Chủ hộ (sổ hộ gia đình)", en: "Household head" },
  citizen: { vi: "Công dân, thành viên hộ", en: "Citizen, household member" },
  member: { vi: "Hội viên Hội Khuyến học", en: "Association member" },
  donor: { vi: "Nhà hảo tâm", en: "Donor" },
  beneficiary: { vi: "Người nhận học bổng, hỗ trợ", en: "Beneficiary" },
  learner: { vi: "Học viên lớp học, chuyên đề", en: "Activity learner" },
  commendation: { vi: "Khen thưởng", en: "Commendation" },
  receipt: { vi: "Phiếu thu quỹ (đã ghi sổ)", en: "Fund receipt (posted)" },
  disbursement: { vi: "Khoản chi quỹ", en: "Fund disbursement" },
  award_recipient: { vi: "Người nhận trong đợt trao học bổng", en: "Award round recipient" },
  survey_answer: { vi: "Phiếu khảo sát nhu cầu học tập", en: "Needs-survey answer" },
  registration: { vi: "Hồ sơ danh hiệu", en: "Title registration" },
};

const optionalText = (max: number, what: string) =>
  z.string().trim().max(max, `${what} tối đa ${max} ký tự`).nullable().optional();

export const dataRequestCreate = z.object({
  communeId: z.number().int().positive(),
  personName: z
    .string({ message: "Họ tên người yêu cầu: nhập họ tên để xác định người" })
    .trim()
    .min(1, "Họ tên người yêu cầu: nhập họ tên để xác định người")
    .max(200, "Họ tên người yêu cầu tối đa 200 ký tự"),
  birthYear: z
    .number()
    .int()
    .min(1900, "Năm sinh từ 1900")
    .max(2100, "Năm sinh đến 2100")
    .nullable()
    .optional(),
  villageId: z.number().int().positive().nullable().optional(),
  kind: z.enum(requestKinds, { message: "Loại yêu cầu không có trong danh mục" }),
  receivedOn: isoDate,
  channel: z.enum(requestChannels, { message: "Hình thức tiếp nhận không có trong danh mục" }),
  notes: optionalText(2000, "Ghi chú"),
});
export type DataRequestCreate = z.infer<typeof dataRequestCreate>;

export const linkedRecord = z.object({
  source: z.enum(personSources),
  id: z.number().int().positive(),
  name: z.string(),
});
export type LinkedRecord = z.infer<typeof linkedRecord>;

export const dataRequest = z.object({
  id: z.number(),
  communeId: z.number(),
  communeName: z.string(),
  personName: z.string(),
  birthYear: z.number().nullable(),
  village: z.object({ id: z.number(), name: z.string() }).nullable(),
  kind: z.enum(requestKinds),
  receivedOn: z.string(),
  channel: z.enum(requestChannels),
  dueOn: z.string().describe("Hạn trả lời: 2 ngày làm việc sau ngày nhận (bỏ thứ Bảy, Chủ nhật, ngày lễ)"),
  overdue: z.boolean(),
  status: z.enum(requestStatuses),
  refusalReason: z.string().nullable(),
  outcome: z.string().nullable().describe("Việc đã làm và lý do (ví dụ: giữ lại dưới dạng bí danh vì …)"),
  records: z.array(linkedRecord),
  notes: z.string().nullable(),
  handledBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type DataRequest = z.infer<typeof dataRequest>;

export const dataRequestUpdate = z.object({
  version: recordVersion,
  status: z.enum(requestStatuses).optional(),
  refusalReason: optionalText(2000, "Lý do từ chối"),
  outcome: optionalText(20000, "Kết quả xử lý"),
  notes: optionalText(2000, "Ghi chú"),
});
export type DataRequestUpdate = z.infer<typeof dataRequestUpdate>;

export const dataRequestFilter = z.object({
  unitId: z.coerce.number().int().positive(),
  status: z.enum(["open", ...requestStatuses]).optional(),
});
export type DataRequestFilter = z.infer<typeof dataRequestFilter>;

/** One record found for the person: where, what it holds, and whether a rule forbids deleting it. */
export const personMatch = z.object({
  source: z.enum(personSources),
  id: z.number(),
  name: z.string(),
  village: z.string().nullable(),
  birthYear: z.number().nullable(),
  detail: z.string().describe("Những gì hồ sơ ghi về người này, tóm tắt"),
  hold: z.string().nullable().describe("Lý do không được xóa (sẽ thay bằng bí danh), nếu có"),
});
export type PersonMatch = z.infer<typeof personMatch>;

export const personSearch = z.object({
  name: z.string().trim().max(200).optional(),
  birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
  villageId: z.coerce.number().int().positive().optional(),
});

export const linkRecords = z.object({
  version: recordVersion,
  records: z
    .array(z.object({ source: z.enum(personSources), id: z.number().int().positive() }))
    .max(500, "Tối đa 500 hồ sơ"),
});
export type LinkRecords = z.infer<typeof linkRecords>;

export const eraseBody = z.object({ version: recordVersion });

/** What pseudonymisation did to one record. */
export const erasureStep = z.object({
  source: z.enum(personSources),
  id: z.number(),
  action: z.enum(["pseudonymised", "archived", "unlinked", "kept"]),
  reason: z.string(),
});
export type ErasureStep = z.infer<typeof erasureStep>;

export const publicHoliday = z.object({ day: z.string(), name: z.string() });
export type PublicHoliday = z.infer<typeof publicHoliday>;
export const publicHolidayCreate = z.object({
  day: isoDate,
  name: z.string().trim().min(1, "Tên ngày lễ: không được để trống").max(200, "Tên ngày lễ tối đa 200 ký tự"),
});
