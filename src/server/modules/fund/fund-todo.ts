/**
 * The funds' lines of the to-do list: from 01/02 of a year, every fund the caller keeps or approves for whose
 * previous year no disclosure is published yet, due on the programme calendar's date (docs/DEADLINES.md; 31/03 unless
 * the province set its own: Nghị định 03/2026, publish before 31/03; docs/FUND.md); and the disbursements and award rounds waiting for the caller: to approve (an approver who neither proposed nor
 * already approved them) or to pay (a keeper who neither proposed nor approved them: the three are different people).
 */
import { type SqlBool, sql } from "kysely";
import type { TodoItem } from "../../../shared/cycle";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { deadlinesByProvince } from "../deadlines/calendar";

/** The day from which the year's disclosure is asked for, and the day it is due (MM-DD) when the calendar has none. */
export const disclosureWindow = { from: "02-01", due: "03-31" } as const;

/** SQL on a fund `f`: it existed in `year` (created before its end, or with postings dated in or before it). */
export const fundExistedIn = (year: number) =>
  sql<SqlBool>`(f.created_at < make_date(${year + 1}, 1, 1) OR EXISTS (SELECT 1 FROM fund_transactions t
    WHERE t.commune_id = f.commune_id AND t.fund_id = f.id AND t.posted_on <= make_date(${year}, 12, 31)))`;

/** SQL on a fund `f`: its disclosure of `year` is published. */
export const fundDisclosed = (year: number) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM fund_disclosures d WHERE d.commune_id = f.commune_id
    AND d.fund_id = f.id AND d.year = ${year})`;

export async function fundTodoItems(tx: Db, actor: Actor, year: number, today: string): Promise<TodoItem[]> {
  return [...(await disclosureItems(tx, actor, year, today)), ...(await waitingItems(tx, actor, year))];
}

async function disclosureItems(tx: Db, actor: Actor, year: number, today: string): Promise<TodoItem[]> {
  if (today < `${year}-${disclosureWindow.from}`) return [];
  if (!actor.global && actor.roots.fund.length === 0 && actor.roots.approve.length === 0) return [];
  const disclosed = year - 1;
  const rows = await tx
    .selectFrom("funds as f")
    .innerJoin("admin_units as u", "u.id", "f.commune_id")
    .select(["f.id", "f.name", "f.province_id", "u.id as unit_id", "u.name as unit_name"])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM fund_periods p WHERE p.commune_id = f.commune_id AND p.fund_id = f.id
        AND p.year = ${disclosed})`.as("closed"),
    )
    .where((eb) =>
      eb.or([unitInScope(actor, "fund", "f.commune_id"), unitInScope(actor, "approve", "f.commune_id")]),
    )
    .where(fundExistedIn(disclosed))
    .where(sql<SqlBool>`NOT ${fundDisclosed(disclosed)}`)
    .orderBy("u.name")
    .orderBy("f.name")
    .execute();
  // The date of the programme's calendar (a province may set its own), else 31/03.
  const calendar = await deadlinesByProvince(
    tx,
    [...new Set(rows.map((r) => Number(r.province_id)))],
    disclosed,
  );
  const dueOf = (provinceId: number) =>
    calendar.get(provinceId)?.find((d) => d.key === "fund_disclosure")?.due ??
    `${year}-${disclosureWindow.due}`;
  return rows.map((r) => ({
    unit: { id: r.unit_id, name: r.unit_name },
    title: null,
    titleLabel: null,
    fund: { id: r.id, name: r.name, year: disclosed, closed: r.closed, waiting: null },
    step: "fund_disclosure",
    label: `${r.closed ? "Công khai" : "Khóa sổ và công khai"} thu – chi năm ${disclosed} của ${r.name}`,
    count: 1,
    due: dueOf(Number(r.province_id)),
    overdue: dueOf(Number(r.province_id)) < today,
  }));
}

/** Counts of a fund's disbursements and award rounds in `state` that the caller (`me`) did not propose or approve. */
function waitingOf(state: "proposed" | "approved", me: number) {
  const roundState = state === "proposed" ? "draft" : "approved";
  return {
    disbursements: sql<number>`(SELECT count(*)::int FROM fund_disbursements d
      WHERE d.commune_id = f.commune_id AND d.fund_id = f.id AND d.state = ${state} AND d.proposed_by <> ${me}
        AND NOT EXISTS (SELECT 1 FROM fund_disbursement_approvals a WHERE a.commune_id = d.commune_id
          AND a.disbursement_id = d.id AND a.approver_id = ${me}))`,
    rounds: sql<number>`(SELECT count(*)::int FROM fund_award_rounds r
      WHERE r.commune_id = f.commune_id AND r.fund_id = f.id AND r.state = ${roundState} AND r.recipient_count > 0
        AND r.proposed_by <> ${me} AND r.list_by IS DISTINCT FROM ${me}
        AND NOT EXISTS (SELECT 1 FROM fund_award_round_approvals a WHERE a.commune_id = r.commune_id
          AND a.round_id = r.id AND a.approver_id = ${me}))`,
  };
}

async function waitingItems(tx: Db, actor: Actor, year: number): Promise<TodoItem[]> {
  const me = actor.userId;
  if (me === null) return [];
  const items: TodoItem[] = [];
  for (const [step, permission, state] of [
    ["fund_approve", "approve", "proposed"],
    ["fund_pay", "fund", "approved"],
  ] as const) {
    if (!actor.global && actor.roots[permission].length === 0) continue;
    const waiting = waitingOf(state, me);
    const rows = await tx
      .selectFrom("funds as f")
      .innerJoin("admin_units as u", "u.id", "f.commune_id")
      .select(["f.id", "f.name", "u.id as unit_id", "u.name as unit_name"])
      .select([waiting.disbursements.as("disbursements"), waiting.rounds.as("rounds")])
      .where(unitInScope(actor, permission, "f.commune_id"))
      .where((eb) => eb.or([eb(waiting.disbursements, ">", 0), eb(waiting.rounds, ">", 0)]))
      .orderBy("u.name")
      .orderBy("f.name")
      .execute();
    // One line for the disbursements and one for the award rounds: each opens its own tab of the fund.
    for (const r of rows)
      for (const [count, noun, waiting] of [
        [r.disbursements, "khoản chi", { disbursements: r.disbursements, rounds: 0 }],
        [r.rounds, "đợt trao học bổng", { disbursements: 0, rounds: r.rounds }],
      ] as const) {
        if (count === 0) continue;
        items.push({
          unit: { id: r.unit_id, name: r.unit_name },
          title: null,
          titleLabel: null,
          fund: { id: r.id, name: r.name, year, closed: false, waiting },
          step,
          label: `${step === "fund_approve" ? "Duyệt" : "Chi"} ${count} ${noun} của ${r.name}`,
          count,
          due: null,
          overdue: false,
        });
      }
  }
  return items;
}
