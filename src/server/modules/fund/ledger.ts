/**
 * The double-entry ledger of a fund: posting (balanced entries, balances never below zero, date order, closed
 * years, the hash chain) and balances at a date. The database enforces the same rules (migration 0015); the
 * checks here come first so that the user reads which account or which date is wrong.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import type { FundAccountClass, FundTransactionKind } from "../../db/schema-fund";
import { AppError } from "../../errors";
import { formatDong, maxAmount } from "./money";

export type EntryInput = { accountId: number; side: "debit" | "credit"; amount: number };
export type PostingInput = {
  kind: FundTransactionKind;
  postedOn: IsoDate;
  description: string;
  reversesId?: number | null;
  entries: EntryInput[];
};
export type FundRef = { communeId: number; fundId: number };
export type PostedTransaction = { id: number; seq: number; hash: string; postedOn: IsoDate };

/** What a transaction's hash covers: every field of it and of its entries, and the previous hash. */
export type ChainContent = {
  communeId: number;
  fundId: number;
  seq: number;
  kind: string;
  postedOn: IsoDate;
  description: string;
  reversesId: number | null;
  createdBy: number | null;
  createdByName: string;
  entries: EntryInput[];
  prevHash: string;
};

export function chainHash(c: ChainContent): string {
  const entries = [...c.entries]
    .map((e) => [e.accountId, e.side, String(e.amount)] as const)
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || Number(a[2]) - Number(b[2]));
  const canonical = JSON.stringify([
    "hieuhoc-fund-v1",
    c.communeId,
    c.fundId,
    c.seq,
    c.kind,
    c.postedOn,
    c.description,
    c.reversesId,
    c.createdBy,
    c.createdByName,
    entries,
    c.prevHash,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/**
 * The fund's row, locked: postings of one fund queue here (chain head, receipt and voucher numbers). With a year,
 * also whether that year is closed (one round trip for both).
 */
export async function lockFund(tx: Db, ref: FundRef, year = 0) {
  const fund = await tx
    .selectFrom("funds as f")
    .select(["f.head_seq", "f.head_hash", "f.head_posted_on", "f.name"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("fund_periods as p")
            .select("p.year")
            .whereRef("p.commune_id", "=", "f.commune_id")
            .whereRef("p.fund_id", "=", "f.id")
            .where("p.year", "=", year),
        )
        .as("year_closed"),
    )
    .where("f.commune_id", "=", ref.communeId)
    .where("f.id", "=", ref.fundId)
    .forUpdate("f")
    .executeTakeFirst();
  if (!fund) throw new AppError("not_found", "Không tìm thấy quỹ");
  return fund;
}

export function checkAmount(amount: number, field = "amount"): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new AppError("validation", "Số tiền phải là số nguyên dương (đồng)", { fields: { [field]: "" } });
  if (amount > maxAmount)
    throw new AppError("validation", "Số tiền vượt quá 10^15 đồng", { fields: { [field]: "" } });
}

/**
 * Posts one transaction: the caller has checked scope. Locks the fund, then the accounts in id order, checks
 * every rule and inserts the transaction and its entries. Runs inside the caller's transaction.
 */
export async function postTransaction(
  tx: Db,
  actor: Actor,
  ref: FundRef,
  input: PostingInput,
): Promise<PostedTransaction> {
  const year = Number(input.postedOn.slice(0, 4));
  const head = await lockFund(tx, ref, year);
  if (input.entries.length < 2)
    throw new AppError("validation", "Bút toán cần ít nhất một bên nợ và một bên có");
  let debits = 0;
  let credits = 0;
  for (const [i, e] of input.entries.entries()) {
    checkAmount(e.amount, `entries.${i}.amount`);
    if (e.side === "debit") debits += e.amount;
    else credits += e.amount;
  }
  if (debits !== credits)
    throw new AppError(
      "validation",
      `Bút toán không cân: nợ ${formatDong(debits)}, có ${formatDong(credits)} đồng`,
    );
  if (head.head_posted_on !== null && input.postedOn < head.head_posted_on)
    throw new AppError(
      "validation",
      `Ngày ghi sổ ${vnDate(input.postedOn)} trước bút toán gần nhất (${vnDate(head.head_posted_on)}): sổ quỹ ghi theo thứ tự ngày`,
      { fields: { postedOn: "" } },
    );
  if (head.year_closed)
    throw new AppError("validation", `Năm ${year} đã khóa sổ: không ghi thêm bút toán vào năm này`, {
      fields: { postedOn: "" },
    });
  const accountIds = [...new Set(input.entries.map((e) => e.accountId))].sort((a, b) => a - b);
  const accounts = await tx
    .selectFrom("fund_accounts")
    .select(["id", "class", "name", "balance"])
    .where("commune_id", "=", ref.communeId)
    .where("fund_id", "=", ref.fundId)
    .where("id", "in", accountIds)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (accounts.length !== accountIds.length)
    throw new AppError("validation", "Tài khoản hoặc mục đích không thuộc quỹ này");
  for (const account of accounts) {
    const after = input.entries
      .filter((e) => e.accountId === account.id)
      .reduce((sum, e) => sum + signed(account.class, e.side, e.amount), account.balance);
    if (after < 0)
      throw new AppError(
        "validation",
        `${account.class === "purpose" ? "Mục đích" : "Tài khoản"} "${account.name}" không đủ số dư: còn ${formatDong(account.balance)} đồng`,
        { fields: { amount: "" } },
      );
  }
  const content: ChainContent = {
    communeId: ref.communeId,
    fundId: ref.fundId,
    seq: head.head_seq + 1,
    kind: input.kind,
    postedOn: input.postedOn,
    description: input.description,
    reversesId: input.reversesId ?? null,
    createdBy: actor.userId,
    createdByName: actor.name,
    entries: input.entries,
    prevHash: head.head_hash,
  };
  const hash = chainHash(content);
  const row = await tx
    .insertInto("fund_transactions")
    .values({
      commune_id: ref.communeId,
      fund_id: ref.fundId,
      seq: content.seq,
      kind: input.kind,
      posted_on: input.postedOn,
      description: input.description,
      reverses_id: content.reversesId,
      created_by: actor.userId,
      created_by_name: actor.name,
      prev_hash: head.head_hash,
      hash,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("fund_entries")
    .values(
      input.entries.map((e) => ({
        commune_id: ref.communeId,
        fund_id: ref.fundId,
        transaction_id: row.id,
        account_id: e.accountId,
        side: e.side,
        amount: e.amount,
      })),
    )
    .execute();
  return { id: row.id, seq: content.seq, hash, postedOn: input.postedOn };
}

export function signed(accountClass: FundAccountClass, side: "debit" | "credit", amount: number): number {
  return (accountClass === "asset") === (side === "debit") ? amount : -amount;
}

/** Each account's balance at the end of a day, from the entries (not from the running balance). */
export async function balancesAt(tx: Db, ref: FundRef, date: IsoDate): Promise<Map<number, number>> {
  const { rows } = await sql<{ account_id: number; balance: string }>`
    SELECT a.id AS account_id, coalesce(sum(CASE WHEN (a.class = 'asset') = (e.side = 'debit')
      THEN e.amount ELSE -e.amount END), 0)::text AS balance
    FROM fund_accounts a LEFT JOIN fund_entries e ON e.commune_id = a.commune_id AND e.account_id = a.id
      AND e.posted_on <= ${date}
    WHERE a.commune_id = ${ref.communeId} AND a.fund_id = ${ref.fundId}
    GROUP BY a.id`.execute(tx);
  return new Map(rows.map((r) => [r.account_id, Number(r.balance)]));
}

export function vnDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** A refusal raised by the ledger's triggers (its message is Vietnamese) becomes a validation error. */
export function fromDatabase(error: unknown): unknown {
  const e = error as { code?: string; message?: string };
  if (
    e &&
    typeof e.message === "string" &&
    /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i.test(e.message)
  ) {
    if (e.code === "23514" || e.code === "23000") return new AppError("validation", e.message);
    if (e.code === "40001") return new AppError("conflict", e.message);
  }
  return error;
}
