/**
 * The calendar's lines of the to-do list (docs/DEADLINES.md): for a year Y, the deadlines of data year Y and those
 * of data year Y−1 falling in Y, not met yet. An officer of a commune sees their commune's, each with what is
 * missing, for the deadlines their role acts on; a province's (or the nation's) users see one line per deadline
 * counting their communes late and not done, opening the "Ai trễ hạn" table. The fund disclosure is the funds' own
 * line (fund-todo.ts, on the calendar's date): it is not repeated here. A deadline whose status the product cannot
 * tell is shown only while it is ahead, as a reminder.
 */
import { type SqlBool, sql } from "kysely";
import type { TodoItem } from "../../../shared/cycle";
import type { DeadlineKey, EffectiveDeadline, MissingReason } from "../../../shared/deadlines";
import { type Actor, type Permission, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { inForceOn } from "./calendar";
import { communeCells, ofCommunes, provinceColumn } from "./status";

/** Who acts on a deadline in a commune (the fund disclosure: fund-todo.ts). */
const actors: Partial<Record<DeadlineKey, Permission[]>> = {
  tt25_dossier: ["write"],
  recognition: ["write", "review"],
  annual_report: ["write", "admin"],
  learning_week: ["write"],
};

/** Whether an occurrence belongs on the list of year Y: data year Y, or data year Y−1 and due in Y. */
const onList = (d: EffectiveDeadline, year: number) => d.dataYear === year || d.due.startsWith(`${year}-`);

function line(
  unit: { id: number; name: string },
  d: EffectiveDeadline,
  status: "missing" | "late" | "no_data",
  cell: { missing: string[]; reasons: MissingReason[] },
  communes: { late: number; missing: number; total: number } | null,
): TodoItem {
  return {
    unit,
    title: null,
    titleLabel: null,
    fund: null,
    step: "deadline",
    deadline: {
      key: d.key,
      dataYear: d.dataYear,
      status,
      missing: cell.missing,
      reasons: cell.reasons,
      communes,
    },
    label: `${d.label} năm ${d.dataYear}`,
    count: communes ? communes.late + communes.missing : 1,
    due: d.due,
    overdue: status === "late",
  };
}

async function communesOf(tx: Db, actor: Actor, dataYear: number, own: boolean) {
  const roots = [...new Set(Object.values(actors).flatMap((ps) => ps.flatMap((p) => actor.roots[p])))];
  return tx
    .selectFrom("admin_units as c")
    .select(["c.id", "c.name", provinceColumn("id").$castTo<number | null>().as("province_id")])
    .where("c.level", "=", "commune")
    .where(inForceOn("c", `${dataYear}-12-31`))
    .where(own ? sql<SqlBool>`c.id = ANY (${roots}::bigint[])` : unitInScope(actor, "read", "c.id"))
    .orderBy("c.name")
    .execute();
}

/** The caller's own communes' lines: their deadlines not done, for the roles that act on them. */
async function ownLines(tx: Db, actor: Actor, dataYear: number, year: number, today: string) {
  if (actor.global) return [];
  const communes = await communesOf(tx, actor, dataYear, true);
  if (communes.length === 0) return [];
  const { byProvince, cells } = await communeCells(tx, actor, communes, dataYear, today);
  const items: TodoItem[] = [];
  for (const c of communes) {
    const province = c.province_id === null ? null : Number(c.province_id);
    for (const d of ofCommunes(byProvince.get(province) ?? [])) {
      const permissions = actors[d.key];
      const cell = cells.get(Number(c.id))?.[d.key];
      if (!permissions || !cell || cell.status === "done" || !onList(d, year)) continue;
      if (cell.status === "no_data" && d.due < today) continue;
      if (!permissions.some((p) => actor.roots[p].includes(Number(c.id)))) continue;
      items.push(line({ id: Number(c.id), name: c.name }, d, cell.status, cell, null));
    }
  }
  return items;
}

/**
 * A province's or the nation's users (a read grant above communes): per deadline with data, the communes in scope
 * late or not done, as one line on the unit of the grant (the nation: no unit, id 0).
 */
async function areaLines(tx: Db, actor: Actor, dataYear: number, year: number, today: string) {
  const areas = actor.global
    ? [{ id: 0, name: "Toàn quốc" }]
    : await tx
        .selectFrom("admin_units as a")
        .select(["a.id", "a.name"])
        .where("a.level", "=", "province")
        .where(sql<SqlBool>`a.id = ANY (${actor.roots.read}::bigint[])`)
        .where(inForceOn("a", `${dataYear}-12-31`))
        .orderBy("a.name")
        .execute();
  if (areas.length === 0) return [];
  const communes = await communesOf(tx, actor, dataYear, false);
  const { byProvince, cells } = await communeCells(tx, actor, communes, dataYear, today);
  const items: TodoItem[] = [];
  for (const area of areas) {
    const inArea = communes.filter((c) => area.id === 0 || Number(c.province_id) === Number(area.id));
    const columns = byProvince.get(area.id === 0 ? null : Number(area.id)) ?? [];
    for (const d of ofCommunes(columns)) {
      if (!actors[d.key] || !onList(d, year)) continue;
      let late = 0;
      let missing = 0;
      for (const c of inArea) {
        const status = cells.get(Number(c.id))?.[d.key]?.status;
        if (status === "late") late += 1;
        if (status === "missing") missing += 1;
      }
      if (late + missing === 0) continue;
      const counted = { late, missing, total: inArea.length };
      const unit = { id: Number(area.id), name: area.name };
      items.push(line(unit, d, late > 0 ? "late" : "missing", { missing: [], reasons: [] }, counted));
    }
  }
  return items;
}

export async function deadlineTodoItems(
  tx: Db,
  actor: Actor,
  year: number,
  today: string,
): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  for (const dataYear of [year - 1, year]) {
    items.push(...(await ownLines(tx, actor, dataYear, year, today)));
    items.push(...(await areaLines(tx, actor, dataYear, year, today)));
  }
  return items;
}
