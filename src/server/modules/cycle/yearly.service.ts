/** Work across a year: carrying last year's registrations forward, and what is due ("Việc cần làm"). */
import { type SqlBool, sql } from "kysely";
import { subjectKindOfTitle, type TodoItem } from "../../../shared/cycle";
import { type Title, titleLabels, titles } from "../../../shared/rubric";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { deadlineTodoItems } from "../deadlines/deadline-todo";
import { fundTodoItems } from "../fund/fund-todo";
import { requestTodoItems } from "../privacy/todo";
import { pickRubric } from "../rubrics/rubric.evaluate";
import { loadRubrics } from "../rubrics/rubrics.service";
import { readableUnitRow } from "../territory/territory.repo";
import { lockRegistrations } from "./locks";
import { registerSubjects } from "./registrations.service";

/**
 * Starts a new year's registrations from last year's in one action. Households, clans, organisations and citizens
 * that were archived since (moved away, merged, dissolved) are left out and counted; those that moved within the
 * commune are registered where they live now. One transaction: last year's registrations are locked in id order
 * while they are read (locks.ts), so a withdrawal or decision at the same moment is either seen or waits.
 */
export async function carryForward(
  db: Db,
  actor: Actor,
  input: { unitId: number; fromYear: number; toYear: number; title: Title },
) {
  const kind = subjectKindOfTitle[input.title];
  return asActor(db, actor, async (tx) => {
    await readableUnitRow(tx, actor, input.unitId);
    await requireOnUnit(tx, actor, "cycle.register", input.unitId, "đơn vị này");
    const table = {
      household: "households",
      clan: "clans",
      organization: "organizations",
      citizen: "citizens",
      centre: "learning_centres",
    } as const;
    const archivedColumn =
      kind in table
        ? sql<string | null>`(SELECT CASE WHEN s.archived_at IS NULL THEN NULL
            ELSE ${kind === "household" ? sql`coalesce(s.archived_reason, 'dissolved')` : sql`'dissolved'`} END
            FROM ${sql.table(table[kind as keyof typeof table])} s WHERE s.commune_id = r.commune_id AND s.id = r.subject_id)`
        : sql<string | null>`(SELECT CASE WHEN u.valid_to IS NULL THEN NULL ELSE 'dissolved' END
            FROM admin_units u WHERE u.id = r.subject_id)`;
    const inUnit = tx
      .selectFrom("registrations as r")
      .select("r.id")
      .where("r.year", "=", input.fromYear)
      .where("r.title", "=", input.title)
      .where(unitInScope(actor, "read", "r.scope_unit_id"))
      .where(
        sql<SqlBool>`r.scope_unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${input.unitId})`,
      );
    await lockRegistrations(
      tx,
      (await inUnit.execute()).map((r) => r.id),
    );
    const rows = await tx
      .selectFrom("registrations as r")
      .select(["r.subject_id", archivedColumn.as("archived")])
      .where("r.id", "in", inUnit)
      .where("r.status", "<>", "withdrawn")
      .execute();
    const archived: Record<string, number> = {};
    for (const row of rows) if (row.archived) archived[row.archived] = (archived[row.archived] ?? 0) + 1;
    const subjects = rows.filter((r) => !r.archived).map((r) => ({ kind, id: r.subject_id }));
    const result =
      subjects.length === 0
        ? { created: 0, skipped: 0 }
        : await registerSubjects(tx, actor, { year: input.toYear, title: input.title, subjects });
    return { ...result, archived };
  });
}

export type { TodoItem };

const stepLabels: Record<TodoItem["step"], string> = {
  self_assessment: "Tự đánh giá, chấm điểm các hồ sơ đã đăng ký",
  review: "Họp bình xét các hồ sơ đã tự đánh giá",
  decision: "Lập quyết định công nhận cho danh sách đề nghị",
  issue: "Phê duyệt, ban hành quyết định đã lập",
  fund_disclosure: "Công khai thu – chi của quỹ năm trước",
  fund_approve: "Duyệt khoản chi, đợt trao học bổng của quỹ",
  fund_pay: "Chi khoản chi, đợt trao học bổng đã duyệt",
  data_request: "Trả lời yêu cầu của chủ thể dữ liệu",
  deadline: "Hạn của chương trình",
};

/**
 * What is due in the caller's units for a year, with the deadline of the criteria set in force, from 01/02 the
 * funds' previous year to disclose (fund-todo.ts), the open data-subject requests (privacy/todo.ts), and the
 * programme calendar's deadlines not met (deadline-todo.ts).
 */
export async function todoList(db: Db, actor: Actor, year: number, today: string): Promise<TodoItem[]> {
  return asActor(db, actor, async (tx) => {
    const counts = await tx
      .selectFrom("registrations as r")
      .innerJoin("admin_units as c", "c.id", "r.commune_id")
      .select([
        "r.commune_id",
        "c.name",
        "r.province_id",
        "r.title",
        "r.status",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .where("r.year", "=", year)
      .where("r.status", "in", ["registered", "assessed", "proposed"])
      .where((eb) => eb.or([eb("r.status", "<>", "proposed"), eb("r.decision_id", "is", null)]))
      .where(unitInScope(actor, "read", "r.scope_unit_id"))
      .groupBy(["r.commune_id", "c.name", "r.province_id", "r.title", "r.status"])
      .execute();
    const drafts =
      actor.global || actor.roots.review.length > 0
        ? await tx
            .selectFrom("decisions as d")
            .innerJoin("admin_units as c", "c.id", "d.commune_id")
            .select([
              "d.commune_id",
              "c.name",
              "d.province_id",
              "d.title",
              (eb) => eb.fn.countAll<number>().as("n"),
            ])
            .where("d.year", "=", year)
            .where("d.status", "=", "draft")
            .where("d.created_by", "<>", actor.userId)
            .where(unitInScope(actor, "review", "d.commune_id"))
            .groupBy(["d.commune_id", "c.name", "d.province_id", "d.title"])
            .execute()
        : [];
    const rubrics = await loadRubrics(tx);
    const due = (title: Title, provinceId: number, step: string) => {
      const rubric = pickRubric(rubrics, title, year, provinceId);
      const deadline = rubric?.deadlines.find((d) => d.step === step);
      if (!deadline) return null;
      const dueYear = year + (deadline.yearOffset ?? 0);
      return `${dueYear}-${String(deadline.month).padStart(2, "0")}-${String(deadline.day).padStart(2, "0")}`;
    };
    const stepOf = { registered: "self_assessment", assessed: "review", proposed: "decision" } as const;
    const items: TodoItem[] = [];
    const push = (
      row: { commune_id: number; name: string; province_id: number; title: Title },
      step: Exclude<TodoItem["step"], "fund_disclosure">,
      n: number,
    ) => {
      const deadlineStep = step === "issue" ? "decision" : step === "decision" ? "decision" : step;
      const dueOn =
        due(row.title, row.province_id, deadlineStep) ??
        (step === "self_assessment" ? due(row.title, row.province_id, "review") : null);
      items.push({
        unit: { id: row.commune_id, name: row.name },
        title: row.title,
        titleLabel: titleLabels[row.title],
        fund: null,
        step,
        label: stepLabels[step],
        count: Number(n),
        due: dueOn,
        overdue: dueOn !== null && dueOn < today,
      });
    };
    for (const row of counts) push(row, stepOf[row.status as keyof typeof stepOf], row.n);
    for (const row of drafts) push(row, "issue", row.n);
    items.push(...(await fundTodoItems(tx, actor, year, today)));
    items.push(...(await requestTodoItems(tx, actor, today)));
    // The work of the titles, funds and requests first, then the calendar's deadlines not met, each part by date.
    const order = (item: TodoItem) =>
      [item.due ?? "9999", item.title ? titles.indexOf(item.title) : 9, item.unit.name].join("|");
    const byDate = (list: TodoItem[]) => list.sort((a, b) => order(a).localeCompare(order(b)));
    return [...byDate(items), ...byDate(await deadlineTodoItems(tx, actor, year, today))];
  });
}
