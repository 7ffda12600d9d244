/**
 * The national fund ledger of the benchmark, written as CSV files the database server COPYs: two funds a commune
 * (the Hội's and a chapter's), four accounts a fund (cash, a bank account, unrestricted, "học bổng"), and a
 * history 2016–2026 of receipts and paid disbursements whose balances never go below zero, chained by the
 * product's own hash (ledger.ts chainHash), with their phiếu thu and phiếu chi rows.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { chainHash } from "../../src/server/modules/fund/ledger";
import { csvLine, hash01 } from "../national/data";
import type { Commune } from "../national/load";

export type LedgerFiles = {
  funds: string;
  accounts: string;
  transactions: string;
  entries: string;
  receipts: string;
  disbursements: string;
};

export const fundColumns = ["commune_id", "id", "province_id", "name", "owner_kind", "owner_name", "mode"];
export const accountColumns = ["commune_id", "id", "fund_id", "class", "kind", "name", "account_number"];
export const transactionColumns = [
  "commune_id",
  "id",
  "fund_id",
  "seq",
  "kind",
  "posted_on",
  "description",
  "created_by_name",
  "prev_hash",
  "hash",
];
export const entryColumns = [
  "commune_id",
  "id",
  "fund_id",
  "transaction_id",
  "account_id",
  "posted_on",
  "side",
  "amount",
];
export const receiptColumns = [
  "commune_id",
  "id",
  "fund_id",
  "year",
  "number",
  "transaction_id",
  "received_on",
  "donor_kind",
  "donor_name",
  "reason",
  "amount",
  "asset_account_id",
  "purpose_account_id",
  "created_by_name",
];
export const disbursementColumns = [
  "commune_id",
  "id",
  "fund_id",
  "state",
  "amount",
  "asset_account_id",
  "purpose_account_id",
  "beneficiary_kind",
  "beneficiary_name",
  "beneficiary_minor",
  "reason",
  "approvals_needed",
  "proposed_by",
  "proposed_by_name",
  "paid_by",
  "paid_by_name",
  "paid_on",
  "year",
  "number",
  "transaction_id",
];

const keeper = "Thủ quỹ (benchmark)";
const first = Date.UTC(2016, 0, 4);
const last = Date.UTC(2026, 10, 30);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

class CsvFile {
  private buffer = "";
  private readonly stream: WriteStream;
  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { mode: 0o644 });
  }
  async write(line: string) {
    this.buffer += line;
    if (this.buffer.length > 1 << 20) await this.flush();
  }
  private async flush() {
    if (!this.stream.write(this.buffer))
      await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
    this.buffer = "";
  }
  async close() {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
}

export type Users = { proposer: { id: number; name: string }; payer: { id: number; name: string } };

/** Writes the files; returns the numbers written. Each fund gets about entries / 2 / funds transactions. */
export async function writeLedger(
  dir: string,
  communes: Commune[],
  entries: number,
  users: Users,
  progress: (line: string) => void,
) {
  const files = {
    funds: new CsvFile(`${dir}/funds.csv`),
    accounts: new CsvFile(`${dir}/accounts.csv`),
    transactions: new CsvFile(`${dir}/transactions.csv`),
    entries: new CsvFile(`${dir}/entries.csv`),
    receipts: new CsvFile(`${dir}/receipts.csv`),
    disbursements: new CsvFile(`${dir}/disbursements.csv`),
  };
  const fundCount = communes.length * 2;
  const perFund = Math.max(2, Math.round(entries / 2 / fundCount));
  let transactionId = 0;
  let entryId = 0;
  let receiptId = 0;
  let disbursementId = 0;
  let fundId = 0;
  for (const [ci, commune] of communes.entries()) {
    if (ci % 500 === 0) progress(`  ledger: ${ci.toLocaleString("en")} of ${communes.length} communes`);
    for (const owner of ["association", "chapter"] as const) {
      fundId++;
      const name = owner === "association" ? "Quỹ khuyến học" : "Quỹ chi hội khuyến học thôn 1";
      await files.funds.write(
        csvLine([
          commune.id,
          fundId,
          commune.provinceId,
          name,
          owner,
          owner === "association" ? "Hội Khuyến học" : "Chi hội thôn 1",
          "association",
        ]),
      );
      const account = (k: number) => fundId * 4 - 3 + k;
      const accountRows: [string, string, string, string | null][] = [
        ["asset", "cash", "Tiền mặt", null],
        ["asset", "bank", "Tiền gửi ngân hàng", `1100${String(fundId).padStart(8, "0")}`],
        ["purpose", "unrestricted", "Chung", null],
        ["purpose", "restricted", "Học bổng học sinh nghèo", null],
      ];
      for (const [k, [cls, kind, label, number]] of accountRows.entries())
        await files.accounts.write(csvLine([commune.id, account(k), fundId, cls, kind, label, number]));
      const balance = [0, 0, 0, 0];
      const numbers = new Map<string, number>();
      const next = (key: string) => {
        const n = (numbers.get(key) ?? 0) + 1;
        numbers.set(key, n);
        return n;
      };
      let prevHash = "";
      const count = Math.max(2, Math.round(perFund * (0.5 + hash01(commune.id, fundId, 7))));
      for (let seq = 1; seq <= count; seq++) {
        transactionId++;
        const postedOn = isoDay(
          first + Math.floor(((last - first) * seq) / (count + 1) / 86_400_000) * 86_400_000,
        );
        const year = Number(postedOn.slice(0, 4));
        const r = hash01(fundId, seq, 1);
        const asset = r < 0.5 ? 0 : 1;
        const purpose = hash01(fundId, seq, 2) < 0.6 ? 2 : 3;
        const available = Math.min(balance[asset]!, balance[purpose]!);
        const wanted = 1000 * Math.round(200 + hash01(fundId, seq, 3) * 9_800);
        const pay = hash01(fundId, seq, 4) < 0.45 && available >= 100_000;
        const amount = pay ? Math.min(wanted, available) : wanted;
        const number = next(`${pay ? "c" : "t"}${year}`);
        const voucher = `${pay ? "PC" : "PT"}${number}/${year}`;
        const description = pay ? `Chi ${voucher}: học bổng` : `Thu ${voucher}: ủng hộ quỹ khuyến học`;
        const entryList = pay
          ? [
              { accountId: account(purpose), side: "debit" as const, amount },
              { accountId: account(asset), side: "credit" as const, amount },
            ]
          : [
              { accountId: account(asset), side: "debit" as const, amount },
              { accountId: account(purpose), side: "credit" as const, amount },
            ];
        const kind = pay ? "disbursement" : "receipt";
        const hash = chainHash({
          communeId: commune.id,
          fundId,
          seq,
          kind,
          postedOn,
          description,
          reversesId: null,
          createdBy: null,
          createdByName: keeper,
          entries: entryList,
          prevHash,
        });
        await files.transactions.write(
          csvLine([
            commune.id,
            transactionId,
            fundId,
            seq,
            kind,
            postedOn,
            description,
            keeper,
            prevHash,
            hash,
          ]),
        );
        for (const e of entryList)
          await files.entries.write(
            csvLine([commune.id, ++entryId, fundId, transactionId, e.accountId, postedOn, e.side, e.amount]),
          );
        prevHash = hash;
        if (pay) {
          balance[asset]! -= amount;
          balance[purpose]! -= amount;
          await files.disbursements.write(
            csvLine([
              commune.id,
              ++disbursementId,
              fundId,
              "paid",
              amount,
              account(asset),
              account(purpose),
              "student",
              `Học sinh ${fundId}-${seq}`,
              true,
              "Học bổng học sinh nghèo vượt khó",
              1,
              users.proposer.id,
              users.proposer.name,
              users.payer.id,
              users.payer.name,
              postedOn,
              year,
              number,
              transactionId,
            ]),
          );
        } else {
          balance[asset]! += amount;
          balance[purpose]! += amount;
          await files.receipts.write(
            csvLine([
              commune.id,
              ++receiptId,
              fundId,
              year,
              number,
              transactionId,
              postedOn,
              r < 0.2 ? "organization" : "person",
              `Nhà hảo tâm ${fundId}-${seq}`,
              "Ủng hộ quỹ khuyến học",
              amount,
              account(asset),
              account(purpose),
              keeper,
            ]),
          );
        }
      }
    }
  }
  for (const file of Object.values(files)) await file.close();
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, f.path])) as LedgerFiles;
  return {
    paths,
    funds: fundId,
    transactions: transactionId,
    entries: entryId,
    receipts: receiptId,
    disbursements: disbursementId,
  };
}
