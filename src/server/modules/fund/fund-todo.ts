/**
 * The funds' line of the to-do list: from 01/02 of a year, every fund the caller keeps or approves for whose
 * previous year no disclosure is published yet, due 31/03 (Nghị định 03/2026: publish before 31/03; docs/FUND.md).
 */
import { type SqlBool, sql } from "kysely";
import type { TodoItem } from "../../../shared/cycle";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";

/** The day from which the year's disclosure is asked for, and the day it is due (MM-DD). */
export const disclosureWindow = { from: "02-01", due: "03-31" } as const;

export async function fundTodoItems(tx: Db, actor: Actor, year: number, today: string): Promise<TodoItem[]> {
  if (today < `${year}-${disclosureWindow.from}`) return [];
  if (!actor.global && actor.roots.fund.length === 0 && actor.roots.approve.length === 0) return [];
  const disclosed = year - 1;
  const rows = await tx
    .selectFrom("funds as f")
    .innerJoin("admin_units as u", "u.id", "f.commune_id")
    .select(["f.id", "f.name", "u.id as unit_id", "u.name as unit_name"])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM fund_periods p WHERE p.commune_id = f.commune_id AND p.fund_id = f.id
        AND p.year = ${disclosed})`.as("closed"),
    )
    .where((eb) =>
      eb.or([unitInScope(actor, "fund", "f.commune_id"), unitInScope(actor, "approve", "f.commune_id")]),
    )
    // The fund existed in that year: created before its end, or with postings dated in or before it.
    .where(
      sql<SqlBool>`(f.created_at < make_date(${year}, 1, 1) OR EXISTS (SELECT 1 FROM fund_transactions t
        WHERE t.commune_id = f.commune_id AND t.fund_id = f.id AND t.posted_on <= make_date(${disclosed}, 12, 31)))`,
    )
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM fund_disclosures d WHERE d.commune_id = f.commune_id
        AND d.fund_id = f.id AND d.year = ${disclosed})`,
    )
    .orderBy("u.name")
    .orderBy("f.name")
    .execute();
  const due = `${year}-${disclosureWindow.due}`;
  return rows.map((r) => ({
    unit: { id: r.unit_id, name: r.unit_name },
    title: null,
    titleLabel: null,
    fund: { id: r.id, name: r.name, year: disclosed, closed: r.closed },
    step: "fund_disclosure",
    label: `${r.closed ? "Công khai" : "Khóa sổ và công khai"} thu – chi năm ${disclosed} của ${r.name}`,
    count: 1,
    due,
    overdue: due < today,
  }));
}
