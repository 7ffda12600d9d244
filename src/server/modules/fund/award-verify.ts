/**
 * The list of a paid award round is sealed by the ledger: its SHA-256 is written into the description of the
 * round's transaction, which the chain's hash covers. `verifyAwardRounds` recomputes each paid round's list hash
 * from the stored recipients and checks it against the round and its transaction, and the transaction's amount
 * against the round's total: an edited name, amount or line of a paid list is found by `hieuhoc fund verify`.
 * The one accepted exception is a data-subject erasure (migration 0045): the database function that puts a
 * pseudonym in place of a recipient's name records the list's hash before and after; the list is valid when its
 * hash is reached from the sealed one through those records (`pseudonymisedHashes`).
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/connection";
import type { FundAwardRecipientTable } from "../../db/schema-fund";

/** What the list's SHA-256 covers: every printed and stored field of each recipient, in the list's order. */
export type HashedRecipient = {
  line: number;
  kind: FundAwardRecipientTable["kind"];
  fullName: string;
  sex: FundAwardRecipientTable["sex"];
  birthYear: number | null;
  school: string | null;
  class: string | null;
  householdCode: string | null;
  village: string | null;
  amount: number;
};

/** A stored recipient row as the API and the hash read it. */
export const hashedOf = (
  r: Omit<FundAwardRecipientTable, "id" | "minor"> & { minor?: boolean },
): HashedRecipient => ({
  line: r.line,
  kind: r.kind,
  fullName: r.full_name,
  sex: r.sex,
  birthYear: r.birth_year,
  school: r.school,
  class: r.class,
  householdCode: r.household_code,
  village: r.village_name,
  amount: r.amount,
});

export function recipientListHash(recipients: HashedRecipient[]): string {
  const rows = [...recipients]
    .sort((a, b) => a.line - b.line)
    .map((r) => [
      r.line,
      r.kind,
      r.fullName,
      r.sex,
      r.birthYear,
      r.school,
      r.class,
      r.householdCode,
      r.village,
      String(r.amount),
    ]);
  return createHash("sha256")
    .update(JSON.stringify(["hieuhoc-award-v1", rows]), "utf8")
    .digest("hex");
}

/** The hash each round's list must have now: the sealed one, followed through its recorded pseudonymisations. */
async function pseudonymisedHashes(db: Db, fund: { commune_id: number; id: number }) {
  const steps = await db
    .selectFrom("fund_award_pseudonymisations")
    .select(["round_id", "hash_before", "hash_after"])
    .where("commune_id", "=", fund.commune_id)
    .where("fund_id", "=", fund.id)
    .orderBy("id")
    .execute();
  return (roundId: number, sealed: string) => {
    let hash = sealed;
    for (const step of steps)
      if (step.round_id === roundId && step.hash_before === hash) hash = step.hash_after;
    return hash;
  };
}

export type AwardBreak = { seq: number; transactionId: number | null; reason: string };

/** The first paid round of the fund whose list, total or transaction no longer agree, or null. */
export async function verifyAwardRounds(
  db: Db,
  fund: { commune_id: number; id: number },
): Promise<AwardBreak | null> {
  const rounds = await db
    .selectFrom("fund_award_rounds as r")
    .innerJoin("fund_transactions as t", (join) =>
      join.onRef("t.commune_id", "=", "r.commune_id").onRef("t.id", "=", "r.transaction_id"),
    )
    .select([
      "r.id",
      "r.name",
      "r.total",
      "r.list_hash",
      "r.recipient_count",
      "t.seq",
      "t.id as transaction_id",
    ])
    .select("t.description")
    .where("r.commune_id", "=", fund.commune_id)
    .where("r.fund_id", "=", fund.id)
    .where("r.state", "=", "paid")
    .orderBy("t.seq")
    .execute();
  const expectedHash = await pseudonymisedHashes(db, fund);
  for (const round of rounds) {
    const at = (reason: string): AwardBreak => ({
      seq: round.seq,
      transactionId: round.transaction_id,
      reason,
    });
    const rows = await db
      .selectFrom("fund_award_recipients")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("round_id", "=", round.id)
      .execute();
    const hash = recipientListHash(rows.map(hashedOf));
    const sum = rows.reduce((s, r) => s + r.amount, 0);
    const expected = expectedHash(round.id, round.list_hash);
    if (hash !== expected || !round.description.endsWith(`SHA-256 ${round.list_hash}`))
      return at(`Danh sách người nhận của đợt trao "${round.name}" đã bị thay đổi sau khi chi`);
    if (sum !== round.total || rows.length !== round.recipient_count)
      return at(`Tổng tiền của đợt trao "${round.name}" không khớp danh sách người nhận`);
    const entries = await db
      .selectFrom("fund_entries")
      .select(["side", "amount"])
      .where("commune_id", "=", fund.commune_id)
      .where("transaction_id", "=", round.transaction_id)
      .execute();
    const debits = entries.filter((e) => e.side === "debit").reduce((s, e) => s + e.amount, 0);
    if (debits !== round.total)
      return at(`Bút toán số ${round.seq} không bằng tổng tiền của đợt trao "${round.name}"`);
  }
  return null;
}
