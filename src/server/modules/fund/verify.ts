/**
 * Walks each fund's chain and names the first broken link: a missing or repeated number, a transaction whose
 * content no longer gives its hash, a link to a previous hash that is not there, unbalanced entries, a chain head
 * or a balance that disagrees with the entries, a closed year whose seal no longer matches, a paid award round
 * whose list no longer gives the hash sealed in its transaction (award-verify.ts).
 *
 * Funds are taken in chunks: their accounts, closed years and paid rounds come in one query per chunk, and each
 * fund's transactions with their entries in one query per 5,000, the next fund's read while this one is hashed
 * (npm run bench:fund measures the rate).
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { VerifyResult } from "../../../shared/fund";
import type { Db } from "../../db/connection";
import type { FundAccountClass } from "../../db/schema-fund";
import { verifyAwardRounds } from "./award-verify";
import { balancesAt, chainHash, type EntryInput, signed } from "./ledger";

const batch = 5000;
const chunk = 500;

type Broken = NonNullable<VerifyResult["broken"]>;
type FundHead = { commune_id: number; id: number; head_seq: number; head_hash: string };
type Account = { id: number; class: FundAccountClass; balance: number };
type Period = { year: number; head_hash: string; seal: string };
/** What the funds of one chunk need besides their transactions. */
type ChunkContext = {
  accounts: Map<number, Map<number, Account>>;
  periods: Map<number, Period[]>;
  rounds: Set<number>;
};

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
  for (let i = 0; i < funds.length; i += chunk) {
    const part = funds.slice(i, i + chunk);
    const context = await chunkContext(db, part);
    // The next fund's first transactions are read while this one's are hashed: the database works on the
    // other core.
    const prefetch = (fund: FundHead | undefined) => {
      if (!fund) return null;
      const rows = chainRows(db, fund, 0);
      rows.catch(() => {}); // awaited in its turn, or dropped when an earlier fund throws
      return rows;
    };
    let next = prefetch(part[0]);
    for (const [k, fund] of part.entries()) {
      const first = next!;
      next = prefetch(part[k + 1]);
      const broken = await verifyFund(db, fund, context, result, first);
      if (broken) {
        await next?.catch(() => []);
        return { ...result, broken };
      }
    }
  }
  return result;
}

async function chunkContext(db: Db, funds: FundHead[]): Promise<ChunkContext> {
  const ids = funds.map((f) => f.id);
  const communes = [...new Set(funds.map((f) => f.commune_id))];
  const [accounts, periods, rounds] = await Promise.all([
    db
      .selectFrom("fund_accounts")
      .select(["fund_id", "id", "class", "balance"])
      .where("commune_id", "in", communes)
      .where("fund_id", "in", ids)
      .execute(),
    db
      .selectFrom("fund_periods")
      .select(["fund_id", "year", "head_hash", "seal"])
      .where("commune_id", "in", communes)
      .where("fund_id", "in", ids)
      .orderBy("year")
      .execute(),
    db
      .selectFrom("fund_award_rounds")
      .select("fund_id")
      .distinct()
      .where("commune_id", "in", communes)
      .where("fund_id", "in", ids)
      .where("state", "=", "paid")
      .execute(),
  ]);
  const context: ChunkContext = { accounts: new Map(), periods: new Map(), rounds: new Set() };
  for (const a of accounts) {
    const of = context.accounts.get(a.fund_id) ?? new Map<number, Account>();
    of.set(a.id, a);
    context.accounts.set(a.fund_id, of);
  }
  for (const p of periods) context.periods.set(p.fund_id, [...(context.periods.get(p.fund_id) ?? []), p]);
  for (const r of rounds) context.rounds.add(r.fund_id);
  return context;
}

type ChainRow = {
  id: number;
  seq: number;
  kind: string;
  posted_on: string;
  description: string;
  reverses_id: number | null;
  created_by: number | null;
  created_by_name: string;
  prev_hash: string;
  hash: string;
  account_ids: string[] | null;
  sides: ("debit" | "credit")[] | null;
  amounts: string[] | null;
};

/** The next transactions of a fund after `afterSeq`, each with its entries. */
async function chainRows(db: Db, fund: FundHead, afterSeq: number): Promise<ChainRow[]> {
  const { rows } = await sql<ChainRow>`
    SELECT t.id, t.seq, t.kind, to_char(t.posted_on, 'YYYY-MM-DD') AS posted_on, t.description, t.reverses_id,
      t.created_by, t.created_by_name, t.prev_hash, t.hash, e.account_ids, e.sides, e.amounts
    FROM fund_transactions t
    CROSS JOIN LATERAL (
      SELECT array_agg(account_id ORDER BY id)::text[] AS account_ids, array_agg(side ORDER BY id) AS sides,
        array_agg(amount ORDER BY id)::text[] AS amounts
      FROM fund_entries x WHERE x.commune_id = t.commune_id AND x.transaction_id = t.id AND x.fund_id = t.fund_id
    ) e
    WHERE t.commune_id = ${fund.commune_id} AND t.fund_id = ${fund.id} AND t.seq > ${afterSeq}
    ORDER BY t.seq LIMIT ${batch}`.execute(db);
  return rows;
}

async function verifyFund(
  db: Db,
  fund: FundHead,
  context: ChunkContext,
  counts: VerifyResult,
  first: Promise<ChainRow[]>,
): Promise<Broken | null> {
  const at = (seq: number, transactionId: number | null, reason: string): Broken => ({
    fundId: fund.id,
    seq,
    transactionId,
    reason,
  });
  let prevSeq = 0;
  let prevHash = "";
  const accounts = context.accounts.get(fund.id) ?? new Map<number, Account>();
  const sums = new Map<number, number>();
  for (let batchOf = first; ; batchOf = chainRows(db, fund, prevSeq)) {
    const transactions = await batchOf;
    for (const t of transactions) {
      const entries: EntryInput[] = (t.account_ids ?? []).map((id, i) => ({
        accountId: Number(id),
        side: t.sides![i]!,
        amount: Number(t.amounts![i]),
      }));
      if (t.seq !== prevSeq + 1) return at(prevSeq + 1, null, `Thiếu bút toán số ${prevSeq + 1}`);
      if (t.prev_hash !== prevHash)
        return at(t.seq, t.id, `Bút toán số ${t.seq} không nối vào mã băm của bút toán số ${prevSeq}`);
      const hash = chainHash({
        communeId: fund.commune_id,
        fundId: fund.id,
        seq: t.seq,
        kind: t.kind,
        postedOn: t.posted_on as `${number}-${number}-${number}`,
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
        const account = accounts.get(e.accountId);
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
  for (const [id, account] of accounts) {
    if ((sums.get(id) ?? 0) !== account.balance)
      return at(prevSeq, null, `Số dư tài khoản ${id} không bằng tổng các bút toán`);
  }
  for (const p of context.periods.get(fund.id) ?? []) {
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
  if (!context.rounds.has(fund.id)) return null;
  const award = await verifyAwardRounds(db, fund);
  return award ? at(award.seq, award.transactionId, award.reason) : null;
}
