/** Schemas of disbursements (chi): a proposal, its approvals, its payment. */
import { z } from "zod";
import { isoDate as calendarDate } from "./api";
import { amount, beneficiaryKinds, disbursementStates } from "./fund";

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự`).nullable().optional();

export const disbursementCreate = z.object({
  amount,
  assetAccountId: z.number().int().positive(),
  purposeAccountId: z.number().int().positive(),
  beneficiaryKind: z.enum(beneficiaryKinds, {
    message: "Người nhận: học sinh, giáo viên, gia đình, dòng họ hoặc khác",
  }),
  beneficiaryName: z
    .string({ message: "Thiếu tên người nhận" })
    .trim()
    .min(1, "Thiếu tên người nhận")
    .max(200, "Tên người nhận tối đa 200 ký tự"),
  beneficiaryMinor: z.boolean().default(false),
  beneficiarySchool: optionalText("Trường", 200),
  beneficiaryClass: optionalText("Lớp", 20),
  recipientName: optionalText("Người nhận thay", 200),
  reason: z
    .string({ message: "Thiếu nội dung chi" })
    .trim()
    .min(1, "Thiếu nội dung chi")
    .max(500, "Nội dung chi tối đa 500 ký tự"),
});
export type DisbursementCreate = z.infer<typeof disbursementCreate>;

export const disbursementClose = z.object({
  reason: z
    .string({ message: "Thiếu lý do" })
    .trim()
    .min(1, "Thiếu lý do")
    .max(500, "Lý do tối đa 500 ký tự"),
});
export const disbursementPay = z.object({ paidOn: calendarDate });

export const disbursement = z.object({
  id: z.number(),
  state: z.enum(disbursementStates),
  amount: z.number(),
  assetAccountId: z.number(),
  purposeAccountId: z.number(),
  beneficiaryKind: z.enum(beneficiaryKinds),
  beneficiaryName: z.string(),
  beneficiaryMinor: z.boolean(),
  beneficiarySchool: z.string().nullable(),
  beneficiaryClass: z.string().nullable(),
  recipientName: z.string().nullable(),
  reason: z.string(),
  approvalsNeeded: z.number(),
  proposedBy: z.string(),
  proposedById: z.number().describe("Người đề xuất (mã người dùng): không tự duyệt, không tự chi"),
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
export type Disbursement = z.infer<typeof disbursement>;
