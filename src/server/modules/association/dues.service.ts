/**
 * Hội phí: a chapter's yearly amount, members' payments (an append-only ledger; a mistake is undone by a reversing
 * entry), and a chapter's dues list for a year (who paid, who did not, totals) as data and as XLSX. The members of
 * a chapter in a year are those whose membership periods in it overlap the year.
 */

import { PassThrough } from "node:stream";
import { sql } from "kysely";
import type { DuesList } from "../../../shared/association";
import { chapters, members } from "../../../shared/registry/kinds";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden, notFound } from "../../errors";
import { writeXlsx } from "../../lib/xlsx-stream";
import { rowInScope } from "../../registry/access";
import { todayIso } from "../../registry/rules";
import { unitRule } from "../../registry/service";
import { writableUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";
import { logExport } from "../readlog/processing-log";
import { addDays } from "../territory/dates";
import { membersChapter, readableChapter } from "./association.service";

const dmy = (iso: string) => iso.split("-").reverse().join("/");

/**
 * Sets a chapter's amount for a year: the Hội on the chapter's unit, or the chapter's secretary. Here and below, a
 * chapter, a member or a payment given with its commune is looked for there alone (one shard, docs/SCALE-OUT.md).
 */
export function setChapterDues(
  db: Db,
  actor: Actor,
  chapterId: number,
  year: number,
  amount: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const chapter = await readableChapter(tx, actor, chapterId, communeId);
    await writableUnit(tx, actor, chapter.unit_id, {
      ...unitRule(chapters),
      permission: "association",
      secretary: actor.chapters.includes(chapterId),
    });
    const before = await duesAmount(tx, chapter.commune_id, chapterId, year);
    await tx
      .insertInto("chapter_dues")
      .values({
        commune_id: chapter.commune_id,
        province_id: chapter.province_id,
        chapter_id: chapterId,
        unit_id: chapter.unit_id,
        year,
        amount,
      })
      .onConflict((oc) => oc.columns(["commune_id", "chapter_id", "year"]).doUpdateSet({ amount }))
      .execute();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "chapter_dues",
      entityId: `${chapterId}/${year}`,
      unitId: chapter.unit_id,
      before: before ? { amount: Number(before.amount) } : null,
      after: { amount },
    });
    return { year, amount };
  });
}

/** A member the caller may write (404 unseen, 403 read only). */
async function writableMember(tx: Db, actor: Actor, memberId: number, communeId?: number) {
  let query = tx
    .selectFrom("members as r")
    .select([
      "r.id",
      "r.commune_id",
      "r.province_id",
      "r.unit_id",
      "r.chapter_id",
      "r.joined_on",
      "r.left_on",
    ])
    .where("r.id", "=", memberId)
    .where("r.archived_at", "is", null)
    .where(rowInScope(actor, members, "read"));
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  const member = await query.executeTakeFirst();
  if (!member) throw notFound("Không tìm thấy hội viên, hoặc hội viên nằm ngoài phạm vi của bạn");
  const writable = await tx
    .selectFrom("members as r")
    .select("r.id")
    .where("r.commune_id", "=", member.commune_id)
    .where("r.id", "=", memberId)
    .where(rowInScope(actor, members, "write"))
    .executeTakeFirst();
  if (!writable) throw forbidden("Bạn không có quyền thu hội phí của hội viên này");
  return member;
}

const refuse = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

export type Payment = { year: number; amount?: number; paidOn: string; collector?: string };

/** Records a member's dues for a year: not before the year they joined, not after they left, once a year. */
export function payDues(db: Db, actor: Actor, memberId: number, payment: Payment, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const member = await writableMember(tx, actor, memberId, communeId);
    const joinYear = Number(member.joined_on.slice(0, 4));
    if (payment.year < joinYear)
      throw refuse("year", `Năm ${payment.year} trước năm vào hội (${dmy(member.joined_on)})`);
    if (member.left_on && payment.year > Number(member.left_on.slice(0, 4)))
      throw refuse("year", `Hội viên đã ra hội ngày ${dmy(member.left_on)}`);
    if (payment.paidOn > todayIso()) throw refuse("paidOn", "Ngày nộp không được sau hôm nay");
    const chapterId = await chapterOfYear(tx, member, payment.year);
    let amount = payment.amount;
    if (amount === undefined) {
      const set = await tx
        .selectFrom("chapter_dues")
        .select("amount")
        .where("commune_id", "=", member.commune_id)
        .where("chapter_id", "=", chapterId)
        .where("year", "=", payment.year)
        .executeTakeFirst();
      if (!set || Number(set.amount) === 0)
        throw refuse("amount", `Chi hội chưa có mức hội phí năm ${payment.year}: ghi số tiền`);
      amount = Number(set.amount);
    }
    // One payment a year: the member's row is locked so that two collectors cannot both record it.
    await sql`SELECT 1 FROM members WHERE commune_id = ${member.commune_id} AND id = ${memberId} FOR UPDATE`.execute(
      tx,
    );
    const paid = await netPaid(tx, member.commune_id, memberId, payment.year);
    if (paid > 0) throw new AppError("conflict", `Hội viên đã nộp hội phí năm ${payment.year}`);
    const row = await tx
      .insertInto("dues_payments")
      .values({
        commune_id: member.commune_id,
        province_id: member.province_id,
        member_id: memberId,
        chapter_id: chapterId,
        unit_id: member.unit_id,
        year: payment.year,
        amount,
        paid_on: payment.paidOn,
        collector: payment.collector ?? null,
        recorded_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const after = { id: row.id, memberId, year: payment.year, amount, paidOn: payment.paidOn };
    await recordAudit(tx, actor, {
      action: "create",
      entity: "dues_payment",
      entityId: row.id,
      unitId: member.unit_id,
      after,
    });
    return { ...after, collector: payment.collector ?? null, reverses: null };
  });
}

/**
 * The chapter a year's dues belong to: the member's chapter on their last day of membership in that year (31/12,
 * the day before leaving, or today for the current year). A member who moved in January still owes last year's
 * dues to the old chapter, and its list shows them paid there.
 */
async function chapterOfYear(
  tx: Db,
  member: { id: number; commune_id: number; left_on: string | null },
  year: number,
): Promise<number> {
  const candidates = [`${year}-12-31`, todayIso()];
  if (member.left_on) candidates.push(addDays(member.left_on, -1));
  const day = candidates.sort()[0]!;
  const period = await tx
    .selectFrom("membership_periods")
    .select("chapter_id")
    .where("commune_id", "=", member.commune_id)
    .where("member_id", "=", member.id)
    .where("valid_from", "<=", day)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", day)]))
    .executeTakeFirst();
  // Row-level security hides another chapter's periods from a chapter secretary: that chapter collects them.
  if (!period)
    throw refuse("year", `Năm ${year} hội viên thuộc chi hội khác: chi hội đó thu hội phí năm này`);
  return Number(period.chapter_id);
}

async function netPaid(tx: Db, communeId: number, memberId: number, year: number) {
  const row = await tx
    .selectFrom("dues_payments")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), sql<number>`0`).as("paid"))
    .where("commune_id", "=", communeId)
    .where("member_id", "=", memberId)
    .where("year", "=", year)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

/** Undoes a payment by a reversing entry (the ledger keeps both). */
export function reversePayment(db: Db, actor: Actor, paymentId: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    let query = tx
      .selectFrom("dues_payments")
      .selectAll()
      .where("id", "=", paymentId)
      .where("reverses", "is", null);
    if (communeId !== undefined) query = query.where("commune_id", "=", communeId);
    const payment = await query.executeTakeFirst();
    if (!payment) throw notFound("Không tìm thấy khoản nộp, hoặc khoản nộp nằm ngoài phạm vi của bạn");
    // The payer is in the payment's commune: looked for there alone.
    await writableMember(tx, actor, payment.member_id, payment.commune_id);
    const reversed = await tx
      .selectFrom("dues_payments")
      .select("id")
      .where("commune_id", "=", payment.commune_id)
      .where("reverses", "=", paymentId)
      .executeTakeFirst();
    if (reversed) throw new AppError("conflict", "Khoản nộp này đã được hủy");
    const row = await tx
      .insertInto("dues_payments")
      .values({
        commune_id: payment.commune_id,
        province_id: payment.province_id,
        member_id: payment.member_id,
        chapter_id: payment.chapter_id,
        unit_id: payment.unit_id,
        year: payment.year,
        amount: -Number(payment.amount),
        paid_on: todayIso(),
        collector: payment.collector,
        reverses: paymentId,
        recorded_by: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: "reverse",
      entity: "dues_payment",
      entityId: paymentId,
      unitId: payment.unit_id,
      after: { reversal: row.id, amount: -Number(payment.amount) },
    });
  });
}

/** Who paid and who did not in a chapter for a year, with totals. */
export function duesListOf(
  db: Db,
  actor: Actor,
  chapterId: number,
  year: number,
  communeId?: number,
): Promise<DuesList> {
  return asActor(db, actor, async (tx) => (await duesListIn(tx, actor, chapterId, year, communeId)).list);
}

/** The amount a chapter set for a year's dues (in its commune), if set. */
function duesAmount(tx: Db, communeId: number, chapterId: number, year: number) {
  return tx
    .selectFrom("chapter_dues")
    .select("amount")
    .where("commune_id", "=", communeId)
    .where("chapter_id", "=", chapterId)
    .where("year", "=", year)
    .executeTakeFirst();
}

/** The dues list, and the chapter's unit (the processing log's unit of its export). */
async function duesListIn(tx: Db, actor: Actor, chapterId: number, year: number, communeId?: number) {
  const chapter = await membersChapter(tx, actor, chapterId, communeId);
  const set = await duesAmount(tx, chapter.commune_id, chapterId, year);
  const { rows } = await sql<{
    id: number;
    member_number: string;
    full_name: string;
    paid: number | string;
    paid_on: string | null;
    collector: string | null;
    payment_id: number | null;
  }>`SELECT m.id, m.member_number, m.full_name,
      coalesce((SELECT sum(d.amount) FROM dues_payments d
        WHERE d.commune_id = m.commune_id AND d.member_id = m.id AND d.year = ${year}), 0) AS paid,
      last.paid_on, last.collector, last.id AS payment_id
    FROM members m
    LEFT JOIN LATERAL (SELECT d.id, d.paid_on, d.collector FROM dues_payments d
      WHERE d.commune_id = m.commune_id AND d.member_id = m.id AND d.year = ${year} AND d.reverses IS NULL
        AND NOT EXISTS (SELECT 1 FROM dues_payments x WHERE x.commune_id = d.commune_id AND x.reverses = d.id)
      ORDER BY d.id DESC LIMIT 1) last ON true
    WHERE m.commune_id = ${chapter.commune_id} AND m.archived_at IS NULL
      AND ${rowInScope(actor, members, "read", "m")}
      AND EXISTS (SELECT 1 FROM membership_periods p
        WHERE p.commune_id = m.commune_id AND p.member_id = m.id AND p.chapter_id = ${chapterId}
          AND p.valid_from <= make_date(${year}, 12, 31)
          AND (p.valid_to IS NULL OR p.valid_to > make_date(${year}, 1, 1)))
    ORDER BY m.member_number, m.id`.execute(tx);
  const list = rows.map((r) => ({
    memberId: Number(r.id),
    memberNumber: r.member_number,
    fullName: r.full_name,
    paid: Number(r.paid),
    paidOn: r.paid_on,
    collector: r.collector,
    paymentId: r.payment_id === null ? null : Number(r.payment_id),
  }));
  const paidCount = list.filter((r) => r.paid > 0).length;
  const dues: DuesList = {
    chapter: { id: chapter.id, code: chapter.code, name: chapter.name },
    year,
    amount: set ? Number(set.amount) : null,
    members: list,
    totals: {
      members: list.length,
      paid: paidCount,
      unpaid: list.length - paidCount,
      collected: list.reduce((sum, r) => sum + r.paid, 0),
    },
  };
  return { list: dues, unitId: chapter.unit_id };
}

/** The dues list as XLSX (the shared writer: formula guard, numbers as numbers). */
export async function duesXlsx(
  db: Db,
  actor: Actor,
  chapterId: number,
  year: number,
  communeId?: number,
): Promise<Buffer> {
  const { list, unitId } = await asActor(db, actor, (tx) =>
    duesListIn(tx, actor, chapterId, year, communeId),
  );
  const exportedBy = await logExport(db, actor, {
    kind: "members",
    format: "xlsx",
    recordIds: list.members.map((m) => m.memberId),
    filter: { document: "dues", chapterId, year },
    unitId,
  });
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const rows = list.members.map((m, i) => [
    i + 1,
    m.memberNumber,
    m.fullName,
    m.paid > 0 ? "Đã nộp" : "Chưa nộp",
    m.paid,
    m.paidOn ? dmy(m.paidOn) : null,
    m.collector,
  ]);
  rows.push([
    null,
    null,
    "Tổng cộng",
    `${list.totals.paid}/${list.totals.members} đã nộp`,
    list.totals.collected,
    null,
    null,
  ]);
  await writeXlsx(
    stream,
    {
      name: `Hội phí ${year}`,
      titleLines: [
        `DANH SÁCH THU HỘI PHÍ NĂM ${year}`,
        `${list.chapter.name}${list.amount !== null ? ` — mức hội phí ${list.amount.toLocaleString("vi-VN")} đồng` : ""}`,
      ],
      columns: [
        { header: "STT", width: 6, kind: "count" },
        { header: "Số thẻ", width: 10 },
        { header: "Họ và tên", width: 32 },
        { header: "Tình trạng", width: 14 },
        { header: "Số tiền (đồng)", width: 16, kind: "count" },
        { header: "Ngày nộp", width: 12 },
        { header: "Người thu", width: 24 },
      ],
      exportedBy,
    },
    rows,
  );
  return Buffer.concat(chunks);
}
