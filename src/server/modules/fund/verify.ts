/**
 * Walks each fund's chain and names the first broken link: a missing or repeated number, a transaction whose
 * content no longer gives its hash, a link to a previous hash that is not there, unbalanced entries, a chain head
 * or a balance that disagrees with the entries, a closed year whose seal no longer matches, a paid award round
 * whose list no longer gives the hash sealed in its transaction (award-verify.ts).
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { VerifyResult } from "../../../shared/fund";
import type { Db } from "../../db/connection";
import { verifyAwardRounds } from "./award-verify";
import { balancesAt, chainHash, type EntryInput, signed } from "./ledger";

const batch = 5000;

type Broken = NonNullable<VerifyResult["broken"]>;

export async function verifyFunds(
  db: Db,
  options: { fundId?: number; fundIds?: number[] } = {},
): Promise<VerifyResult> {
  let query = db.selectFrom("funds").select(["commune_id", "id", "head_seq", "head_hash"]).orderBy("id");
  if (options.fundId !== undefined) query = query.where("id", "=", options.fundId);
  if (options.fundIds !== undefined)
    query = query.where("id", "in", options.fundIds.length ? options.fundIds : [0]);
  const funds = await query.execute();
  const result: VerifyResult = { funds: funds.length, transactions: 0, entries: 0, broken: null };
  for (const fund of funds) {
    const broken = await verifyFund(db, fund, result);
    if (broken) return { ...result, broken };
  }
  return result;
}

async function verifyFund(
  db: Db,
  fund: { commune_id: number; id: number; head_seq: number; head_hash: string },
  counts: VerifyResult,
): Promise<Broken | null> {
  const at = (seq: number, transactionId: number | null, reason: string): Broken => ({
    fundId: fund.id,
    seq,
    transactionId,
    reason,
  });
  let prevSeq = 0;
  let prevHash = "";
  const classes = new Map(
    (
      await db
        .selectFrom("fund_accounts")
        .select(["id", "class", "balance"])
        .where("commune_id", "=", fund.commune_id)
        .where("fund_id", "=", fund.id)
        .execute()
    ).map((a) => [a.id, a]),
  );
  const sums = new Map<number, number>();
  for (;;) {
    const transactions = await db
      .selectFrom("fund_transactions")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("seq", ">", prevSeq)
      .orderBy("seq")
      .limit(batch)
      .execute();
    if (transactions.length === 0) break;
    const { rows: entryRows } = await sql<{
      transaction_id: number;
      account_id: number;
      side: "debit" | "credit";
      amount: number;
    }>`
      SELECT transaction_id, account_id, side, amount FROM fund_entries
      WHERE commune_id = ${fund.commune_id} AND fund_id = ${fund.id}
        AND transaction_id = ANY (${transactions.map((t) => t.id)}::bigint[])`.execute(db);
    const byTransaction = new Map<number, EntryInput[]>();
    for (const e of entryRows) {
      const list = byTransaction.get(e.transaction_id) ?? [];
      list.push({ accountId: e.account_id, side: e.side, amount: Number(e.amount) });
      byTransaction.set(e.transaction_id, list);
    }
    for (const t of transactions) {
      const entries = byTransaction.get(t.id) ?? [];
      if (t.seq !== prevSeq + 1) return at(prevSeq + 1, null, `Thiếu bút toán số ${prevSeq + 1}`);
      if (t.prev_hash !== prevHash)
        return at(t.seq, t.id, `Bút toán số ${t.seq} không nối vào mã băm của bút toán số ${prevSeq}`);
      const hash = chainHash({
        communeId: t.commune_id,
        fundId: t.fund_id,
        seq: t.seq,
        kind: t.kind,
        postedOn: t.posted_on,
        description: t.description,
        reversesId: t.reverses_id,
        createdBy: t.created_by,
        createdByName: t.created_by_name,
        entries,
        prevHash: t.prev_hash,
      });
      if (hash !== t.hash)
        return at(t.seq, t.id, `Nội dung bút toán số ${t.seq} đã bị thay đổi sau khi ghi sổ`);
      let balance = 0;
      for (const e of entries) {
        balance += e.side === "debit" ? e.amount : -e.amount;
        const account = classes.get(e.accountId);
        if (!account) return at(t.seq, t.id, `Bút toán số ${t.seq} ghi vào tài khoản không có trong quỹ`);
        sums.set(e.accountId, (sums.get(e.accountId) ?? 0) + signed(account.class, e.side, e.amount));
      }
      if (entries.length < 2 || balance !== 0) return at(t.seq, t.id, `Bút toán số ${t.seq} không cân`);
      counts.transactions++;
      counts.entries += entries.length;
      prevSeq = t.seq;
      prevHash = t.hash;
    }
    if (transactions.length < batch) break;
  }
  if (prevSeq !== fund.head_seq || prevHash !== fund.head_hash)
    return at(
      fund.head_seq,
      null,
      `Đầu chuỗi của quỹ (số ${fund.head_seq}) không khớp bút toán cuối (số ${prevSeq})`,
    );
  for (const [id, account] of classes) {
    if ((sums.get(id) ?? 0) !== account.balance)
      return at(prevSeq, null, `Số dư tài khoản ${id} không bằng tổng các bút toán`);
  }
  const periods = await db
    .selectFrom("fund_periods")
    .select(["year", "head_hash", "balances", "seal"])
    .where("commune_id", "=", fund.commune_id)
    .where("fund_id", "=", fund.id)
    .orderBy("year")
    .execute();
  for (const p of periods) {
    const balances = Object.fromEntries(
      [...(await balancesAt(db, { communeId: fund.commune_id, fundId: fund.id }, `${p.year}-12-31`))]
        .sort((a, b) => a[0] - b[0])
        .map(([id, b]) => [String(id), b]),
    );
    const seal = createHash("sha256")
      .update(JSON.stringify([p.head_hash, p.year, balances]), "utf8")
      .digest("hex");
    if (seal !== p.seal) return at(0, null, `Số dư khóa sổ năm ${p.year} không còn khớp với sổ quỹ`);
  }
  const award = await verifyAwardRounds(db, fund);
  return award ? at(award.seq, award.transactionId, award.reason) : null;
}
