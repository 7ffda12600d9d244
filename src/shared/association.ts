/** The Hội Khuyến học's API beyond its registry kinds: a chapter's committee, a member's chapters over time. */
import { z } from "zod";
import { isoDate } from "./api";

export const officerPosts = ["chair", "vice_chair", "member"] as const;
export type OfficerPost = (typeof officerPosts)[number];

export const officerInput = z
  .object({
    fullName: z.string().trim().min(1, "Nhập họ tên ủy viên").max(200, "Họ tên tối đa 200 ký tự"),
    post: z.enum(officerPosts, { message: "Chức vụ: chủ tịch, phó chủ tịch hoặc ủy viên" }),
    termFrom: isoDate,
    termTo: isoDate.nullable().optional(),
  })
  .refine((o) => !o.termTo || o.termTo > o.termFrom, {
    message: "Hết nhiệm kỳ phải sau ngày bắt đầu nhiệm kỳ",
    path: ["termTo"],
  });
export const officer = z.object({
  id: z.number(),
  fullName: z.string(),
  post: z.enum(officerPosts),
  termFrom: isoDate,
  termTo: isoDate.nullable(),
});
export type Officer = z.infer<typeof officer>;

export const committeeRequest = z.object({
  officers: z.array(officerInput).max(50, "Ban chấp hành tối đa 50 người"),
});
export const committeeResponse = z.object({ officers: z.array(officer) });

export const chapterRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
export const membershipPeriod = z.object({ chapter: chapterRef, from: isoDate, to: isoDate.nullable() });
export const memberChaptersResponse = z.object({
  memberId: z.number(),
  date: isoDate,
  /** The chapter on `date`, or null when the member had not joined or had left. */
  chapter: chapterRef.nullable(),
  periods: z.array(membershipPeriod),
});
export type MemberChapters = z.infer<typeof memberChaptersResponse>;

/** Money is integer đồng. */
const dong = z.number().int("Số tiền là số nguyên (đồng)");
const duesYear = z.number().int().min(1990, "Năm từ 1990").max(2100, "Năm không hợp lệ");

export const chapterDuesRequest = z.object({
  amount: dong.min(0, "Mức hội phí không được âm").max(100_000_000, "Mức hội phí quá lớn"),
});
export const payDuesRequest = z.object({
  year: duesYear,
  /** The chapter's yearly amount when absent. */
  amount: dong.min(1, "Số tiền phải lớn hơn 0").max(100_000_000, "Số tiền quá lớn").optional(),
  paidOn: isoDate,
  collector: z.string().trim().min(1).max(200, "Người thu tối đa 200 ký tự").optional(),
});
export const duesPayment = z.object({
  id: z.number(),
  memberId: z.number(),
  year: z.number(),
  amount: z.number(),
  paidOn: isoDate,
  collector: z.string().nullable(),
  reverses: z.number().nullable(),
});
export const duesRow = z.object({
  memberId: z.number(),
  memberNumber: z.string(),
  fullName: z.string(),
  /** Net amount paid for the year (payments less reversals). */
  paid: z.number(),
  paidOn: isoDate.nullable(),
  collector: z.string().nullable(),
  /** The last payment not reversed, to reverse a mistake. */
  paymentId: z.number().nullable(),
});
export const duesList = z.object({
  chapter: chapterRef,
  year: z.number(),
  /** The chapter's yearly amount, null when not set. */
  amount: z.number().nullable(),
  members: z.array(duesRow),
  totals: z.object({ members: z.number(), paid: z.number(), unpaid: z.number(), collected: z.number() }),
});
export type DuesList = z.infer<typeof duesList>;
