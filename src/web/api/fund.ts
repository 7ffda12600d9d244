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
import { BASE, commune, type Query, request, withQuery } from "./client";

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

/**
 * A fund as the pages hold it: its id and its unit, the commune (or, for a provincial fund, the province) its rows
 * are keyed by. Every /funds/{id}/… request names that unit: the server then looks in it alone (one shard when the
 * tables are distributed by commune, docs/SCALE-OUT.md).
 */
export type FundKey = { id: number; unit: { id: number } };
const fund = (key: FundKey) => `/funds/${key.id}`;
const unit = (key: FundKey) => commune({ id: key.id, communeId: key.unit.id });
const rounds = (key: FundKey) => `${fund(key)}/award-rounds`;
const roundPath = (key: FundKey, roundId: number) => `${rounds(key)}/${roundId}`;
const disbursementPath = (key: FundKey, disbursementId: number, action: string) =>
  `${fund(key)}/disbursements/${disbursementId}/${action}`;
/** A file of a fund: an address with the fund's unit. */
const file = (key: FundKey, path: string, query: Query = {}) =>
  withQuery(`${BASE}${path}`, { ...unit(key), ...query });

export const fundApi = {
  list: (unitId: number) =>
    request<{ funds: FundSummary[] }>("GET", "/funds", { query: { unitId } }).then((r) => r.funds),
  create: (body: FundCreate) => request<{ fund: FundDetail }>("POST", "/funds", { body }).then((r) => r.fund),
  /** `unitId`: the fund's unit when known (the page's address carries it; old links do not). */
  get: (id: number, unitId: number | undefined, date?: string) =>
    request<{ fund: FundDetail }>("GET", `/funds/${id}`, { query: { communeId: unitId, date } }).then(
      (r) => r.fund,
    ),
  transactions: (key: FundKey, year: number) =>
    request<{ transactions: LedgerTransaction[] }>("GET", `${fund(key)}/transactions`, {
      query: { ...unit(key), year },
    }).then((r) => r.transactions),
  receipts: (key: FundKey, year: number) =>
    request<{ receipts: Receipt[] }>("GET", `${fund(key)}/receipts`, { query: { ...unit(key), year } }).then(
      (r) => r.receipts,
    ),
  receive: (key: FundKey, body: ReceiptCreate) =>
    request<{ receipt: Receipt }>("POST", `${fund(key)}/receipts`, { query: unit(key), body }).then(
      (r) => r.receipt,
    ),
  transfer: (
    key: FundKey,
    body: {
      postedOn: string;
      fromAccountId: number;
      toAccountId: number;
      amount: number;
      description: string;
    },
  ) => request<unknown>("POST", `${fund(key)}/transfers`, { query: unit(key), body }),
  reverse: (key: FundKey, transactionId: number, body: { postedOn: string; reason: string }) =>
    request<unknown>("POST", `${fund(key)}/transactions/${transactionId}/reverse`, {
      query: unit(key),
      body,
    }),
  closeYear: (key: FundKey, year: number) =>
    request<unknown>("POST", `${fund(key)}/periods/${year}/close`, { query: unit(key) }),
  publish: (key: FundKey, year: number) =>
    request<unknown>("POST", `${fund(key)}/disclosures/${year}/publish`, { query: unit(key) }),
  verify: (key: FundKey) => request<VerifyResult>("GET", `${fund(key)}/verify`, { query: unit(key) }),

  disbursements: (key: FundKey, year: number) =>
    request<{ disbursements: Disbursement[] }>("GET", `${fund(key)}/disbursements`, {
      query: { ...unit(key), year },
    }).then((r) => r.disbursements),
  propose: (key: FundKey, body: DisbursementCreate) =>
    request<{ disbursement: Disbursement }>("POST", `${fund(key)}/disbursements`, { query: unit(key), body }),
  approve: (key: FundKey, disbursementId: number) =>
    request<unknown>("POST", disbursementPath(key, disbursementId, "approve"), { query: unit(key) }),
  close: (key: FundKey, disbursementId: number, action: "reject" | "void", reason: string) =>
    request<unknown>("POST", disbursementPath(key, disbursementId, action), {
      query: unit(key),
      body: { reason },
    }),
  pay: (key: FundKey, disbursementId: number, paidOn: string) =>
    request<unknown>("POST", disbursementPath(key, disbursementId, "pay"), {
      query: unit(key),
      body: { paidOn },
    }),

  /** `unitId`: the fund's unit when known (the page's address carries it; old links do not). */
  disclosure: (id: number, year: number, unitId: number | undefined) =>
    request<{ disclosure: DisclosureSnapshot; publishedAt: string }>(
      "GET",
      `/public/funds/${id}/disclosures/${year}`,
      { query: { communeId: unitId } },
    ),
};

/** Award rounds (đợt trao học bổng): a draft, its list from a spreadsheet, approval, payment, cancellation. */
export const awardApi = {
  list: (key: FundKey) =>
    request<{ awardRounds: AwardRound[] }>("GET", rounds(key), { query: unit(key) }).then(
      (r) => r.awardRounds,
    ),
  create: (key: FundKey, body: AwardRoundInput) =>
    request<{ awardRound: AwardRound }>("POST", rounds(key), { query: unit(key), body }).then(
      (r) => r.awardRound,
    ),
  /** `unitId`: the fund's unit when known (the page's address carries it; old links do not). */
  get: (fundId: number, unitId: number | undefined, roundId: number) =>
    request<{ awardRound: AwardRoundDetail }>("GET", `/funds/${fundId}/award-rounds/${roundId}`, {
      query: { communeId: unitId },
    }).then((r) => r.awardRound),
  /** `version`: the round's version as shown; a stale one answers 409. */
  update: (key: FundKey, roundId: number, body: AwardRoundUpdateInput) =>
    request<{ awardRound: AwardRound }>("PATCH", roundPath(key, roundId), { query: unit(key), body }),
  importFile: (key: FundKey, roundId: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<AwardImportReport>("POST", `${roundPath(key, roundId)}/recipients/import`, {
      query: { ...unit(key), dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  approve: (key: FundKey, roundId: number) =>
    request<unknown>("POST", `${roundPath(key, roundId)}/approve`, { query: unit(key) }),
  pay: (key: FundKey, roundId: number, paidOn: string) =>
    request<unknown>("POST", `${roundPath(key, roundId)}/pay`, { query: unit(key), body: { paidOn } }),
  cancel: (key: FundKey, roundId: number, reason: string) =>
    request<unknown>("POST", `${roundPath(key, roundId)}/cancel`, { query: unit(key), body: { reason } }),
};

/** Files and pages a fund links to. */
export const fundFiles = {
  receiptVoucher: (key: FundKey, receiptId: number) =>
    file(key, `${fund(key)}/receipts/${receiptId}/voucher.pdf`),
  paymentVoucher: (key: FundKey, disbursementId: number) =>
    file(key, `${fund(key)}/disbursements/${disbursementId}/voucher.pdf`),
  book: (key: FundKey, accountId: number, year: number) =>
    file(key, `${fund(key)}/accounts/${accountId}/book.xlsx`, { year }),
  awardTemplate: (key: FundKey) => file(key, `${rounds(key)}/template.xlsx`),
  signatureList: (key: FundKey, roundId: number, format: "xlsx" | "pdf") =>
    file(key, `${roundPath(key, roundId)}/signature-list.${format}`),
  roundVoucher: (key: FundKey, roundId: number) => file(key, `${roundPath(key, roundId)}/voucher.pdf`),
  disclosureJson: (id: number, year: number, unitId: number | undefined) =>
    withQuery(`${BASE}/public/funds/${id}/disclosures/${year}`, { communeId: unitId }),
  disclosureCsv: (id: number, year: number, unitId: number | undefined) =>
    withQuery(`${BASE}/public/funds/${id}/disclosures/${year}/disclosure.csv`, { communeId: unitId }),
};
