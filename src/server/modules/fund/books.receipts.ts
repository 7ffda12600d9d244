/** A fund's receipts (thu): recording one with its phiếu thu number and the donor, and the list of a year's. */
import type { Receipt, ReceiptCreate } from "../../../shared/fund";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { accountPair, nextNumber, withLedger } from "./books.posting";
import { fundInScope, refOf } from "./funds.service";
import { type FundRef, lockFund, postTransaction } from "./ledger";

export async function recordReceipt(
  db: Db,
  actor: Actor,
  fundId: number,
  input: ReceiptCreate,
  communeId?: number,
): Promise<Receipt> {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    const ref = refOf(fund);
    await lockFund(tx, ref);
    const { asset } = await accountPair(tx, ref, input.assetAccountId, input.purposeAccountId);
    const inKind = Boolean(input.inKindDescription);
    if (inKind !== (asset.kind === "in_kind"))
      throw new AppError(
        "validation",
        inKind ? "Hiện vật ghi vào tài khoản hiện vật" : "Tài khoản hiện vật cần mô tả hiện vật",
        { fields: { [inKind ? "assetAccountId" : "inKindDescription"]: "" } },
      );
    let donor = {
      kind: input.donorKind ?? ("person" as const),
      name: input.donorName ?? "",
      address: input.donorAddress ?? null,
    };
    if (input.donorId) {
      const row = await tx
        .selectFrom("fund_donors")
        .select(["kind", "name", "address"])
        .where("commune_id", "=", fund.commune_id)
        .where("id", "=", input.donorId)
        .where("archived_at", "is", null)
        .executeTakeFirst();
      if (!row)
        throw new AppError("validation", "Nhà hảo tâm không thuộc danh sách của đơn vị", {
          fields: { donorId: "" },
        });
      donor = row;
    }
    const year = Number(input.receivedOn.slice(0, 4));
    const number = await nextNumber(tx, ref, "fund_receipts", year);
    const posted = await postTransaction(tx, actor, ref, {
      kind: "receipt",
      postedOn: input.receivedOn,
      description: `Thu PT${number}/${year}: ${input.reason}`,
      entries: [
        { accountId: input.assetAccountId, side: "debit", amount: input.amount },
        { accountId: input.purposeAccountId, side: "credit", amount: input.amount },
      ],
    });
    const row = await tx
      .insertInto("fund_receipts")
      .values({
        commune_id: fund.commune_id,
        fund_id: fund.id,
        year,
        number,
        transaction_id: posted.id,
        received_on: input.receivedOn,
        donor_id: input.donorId ?? null,
        donor_kind: donor.kind,
        donor_name: donor.name,
        donor_address: donor.address,
        anonymous: input.anonymous,
        in_kind_description: input.inKindDescription ?? null,
        payer_name: input.payerName ?? null,
        reason: input.reason,
        amount: input.amount,
        asset_account_id: input.assetAccountId,
        purpose_account_id: input.purposeAccountId,
        created_by: actor.userId,
        created_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const receipt = (await listReceiptRows(tx, ref, { id: row.id }))[0]!;
    await recordAudit(tx, actor, {
      action: "fund.receipt",
      entity: "fund_receipt",
      entityId: row.id,
      unitId: fund.commune_id,
      after: receipt,
    });
    return receipt;
  });
}

export async function listReceiptRows(
  tx: Db,
  ref: FundRef,
  filter: { id?: number; year?: number },
): Promise<Receipt[]> {
  let query = tx
    .selectFrom("fund_receipts as r")
    .leftJoin("fund_transactions as x", (j) =>
      j.onRef("x.commune_id", "=", "r.commune_id").onRef("x.reverses_id", "=", "r.transaction_id"),
    )
    .selectAll("r")
    .select("x.id as reversal_id")
    .where("r.commune_id", "=", ref.communeId)
    .where("r.fund_id", "=", ref.fundId);
  if (filter.id !== undefined) query = query.where("r.id", "=", filter.id);
  if (filter.year !== undefined) query = query.where("r.year", "=", filter.year);
  const rows = await query.orderBy("r.year").orderBy("r.number").execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    year: r.year,
    voucherNumber: `PT${r.number}/${r.year}`,
    receivedOn: r.received_on,
    donorId: r.donor_id,
    donorKind: r.donor_kind,
    donorName: r.donor_name,
    anonymous: r.anonymous,
    inKindDescription: r.in_kind_description,
    payerName: r.payer_name,
    reason: r.reason,
    amount: r.amount,
    assetAccountId: r.asset_account_id,
    purposeAccountId: r.purpose_account_id,
    transactionId: r.transaction_id,
    reversed: r.reversal_id !== null,
    createdBy: r.created_by_name,
  }));
}

export async function listReceipts(db: Db, actor: Actor, fundId: number, year?: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", communeId);
    return { receipts: await listReceiptRows(tx, refOf(fund), { year }) };
  });
}
