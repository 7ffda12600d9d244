/**
 * The data-subject requests on the to-do list: each open request (received or acknowledged) of the communes the
 * caller administers, due 2 working days after receipt (requests.service.ts), whatever the year shown.
 */
import type { TodoItem } from "../../../shared/cycle";
import { type RequestKind, requestKindLabels } from "../../../shared/privacy-requests";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";

export async function requestTodoItems(tx: Db, actor: Actor, today: string): Promise<TodoItem[]> {
  if (!actor.global && actor.roots.admin.length === 0) return [];
  const rows = await tx
    .selectFrom("data_subject_requests as r")
    .innerJoin("admin_units as u", "u.id", "r.commune_id")
    .select(["r.id", "r.kind", "r.person_name", "r.due_on", "u.id as unit_id", "u.name as unit_name"])
    .where("r.status", "in", ["received", "acknowledged"])
    .where(unitInScope(actor, "admin", "r.commune_id"))
    .orderBy("r.due_on")
    .orderBy("r.id")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    unit: { id: r.unit_id, name: r.unit_name },
    title: null,
    titleLabel: null,
    fund: null,
    request: { id: Number(r.id), kind: r.kind as RequestKind, personName: r.person_name },
    step: "data_request",
    label: `Trả lời yêu cầu "${requestKindLabels[r.kind as RequestKind].vi}" của ${r.person_name}`,
    count: 1,
    due: r.due_on,
    overdue: r.due_on < today,
  }));
}
