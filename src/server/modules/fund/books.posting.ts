/**
 * What a fund's bookkeeping operations share: the ledger triggers' refusals read as validation errors, the fund's
 * accounts a request names, the next voucher number of a year (phiếu thu, phiếu chi) and posting a payment.
 */
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError } from "../../errors";
import { type FundRef, fromDatabase, postTransaction } from "./ledger";

/** Runs a bookkeeping operation: the ledger triggers' Vietnamese refusals become validation errors. */
export async function withLedger<T>(db: Db, actor: Actor, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await asActor(db, actor, work);
  } catch (error) {
    throw fromDatabase(error);
  }
}

/** Accounts of this fund by the request field that names each (one query); one of another fund is refused. */
export async function accountsOf<F extends string>(tx: Db, ref: FundRef, wanted: Record<F, number>) {
  const rows = await tx
    .selectFrom("fund_accounts")
    .select(["id", "class", "kind", "name"])
    .where("commune_id", "=", ref.communeId)
    .where("fund_id", "=", ref.fundId)
    .where("id", "in", Object.values<number>(wanted))
    .execute();
  const found = {} as Record<F, (typeof rows)[number]>;
  for (const [field, id] of Object.entries<number>(wanted)) {
    const row = rows.find((r) => r.id === id);
    if (!row)
      throw new AppError("validation", "Tài khoản hoặc mục đích không thuộc quỹ này", {
        fields: { [field]: "" },
      });
    found[field as F] = row;
  }
  return found;
}

/** The asset and the purpose a receipt or a payment moves. */
export async function accountPair(tx: Db, ref: FundRef, assetId: number, purposeId: number) {
  const { assetAccountId: asset, purposeAccountId: purpose } = await accountsOf(tx, ref, {
    assetAccountId: assetId,
    purposeAccountId: purposeId,
  });
  if (asset.class !== "asset")
    throw new AppError("validation", `"${asset.name}" không phải tài khoản tiền hoặc hiện vật`, {
      fields: { assetAccountId: "" },
    });
  if (purpose.class !== "purpose")
    throw new AppError("validation", `"${purpose.name}" không phải mục đích sử dụng`, {
      fields: { purposeAccountId: "" },
    });
  return { asset, purpose };
}

/**
 * The next voucher number of a fund in a year (the fund's row is locked by the caller). Phiếu chi numbers are
 * shared by disbursements and award rounds: one sequence of payments per fund and year.
 */
export async function nextNumber(
  tx: Db,
  ref: FundRef,
  table: "fund_receipts" | "fund_disbursements",
  year: number,
) {
  const tables = table === "fund_receipts" ? [table] : ([table, "fund_award_rounds"] as const);
  let max = 0;
  for (const from of tables) {
    const row = await tx
      .selectFrom(from)
      .select((eb) => eb.fn.max("number").as("max"))
      .where("commune_id", "=", ref.communeId)
      .where("fund_id", "=", ref.fundId)
      .where("year", "=", year)
      .executeTakeFirst();
    max = Math.max(max, Number(row?.max ?? 0));
  }
  return max + 1;
}

/**
 * Posts a payment (chi): the next phiếu chi number of its year, the purpose debited and the asset credited by the
 * amount. Returns the columns a paid disbursement or award round records (the caller has locked the fund).
 */
export async function postPayment(
  tx: Db,
  actor: Actor,
  ref: FundRef,
  payment: {
    purposeAccountId: number;
    assetAccountId: number;
    amount: number;
    paidOn: IsoDate;
    /** The transaction's description, from the voucher number ("PC3/2026"). */
    describe: (voucher: string) => string;
  },
) {
  const year = Number(payment.paidOn.slice(0, 4));
  const number = await nextNumber(tx, ref, "fund_disbursements", year);
  const posted = await postTransaction(tx, actor, ref, {
    kind: "disbursement",
    postedOn: payment.paidOn,
    description: payment.describe(`PC${number}/${year}`),
    entries: [
      { accountId: payment.purposeAccountId, side: "debit", amount: payment.amount },
      { accountId: payment.assetAccountId, side: "credit", amount: payment.amount },
    ],
  });
  return {
    state: "paid" as const,
    paid_by: actor.userId,
    paid_by_name: actor.name,
    paid_on: payment.paidOn,
    year,
    number,
    transaction_id: posted.id,
  };
}
