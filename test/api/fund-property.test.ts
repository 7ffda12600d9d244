/**
 * Property test of the fund ledger: hundreds of random receipts, disbursements (proposed, approved, paid),
 * transfers, reversals, year closes and days passing, against a model of the balances. Each operation succeeds
 * exactly when the model says every balance stays at or above zero; afterwards every transaction balances, no
 * account ever went below zero along the chain, balances equal the sum of the entries (and the model), and the
 * chain verifies. On PostgreSQL a last batch runs in parallel. Then one altered byte is found by verify.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, loadActor } from "../../src/server/auth/scope";
import { closeYear } from "../../src/server/modules/fund/books.close";
import { recordReceipt } from "../../src/server/modules/fund/books.receipts";
import { recordTransfer, reverseTransaction } from "../../src/server/modules/fund/books.transactions";
import {
  approveDisbursement,
  payDisbursement,
  proposeDisbursement,
} from "../../src/server/modules/fund/disbursements.service";
import { createFund } from "../../src/server/modules/fund/funds.service";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { addDays } from "../../src/server/modules/territory/dates";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";
import { addUser } from "../helpers/fund";

type Op =
  | { kind: "receipt"; asset: number; purpose: number; amount: number }
  | { kind: "disburse"; asset: number; purpose: number; amount: number }
  | { kind: "transfer"; assets: boolean; from: number; to: number; amount: number }
  | { kind: "reverse"; pick: number }
  | { kind: "close" }
  | { kind: "wait"; days: number };

const amount = fc.integer({ min: 1, max: 3_000_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("receipt" as const),
      asset: fc.nat(1),
      purpose: fc.nat(2),
      amount,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("disburse" as const),
      asset: fc.nat(1),
      purpose: fc.nat(2),
      amount,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("transfer" as const),
      assets: fc.boolean(),
      from: fc.nat(2),
      to: fc.nat(2),
      amount,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat(10_000) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "close" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 0, max: 30 }) }),
  },
);

describeEachEngine("fund ledger properties", (engine) => {
  let t: TestApp;
  let keeper: Actor;
  let cashier: Actor;
  let approver: Actor;
  let ward: number;
  const fundIds: number[] = [];

  beforeAll(async () => {
    t = await demoApp(engine);
    ward = await t.unitId("00103");
    keeper = await loadActor(t.db, await addUser(t, "p.keeper", "treasurer", ward), "Thủ quỹ");
    cashier = await loadActor(t.db, await addUser(t, "p.cashier", "treasurer", ward), "Kế toán");
    approver = await loadActor(t.db, await addUser(t, "p.approver", "reviewer", ward), "Người duyệt");
  });
  afterAll(() => t.close());

  /** Runs one operation; true when it was posted, false when the ledger refused it with a Vietnamese 422. */
  async function attempt(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      const e = error as { status?: number; message?: string };
      if (e.status === 422 && /không đủ số dư|đã khóa sổ|thứ tự ngày|đã được đảo/.test(e.message ?? ""))
        return false;
      throw error;
    }
  }

  it("keeps every invariant over hundreds of random operations", { timeout: 600_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 250, maxLength: 300 }), async (ops) => {
        run++;
        const fund = await createFund(t.db, keeper, {
          unitId: ward,
          name: `Quỹ thử ${run}`,
          ownerKind: "association",
          mode: "association",
          twoApprovalsAbove: null,
          accounts: [
            { kind: "cash", name: "Tiền mặt" },
            { kind: "bank", name: "Ngân hàng", accountNumber: "0001" },
          ],
          purposes: [
            { kind: "unrestricted", name: "Chung" },
            { kind: "restricted", name: "Học bổng" },
            { kind: "restricted", name: "Giải thưởng" },
          ],
        });
        fundIds.push(fund.id);
        const assets = fund.accounts.filter((a) => a.class === "asset").map((a) => a.id);
        const purposes = fund.accounts.filter((a) => a.class === "purpose").map((a) => a.id);
        const model = new Map<number, number>([...assets, ...purposes].map((id) => [id, 0]));
        const posted: { id: number; deltas: [number, number][] }[] = [];
        const reversed = new Set<number>();
        let date = "2020-01-01";
        let closedThrough = 2019;
        const fits = (deltas: [number, number][]) => deltas.every(([id, d]) => model.get(id)! + d >= 0);
        const apply = (deltas: [number, number][]) => {
          for (const [id, d] of deltas) model.set(id, model.get(id)! + d);
        };
        for (const o of ops) {
          if (o.kind === "wait") {
            const next = addDays(date, o.days);
            if (Number(next.slice(0, 4)) <= 2025) date = next;
            continue;
          }
          if (o.kind === "close") {
            const year = Number(date.slice(0, 4));
            if (year >= 2025) continue;
            await closeYear(t.db, keeper, fund.id, year);
            closedThrough = year;
            date = `${year + 1}-01-01`;
            continue;
          }
          expect(Number(date.slice(0, 4))).toBeGreaterThan(closedThrough);
          if (o.kind === "receipt") {
            const deltas: [number, number][] = [
              [assets[o.asset]!, o.amount],
              [purposes[o.purpose]!, o.amount],
            ];
            const receipt = await recordReceipt(t.db, keeper, fund.id, {
              receivedOn: date,
              donorName: "Nhà hảo tâm",
              donorKind: "person",
              anonymous: false,
              reason: "Ủng hộ",
              amount: o.amount,
              assetAccountId: assets[o.asset]!,
              purposeAccountId: purposes[o.purpose]!,
            });
            apply(deltas);
            posted.push({ id: receipt.transactionId, deltas });
          } else if (o.kind === "disburse") {
            const deltas: [number, number][] = [
              [assets[o.asset]!, -o.amount],
              [purposes[o.purpose]!, -o.amount],
            ];
            const d = await proposeDisbursement(t.db, keeper, fund.id, {
              amount: o.amount,
              assetAccountId: assets[o.asset]!,
              purposeAccountId: purposes[o.purpose]!,
              beneficiaryKind: "student",
              beneficiaryName: "Học sinh",
              beneficiaryMinor: true,
              reason: "Học bổng",
            });
            await approveDisbursement(t.db, approver, fund.id, d.id);
            let paidId: number | null = null;
            const ok = await attempt(async () => {
              paidId = (await payDisbursement(t.db, cashier, fund.id, d.id, date)).transactionId;
            });
            expect(ok, `chi ${o.amount}`).toBe(fits(deltas));
            if (ok) {
              apply(deltas);
              posted.push({ id: paidId!, deltas });
            }
          } else if (o.kind === "transfer") {
            const list = o.assets ? assets : purposes;
            const from = list[o.from % list.length]!;
            const to = list[o.to % list.length]!;
            if (from === to) continue;
            const deltas: [number, number][] = [
              [from, -o.amount],
              [to, o.amount],
            ];
            let id = 0;
            const ok = await attempt(async () => {
              id = (
                await recordTransfer(t.db, keeper, fund.id, {
                  postedOn: date,
                  fromAccountId: from,
                  toAccountId: to,
                  amount: o.amount,
                  description: "Chuyển",
                })
              ).id;
            });
            expect(ok).toBe(fits(deltas));
            if (ok) {
              apply(deltas);
              posted.push({ id, deltas });
            }
          } else {
            const open = posted.filter((p) => !reversed.has(p.id));
            if (open.length === 0) continue;
            const target = open[o.pick % open.length]!;
            const deltas = target.deltas.map(([id, d]) => [id, -d] as [number, number]);
            const ok = await attempt(() =>
              reverseTransaction(t.db, keeper, fund.id, target.id, { postedOn: date, reason: "Sửa sai" }),
            );
            expect(ok).toBe(fits(deltas));
            if (ok) {
              apply(deltas);
              reversed.add(target.id);
            }
          }
        }
        await checkInvariants(fund.id, model);
      }),
      { numRuns: 2, seed: 20261130 },
    );
  });

  async function checkInvariants(fundId: number, model?: Map<number, number>) {
    const unbalanced = await sql<{ id: number }>`
      SELECT transaction_id AS id FROM fund_entries WHERE fund_id = ${fundId} GROUP BY transaction_id
      HAVING sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END) <> 0 OR count(*) < 2`.execute(t.db);
    expect(unbalanced.rows).toEqual([]);
    // Walking the chain in order, no account is ever below zero.
    const negative = await sql<{ account_id: number }>`
      SELECT account_id FROM (
        SELECT e.account_id, sum(CASE WHEN (a.class = 'asset') = (e.side = 'debit') THEN e.amount ELSE -e.amount END)
          OVER (PARTITION BY e.account_id ORDER BY x.seq) AS running
        FROM fund_entries e JOIN fund_transactions x ON x.commune_id = e.commune_id AND x.id = e.transaction_id
        JOIN fund_accounts a ON a.commune_id = e.commune_id AND a.id = e.account_id
        WHERE e.fund_id = ${fundId}) r WHERE running < 0`.execute(t.db);
    expect(negative.rows).toEqual([]);
    const accounts = await t.db
      .selectFrom("fund_accounts")
      .select(["id", "balance"])
      .where("fund_id", "=", fundId)
      .execute();
    const sums = await sql<{ id: number; total: string }>`
      SELECT a.id, coalesce(sum(CASE WHEN (a.class = 'asset') = (e.side = 'debit') THEN e.amount ELSE -e.amount END), 0)::text AS total
      FROM fund_accounts a LEFT JOIN fund_entries e ON e.commune_id = a.commune_id AND e.account_id = a.id
      WHERE a.fund_id = ${fundId} GROUP BY a.id`.execute(t.db);
    for (const a of accounts) {
      expect(Number(sums.rows.find((s) => s.id === a.id)!.total)).toBe(a.balance);
      if (model) expect(a.balance).toBe(model.get(a.id));
    }
    expect((await verifyFunds(t.db, { fundId })).broken).toBeNull();
  }

  if (engine === "postgres")
    it("keeps them with payments, receipts and reversals in parallel", { timeout: 300_000 }, async () => {
      const fundId = fundIds[0]!;
      const fund = await t.db
        .selectFrom("fund_accounts")
        .select(["id", "class"])
        .where("fund_id", "=", fundId)
        .execute();
      const asset = fund.find((a) => a.class === "asset")!.id;
      const purpose = fund.filter((a) => a.class === "purpose").map((a) => a.id);
      const head = await t.db
        .selectFrom("funds")
        .select("head_posted_on")
        .where("id", "=", fundId)
        .executeTakeFirstOrThrow();
      const day = head.head_posted_on!;
      const proposals = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          proposeDisbursement(t.db, keeper, fundId, {
            amount: 200_000 + i,
            assetAccountId: asset,
            purposeAccountId: purpose[i % purpose.length]!,
            beneficiaryKind: "student",
            beneficiaryName: `Học sinh ${i}`,
            beneficiaryMinor: true,
            reason: "Học bổng",
          }),
        ),
      );
      for (const p of proposals) await approveDisbursement(t.db, approver, fundId, p.id);
      await Promise.all([
        ...proposals.map((p) => attempt(() => payDisbursement(t.db, cashier, fundId, p.id, day))),
        ...Array.from({ length: 20 }, (_, i) =>
          recordReceipt(t.db, keeper, fundId, {
            receivedOn: day,
            donorName: "Song song",
            donorKind: "person",
            anonymous: false,
            reason: "Ủng hộ",
            amount: 100_000 + i,
            assetAccountId: asset,
            purposeAccountId: purpose[i % purpose.length]!,
          }),
        ),
      ]);
      await checkInvariants(fundId);
    });

  it("finds one altered byte of a posted transaction", async () => {
    const fundId = fundIds[fundIds.length - 1]!;
    const victim = await t.db
      .selectFrom("fund_transactions")
      .select(["id", "seq", "description"])
      .where("fund_id", "=", fundId)
      .orderBy("seq")
      .offset(7)
      .limit(1)
      .executeTakeFirstOrThrow();
    const altered = `${victim.description.slice(0, -1)}${victim.description.endsWith("x") ? "y" : "x"}`;
    await t.db.connection().execute(async (c) => {
      await sql`SET session_replication_role = replica`.execute(c);
      await sql`UPDATE fund_transactions SET description = ${altered} WHERE id = ${victim.id}`.execute(c);
      await sql`SET session_replication_role = origin`.execute(c);
    });
    const result = await verifyFunds(t.db, { fundId });
    expect(result.broken).toMatchObject({ fundId, seq: victim.seq, transactionId: victim.id });
  });
});
