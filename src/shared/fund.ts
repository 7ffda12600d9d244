/**
 * Schemas of the learning-promotion fund API (quỹ khuyến học), shared by the server (validation, OpenAPI) and the
 * web (types). Money is an integer number of đồng, at most 10^15.
 */
import { z } from "zod";
import { isoDate as calendarDate } from "./api";

export const amount = z
  .number({ message: "Số tiền phải là một số" })
  .int("Số tiền là số nguyên (đồng)")
  .positive("Số tiền phải lớn hơn 0")
  .max(1_000_000_000_000_000, "Số tiền tối đa 10^15 đồng");

const text = (label: string, max: number) =>
  z
    .string({ message: `Thiếu ${label}` })
    .trim()
    .min(1, `Thiếu ${label}`)
    .max(max, `${label} tối đa ${max} ký tự`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự`).nullable().optional();

export const fundOwnerKinds = ["association", "chapter", "clan", "school"] as const;
export const fundModes = ["association", "licensed"] as const;
export const beneficiaryKinds = ["student", "teacher", "family", "clan", "other"] as const;
export const disbursementStates = ["proposed", "approved", "paid", "rejected", "voided"] as const;

const assetAccount = z.object({
  kind: z.enum(["cash", "bank", "in_kind"], { message: "Loại tài khoản: tiền mặt, ngân hàng hoặc hiện vật" }),
  name: text("tên tài khoản", 200),
  bankName: optionalText("Tên ngân hàng", 200),
  accountNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.-]{4,40}$/, "Số tài khoản chỉ gồm chữ số, chữ cái, dấu chấm, gạch (4–40 ký tự)")
    .nullable()
    .optional(),
});
const purpose = z.object({
  kind: z.enum(["unrestricted", "restricted"], { message: "Mục đích: không hạn định hoặc hạn định" }),
  name: text("tên mục đích", 200),
  condition: optionalText("Điều kiện của nhà tài trợ", 1000),
});

export const fundCreate = z
  .object({
    unitId: z.number().int().positive(),
    name: text("tên quỹ", 200),
    ownerKind: z.enum(fundOwnerKinds, { message: "Quỹ của: hội, chi hội, dòng họ hoặc trường" }),
    ownerRefId: z.number().int().positive().nullable().optional(),
    ownerName: optionalText("Tên đơn vị giữ quỹ", 200),
    mode: z.enum(fundModes, { message: "Hình thức: quỹ của hội hoặc quỹ xã hội có giấy phép" }),
    licenceNumber: optionalText("Số giấy phép", 100),
    licenceDate: calendarDate.nullable().optional(),
    twoApprovalsAbove: z
      .number()
      .int("Ngưỡng là số nguyên (đồng)")
      .min(0, "Ngưỡng không âm")
      .max(1_000_000_000_000_000, "Ngưỡng tối đa 10^15 đồng")
      .nullable()
      .optional(),
    accounts: z.array(assetAccount).max(50, "Tối đa 50 tài khoản").default([]),
    purposes: z.array(purpose).max(100, "Tối đa 100 mục đích").default([]),
  })
  .superRefine((value, ctx) => {
    value.accounts.forEach((a, i) => {
      if (a.kind === "bank" && !a.accountNumber)
        ctx.addIssue({
          code: "custom",
          path: ["accounts", i, "accountNumber"],
          message: "Thiếu số tài khoản ngân hàng",
        });
    });
  });
export type FundCreate = z.infer<typeof fundCreate>;

export const fundAccount = z.object({
  id: z.number(),
  class: z.enum(["asset", "purpose"]),
  kind: z.enum(["cash", "bank", "in_kind", "unrestricted", "restricted"]),
  name: z.string(),
  bankName: z.string().nullable(),
  accountNumber: z.string().nullable(),
  condition: z.string().nullable(),
  balance: z.number().describe("Số dư hiện tại (đồng)"),
  balanceAtDate: z.number().describe("Số dư cuối ngày `date` (đồng), tính từ các bút toán"),
});
export type FundAccount = z.infer<typeof fundAccount>;

export const fundDetail = z.object({
  id: z.number(),
  name: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  ownerKind: z.enum(fundOwnerKinds),
  ownerRefId: z.number().nullable(),
  ownerName: z.string(),
  mode: z.enum(fundModes),
  licenceNumber: z.string().nullable(),
  licenceDate: z.string().nullable(),
  twoApprovalsAbove: z.number().nullable(),
  date: z.string(),
  accounts: z.array(fundAccount),
  chain: z.object({ seq: z.number(), hash: z.string(), lastPostedOn: z.string().nullable() }),
  closedYears: z.array(
    z.object({
      year: z.number(),
      headHash: z.string(),
      seal: z.string(),
      closedBy: z.string(),
      closedAt: z.string(),
      publishedAt: z
        .string()
        .nullable()
        .describe("Khi năm đã công khai (GET /public/funds/{id}/disclosures/{year})"),
    }),
  ),
  version: z.number(),
});
export type FundDetail = z.infer<typeof fundDetail>;

export const fundSummary = z.object({
  id: z.number(),
  name: z.string(),
  ownerKind: z.enum(fundOwnerKinds),
  ownerName: z.string(),
  mode: z.enum(fundModes),
  unit: z.object({ id: z.number(), name: z.string() }),
  transactions: z.number(),
  balance: z.number(),
});
export type FundSummary = z.infer<typeof fundSummary>;

export const receiptCreate = z
  .object({
    receivedOn: calendarDate,
    donorId: z.number().int().positive().nullable().optional(),
    donorKind: z
      .enum(["person", "organization"], { message: "Nhà hảo tâm: cá nhân hoặc tổ chức" })
      .optional(),
    donorName: optionalText("Tên nhà hảo tâm", 300),
    donorAddress: optionalText("Địa chỉ", 300),
    anonymous: z.boolean().default(false),
    inKindDescription: optionalText("Mô tả hiện vật", 500),
    payerName: optionalText("Người nộp", 200),
    reason: text("lý do nộp", 500),
    amount,
    assetAccountId: z.number().int().positive(),
    purposeAccountId: z.number().int().positive(),
  })
  .refine((r) => r.donorId || r.donorName, { message: "Chọn nhà hảo tâm hoặc ghi tên", path: ["donorName"] });
export type ReceiptCreate = z.infer<typeof receiptCreate>;

export const receipt = z.object({
  id: z.number(),
  number: z.number(),
  year: z.number(),
  voucherNumber: z.string().describe("Số phiếu thu: PT<số>/<năm>"),
  receivedOn: z.string(),
  donorId: z.number().nullable(),
  donorKind: z.enum(["person", "organization"]),
  donorName: z.string(),
  anonymous: z.boolean(),
  inKindDescription: z.string().nullable(),
  payerName: z.string().nullable(),
  reason: z.string(),
  amount: z.number(),
  assetAccountId: z.number(),
  purposeAccountId: z.number(),
  transactionId: z.number(),
  reversed: z.boolean(),
  createdBy: z.string(),
});
export type Receipt = z.infer<typeof receipt>;

export const transferCreate = z.object({
  postedOn: calendarDate,
  fromAccountId: z.number().int().positive(),
  toAccountId: z.number().int().positive(),
  amount,
  description: text("nội dung", 500),
});
export const reversalCreate = z.object({
  postedOn: calendarDate,
  reason: text("lý do đảo bút toán", 500),
});

export const ledgerTransaction = z.object({
  id: z.number(),
  seq: z.number(),
  kind: z.enum(["receipt", "disbursement", "transfer", "reversal"]),
  postedOn: z.string(),
  description: z.string(),
  reversesId: z.number().nullable(),
  reversedById: z.number().nullable(),
  createdBy: z.string(),
  hash: z.string(),
  prevHash: z.string(),
  entries: z.array(
    z.object({ accountId: z.number(), side: z.enum(["debit", "credit"]), amount: z.number() }),
  ),
});
export type LedgerTransaction = z.infer<typeof ledgerTransaction>;

export const verifyResult = z.object({
  funds: z.number(),
  transactions: z.number(),
  entries: z.number(),
  broken: z
    .object({
      fundId: z.number(),
      seq: z.number(),
      transactionId: z.number().nullable(),
      reason: z.string(),
    })
    .nullable()
    .describe("Mắt xích hỏng đầu tiên; null khi toàn bộ chuỗi đúng"),
});
export type VerifyResult = z.infer<typeof verifyResult>;

/** A published year (GET /public/funds/{id}/disclosures/{year}): a frozen snapshot, minors already masked. */
export const disclosureSnapshot = z.object({
  fund: z.object({
    id: z.number(),
    name: z.string(),
    owner: z.string(),
    mode: z.enum(fundModes),
    licenceNumber: z.string().nullable(),
  }),
  year: z.number(),
  income: z.number().describe("Thu trong năm (đồng)"),
  spending: z.number().describe("Chi trong năm (đồng)"),
  openingBalance: z.number().describe("Tồn đầu năm (đồng)"),
  closingBalance: z.number().describe("Tồn cuối năm (đồng)"),
  receiptsByDonor: z
    .array(z.object({ donor: z.string(), amount: z.number() }))
    .describe('Thu theo nhà hảo tâm; ẩn danh: "Nhà hảo tâm ẩn danh"'),
  disbursementsByPurpose: z.array(z.object({ purpose: z.string(), amount: z.number() })),
  disbursements: z
    .array(
      z.object({
        voucher: z.string(),
        recipient: z.string().describe("Trẻ em: chỉ chữ cái đầu"),
        school: z.string().nullable(),
        class: z.string().nullable(),
        purpose: z.string(),
        amount: z.number(),
        round: z.string().optional().describe("Đợt trao học bổng của người nhận, khi chi theo đợt trao"),
      }),
    )
    .describe("Chi theo người nhận (cả người nhận của các đợt trao, dưới số phiếu chi của đợt)"),
  awardRounds: z
    .array(
      z.object({
        voucher: z.string(),
        name: z.string(),
        schoolYear: z.string(),
        decision: z.string().nullable(),
        recipients: z.number(),
        purpose: z.string(),
        amount: z.number(),
      }),
    )
    .optional()
    .describe(
      "Các đợt trao học bổng đã chi trong năm (bản công khai trước khi có đợt trao không có mục này)",
    ),
  chain: z.object({ headSeq: z.number(), headHash: z.string(), seal: z.string() }),
  publishedBy: z.string(),
});
export type DisclosureSnapshot = z.infer<typeof disclosureSnapshot>;
