/**
 * Sổ quỹ tiền mặt, sổ tiền gửi (and the in-kind account's book) of one asset account for a year, as the treasurer
 * keeps it on paper: the opening balance, every receipt and payment line of the year in ledger order with its
 * voucher number (PT…, PC…; a transfer or a reversal has its ledger number), the running balance, the year's totals
 * and the closing balance. Written as .xlsx by writeXlsx (streamed).
 */
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import type { XlsxCell, XlsxSheet } from "../../lib/xlsx-stream";
import { fundInScope, refOf } from "./funds.service";
import { balancesAt, vnDate } from "./ledger";

export type CashBookLine = {
  postedOn: string;
  receiptVoucher: string | null;
  paymentVoucher: string | null;
  description: string;
  in: number;
  out: number;
  balance: number;
  note: string;
};

export type CashBook = {
  title: string;
  fundName: string;
  ownerName: string;
  account: { id: number; kind: "cash" | "bank" | "in_kind"; name: string; detail: string | null };
  year: number;
  opening: number;
  lines: CashBookLine[];
  totalIn: number;
  totalOut: number;
  closing: number;
};

const titles = {
  cash: "Sổ quỹ tiền mặt",
  bank: "Sổ tiền gửi ngân hàng",
  in_kind: "Sổ theo dõi hiện vật",
} as const;

export async function cashBook(
  db: Db,
  actor: Actor,
  fundId: number,
  accountId: number,
  year: number,
  communeId?: number,
): Promise<CashBook> {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", communeId);
    const account = await tx
      .selectFrom("fund_accounts")
      .select(["id", "class", "kind", "name", "bank_name", "account_number"])
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("id", "=", accountId)
      .executeTakeFirst();
    if (!account) throw notFound("Không tìm thấy tài khoản của quỹ");
    if (account.class !== "asset" || account.kind === "unrestricted" || account.kind === "restricted")
      throw new AppError("validation", `"${account.name}" là mục đích sử dụng, không có sổ quỹ`, {
        fields: { accountId: "" },
      });
    const opening = (await balancesAt(tx, refOf(fund), `${year - 1}-12-31`)).get(account.id) ?? 0;
    const rows = await tx
      .selectFrom("fund_entries as e")
      .innerJoin("fund_transactions as t", (j) =>
        j.onRef("t.commune_id", "=", "e.commune_id").onRef("t.id", "=", "e.transaction_id"),
      )
      .leftJoin("fund_receipts as r", (j) =>
        j.onRef("r.commune_id", "=", "t.commune_id").onRef("r.transaction_id", "=", "t.id"),
      )
      .leftJoin("fund_disbursements as d", (j) =>
        j.onRef("d.commune_id", "=", "t.commune_id").onRef("d.transaction_id", "=", "t.id"),
      )
      .select(["t.seq", "t.kind", "t.posted_on", "t.description", "e.side", "e.amount"])
      .select(["r.number as receipt_number", "r.year as receipt_year"])
      // A payment is a disbursement or an award round: one phiếu chi sequence.
      .leftJoin("fund_award_rounds as w", (j) =>
        j.onRef("w.commune_id", "=", "t.commune_id").onRef("w.transaction_id", "=", "t.id"),
      )
      .select((eb) => [
        eb.fn.coalesce("d.number", "w.number").as("payment_number"),
        eb.fn.coalesce("d.year", "w.year").as("payment_year"),
      ])
      .where("e.commune_id", "=", fund.commune_id)
      .where("e.account_id", "=", account.id)
      .where("e.posted_on", ">=", `${year}-01-01`)
      .where("e.posted_on", "<=", `${year}-12-31`)
      .orderBy("t.seq")
      .orderBy("e.id")
      .execute();
    let balance = opening;
    let totalIn = 0;
    let totalOut = 0;
    const lines = rows.map((row): CashBookLine => {
      const inflow = row.side === "debit" ? row.amount : 0;
      const outflow = row.side === "credit" ? row.amount : 0;
      balance += inflow - outflow;
      totalIn += inflow;
      totalOut += outflow;
      return {
        postedOn: row.posted_on,
        receiptVoucher: row.receipt_number === null ? null : `PT${row.receipt_number}/${row.receipt_year}`,
        paymentVoucher: row.payment_number === null ? null : `PC${row.payment_number}/${row.payment_year}`,
        description: row.description,
        in: inflow,
        out: outflow,
        balance,
        note: `Bút toán số ${row.seq}`,
      };
    });
    const detail =
      account.kind === "bank"
        ? [account.bank_name, account.account_number ? `số tài khoản ${account.account_number}` : null]
            .filter(Boolean)
            .join(", ")
        : null;
    return {
      title: titles[account.kind as keyof typeof titles],
      fundName: fund.name,
      ownerName: fund.owner_name,
      account: {
        id: account.id,
        kind: account.kind as CashBook["account"]["kind"],
        name: account.name,
        detail: detail || null,
      },
      year,
      opening,
      lines,
      totalIn,
      totalOut,
      closing: balance,
    };
  });
}

/** The book as one sheet: the heading, then the lines between the opening and the closing balance. */
export function cashBookSheet(book: CashBook): { sheet: XlsxSheet; rows: XlsxCell[][] } {
  const money = { kind: "count", width: 15 } as const;
  const sheet: XlsxSheet = {
    name: `${book.title} ${book.year}`,
    titleLines: [
      book.title.toUpperCase(),
      `${book.ownerName} · ${book.fundName}`,
      `Tài khoản: ${book.account.name}${book.account.detail ? ` (${book.account.detail})` : ""} · Năm ${book.year}`,
      "Đơn vị tính: đồng",
    ],
    columns: [
      { header: "Ngày ghi sổ", kind: "text", width: 12 },
      { header: "Thu", group: "Số hiệu chứng từ", kind: "text", width: 11 },
      { header: "Chi", group: "Số hiệu chứng từ", kind: "text", width: 11 },
      { header: "Diễn giải", kind: "text", width: 44 },
      { header: book.account.kind === "bank" ? "Gửi vào" : "Thu", group: "Số tiền", ...money },
      { header: book.account.kind === "bank" ? "Rút ra" : "Chi", group: "Số tiền", ...money },
      { header: "Tồn", group: "Số tiền", ...money },
      { header: "Ghi chú", kind: "text", width: 16 },
    ],
    landscape: true,
  };
  const rows: XlsxCell[][] = [
    [null, null, null, `Số dư đầu năm ${book.year}`, null, null, book.opening, null],
    ...book.lines.map((l) => [
      vnDate(l.postedOn),
      l.receiptVoucher,
      l.paymentVoucher,
      l.description,
      l.in || null,
      l.out || null,
      l.balance,
      l.note,
    ]),
    [null, null, null, "Cộng phát sinh trong năm", book.totalIn, book.totalOut, null, null],
    [null, null, null, `Số dư cuối năm ${book.year}`, null, null, book.closing, null],
  ];
  return { sheet, rows };
}

export const cashBookFileName = (fundId: number, book: CashBook) =>
  `so-quy-${fundId}-${book.account.kind === "cash" ? "tien-mat" : book.account.kind === "bank" ? "tien-gui" : "hien-vat"}-${book.account.id}-${book.year}.xlsx`;
