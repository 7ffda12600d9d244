/** A fund's ledger transactions: transfers between accounts, reversals (corrections), and the ledger as read. */
import type { LedgerTransaction } from "../../../shared/fund";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { accountsOf, withLedger } from "./books.posting";
import { fundInScope, refOf } from "./funds.service";
import { postTransaction } from "./ledger";

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
