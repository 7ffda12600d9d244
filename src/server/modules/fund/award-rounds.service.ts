/**
 * Award rounds (đợt trao học bổng): a draft with its decision and its accounts, whose list of recipients is
 * imported from a spreadsheet (award-import.ts); approved once (not by whoever proposed the round or imported its
 * list; two approvers when the total is above the fund's threshold); paid as ONE ledger transaction (the purpose
 * debited, the asset credited, by the round's total) with a phiếu chi number; or cancelled before payment.
 */
import { sql } from "kysely";
import {
  type AwardRecipient,
  type AwardRound,
  type AwardRoundCreate,
  type AwardRoundDetail,
  type AwardRoundUpdate,
  schoolYearText,
} from "../../../shared/fund-award";
import { mayOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { IsoDate } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { hashedOf } from "./award-verify";
import { accountPair, postPayment, withLedger } from "./books.posting";
import { fundInScope, refOf } from "./funds.service";
import { lockFund, vnDate } from "./ledger";

type FundRow = Awaited<ReturnType<typeof fundInScope>>;

/** The rounds of a fund (one when `id` is given), with their approvals and the count of minors. */
export async function readRounds(tx: Db, fund: FundRow, id?: number): Promise<AwardRound[]> {
  let query = tx
    .selectFrom("fund_award_rounds as r")
    .selectAll("r")
    .select(
      sql<number>`(SELECT count(*) FROM fund_award_recipients x
        WHERE x.commune_id = r.commune_id AND x.round_id = r.id AND x.minor)::int`.as("minor_count"),
    )
    .where("r.commune_id", "=", fund.commune_id)
    .where("r.fund_id", "=", fund.id);
  if (id !== undefined) query = query.where("r.id", "=", id);
  const rows = await query.orderBy("r.school_year", "desc").orderBy("r.id", "desc").execute();
  const approvals = rows.length
    ? await tx
        .selectFrom("fund_award_round_approvals")
        .selectAll()
        .where("commune_id", "=", fund.commune_id)
        .where(
          "round_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("approved_at")
        .execute()
    : [];
  const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());
  return rows.map((r) => ({
    id: r.id,
    fundId: r.fund_id,
    name: r.name,
    schoolYear: schoolYearText(r.school_year),
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date,
    signerTitle: r.signer_title,
    signerName: r.signer_name,
    purposeAccountId: r.purpose_account_id,
    assetAccountId: r.asset_account_id,
    state: r.state,
    recipientCount: r.recipient_count,
    minorCount: r.minor_count,
    total: r.total,
    listHash: r.list_hash,
    listBy: r.list_by_name,
    listAt: iso(r.list_at),
    listById: r.list_by,
    approvalsNeeded: r.approvals_needed,
    proposedBy: r.proposed_by_name,
    proposedById: r.proposed_by,
    proposedAt: iso(r.proposed_at)!,
    approvals: approvals
      .filter((a) => a.round_id === r.id)
      .map((a) => ({ userId: a.approver_id, name: a.approver_name, at: iso(a.approved_at)! })),
    closedBy: r.closed_by_name,
    closedReason: r.closed_reason,
    paidBy: r.paid_by_name,
    paidOn: r.paid_on,
    voucherNumber: r.number === null ? null : `PC${r.number}/${r.year}`,
    transactionId: r.transaction_id,
    version: r.version,
  }));
}

export async function readRecipients(tx: Db, communeId: number, roundId: number): Promise<AwardRecipient[]> {
  const rows = await tx
    .selectFrom("fund_award_recipients")
    .selectAll()
    .where("commune_id", "=", communeId)
    .where("round_id", "=", roundId)
    .orderBy("line")
    .execute();
  return rows.map((r) => ({ ...hashedOf(r), note: r.note, minor: r.minor }));
}

/**
 * The round, locked, after the scope check of its fund (in `communeId` alone when given); the keeper's operations
 * queue on the fund first.
 */
export async function lockRound(
  tx: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  permission: "read" | "fund" | "approve",
  communeId: number | undefined,
) {
  const fund = await fundInScope(tx, actor, fundId, permission, communeId);
  if (permission === "fund") await lockFund(tx, refOf(fund));
  let query = tx
    .selectFrom("fund_award_rounds")
    .selectAll()
    .where("commune_id", "=", fund.commune_id)
    .where("fund_id", "=", fund.id)
    .where("id", "=", roundId);
  if (permission !== "read") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy đợt trao");
  return { fund, row };
}

export const roundStateText: Record<string, string> = {
  draft: "đang lập",
  approved: "đã được duyệt",
  paid: "đã chi",
  cancelled: "đã hủy",
};

/** How many approvers a total needs under the fund's rule. */
export const approvalsFor = (fund: FundRow, total: number) =>
  fund.two_approvals_above !== null && total > fund.two_approvals_above ? 2 : 1;

/** The round after a write, audited (`before`: what changed). */
export async function auditRound(
  tx: Db,
  actor: Actor,
  fund: FundRow,
  roundId: number,
  action: string,
  before?: unknown,
  extra?: Record<string, unknown>,
) {
  const [after] = await readRounds(tx, fund, roundId);
  await recordAudit(tx, actor, {
    action: `fund.award.${action}`,
    entity: "fund_award_round",
    entityId: roundId,
    unitId: fund.commune_id,
    before,
    after: { ...after, ...extra },
  });
  return after!;
}

export async function listAwardRounds(db: Db, actor: Actor, fundId: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "read", communeId);
    return { awardRounds: await readRounds(tx, fund) };
  });
}

export async function getAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId?: number,
): Promise<AwardRoundDetail> {
  return asActor(db, actor, async (tx) => {
    const { fund, row } = await lockRound(tx, actor, fundId, roundId, "read", communeId);
    const [round] = await readRounds(tx, fund, row.id);
    const recipients = await readRecipients(tx, fund.commune_id, row.id);
    // Birth years are for those who keep or approve the fund's books (src/shared/privacy: fund-transactions).
    const keeps =
      (await mayOnUnit(tx, actor, "fund.keep", fund.commune_id)) ||
      (await mayOnUnit(tx, actor, "fund.approve", fund.commune_id));
    return { ...round!, recipients: keeps ? recipients : recipients.map((r) => ({ ...r, birthYear: null })) };
  });
}

export async function createAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  input: AwardRoundCreate,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const fund = await fundInScope(tx, actor, fundId, "fund", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Lập đợt trao cần một người dùng đăng nhập");
    await accountPair(tx, refOf(fund), input.assetAccountId, input.purposeAccountId);
    const row = await tx
      .insertInto("fund_award_rounds")
      .values({
        commune_id: fund.commune_id,
        fund_id: fund.id,
        name: input.name,
        school_year: input.schoolYear,
        decision_number: input.decisionNumber || null,
        decision_date: input.decisionDate ?? null,
        signer_title: input.signerTitle || "Chủ tịch",
        signer_name: input.signerName || null,
        purpose_account_id: input.purposeAccountId,
        asset_account_id: input.assetAccountId,
        proposed_by: actor.userId,
        proposed_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return auditRound(tx, actor, fund, row.id, "create");
  });
}

/** Edits a draft nobody approved yet (its decision, its accounts, its name); the school year only without a list. */
export async function updateAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  input: AwardRoundUpdate,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockRound(tx, actor, fundId, roundId, "fund", communeId);
    await expectVersion(tx, { entity: "fund_award_round", id: roundId }, input.version, row.version);
    await requireOpenDraft(tx, row, "sửa");
    if (input.schoolYear !== undefined && input.schoolYear !== row.school_year && row.recipient_count > 0)
      throw new AppError("validation", "Đợt trao đã có danh sách: đổi năm học thì nhập lại danh sách", {
        fields: { schoolYear: "" },
      });
    const asset = input.assetAccountId ?? row.asset_account_id;
    const purpose = input.purposeAccountId ?? row.purpose_account_id;
    await accountPair(tx, refOf(fund), asset, purpose);
    const set = {
      name: input.name ?? row.name,
      school_year: input.schoolYear ?? row.school_year,
      decision_number:
        input.decisionNumber === undefined ? row.decision_number : input.decisionNumber || null,
      decision_date: input.decisionDate === undefined ? row.decision_date : input.decisionDate,
      signer_title: input.signerTitle || row.signer_title,
      signer_name: input.signerName === undefined ? row.signer_name : input.signerName || null,
      purpose_account_id: purpose,
      asset_account_id: asset,
    };
    await tx
      .updateTable("fund_award_rounds")
      .set(set)
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", roundId)
      .execute();
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, row[k as keyof typeof row]]));
    return auditRound(tx, actor, fund, roundId, "update", before);
  });
}

/** Who has approved the round. */
async function approversOf(tx: Db, communeId: number, roundId: number): Promise<(number | null)[]> {
  const rows = await tx
    .selectFrom("fund_award_round_approvals")
    .select("approver_id")
    .where("commune_id", "=", communeId)
    .where("round_id", "=", roundId)
    .execute();
  return rows.map((r) => r.approver_id);
}

/** Refuses unless the round is a draft without approvals (`what`: "sửa", "nhập danh sách"). */
export async function requireOpenDraft(
  tx: Db,
  row: { commune_id: number; id: number; state: string },
  what: string,
) {
  if (row.state !== "draft")
    throw new AppError("validation", `Đợt trao ${roundStateText[row.state]}: không ${what} được nữa`);
  if ((await approversOf(tx, row.commune_id, row.id)).length > 0)
    throw new AppError(
      "validation",
      `Đợt trao đã có người duyệt: không ${what} được nữa; hãy hủy đợt trao và lập lại`,
    );
}

export async function approveAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockRound(tx, actor, fundId, roundId, "approve", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Duyệt chi cần một người dùng đăng nhập");
    if (row.state !== "draft")
      throw new AppError("validation", `Đợt trao ${roundStateText[row.state]}: không duyệt được nữa`);
    if (row.recipient_count === 0)
      throw new AppError(
        "validation",
        "Đợt trao chưa có danh sách người nhận: nhập danh sách trước khi duyệt",
      );
    if (row.proposed_by === actor.userId || row.list_by === actor.userId)
      throw new AppError("validation", "Người lập đợt trao hoặc danh sách không được tự duyệt");
    const approvals = await approversOf(tx, fund.commune_id, roundId);
    if (approvals.includes(actor.userId))
      throw new AppError("validation", "Bạn đã duyệt đợt trao này; cần một người duyệt khác");
    await tx
      .insertInto("fund_award_round_approvals")
      .values({
        commune_id: fund.commune_id,
        round_id: roundId,
        approver_id: actor.userId,
        approver_name: actor.name,
      })
      .execute();
    const needed = Math.max(row.approvals_needed, approvalsFor(fund, row.total));
    if (approvals.length + 1 >= needed)
      await tx
        .updateTable("fund_award_rounds")
        .set({ state: "approved" })
        .where("commune_id", "=", fund.commune_id)
        .where("id", "=", roundId)
        .execute();
    return auditRound(tx, actor, fund, roundId, "approve", { state: row.state });
  });
}

export async function cancelAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  reason: string,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockRound(tx, actor, fundId, roundId, "fund", communeId);
    if (row.state !== "draft" && row.state !== "approved")
      throw new AppError("validation", `Đợt trao ${roundStateText[row.state]}: không hủy được nữa`);
    await tx
      .updateTable("fund_award_rounds")
      .set({ state: "cancelled", closed_by: actor.userId, closed_by_name: actor.name, closed_reason: reason })
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", roundId)
      .execute();
    return auditRound(tx, actor, fund, roundId, "cancel", { state: row.state });
  });
}

/**
 * Pays an approved round: one transaction of the ledger (the purpose debited, the asset credited, by the total),
 * whose description carries the list's SHA-256, so the chain seals the list paid. The ledger refuses a purpose or
 * an account that would go below zero.
 */
export async function payAwardRound(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  paidOn: IsoDate,
  communeId?: number,
) {
  return withLedger(db, actor, async (tx) => {
    const { fund, row } = await lockRound(tx, actor, fundId, roundId, "fund", communeId);
    if (actor.userId === null) throw new AppError("forbidden", "Chi tiền cần một người dùng đăng nhập");
    if (row.state !== "approved")
      throw new AppError(
        "validation",
        `Đợt trao ${roundStateText[row.state]}: chỉ chi được đợt trao đã duyệt`,
      );
    if (row.proposed_by === actor.userId || row.list_by === actor.userId)
      throw new AppError("validation", "Người lập đợt trao hoặc danh sách không đồng thời là người chi");
    if ((await approversOf(tx, fund.commune_id, roundId)).includes(actor.userId))
      throw new AppError("validation", "Người duyệt không đồng thời là người chi");
    if (row.decision_date !== null && paidOn < row.decision_date)
      throw new AppError("validation", `Ngày chi trước ngày quyết định (${vnDate(row.decision_date)})`, {
        fields: { paidOn: "" },
      });
    const decision = row.decision_number
      ? ` (QĐ số ${row.decision_number}${row.decision_date ? ` ngày ${vnDate(row.decision_date)}` : ""})`
      : "";
    const paid = await postPayment(tx, actor, refOf(fund), {
      purposeAccountId: row.purpose_account_id,
      assetAccountId: row.asset_account_id,
      amount: row.total,
      paidOn,
      describe: (voucher) =>
        `Chi ${voucher}: ${row.name}${decision}, ${row.recipient_count} người nhận, danh sách SHA-256 ${row.list_hash}`,
    });
    await tx
      .updateTable("fund_award_rounds")
      .set(paid)
      .where("commune_id", "=", fund.commune_id)
      .where("id", "=", roundId)
      .execute();
    return auditRound(tx, actor, fund, roundId, "pay", { state: row.state });
  });
}
