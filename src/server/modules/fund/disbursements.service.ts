/**
 * Disbursements (chi): proposed → approved → paid, or rejected / voided. A proposal is a pending transfer outside
 * the ledger; payment posts it (purpose debited, asset credited) with a phiếu chi number per fund and year. The
 * proposer, each approver and the payer are different people; above the fund's threshold two approvers sign.
 */
import { sql } from "kysely";
import type { Disbursement, DisbursementCreate } from "../../../shared/fund-disbursement";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { listedBeneficiary } from "./beneficiaries";
import { accountPair, postPayment, withLedger } from "./books.posting";
import { fundInScope, refOf } from "./funds.service";
import { lockFund } from "./ledger";
import { verifyFunds } from "./verify";

export async function verifyFundForActor(db: Db, actor: Actor, fundId: number, communeId?: number) {
  const fund = await asActor(db, actor, (tx) => fundInScope(tx, actor, fundId, "read", communeId));
  return verifyFunds(db, { fundId: fund.id });
}

async function readDisbursements(
  tx: Db,
  communeId: number,
  fundId: number,
  filter: { id?: number; year?: number },
) {
  let query = tx
    .selectFrom("fund_disbursements")
    .selectAll()
    .where("commune_id", "=", communeId)
    .where("fund_id", "=", fundId);
  if (filter.id !== undefined) query = query.where("id", "=", filter.id);
  if (filter.year !== undefined)
    query = query.where(sql<boolean>`coalesce(year, extract(year FROM proposed_at)::int) = ${filter.year}`);
  const rows = await query.orderBy("id").execute();
  const approvals = rows.length
    ? await tx
        .selectFrom("fund_disbursement_approvals")
        .selectAll()
        .where("commune_id", "=", communeId)
        .where(
          "disbursement_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("approved_at")
        .execute()
    : [];
  return rows.map(
    (r): Disbursement => ({
      id: r.id,
      state: r.state,
      amount: r.amount,
      assetAccountId: r.asset_account_id,
      purposeAccountId: r.purpose_account_id,
      beneficiaryId: r.beneficiary_id,
      beneficiaryKind: r.beneficiary_kind,
      beneficiaryName: r.beneficiary_name,
      beneficiaryMinor: r.beneficiary_minor,
      beneficiarySchool: r.beneficiary_school,
      beneficiaryClass: r.beneficiary_class,
      recipientName: r.recipient_name,
      reason: r.reason,
      approvalsNeeded: r.approvals_needed,
      proposedBy: r.proposed_by_name,
      proposedById: r.proposed_by,
      proposedAt: new Date(r.proposed_at).toISOString(),
      approvals: approvals
        .filter((a) => a.disbursement_id === r.id)
        .map((a) => ({
          userId: a.approver_id,
          name: a.approver_name,
          at: new Date(a.approved_at).toISOString(),
        })),
      closedBy: r.closed_by_name,
      closedReason: r.closed_reason,
      paidBy: r.paid_by_name,
      paidOn: r.paid_on,
      voucherNumber: r.number === null ? null : `PC${r.number}/${r.year}`,
      transactionId: r.transaction_id,
      version: r.version,
    }),
  );
}

export async function listDisbursements(
  db: Db,
  actor: Actor,
  fundId: number,
  year?: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", communeId);
    return { disbursements: await readDisbursements(tx, fund.commune_id, fund.id, { year }) };
  });
}

export async function proposeDisbursement(
  db: Db,
  actor: Actor,
  fundId: number,
  input: DisbursementCreate,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Đề xuất chi cần một người dùng đăng nhập");
    await accountPair(tx, refOf(fund), input.assetAccountId, input.purposeAccountId);
    // A beneficiary of the list: its kind, name, school and class as they are today (a snapshot), a minor by its
    // birth year; the proposal may ask to mask a name, never to show a minor's.
    const listed = input.beneficiaryId
      ? await listedBeneficiary(tx, fund.commune_id, input.beneficiaryId, Number(today().slice(0, 4)))
      : null;
    const beneficiary = listed ?? {
      kind: input.beneficiaryKind!,
      name: input.beneficiaryName!,
      school: input.beneficiarySchool ?? null,
      class: input.beneficiaryClass ?? null,
      minor: false,
    };
    const row = await tx
      .insertInto("fund_disbursements")
      .values({
        commune_id: fund.commune_id,
        fund_id: fund.id,
        amount: input.amount,
        asset_account_id: input.assetAccountId,
        purpose_account_id: input.purposeAccountId,
        beneficiary_id: input.beneficiaryId ?? null,
        beneficiary_kind: beneficiary.kind,
        beneficiary_name: beneficiary.name,
        beneficiary_minor: beneficiary.minor || input.beneficiaryMinor,
        beneficiary_school: beneficiary.school,
        beneficiary_class: beneficiary.class,
        recipient_name: input.recipientName ?? null,
        reason: input.reason,
        approvals_needed:
          fund.two_approvals_above !== null && input.amount > fund.two_approvals_above ? 2 : 1,
        proposed_by: actor.userId,
        proposed_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [disbursement] = await readDisbursements(tx, fund.commune_id, fund.id, { id: row.id });
    await recordAudit(tx, actor, {
      action: "fund.disbursement.propose",
      entity: "fund_disbursement",
      entityId: row.id,
      unitId: fund.commune_id,
      after: disbursement,
    });
    return disbursement!;
  });
}

/** The disbursement, locked, after the scope check of its fund. */
async function lockDisbursement(
  tx: Db,
  actor: Actor,
  fundId: number,
  id: number,
  permission: "fund" | "approve",
  communeId: number | undefined,
) {
  const fund = await fundInScope(tx, actor, fundId, permission, communeId);
  // The keeper's operations queue on the fund (numbers, chain); an approval only on its disbursement.
  if (permission === "fund") await lockFund(tx, refOf(fund));
  const row = await tx
    .selectFrom("fund_disbursements")
    .selectAll()
    .where("commune_id", "=", fund.commune_id)
    .where("fund_id", "=", fund.id)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy khoản chi");
  return { fund, row };
}

const stateText: Record<string, string> = {
  proposed: "đang chờ duyệt",
  approved: "đã được duyệt",
  paid: "đã chi",
  rejected: "đã bị từ chối",
  voided: "đã hủy",
};

async function finish(
  tx: Db,
  actor: Actor,
  fund: { commune_id: number; id: number },
  id: number,
  action: string,
  before: unknown,
) {
  const [after] = await readDisbursements(tx, fund.commune_id, fund.id, { id });
  await recordAudit(tx, actor, {
    action: `fund.disbursement.${action}`,
    entity: "fund_disbursement",
    entityId: id,
    unitId: fund.commune_id,
    before,
    after,
  });
  return after!;
}

export async function approveDisbursement(
  db: Db,
  actor: Actor,
  fundId: number,
  id: number,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockDisbursement(tx, actor, fundId, id, "approve", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Duyệt chi cần một người dùng đăng nhập");
    if (row.state !== "proposed")
      throw new AppError("validation", `Khoản chi ${stateText[row.state]}: không duyệt được nữa`);
    if (row.proposed_by === actor.userId)
      throw new AppError("validation", "Người đề xuất không được tự duyệt khoản chi của mình");
    const approvals = await tx
      .selectFrom("fund_disbursement_approvals")
      .select("approver_id")
      .where("commune_id", "=", fund.commune_id)
      .where("disbursement_id", "=", id)
      .execute();
    if (approvals.some((a) => a.approver_id === actor.userId))
      throw new AppError("validation", "Bạn đã duyệt khoản chi này; cần một người duyệt khác");
    await tx
      .insertInto("fund_disbursement_approvals")
      .values({
        commune_id: fund.commune_id,
        disbursement_id: id,
        approver_id: actor.userId,
        approver_name: actor.name,
      })
      .execute();
    if (approvals.length + 1 >= row.approvals_needed)
      await tx
        .updateTable("fund_disbursements")
        .set({ state: "approved" })
        .where("commune_id", "=", fund.commune_id)
        .where("id", "=", id)
        .execute();
    return finish(tx, actor, fund, id, "approve", { state: row.state });
  });
}

export async function closeDisbursement(
  db: Db,
  actor: Actor,
  fundId: number,
  id: number,
  outcome: "rejected" | "voided",
  reason: string,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockDisbursement(
      tx,
      actor,
      fundId,
      id,
      outcome === "rejected" ? "approve" : "fund",
      communeId,
    );
    if (row.state !== "proposed" && row.state !== "approved")
      throw new AppError(
        "validation",
        `Khoản chi ${stateText[row.state]}: không ${outcome === "rejected" ? "từ chối" : "hủy"} được nữa`,
      );
    if (outcome === "rejected" && row.proposed_by === actor.userId)
      throw new AppError("validation", "Người đề xuất không tự từ chối; hãy hủy khoản chi");
    await tx
      .updateTable("fund_disbursements")
      .set({ state: outcome, closed_by: actor.userId, closed_by_name: actor.name, closed_reason: reason })
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", id)
      .execute();
    return finish(tx, actor, fund, id, outcome === "rejected" ? "reject" : "void", { state: row.state });
  });
}

export async function payDisbursement(
  db: Db,
  actor: Actor,
  fundId: number,
  id: number,
  paidOn: IsoDate,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockDisbursement(tx, actor, fundId, id, "fund", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Chi tiền cần một người dùng đăng nhập");
    if (row.state !== "approved")
      throw new AppError("validation", `Khoản chi ${stateText[row.state]}: chỉ chi được khoản đã duyệt`);
    if (row.proposed_by === actor.userId)
      throw new AppError("validation", "Người đề xuất không đồng thời là người chi");
    const approvers = await tx
      .selectFrom("fund_disbursement_approvals")
      .select("approver_id")
      .where("commune_id", "=", fund.commune_id)
      .where("disbursement_id", "=", id)
      .execute();
    if (approvers.some((a) => a.approver_id === actor.userId))
      throw new AppError("validation", "Người duyệt không đồng thời là người chi");
    const paid = await postPayment(tx, actor, refOf(fund), {
      purposeAccountId: row.purpose_account_id,
      assetAccountId: row.asset_account_id,
      amount: row.amount,
      paidOn,
      describe: (voucher) => `Chi ${voucher}: ${row.reason}`,
    });
    await tx
      .updateTable("fund_disbursements")
      .set(paid)
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", id)
      .execute();
    return finish(tx, actor, fund, id, "pay", { state: row.state });
  });
}
