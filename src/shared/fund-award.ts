/**
 * Schemas of award rounds (đợt trao học bổng): one decision for a list of recipients with amounts, imported from a
 * spreadsheet, approved once, paid as one ledger transaction, with its signature list (danh sách ký nhận).
 */
import { z } from "zod";
import { isoDate as calendarDate, importReport, recordVersion } from "./api";

export const awardRoundStates = ["draft", "approved", "paid", "cancelled"] as const;
export const awardRecipientKinds = ["student", "teacher", "family"] as const;

const text = (label: string, max: number) =>
  z
    .string({ message: `Thiếu ${label}` })
    .trim()
    .min(1, `Thiếu ${label}`)
    .max(max, `${label} tối đa ${max} ký tự`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự`).nullable().optional();

/** "2026–2027", "2026-2027" or "2026 - 2027" → 2026 (the school year's first year). */
export const schoolYear = z
  .string({ message: "Thiếu năm học" })
  .trim()
  .regex(/^\d{4}\s*[-–]\s*\d{4}$/, "Năm học có dạng 2026–2027")
  .refine((value) => {
    const [from, to] = value.split(/\s*[-–]\s*/).map(Number);
    return to === from! + 1 && from! >= 2000 && from! < 2100;
  }, "Năm học là hai năm liền nhau, ví dụ 2026–2027")
  .transform((value) => Number(value.slice(0, 4)));

/** 2026 → "2026–2027". */
export const schoolYearText = (first: number) => `${first}–${first + 1}`;

const roundFields = {
  name: text("tên đợt trao", 300),
  schoolYear,
  decisionNumber: optionalText("Số quyết định", 50),
  decisionDate: calendarDate.nullable().optional(),
  signerTitle: optionalText("Chức vụ người ký", 100),
  signerName: optionalText("Người ký", 200),
  purposeAccountId: z.number({ message: "Chọn mục đích chi" }).int().positive(),
  assetAccountId: z.number({ message: "Chọn tài khoản chi (tiền mặt hoặc ngân hàng)" }).int().positive(),
};

export const awardRoundCreate = z.object(roundFields);
export type AwardRoundCreate = z.infer<typeof awardRoundCreate>;
/** What a client sends: the school year as text ("2026–2027"). */
export type AwardRoundInput = z.input<typeof awardRoundCreate>;

export const awardRoundUpdate = z.object({
  name: roundFields.name.optional(),
  schoolYear: schoolYear.optional(),
  decisionNumber: roundFields.decisionNumber,
  decisionDate: roundFields.decisionDate,
  signerTitle: roundFields.signerTitle,
  signerName: roundFields.signerName,
  purposeAccountId: roundFields.purposeAccountId.optional(),
  assetAccountId: roundFields.assetAccountId.optional(),
  version: recordVersion,
});
export type AwardRoundUpdate = z.infer<typeof awardRoundUpdate>;
export type AwardRoundUpdateInput = z.input<typeof awardRoundUpdate>;

export const awardRoundPay = z.object({ paidOn: calendarDate });
export const awardRoundCancel = z.object({ reason: text("lý do", 500) });

export const awardRound = z.object({
  id: z.number(),
  fundId: z.number(),
  name: z.string(),
  schoolYear: z.string().describe("Năm học, ví dụ 2026–2027"),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  signerTitle: z.string(),
  signerName: z.string().nullable(),
  purposeAccountId: z.number(),
  assetAccountId: z.number(),
  state: z.enum(awardRoundStates),
  recipientCount: z.number(),
  minorCount: z.number().describe("Số người nhận là trẻ em (không nêu tên khi công khai)"),
  total: z.number().describe("Tổng số tiền (đồng)"),
  listHash: z.string().describe("SHA-256 của danh sách người nhận, ghi vào bút toán khi chi"),
  listBy: z.string().nullable(),
  listAt: z.string().nullable(),
  listById: z.number().nullable().describe("Người nhập danh sách (mã người dùng): không duyệt, không chi"),
  approvalsNeeded: z.number(),
  proposedBy: z.string(),
  proposedById: z.number().describe("Người lập đợt trao (mã người dùng): không duyệt, không chi"),
  proposedAt: z.string(),
  approvals: z.array(z.object({ userId: z.number(), name: z.string(), at: z.string() })),
  closedBy: z.string().nullable(),
  closedReason: z.string().nullable(),
  paidBy: z.string().nullable(),
  paidOn: z.string().nullable(),
  voucherNumber: z.string().nullable().describe("Số phiếu chi: PC<số>/<năm>, khi đã chi"),
  transactionId: z.number().nullable(),
  version: z.number(),
});
export type AwardRound = z.infer<typeof awardRound>;

export const awardRecipient = z.object({
  line: z.number().describe("Số thứ tự trên danh sách ký nhận"),
  kind: z.enum(awardRecipientKinds),
  fullName: z.string(),
  sex: z.enum(["male", "female"]).nullable(),
  birthYear: z.number().nullable(),
  school: z.string().nullable(),
  class: z.string().nullable(),
  householdCode: z.string().nullable(),
  village: z.string().nullable(),
  amount: z.number(),
  note: z.string().nullable(),
  minor: z.boolean(),
});
export type AwardRecipient = z.infer<typeof awardRecipient>;

export const awardRoundDetail = awardRound.extend({ recipients: z.array(awardRecipient) });
export type AwardRoundDetail = z.infer<typeof awardRoundDetail>;

/** The report of a recipients import: the list replaces the draft's list, all or nothing. */
export const awardImportReport = importReport.extend({
  converted: z.record(z.string(), z.string()).describe("Cột đã chuyển từ TCVN3 hoặc VNI sang Unicode"),
  amount: z.number().describe("Tổng số tiền của danh sách (đồng)"),
  minors: z.number(),
  replaced: z.number().describe("Số người nhận của danh sách cũ được thay"),
});
export type AwardImportReport = z.infer<typeof awardImportReport>;
