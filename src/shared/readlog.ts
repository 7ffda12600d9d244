/**
 * The processing log (nhật ký xử lý dữ liệu cá nhân: who read which person's record, exported or printed which
 * list) and the breach register (sổ sự cố dữ liệu cá nhân) with the 72-hour notification clock: the API's schemas
 * and the rules both sides use. docs/PRIVACY.md, processing log.
 */
import { z } from "zod";
import { isoDate, recordVersion, unitRef } from "./api";

/**
 * The registry kinds whose rows are persons or name one (a household's head, a clan's head): reading one, a page
 * of their list or an export of them is logged. Learners are citizens (activity_learners point at them).
 */
export const personalKinds = [
  "households",
  "clans",
  "citizens",
  "members",
  "donors",
  "beneficiaries",
] as const;
export type PersonalKind = (typeof personalKinds)[number];
export const isPersonalKind = (name: string): name is PersonalKind =>
  (personalKinds as readonly string[]).includes(name);

/**
 * The other lists with names that are logged when exported or printed (their `kind` in the log): a chapter's dues
 * list, the commendations register and proposals, a fund's award list, a decision's annex.
 */
export const documentKinds = [
  "dues",
  "commendations",
  "commendation_proposals",
  "award_recipients",
  "decision",
  "title_list",
  "voucher",
  "cash_book",
  "completion_certificates",
  "registrations",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const processingActions = ["view", "list", "export", "print"] as const;
export type ProcessingAction = (typeof processingActions)[number];
export const processingFormats = ["json", "xlsx", "csv", "pdf", "docx"] as const;
export type ProcessingFormat = (typeof processingFormats)[number];

export const processingEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  action: z.enum(processingActions),
  kind: z.string(),
  format: z.enum(processingFormats).nullable(),
  recordIds: z.array(z.number()),
  recordCount: z.number(),
  filter: z.record(z.string(), z.unknown()).nullable(),
  unit: unitRef.nullable(),
});
export type ProcessingEntry = z.infer<typeof processingEntry>;

export const processingListResponse = z.object({
  entries: z.array(processingEntry),
  nextBefore: z.number().nullable(),
});
export type ProcessingList = z.infer<typeof processingListResponse>;

export const processingFilter = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  userId: z.coerce.number().int().positive().optional(),
  kind: z
    .string()
    .regex(/^[a-z_]{1,40}$/, "Loại dữ liệu không có trong danh mục")
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ProcessingFilter = z.infer<typeof processingFilter>;

// ---------------------------------------------------------------------------------------------------------------
// Breaches

/** Hours the controller has to notify the authority, counted from when the breach was found. */
export const notificationHours = 72;
/** The authority named by default on the letter and in "notified to". */
export const defaultAuthority =
  "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an";

export const dataCategories = {
  identity: { vi: "Họ tên, năm sinh, giới tính", en: "Name, year of birth, sex" },
  contact: { vi: "Địa chỉ, số điện thoại", en: "Address, phone" },
  family: { vi: "Quan hệ gia đình (chủ hộ, thành viên)", en: "Family relations" },
  children: { vi: "Dữ liệu của trẻ em", en: "Children's data" },
  financial: {
    vi: "Tài chính (học bổng, đóng góp, hội phí)",
    en: "Financial (scholarships, donations, dues)",
  },
  sensitive: {
    vi: "Dữ liệu nhạy cảm (sức khỏe, dân tộc, tôn giáo)",
    en: "Sensitive (health, ethnicity, religion)",
  },
  accounts: { vi: "Tài khoản đăng nhập", en: "User accounts" },
} as const;
export type DataCategory = keyof typeof dataCategories;
const categoryCodes = Object.keys(dataCategories) as [DataCategory, ...DataCategory[]];

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/** A real moment: "2026-11-30T08:15" (Vietnam time) or with an offset; 30/02 or 25:00 are refused. */
export function isDateTime(text: string): boolean {
  const m = dateTimePattern.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === mo! - 1 &&
    day.getUTCDate() === d &&
    h! < 24 &&
    mi! < 60 &&
    s! < 60 &&
    y! >= 2000 &&
    !Number.isNaN(instantOf(text).getTime())
  );
}

/** The instant of a date-time of the API: without an offset, the time in Vietnam (UTC+7). */
export function instantOf(text: string): Date {
  return new Date(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}+07:00`);
}

const dateTime = (what: string) =>
  z
    .string({ message: `Nhập ${what}` })
    .refine(
      isDateTime,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} không phải ngày giờ có thật (YYYY-MM-DDTHH:mm)`,
    );

const breachFields = {
  title: z.string().trim().min(1, "Nhập tên sự cố").max(300, "Tên sự cố tối đa 300 ký tự"),
  description: z.string().trim().min(1, "Nhập diễn biến sự cố").max(5000, "Diễn biến tối đa 5.000 ký tự"),
  occurredAt: dateTime("thời điểm xảy ra"),
  discoveredAt: dateTime("thời điểm phát hiện"),
  peopleAffected: z
    .number({ message: "Nhập số người bị ảnh hưởng" })
    .int("Số người bị ảnh hưởng là số nguyên")
    .min(0, "Số người bị ảnh hưởng không âm")
    .max(200_000_000, "Số người bị ảnh hưởng quá lớn"),
  dataCategories: z
    .array(z.enum(categoryCodes, { message: "Loại dữ liệu không có trong danh mục" }), {
      message: "Chọn loại dữ liệu bị ảnh hưởng",
    })
    .min(1, "Chọn ít nhất một loại dữ liệu bị ảnh hưởng")
    .max(categoryCodes.length),
  registryKinds: z
    .array(z.enum(personalKinds, { message: "Sổ theo dõi không có trong danh mục" }))
    .max(personalKinds.length)
    .optional(),
  measures: z.string().trim().max(5000, "Biện pháp tối đa 5.000 ký tự").nullable().optional(),
  notifiedAt: dateTime("thời điểm thông báo").nullable().optional(),
  notifiedTo: z.string().trim().min(1, "Nhập nơi nhận thông báo").max(300).nullable().optional(),
  closed: z.boolean().optional(),
};

export const breachCreate = z.object({
  /** The commune or province whose register it is; absent: the nation's (system administrators). */
  unitId: z.number().int().positive().nullable().optional(),
  ...breachFields,
});
export type BreachCreate = z.infer<typeof breachCreate>;
export const breachUpdate = z.object(breachFields).partial().extend({ version: recordVersion });
export type BreachUpdate = z.infer<typeof breachUpdate>;

export const breachClockState = z.object({
  dueAt: z.string(),
  /** notified: in time or late; open: hours left (negative: overdue). */
  state: z.enum(["notified", "notified_late", "open", "overdue"]),
  remainingHours: z.number().nullable(),
});
export type BreachClock = z.infer<typeof breachClockState>;

export const breach = z.object({
  id: z.number(),
  unit: unitRef.nullable(),
  title: z.string(),
  description: z.string(),
  occurredAt: z.string(),
  discoveredAt: z.string(),
  peopleAffected: z.number(),
  dataCategories: z.array(z.enum(categoryCodes)),
  registryKinds: z.array(z.string()),
  measures: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  notifiedTo: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  clock: breachClockState,
});
export type Breach = z.infer<typeof breach>;
export const breachListResponse = z.object({ breaches: z.array(breach) });

/** The 72-hour clock: due at found + 72 h; hours left rounded down (negative once overdue). */
export function breachClock(
  discoveredAt: Date,
  notifiedAt: Date | null,
  now: Date = new Date(),
): BreachClock {
  const due = new Date(discoveredAt.getTime() + notificationHours * 3_600_000);
  if (notifiedAt)
    return {
      dueAt: due.toISOString(),
      state: notifiedAt.getTime() <= due.getTime() ? "notified" : "notified_late",
      remainingHours: null,
    };
  const remaining = Math.floor((due.getTime() - now.getTime()) / 3_600_000);
  return { dueAt: due.toISOString(), state: now > due ? "overdue" : "open", remainingHours: remaining };
}
