/** Closing a fund's year: the closing balances sealed with the head of the hash chain; nothing more posted into it. */
import { createHash } from "node:crypto";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { withLedger } from "./books.posting";
import { fundInScope, refOf } from "./funds.service";
import { balancesAt, lockFund } from "./ledger";

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
