/** Schemas of disbursements (chi): a proposal, its approvals, its payment. */
import { z } from "zod";
import { isoDate as calendarDate } from "./api";
import { amount, beneficiaryKinds, disbursementStates } from "./fund";

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự`).nullable().optional();

/**
 * A proposal names a beneficiary of the commune's list (`beneficiaryId`: its kind, name, school and class are
 * copied, and whether it is a minor follows from its birth year) or types one in (kind and name required).
 */
export const disbursementCreate = z
  .object({
    amount,
    assetAccountId: z.number().int().positive(),
    purposeAccountId: z.number().int().positive(),
    beneficiaryId: z.number().int().positive().nullable().optional(),
    beneficiaryKind: z
      .enum(beneficiaryKinds, { message: "Người nhận: học sinh, giáo viên, gia đình, dòng họ hoặc khác" })
      .optional(),
    beneficiaryName: z
      .string({ message: "Thiếu tên người nhận" })
      .trim()
      .max(200, "Tên người nhận tối đa 200 ký tự")
      .optional(),
    beneficiaryMinor: z
      .boolean()
      .default(false)
      .describe(
        "Che tên khi công khai; người nhận trong danh sách: theo năm sinh (ghi true chỉ để che thêm)",
      ),
    beneficiarySchool: optionalText("Trường", 200),
    beneficiaryClass: optionalText("Lớp", 20),
    recipientName: optionalText("Người nhận thay", 200),
    reason: z
      .string({ message: "Thiếu nội dung chi" })
      .trim()
      .min(1, "Thiếu nội dung chi")
      .max(500, "Nội dung chi tối đa 500 ký tự"),
  })
  .superRefine((d, ctx) => {
    if (d.beneficiaryId) return;
    if (!d.beneficiaryName)
      ctx.addIssue({
        code: "custom",
        message: "Chọn người nhận trong danh sách hoặc ghi tên",
        path: ["beneficiaryName"],
      });
    if (!d.beneficiaryKind)
      ctx.addIssue({
        code: "custom",
        message: "Người nhận: học sinh, giáo viên, gia đình, dòng họ hoặc khác",
        path: ["beneficiaryKind"],
      });
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
  beneficiaryId: z.number().nullable().describe("Người nhận trong danh sách, khi đề xuất từ danh sách"),
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

/**
 * Whether a beneficiary of the list counts as a minor in `year`: anyone who may still be under 18 during the year
 * (born after year − 19, as the award rounds count), and a pupil whose birth year is unknown (the safe default).
 */
export function minorIn(year: number, beneficiary: { kind: string; birthYear: number | null }): boolean {
  return beneficiary.birthYear !== null ? beneficiary.birthYear > year - 19 : beneficiary.kind === "student";
}
