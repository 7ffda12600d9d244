/** Keeping a fund's books: receipts with their phiếu thu numbers, transfers, reversals, the ledger, closing a year. */
import { createHash } from "node:crypto";
import type { LedgerTransaction, Receipt, ReceiptCreate } from "../../../shared/fund";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { fundInScope, refOf } from "./funds.service";
import { balancesAt, type FundRef, fromDatabase, lockFund, postTransaction } from "./ledger";

/** Runs a bookkeeping operation: the ledger triggers' Vietnamese refusals become validation errors. */
export async function withLedger<T>(db: Db, actor: Actor, work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await asActor(db, actor, work);
  } catch (error) {
    throw fromDatabase(error);
  }
}

/** Accounts of this fund by the request field that names each (one query); one of another fund is refused. */
async function accountsOf<F extends string>(tx: Db, ref: FundRef, wanted: Record<F, number>) {
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

export async function recordReceipt(
  db: Db,
  actor: Actor,
  fundId: number,
  input: ReceiptCreate,
  communeId?: number,
): Promise<Receipt> {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    const ref = refOf(fund);
    await lockFund(tx, ref);
    const { asset } = await accountPair(tx, ref, input.assetAccountId, input.purposeAccountId);
    const inKind = Boolean(input.inKindDescription);
    if (inKind !== (asset.kind === "in_kind"))
      throw new AppError(
        "validation",
        inKind ? "Hiện vật ghi vào tài khoản hiện vật" : "Tài khoản hiện vật cần mô tả hiện vật",
        { fields: { [inKind ? "assetAccountId" : "inKindDescription"]: "" } },
      );
    let donor = {
      kind: input.donorKind ?? ("person" as const),
      name: input.donorName ?? "",
      address: input.donorAddress ?? null,
    };
    if (input.donorId) {
      const row = await tx
        .selectFrom("fund_donors")
        .select(["kind", "name", "address"])
        .where("commune_id", "=", fund.commune_id)
        .where("id", "=", input.donorId)
        .where("archived_at", "is", null)
        .executeTakeFirst();
      if (!row)
        throw new AppError("validation", "Nhà hảo tâm không thuộc danh sách của đơn vị", {
          fields: { donorId: "" },
        });
      donor = row;
    }
    const year = Number(input.receivedOn.slice(0, 4));
    const number = await nextNumber(tx, ref, "fund_receipts", year);
    const posted = await postTransaction(tx, actor, ref, {
      kind: "receipt",
      postedOn: input.receivedOn,
      description: `Thu PT${number}/${year}: ${input.reason}`,
      entries: [
        { accountId: input.assetAccountId, side: "debit", amount: input.amount },
        { accountId: input.purposeAccountId, side: "credit", amount: input.amount },
      ],
    });
    const row = await tx
      .insertInto("fund_receipts")
      .values({
        commune_id: fund.commune_id,
        fund_id: fund.id,
        year,
        number,
        transaction_id: posted.id,
        received_on: input.receivedOn,
        donor_id: input.donorId ?? null,
        donor_kind: donor.kind,
        donor_name: donor.name,
        donor_address: donor.address,
        anonymous: input.anonymous,
        in_kind_description: input.inKindDescription ?? null,
        payer_name: input.payerName ?? null,
        reason: input.reason,
        amount: input.amount,
        asset_account_id: input.assetAccountId,
        purpose_account_id: input.purposeAccountId,
        created_by: actor.userId,
        created_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const receipt = (await listReceiptRows(tx, ref, { id: row.id }))[0]!;
    await recordAudit(tx, actor, {
      action: "fund.receipt",
      entity: "fund_receipt",
      entityId: row.id,
      unitId: fund.commune_id,
      after: receipt,
    });
    return receipt;
  });
}

export async function listReceiptRows(
  tx: Db,
  ref: FundRef,
  filter: { id?: number; year?: number },
): Promise<Receipt[]> {
  let query = tx
    .selectFrom("fund_receipts as r")
    .leftJoin("fund_transactions as x", (j) =>
      j.onRef("x.commune_id", "=", "r.commune_id").onRef("x.reverses_id", "=", "r.transaction_id"),
    )
    .selectAll("r")
    .select("x.id as reversal_id")
    .where("r.commune_id", "=", ref.communeId)
    .where("r.fund_id", "=", ref.fundId);
  if (filter.id !== undefined) query = query.where("r.id", "=", filter.id);
  if (filter.year !== undefined) query = query.where("r.year", "=", filter.year);
  const rows = await query.orderBy("r.year").orderBy("r.number").execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    year: r.year,
    voucherNumber: `PT${r.number}/${r.year}`,
    receivedOn: r.received_on,
    donorId: r.donor_id,
    donorKind: r.donor_kind,
    donorName: r.donor_name,
    anonymous: r.anonymous,
    inKindDescription: r.in_kind_description,
    payerName: r.payer_name,
    reason: r.reason,
    amount: r.amount,
    assetAccountId: r.asset_account_id,
    purposeAccountId: r.purpose_account_id,
    transactionId: r.transaction_id,
    reversed: r.reversal_id !== null,
    createdBy: r.created_by_name,
  }));
}

export async function listReceipts(db: Db, actor: Actor, fundId: number, year?: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", communeId);
    return { receipts: await listReceiptRows(tx, refOf(fund), { year }) };
  });
}

/** Moves value between two accounts of one class: cash paid into the bank, or money reassigned between purposes. */
export async function recordTransfer(
  db: Db,
  actor: Actor,
  fundId: number,
  input: {
    postedOn: IsoDate;
    fromAccountId: number;
    toAccountId: number;
    amount: number;
    description: string;
  },
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    const ref = refOf(fund);
    const { fromAccountId: from, toAccountId: to } = await accountsOf(tx, ref, {
      fromAccountId: input.fromAccountId,
      toAccountId: input.toAccountId,
    });
    if (from.id === to.id || from.class !== to.class)
      throw new AppError(
        "validation",
        "Chuyển giữa hai tài khoản khác nhau cùng loại (tiền với tiền, mục đích với mục đích)",
        {
          fields: { toAccountId: "" },
        },
      );
    const fromSide = from.class === "asset" ? "credit" : "debit";
    const posted = await postTransaction(tx, actor, ref, {
      kind: "transfer",
      postedOn: input.postedOn,
      description: input.description,
      entries: [
        { accountId: from.id, side: fromSide, amount: input.amount },
        { accountId: to.id, side: fromSide === "credit" ? "debit" : "credit", amount: input.amount },
      ],
    });
    await recordAudit(tx, actor, {
      action: "fund.transfer",
      entity: "fund_transaction",
      entityId: posted.id,
      unitId: fund.commune_id,
      after: { ...input, seq: posted.seq, hash: posted.hash },
    });
    return posted;
  });
}

/** A correction: a new transaction with every entry on the other side, pointing at the one it reverses. */
export async function reverseTransaction(
  db: Db,
  actor: Actor,
  fundId: number,
  transactionId: number,
  input: { postedOn: IsoDate; reason: string },
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    const ref = refOf(fund);
    const original = await tx
      .selectFrom("fund_transactions")
      .select(["id", "seq", "kind"])
      .where("commune_id", "=", ref.communeId)
      .where("fund_id", "=", ref.fundId)
      .where("id", "=", transactionId)
      .executeTakeFirst();
    if (!original) throw notFound("Không tìm thấy bút toán");
    if (original.kind === "reversal")
      throw new AppError("validation", "Không đảo một bút toán đảo; hãy lập bút toán mới");
    const already = await tx
      .selectFrom("fund_transactions")
      .select("seq")
      .where("commune_id", "=", ref.communeId)
      .where("reverses_id", "=", original.id)
      .executeTakeFirst();
    if (already)
      throw new AppError(
        "validation",
        `Bút toán số ${original.seq} đã được đảo (bút toán số ${already.seq})`,
      );
    const entries = await tx
      .selectFrom("fund_entries")
      .select(["account_id", "side", "amount"])
      .where("commune_id", "=", ref.communeId)
      .where("transaction_id", "=", original.id)
      .orderBy("id")
      .execute();
    const posted = await postTransaction(tx, actor, ref, {
      kind: "reversal",
      postedOn: input.postedOn,
      description: `Đảo bút toán số ${original.seq}: ${input.reason}`,
      reversesId: original.id,
      entries: entries.map((e) => ({
        accountId: e.account_id,
        side: e.side === "debit" ? "credit" : "debit",
        amount: e.amount,
      })),
    });
    await recordAudit(tx, actor, {
      action: "fund.reverse",
      entity: "fund_transaction",
      entityId: posted.id,
      unitId: fund.commune_id,
      after: { reverses: original.id, reason: input.reason, seq: posted.seq, hash: posted.hash },
    });
    return posted;
  });
}

export async function listTransactions(
  db: Db,
  actor: Actor,
  fundId: number,
  options: { year?: number; communeId?: number },
): Promise<{ transactions: LedgerTransaction[] }> {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", options.communeId);
    let query = tx
      .selectFrom("fund_transactions as t")
      .leftJoin("fund_transactions as r", (j) =>
        j.onRef("r.commune_id", "=", "t.commune_id").onRef("r.reverses_id", "=", "t.id"),
      )
      .selectAll("t")
      .select("r.id as reversed_by")
      .where("t.commune_id", "=", fund.commune_id)
      .where("t.fund_id", "=", fund.id);
    if (options.year)
      query = query
        .where("t.posted_on", ">=", `${options.year}-01-01`)
        .where("t.posted_on", "<=", `${options.year}-12-31`);
    const rows = await query.orderBy("t.seq").limit(5000).execute();
    const entries = rows.length
      ? await tx
          .selectFrom("fund_entries")
          .select(["transaction_id", "account_id", "side", "amount"])
          .where("commune_id", "=", fund.commune_id)
          .where(
            "transaction_id",
            "in",
            rows.map((r) => r.id),
          )
          .orderBy("id")
          .execute()
      : [];
    return {
      transactions: rows.map((t) => ({
        id: t.id,
        seq: t.seq,
        kind: t.kind,
        postedOn: t.posted_on,
        description: t.description,
        reversesId: t.reverses_id,
        reversedById: t.reversed_by,
        createdBy: t.created_by_name,
        hash: t.hash,
        prevHash: t.prev_hash,
        entries: entries
          .filter((e) => e.transaction_id === t.id)
          .map((e) => ({ accountId: e.account_id, side: e.side, amount: e.amount })),
      })),
    };
  });
}

/**
 * Closes a year: nothing more is posted into it. The closing balances are sealed with the chain head (the last
 * transaction dated in or before the year): seal = sha256(head hash, year, balances).
 */
export async function closeYear(db: Db, actor: Actor, fundId: number, year: number, communeId?: number) {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    const ref = refOf(fund);
    await lockFund(tx, ref);
    if (year > Number(today().slice(0, 4)))
      throw new AppError("validation", `Năm ${year} chưa đến: không khóa sổ trước`, { fields: { year: "" } });
    const done = await tx
      .selectFrom("fund_periods")
      .select("year")
      .where("commune_id", "=", ref.communeId)
      .where("fund_id", "=", ref.fundId)
      .where("year", "=", year)
      .executeTakeFirst();
    if (done) throw new AppError("validation", `Năm ${year} đã khóa sổ`, { fields: { year: "" } });
    const head = await tx
      .selectFrom("fund_transactions")
      .select(["seq", "hash"])
      .where("commune_id", "=", ref.communeId)
      .where("fund_id", "=", ref.fundId)
      .where("posted_on", "<=", `${year}-12-31`)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const balances = Object.fromEntries(
      [...(await balancesAt(tx, ref, `${year}-12-31`))]
        .sort((a, b) => a[0] - b[0])
        .map(([id, b]) => [String(id), b]),
    );
    const headHash = head?.hash ?? "";
    const seal = createHash("sha256")
      .update(JSON.stringify([headHash, year, balances]), "utf8")
      .digest("hex");
    await tx
      .insertInto("fund_periods")
      .values({
        commune_id: ref.communeId,
        fund_id: ref.fundId,
        year,
        head_seq: head?.seq ?? 0,
        head_hash: headHash,
        balances: JSON.stringify(balances),
        seal,
        closed_by: actor.userId,
        closed_by_name: actor.name,
      })
      .execute();
    await recordAudit(tx, actor, {
      action: "fund.close_year",
      entity: "fund",
      entityId: fund.id,
      unitId: fund.commune_id,
      after: { year, headSeq: head?.seq ?? 0, headHash, balances, seal },
    });
    return { year, headSeq: head?.seq ?? 0, headHash, balances, seal };
  });
}
