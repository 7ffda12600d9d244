/**
 * The paid award rounds of a year as the public disclosure shows them: each round (its phiếu chi, decision, count
 * and total) and each recipient under the round's voucher, a minor by initials, school and class only; never a
 * birth year, a household or a village.
 */
import { schoolYearText } from "../../../shared/fund-award";
import type { Db } from "../../db/connection";
import { vnDate } from "./ledger";

/** "Phạm Minh Anh" → "P.M.A." */
export function initials(name: string): string {
  return `${name
    .trim()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase())
    .join(".")}.`;
}

export async function disclosedRounds(
  tx: Db,
  ref: { commune_id: number; fund_id: number },
  year: number,
  reversed: Set<number | null>,
  purposeName: (accountId: number) => string,
) {
  const rounds = (
    await tx
      .selectFrom("fund_award_rounds")
      .selectAll()
      .where("commune_id", "=", ref.commune_id)
      .where("fund_id", "=", ref.fund_id)
      .where("state", "=", "paid")
      .where("paid_on", ">=", `${year}-01-01`)
      .where("paid_on", "<=", `${year}-12-31`)
      .orderBy("number")
      .execute()
  ).filter((r) => !reversed.has(r.transaction_id));
  const recipients = rounds.length
    ? await tx
        .selectFrom("fund_award_recipients")
        .select(["round_id", "line", "full_name", "minor", "school", "class", "amount"])
        .where("commune_id", "=", ref.commune_id)
        .where(
          "round_id",
          "in",
          rounds.map((r) => r.id),
        )
        .orderBy("round_id")
        .orderBy("line")
        .execute()
    : [];
  const voucher = (r: (typeof rounds)[number]) => `PC${r.number}/${r.year}`;
  return {
    spending: rounds.reduce((s, r) => s + r.total, 0),
    byPurpose: rounds.map((r) => ({ purpose: purposeName(r.purpose_account_id), amount: r.total })),
    rounds: rounds.map((r) => ({
      voucher: voucher(r),
      name: r.name,
      schoolYear: schoolYearText(r.school_year),
      decision: r.decision_number
        ? `${r.decision_number}${r.decision_date ? ` ngày ${vnDate(r.decision_date)}` : ""}`
        : null,
      recipients: r.recipient_count,
      purpose: purposeName(r.purpose_account_id),
      amount: r.total,
    })),
    items: recipients.map((x) => {
      const r = rounds.find((round) => round.id === x.round_id)!;
      return {
        voucher: voucher(r),
        recipient: x.minor ? initials(x.full_name) : x.full_name,
        school: x.school,
        class: x.class,
        purpose: purposeName(r.purpose_account_id),
        amount: x.amount,
        round: r.name,
      };
    }),
  };
}
