/** The phiếu thu of a receipt and the phiếu chi of a paid disbursement or award round, as PDF. */
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { renderVoucher, type VoucherData } from "../../documents/voucher.pdf";
import { AppError, notFound } from "../../errors";
import { logExport } from "../readlog/processing-log";
import { vietnamTime } from "../territory/dates";
import { fundInScope } from "./funds.service";
import { vnDate } from "./ledger";

/** "Nguyễn Văn A (nguyenvana)" → "Nguyễn Văn A": the person, not the account, signs. */
export const personOf = (actorName: string | null) => (actorName ?? "").replace(/ \([^)]*\)$/, "");

/** "14:05 ngày 02/03/2026", Vietnam's clock whatever the server's time zone. */
const timeOf = (at: Date | string) => {
  const t = vietnamTime(at);
  return `${t.slice(11, 16)} ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
};

async function context(tx: Db, actor: Actor, fundId: number, communeId: number | undefined) {
  const fund = await fundInScope(tx, actor, fundId, "read", communeId);
  const accounts = new Map(
    (
      await tx
        .selectFrom("fund_accounts")
        .select(["id", "name"])
        .where("commune_id", "=", fund.commune_id)
        .where("fund_id", "=", fund.id)
        .execute()
    ).map((a) => [a.id, a.name]),
  );
  return { fund, accounts };
}

export async function receiptVoucher(
  db: Db,
  actor: Actor,
  fundId: number,
  receiptId: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { fund, accounts } = await context(tx, actor, fundId, communeId);
    const r = await tx
      .selectFrom("fund_receipts")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("id", "=", receiptId)
      .executeTakeFirst();
    if (!r) throw notFound("Không tìm thấy khoản thu");
    const data: VoucherData = {
      kind: "receipt",
      unitName: fund.owner_name,
      fundName: fund.name,
      number: `PT${r.number}/${r.year}`,
      date: r.received_on,
      personName: r.payer_name ?? r.donor_name,
      address: r.donor_address,
      reason: `${r.reason}${r.payer_name && r.payer_name !== r.donor_name ? ` (của ${r.donor_name})` : ""}`,
      amount: r.amount,
      inKind: r.in_kind_description,
      accountLine: `Nợ ${accounts.get(r.asset_account_id)} / Có ${accounts.get(r.purpose_account_id)}`,
      signers: [
        { title: "Chủ tịch Hội" },
        { title: "Kế toán" },
        { title: "Người nộp" },
        { title: "Người lập phiếu", name: personOf(r.created_by_name) },
        { title: "Thủ quỹ" },
      ],
    };
    await logExport(tx, actor, {
      kind: "voucher",
      format: "pdf",
      print: true,
      filter: { fundId: fund.id, number: data.number },
      unitId: fund.commune_id,
    });
    return { bytes: await renderVoucher(data), name: `phieu-thu-${r.number}-${r.year}.pdf` };
  });
}

/** Who proposed and approved a payment (above the signatures), and who signs its phiếu chi. */
function paymentPeople(
  proposer: { label: string; name: string; at: Date | string },
  approvals: { approver_name: string; approved_at: Date | string }[],
  paidBy: string | null,
  receiver: boolean,
): Pick<VoucherData, "approvals" | "signers"> {
  return {
    approvals: [
      { label: proposer.label, name: personOf(proposer.name), at: timeOf(proposer.at) },
      ...approvals.map((a, i) => ({
        label: approvals.length > 1 ? `Người duyệt ${i + 1}` : "Người duyệt",
        name: personOf(a.approver_name),
        at: timeOf(a.approved_at),
      })),
    ],
    signers: [
      { title: "Người duyệt", name: approvals.map((a) => personOf(a.approver_name)).join(", ") },
      { title: "Kế toán" },
      { title: "Người lập phiếu", name: personOf(proposer.name) },
      { title: "Thủ quỹ", name: personOf(paidBy) },
      ...(receiver ? [{ title: "Người nhận tiền" }] : []),
    ],
  };
}

export async function paymentVoucher(
  db: Db,
  actor: Actor,
  fundId: number,
  disbursementId: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { fund, accounts } = await context(tx, actor, fundId, communeId);
    const d = await tx
      .selectFrom("fund_disbursements")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("id", "=", disbursementId)
      .executeTakeFirst();
    if (!d) throw notFound("Không tìm thấy khoản chi");
    if (d.state !== "paid" || d.number === null || d.paid_on === null)
      throw new AppError("validation", "Phiếu chi chỉ có khi khoản chi đã được chi");
    const approvals = await tx
      .selectFrom("fund_disbursement_approvals")
      .select(["approver_name", "approved_at"])
      .where("commune_id", "=", fund.commune_id)
      .where("disbursement_id", "=", d.id)
      .orderBy("approved_at")
      .execute();
    const school = [d.beneficiary_class && `lớp ${d.beneficiary_class}`, d.beneficiary_school]
      .filter(Boolean)
      .join(", ");
    const data: VoucherData = {
      kind: "payment",
      unitName: fund.owner_name,
      fundName: fund.name,
      number: `PC${d.number}/${d.year}`,
      date: d.paid_on,
      personName: d.recipient_name
        ? `${d.recipient_name} (nhận thay ${d.beneficiary_name})`
        : d.beneficiary_name,
      address: school || null,
      reason: d.reason,
      amount: d.amount,
      accountLine: `Nợ ${accounts.get(d.purpose_account_id)} / Có ${accounts.get(d.asset_account_id)}`,
      ...paymentPeople(
        { label: "Người đề xuất", name: d.proposed_by_name, at: d.proposed_at },
        approvals,
        d.paid_by_name,
        true,
      ),
    };
    await logExport(tx, actor, {
      kind: "voucher",
      format: "pdf",
      print: true,
      filter: { fundId: fund.id, number: data.number },
      unitId: fund.commune_id,
    });
    return { bytes: await renderVoucher(data), name: `phieu-chi-${d.number}-${d.year}.pdf` };
  });
}

/** The phiếu chi of a paid award round: the round's total to the recipients of its signature list. */
export async function roundVoucher(
  db: Db,
  actor: Actor,
  fundId: number,
  roundId: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const { fund, accounts } = await context(tx, actor, fundId, communeId);
    const r = await tx
      .selectFrom("fund_award_rounds")
      .selectAll()
      .where("commune_id", "=", fund.commune_id)
      .where("fund_id", "=", fund.id)
      .where("id", "=", roundId)
      .executeTakeFirst();
    if (!r) throw notFound("Không tìm thấy đợt trao");
    if (r.state !== "paid" || r.number === null || r.paid_on === null)
      throw new AppError("validation", "Phiếu chi chỉ có khi đợt trao đã được chi");
    const approvals = await tx
      .selectFrom("fund_award_round_approvals")
      .select(["approver_name", "approved_at"])
      .where("commune_id", "=", fund.commune_id)
      .where("round_id", "=", r.id)
      .orderBy("approved_at")
      .execute();
    const decision = r.decision_number
      ? ` theo Quyết định số ${r.decision_number}${r.decision_date ? ` ngày ${vnDate(r.decision_date)}` : ""}`
      : "";
    const data: VoucherData = {
      kind: "payment",
      unitName: fund.owner_name,
      fundName: fund.name,
      number: `PC${r.number}/${r.year}`,
      date: r.paid_on,
      personName: `${r.recipient_count} người theo danh sách ký nhận kèm theo`,
      address: null,
      reason: `${r.name}${decision}`,
      amount: r.total,
      accountLine: `Nợ ${accounts.get(r.purpose_account_id)} / Có ${accounts.get(r.asset_account_id)}`,
      // The recipients sign the list, not the phiếu chi.
      ...paymentPeople(
        { label: "Người lập đợt trao", name: r.proposed_by_name, at: r.proposed_at },
        approvals,
        r.paid_by_name,
        false,
      ),
    };
    await logExport(tx, actor, {
      kind: "voucher",
      format: "pdf",
      print: true,
      filter: { fundId: fund.id, number: data.number },
      unitId: fund.commune_id,
    });
    return { bytes: await renderVoucher(data), name: `phieu-chi-${r.number}-${r.year}.pdf` };
  });
}
