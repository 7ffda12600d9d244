/** The learning-promotion fund's API (/funds, /public/funds): funds, books, disbursements, years, disclosures. */
import type { TodoItem } from "../../shared/cycle";
import type {
  DisclosureSnapshot,
  FundCreate,
  FundDetail,
  FundSummary,
  LedgerTransaction,
  Receipt,
  ReceiptCreate,
  VerifyResult,
} from "../../shared/fund";
import type {
  AwardImportReport,
  AwardRecipient,
  AwardRound,
  AwardRoundDetail,
  AwardRoundInput,
  AwardRoundUpdateInput,
} from "../../shared/fund-award";
import type { Disbursement, DisbursementCreate } from "../../shared/fund-disbursement";
import { BASE, request } from "./client";

export type {
  AwardImportReport,
  AwardRecipient,
  AwardRound,
  AwardRoundDetail,
  AwardRoundInput,
  Disbursement,
  DisclosureSnapshot,
  FundDetail,
  FundSummary,
  LedgerTransaction,
  Receipt,
  TodoItem,
};

const fund = (id: number) => `/funds/${id}`;
const rounds = (id: number) => `${fund(id)}/award-rounds`;
const roundPath = (id: number, roundId: number) => `${rounds(id)}/${roundId}`;
const disbursementPath = (id: number, disbursementId: number, action: string) =>
  `${fund(id)}/disbursements/${disbursementId}/${action}`;

export const fundApi = {
  list: (unitId: number) =>
    request<{ funds: FundSummary[] }>("GET", "/funds", { query: { unitId } }).then((r) => r.funds),
  create: (body: FundCreate) => request<{ fund: FundDetail }>("POST", "/funds", { body }).then((r) => r.fund),
  get: (id: number, date?: string) =>
    request<{ fund: FundDetail }>("GET", fund(id), { query: { date } }).then((r) => r.fund),
  transactions: (id: number, year: number) =>
    request<{ transactions: LedgerTransaction[] }>("GET", `${fund(id)}/transactions`, {
      query: { year },
    }).then((r) => r.transactions),
  receipts: (id: number, year: number) =>
    request<{ receipts: Receipt[] }>("GET", `${fund(id)}/receipts`, { query: { year } }).then(
      (r) => r.receipts,
    ),
  receive: (id: number, body: ReceiptCreate) =>
    request<{ receipt: Receipt }>("POST", `${fund(id)}/receipts`, { body }).then((r) => r.receipt),
  transfer: (
    id: number,
    body: {
      postedOn: string;
      fromAccountId: number;
      toAccountId: number;
      amount: number;
      description: string;
    },
  ) => request<unknown>("POST", `${fund(id)}/transfers`, { body }),
  reverse: (id: number, transactionId: number, body: { postedOn: string; reason: string }) =>
    request<unknown>("POST", `${fund(id)}/transactions/${transactionId}/reverse`, { body }),
  closeYear: (id: number, year: number) => request<unknown>("POST", `${fund(id)}/periods/${year}/close`),
  publish: (id: number, year: number) => request<unknown>("POST", `${fund(id)}/disclosures/${year}/publish`),
  verify: (id: number) => request<VerifyResult>("GET", `${fund(id)}/verify`),

  disbursements: (id: number, year: number) =>
    request<{ disbursements: Disbursement[] }>("GET", `${fund(id)}/disbursements`, { query: { year } }).then(
      (r) => r.disbursements,
    ),
  propose: (id: number, body: DisbursementCreate) =>
    request<{ disbursement: Disbursement }>("POST", `${fund(id)}/disbursements`, { body }),
  approve: (id: number, disbursementId: number) =>
    request<unknown>("POST", disbursementPath(id, disbursementId, "approve")),
  close: (id: number, disbursementId: number, action: "reject" | "void", reason: string) =>
    request<unknown>("POST", disbursementPath(id, disbursementId, action), { body: { reason } }),
  pay: (id: number, disbursementId: number, paidOn: string) =>
    request<unknown>("POST", disbursementPath(id, disbursementId, "pay"), { body: { paidOn } }),

  disclosure: (id: number, year: number) =>
    request<{ disclosure: DisclosureSnapshot; publishedAt: string }>(
      "GET",
      `/public/funds/${id}/disclosures/${year}`,
    ),
};

/** Award rounds (đợt trao học bổng): a draft, its list from a spreadsheet, approval, payment, cancellation. */
export const awardApi = {
  list: (id: number) => request<{ awardRounds: AwardRound[] }>("GET", rounds(id)).then((r) => r.awardRounds),
  create: (id: number, body: AwardRoundInput) =>
    request<{ awardRound: AwardRound }>("POST", rounds(id), { body }).then((r) => r.awardRound),
  get: (id: number, roundId: number) =>
    request<{ awardRound: AwardRoundDetail }>("GET", roundPath(id, roundId)).then((r) => r.awardRound),
  /** `version`: the round's version as shown; a stale one answers 409. */
  update: (id: number, roundId: number, body: AwardRoundUpdateInput) =>
    request<{ awardRound: AwardRound }>("PATCH", roundPath(id, roundId), { body }),
  importFile: (id: number, roundId: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<AwardImportReport>("POST", `${roundPath(id, roundId)}/recipients/import`, {
      query: { dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  approve: (id: number, roundId: number) => request<unknown>("POST", `${roundPath(id, roundId)}/approve`),
  pay: (id: number, roundId: number, paidOn: string) =>
    request<unknown>("POST", `${roundPath(id, roundId)}/pay`, { body: { paidOn } }),
  cancel: (id: number, roundId: number, reason: string) =>
    request<unknown>("POST", `${roundPath(id, roundId)}/cancel`, { body: { reason } }),
};

/** Files and pages a fund links to. */
export const fundFiles = {
  receiptVoucher: (id: number, receiptId: number) => `${BASE}${fund(id)}/receipts/${receiptId}/voucher.pdf`,
  paymentVoucher: (id: number, disbursementId: number) =>
    `${BASE}${fund(id)}/disbursements/${disbursementId}/voucher.pdf`,
  book: (id: number, accountId: number, year: number) =>
    `${BASE}${fund(id)}/accounts/${accountId}/book.xlsx?year=${year}`,
  awardTemplate: (id: number) => `${BASE}${rounds(id)}/template.xlsx`,
  signatureList: (id: number, roundId: number, format: "xlsx" | "pdf") =>
    `${BASE}${roundPath(id, roundId)}/signature-list.${format}`,
  roundVoucher: (id: number, roundId: number) => `${BASE}${roundPath(id, roundId)}/voucher.pdf`,
  disclosureJson: (id: number, year: number) => `${BASE}/public/funds/${id}/disclosures/${year}`,
  disclosureCsv: (id: number, year: number) =>
    `${BASE}/public/funds/${id}/disclosures/${year}/disclosure.csv`,
};
