/**
 * `npm run bench:fund`: the fund ledger at national scale (issue 9, acceptance "10 million ledger entries").
 * Loads the national territory (bench/national/load.ts) into a throw-away PostgreSQL database, writes a ledger of
 * N entries (bench/fund/data.ts: two funds a commune, receipts and paid disbursements 2016–2026, chained by the
 * product's hash) and COPYs it with the triggers off, then sets the chain heads and balances from the entries
 * set-based, and measures through the product's services:
 *
 * - posting: a receipt (recordReceipt: scope, fund lock, numbering, hash, balance checks, phiếu thu, audit) and a
 *   bare posting (postTransaction in a transaction), p50/p95;
 * - a fund's balances at a date: the fund page's service (getFund) and the ledger's balancesAt, p50/p95;
 * - chain verification (`hieuhoc fund verify`'s verifyFunds) over a sample of funds: entries per second;
 * - the fund statistics (counters of migration 0023, recounted after the load): the national amount raised in a
 *   year, a province's and a commune's figures, a province's ten-year series, p50/p95; the nation's figure is
 *   checked against the sum of the year's receipts.
 *
 * Flags: --entries N (default 10,000,000), --households N (default 100,000), --reps N (default 300),
 * --verify-funds N (default 200), --database-url URL, --label x, --keep (leave hieuhoc_bench_fund for EXPLAIN).
 * Writes bench/results/<date>-fund[-label].json.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { withLedger } from "../../src/server/modules/fund/books.posting";
import { recordReceipt } from "../../src/server/modules/fund/books.receipts";
import { getFund } from "../../src/server/modules/fund/funds.service";
import { balancesAt, postTransaction } from "../../src/server/modules/fund/ledger";
import { fundRollup, fundSeries } from "../../src/server/modules/fund/stats.service";
import { verifyFunds } from "../../src/server/modules/fund/verify";
import { hash01 } from "../national/data";
import { postgresEngine } from "../national/engine";
import { loadNational } from "../national/load";
import { defaultAdminUrl, log, machine, ms, numberFlag, sample, writeResult } from "../results";
import {
  accountColumns,
  disbursementColumns,
  entryColumns,
  fundColumns,
  receiptColumns,
  transactionColumns,
  writeLedger,
} from "./data";

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    entries: { type: "string" },
    households: { type: "string" },
    reps: { type: "string" },
    "verify-funds": { type: "string" },
    "database-url": { type: "string" },
    label: { type: "string" },
    keep: { type: "boolean" },
  },
});
const entryTotal = numberFlag(flags.entries, 10_000_000);
const households = numberFlag(flags.households, 100_000);
const reps = numberFlag(flags.reps, 300);
const verifyCount = numberFlag(flags["verify-funds"], 200);
const adminUrl = defaultAdminUrl(flags["database-url"]);

async function main() {
  const engine = await postgresEngine(adminUrl, "hieuhoc_bench_fund");
  const db = engine.connection.db;
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: machine(),
    entriesAsked: entryTotal,
  };
  const dir = mkdtempSync(path.join(tmpdir(), "hieuhoc-bench-fund-"));
  chmodSync(dir, 0o755); // the database server reads the files
  try {
    log(`Loading the territory and ${households.toLocaleString("en")} households`);
    const loaded = await loadNational(engine, { households, years: [2025], seed: 1 }, log);
    const users = {
      proposer: { id: loaded.actors.nation.userId!, name: loaded.actors.nation.name },
      payer: { id: loaded.actors.issuer.userId!, name: loaded.actors.issuer.name },
    };

    let t0 = performance.now();
    const written = await writeLedger(dir, loaded.communes, entryTotal, users, log);
    result.ledger = { ...written, paths: undefined, writeMs: ms(t0) };
    log(`  written ${JSON.stringify(result.ledger)}`);

    t0 = performance.now();
    const client = await engine.connection.pool!.connect();
    try {
      // The bulk load skips the row triggers (chain, balances, immutability) and the foreign keys; the heads and
      // balances are then set from the entries in one statement each, and verifyFunds checks a sample below.
      await client.query("SET session_replication_role = replica");
      for (const [table, columns, file] of [
        ["funds", fundColumns, written.paths.funds],
        ["fund_accounts", accountColumns, written.paths.accounts],
        ["fund_transactions", transactionColumns, written.paths.transactions],
        ["fund_entries", entryColumns, written.paths.entries],
        ["fund_receipts", receiptColumns, written.paths.receipts],
        ["fund_disbursements", disbursementColumns, written.paths.disbursements],
      ] as const) {
        const s = performance.now();
        await client.query(`COPY ${table} (${columns.join(", ")}) FROM '${file}' WITH (FORMAT csv)`);
        log(`  COPY ${table} (${ms(s)} ms)`);
      }
      await client.query(`
        UPDATE funds f SET head_seq = t.seq, head_hash = t.hash, head_posted_on = t.posted_on
        FROM (SELECT DISTINCT ON (commune_id, fund_id) commune_id, fund_id, seq, hash, posted_on
              FROM fund_transactions ORDER BY commune_id, fund_id, seq DESC) t
        WHERE f.commune_id = t.commune_id AND f.id = t.fund_id`);
      await client.query(`
        UPDATE fund_accounts a SET balance = s.balance
        FROM (SELECT e.commune_id, e.account_id,
                sum(CASE WHEN (x.class = 'asset') = (e.side = 'debit') THEN e.amount ELSE -e.amount END) AS balance
              FROM fund_entries e JOIN fund_accounts x ON x.commune_id = e.commune_id AND x.id = e.account_id
              GROUP BY e.commune_id, e.account_id) s
        WHERE a.commune_id = s.commune_id AND a.id = s.account_id`);
      for (const table of [
        "funds",
        "fund_accounts",
        "fund_transactions",
        "fund_entries",
        "fund_receipts",
        "fund_disbursements",
      ])
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
        );
      await client.query("RESET session_replication_role");
      await client.query("ANALYZE");
    } finally {
      client.release();
    }
    result.loadMs = ms(t0);
    log(`  loaded and analysed (${result.loadMs} ms)`);
    // The counters of the statistics (migration 0023), as after any bulk write: one recount per commune.
    t0 = performance.now();
    await sql`SELECT count(hieuhoc_recount_fund(id)) FROM admin_units WHERE level = 'commune'`.execute(db);
    await sql`ANALYZE`.execute(db);
    result.recountMs = ms(t0);
    log(`  fund counters recounted (${result.recountMs} ms)`);

    // Posting and balances: the focus province's administrator (unit_admin keeps the books) on its funds.
    const actor = loaded.actors.province;
    const funds = (
      await db
        .selectFrom("funds")
        .select(["id", "commune_id"])
        .where("province_id", "=", loaded.focus.provinceId)
        .orderBy("id")
        .execute()
    ).map((f) => ({ id: Number(f.id), communeId: Number(f.commune_id) }));
    const pick = (i: number, salt: number) => funds[Math.floor(hash01(i, salt, 11) * funds.length)]!;
    const today = new Date().toISOString().slice(0, 10) as `${number}-${number}-${number}`;
    result.posting = {
      receipt: await sample(reps, (i) => {
        const fund = pick(i, 1);
        return recordReceipt(db, actor, fund.id, {
          receivedOn: today,
          donorName: `Nhà hảo tâm ${i}`,
          anonymous: false,
          reason: "Ủng hộ quỹ khuyến học",
          amount: 500_000,
          assetAccountId: fund.id * 4 - 3,
          purposeAccountId: fund.id * 4 - 1,
        });
      }),
      bare: await sample(reps, (i) => {
        const fund = pick(i, 2);
        return withLedger(db, actor, (tx) =>
          postTransaction(
            tx,
            actor,
            { communeId: fund.communeId, fundId: fund.id },
            {
              kind: "receipt",
              postedOn: today,
              description: "Thu tiền ủng hộ vào tài khoản ngân hàng",
              entries: [
                { accountId: fund.id * 4 - 2, side: "debit", amount: 1000 },
                { accountId: fund.id * 4 - 1, side: "credit", amount: 1000 },
              ],
            },
          ),
        );
      }),
    };
    log(`  posting ${JSON.stringify(result.posting)}`);
    const dateOf = (i: number) =>
      new Date(Date.UTC(2016, 0, 1) + Math.floor(hash01(i, 3, 12) * 3_980) * 86_400_000)
        .toISOString()
        .slice(0, 10) as `${number}-${number}-${number}`;
    result.balanceAtDate = {
      fundPage: await sample(reps, (i) => getFund(db, actor, pick(i, 4).id, dateOf(i))),
      balancesAt: await sample(reps, (i) => {
        const fund = pick(i, 5);
        return balancesAt(db, { communeId: fund.communeId, fundId: fund.id }, dateOf(i));
      }),
    };
    log(`  balance at a date ${JSON.stringify(result.balanceAtDate)}`);

    const all = await db.selectFrom("funds").select("id").orderBy("id").execute();
    const fundIds = [
      ...new Set(
        Array.from({ length: verifyCount }, (_, i) =>
          Number(all[Math.floor(hash01(i, 6, 13) * all.length)]!.id),
        ),
      ),
    ];
    t0 = performance.now();
    const verified = await verifyFunds(db, { fundIds });
    const verifyMs = performance.now() - t0;
    if (verified.broken) throw new Error(`verify: ${JSON.stringify(verified.broken)}`);
    result.verify = {
      funds: verified.funds,
      transactions: verified.transactions,
      entries: verified.entries,
      ms: Math.round(verifyMs),
      entriesPerSecond: Math.round(verified.entries / (verifyMs / 1000)),
    };
    log(`  verify ${JSON.stringify(result.verify)}`);

    // The national amount raised in a year (and the province's, the commune's, a province's series), from the
    // counters, against the sum of the year's receipts.
    const { provinceId, communeId } = loaded.focus;
    result.figures = {
      nation: await sample(reps, () => fundRollup(db, loaded.actors.nation, { year: 2025 })),
      province: await sample(reps, () =>
        fundRollup(db, loaded.actors.province, { unitId: provinceId, year: 2025 }),
      ),
      commune: await sample(reps, () =>
        fundRollup(db, loaded.actors.commune, { unitId: communeId, year: 2025 }),
      ),
      provinceSeries: await sample(reps, () =>
        fundSeries(db, loaded.actors.province, { unitId: provinceId, from: 2016, to: 2025 }),
      ),
    };
    log(`  figures ${JSON.stringify(result.figures)}`);
    const nation = await fundRollup(db, loaded.actors.nation, { year: 2025 });
    const raised = await sql<{ amount: string }>`
      SELECT coalesce(sum(amount), 0)::text AS amount FROM fund_receipts WHERE year = 2025`.execute(db);
    result.nationRaised2025 = { counters: nation.figures.raised, receipts: raised.rows[0]!.amount };
    if (nation.figures.raised !== raised.rows[0]!.amount)
      throw new Error(`national amount raised ${JSON.stringify(result.nationRaised2025)}`);
    result.databaseBytes = await engine.databaseBytes();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (flags.keep) await engine.connection.close();
    else await engine.dispose();
  }
  log(`Written ${writeResult("fund", flags.label, result)}`);
}

await main();
