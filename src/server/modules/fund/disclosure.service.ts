/**
 * Public disclosure of a closed year: thu – chi – tồn, receipts by donor ("Nhà hảo tâm ẩn danh" for anonymous
 * gifts and for persons without a consent to be named, consent/effects.ts), disbursements by purpose and by recipient with minors masked (initials, school and class only), the paid
 * award rounds with their recipients masked the same way (award-disclosure.ts), and the chain head and seal of the
 * closed year. Published by an approver as a frozen snapshot; read without login.
 */
import { anonymousDonor } from "../../../shared/consent";
import type { DisclosureSnapshot } from "../../../shared/fund";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { maskDonors, withheldDonorNames } from "../consent/effects";
import { disclosedRounds, initials } from "./award-disclosure";
import { fundInScope } from "./funds.service";

const voucherNumber = (voucher: string) => Number(voucher.slice(2, voucher.indexOf("/")));

export async function publishDisclosure(
  db: Db,
  actor: Actor,
  fundId: number,
  year: number,
  communeId?: number,
): Promise<DisclosureSnapshot> {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "approve", communeId);
    const period = await tx
      .selectFrom("fund_periods")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("year", "=", year)
      .executeTakeFirst();
    if (!period)
      throw new AppError("validation", `Năm ${year} chưa khóa sổ: khóa sổ trước khi công khai`, {
        fields: { year: "" },
      });
    const done = await tx
      .selectFrom("fund_disclosures")
      .select("year")
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("year", "=", year)
      .executeTakeFirst();
    if (done) throw new AppError("validation", `Năm ${year} đã công khai; bản công khai không sửa được`);
    const ref = { commune_id: fund.commune_id, fund_id: fund.id };
    const accounts = await tx
      .selectFrom("fund_accounts")
      .select(["id", "class", "name"])
      .where("commune_id", "=", ref.commune_id)
      .where("fund_id", "=", ref.fund_id)
      .execute();
    const name = new Map(accounts.map((a) => [a.id, a.name]));
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const reversedIds = new Set(
      (
        await tx
          .selectFrom("fund_transactions")
          .select("reverses_id")
          .where("commune_id", "=", ref.commune_id)
          .where("fund_id", "=", ref.fund_id)
          .where("reverses_id", "is not", null)
          .execute()
      ).map((r) => r.reverses_id),
    );
    const receipts = (
      await tx
        .selectFrom("fund_receipts")
        .selectAll()
        .where("commune_id", "=", ref.commune_id)
        .where("fund_id", "=", ref.fund_id)
        .where("year", "=", year)
        .orderBy("number")
        .execute()
    ).filter((r) => !reversedIds.has(r.transaction_id));
    const paid = (
      await tx
        .selectFrom("fund_disbursements")
        .selectAll()
        .where("commune_id", "=", ref.commune_id)
        .where("fund_id", "=", ref.fund_id)
        .where("state", "=", "paid")
        .where("paid_on", ">=", from)
        .where("paid_on", "<=", to)
        .orderBy("number")
        .execute()
    ).filter((d) => !reversedIds.has(d.transaction_id));
    const opening = (
      await tx
        .selectFrom("fund_periods")
        .select("balances")
        .where("commune_id", "=", ref.commune_id)
        .where("fund_id", "=", ref.fund_id)
        .where("year", "=", year - 1)
        .executeTakeFirst()
    )?.balances as Record<string, number> | undefined;
    const closing = period.balances as Record<string, number>;
    const assetTotal = (b: Record<string, number> | undefined) =>
      accounts.filter((a) => a.class === "asset").reduce((s, a) => s + (b?.[String(a.id)] ?? 0), 0);
    const byDonor = new Map<string, number>();
    for (const r of receipts) {
      const donor = r.anonymous ? anonymousDonor : r.donor_name;
      byDonor.set(donor, (byDonor.get(donor) ?? 0) + r.amount);
    }
    const awards = await disclosedRounds(tx, ref, year, reversedIds, (id) => name.get(id)!);
    const byPurpose = new Map<string, number>();
    for (const d of [
      ...paid.map((p) => ({ purpose: name.get(p.purpose_account_id)!, amount: p.amount })),
      ...awards.byPurpose,
    ])
      byPurpose.set(d.purpose, (byPurpose.get(d.purpose) ?? 0) + d.amount);
    const snapshot: DisclosureSnapshot = {
      fund: {
        id: fund.id,
        name: fund.name,
        owner: fund.owner_name,
        mode: fund.mode,
        licenceNumber: fund.licence_number,
      },
      year,
      income: receipts.reduce((s, r) => s + r.amount, 0),
      spending: paid.reduce((s, d) => s + d.amount, 0) + awards.spending,
      openingBalance: assetTotal(opening),
      closingBalance: assetTotal(closing),
      // A person is named only with their consent (modules/consent): checked again on every read.
      receiptsByDonor: maskDonors(
        [...byDonor].map(([donor, amount]) => ({ donor, amount })),
        await withheldDonorNames(tx, ref, year),
      ),
      disbursementsByPurpose: [...byPurpose].map(([purpose, amount]) => ({ purpose, amount })),
      // Disbursements and the recipients of paid award rounds (under the round's phiếu chi), by voucher number.
      disbursements: [
        ...paid.map((d) => ({
          voucher: `PC${d.number}/${d.year}`,
          recipient: d.beneficiary_minor ? initials(d.beneficiary_name) : d.beneficiary_name,
          school: d.beneficiary_school,
          class: d.beneficiary_class,
          purpose: name.get(d.purpose_account_id)!,
          amount: d.amount,
        })),
        ...awards.items,
      ].sort((a, b) => voucherNumber(a.voucher) - voucherNumber(b.voucher)),
      awardRounds: awards.rounds,
      chain: { headSeq: period.head_seq, headHash: period.head_hash, seal: period.seal },
      publishedBy: actor.name.replace(/ \([^)]*\)$/, ""),
    };
    await tx
      .insertInto("fund_disclosures")
      .values({
        commune_id: ref.commune_id,
        fund_id: ref.fund_id,
        year,
        snapshot: JSON.stringify(snapshot),
        published_by: actor.userId,
        published_by_name: actor.name,
      })
      .execute();
    await recordAudit(tx, actor, {
      action: "fund.disclosure.publish",
      entity: "fund",
      entityId: fund.id,
      unitId: fund.commune_id,
      after: { year, income: snapshot.income, spending: snapshot.spending, headHash: period.head_hash },
    });
    return snapshot;
  });
}

/**
 * The published snapshot, read without login (as the database owner: no user, no row-level scope needed), with
 * the donors who have withdrawn their consent to be named (or never gave it) masked as of now. `unitId`: the fund's
 * unit (a commune, or the province of a provincial fund), when the address names it: one shard read.
 */
export async function publicDisclosure(db: Db, fundId: number, year: number, unitId?: number) {
  const row = await db
    .selectFrom("fund_disclosures")
    .select(["commune_id", "snapshot", "published_at"])
    .where("fund_id", "=", fundId)
    .where("year", "=", year)
    .$if(unitId !== undefined, (q) => q.where("commune_id", "=", unitId!))
    .executeTakeFirst();
  if (!row) throw notFound("Quỹ chưa công khai năm này");
  const snapshot = row.snapshot as DisclosureSnapshot;
  const withheld = await withheldDonorNames(db, { commune_id: row.commune_id, fund_id: fundId }, year);
  return {
    disclosure: { ...snapshot, receiptsByDonor: maskDonors(snapshot.receiptsByDonor, withheld) },
    publishedAt: new Date(row.published_at).toISOString(),
  };
}
