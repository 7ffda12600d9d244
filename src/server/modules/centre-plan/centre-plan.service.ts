/**
 * A learning centre's yearly plan: saved as a whole list while a draft (registry.edit on the commune), approved by
 * the commune (centre.plan.approve), which locks it (the service refuses, and a trigger of migration 0029 refuses
 * any change to an approved plan's items), and reopened by the same permission with a reason. Each item shows the
 * demand for its topic from the commune's survey of the year. Every write is audited in its transaction.
 */
import type { CentrePlan, PlanSave } from "../../../shared/centre-plan";
import type { Topic } from "../../../shared/registry/kinds/topics";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { fromDatabase } from "../fund/ledger";
import { topicDemand } from "./survey-results";

/** The centre, read by the caller (404 otherwise); in `communeId` alone when given (another commune's is 404). */
export async function centreInScope(tx: Db, actor: Actor, centreId: number, communeId?: number) {
  const centre = await tx
    .selectFrom("learning_centres")
    .select(["commune_id", "id", "province_id", "name", "archived_at"])
    .where("id", "=", centreId)
    .$if(communeId !== undefined, (q) => q.where("commune_id", "=", communeId!))
    .where(unitInScope(actor, "read", "commune_id"))
    .executeTakeFirst();
  if (!centre) throw notFound("Không tìm thấy trung tâm học tập cộng đồng");
  return centre;
}

type Centre = Awaited<ReturnType<typeof centreInScope>>;

async function planRow(tx: Db, centre: Centre, year: number, lock = false) {
  let query = tx
    .selectFrom("centre_plans")
    .selectAll()
    .where("commune_id", "=", centre.commune_id)
    .where("centre_id", "=", centre.id)
    .where("year", "=", year);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The plan of a centre and year as the page shows it (an empty draft when none was made). */
export async function readPlan(tx: Db, centre: Centre, year: number): Promise<CentrePlan> {
  const row = await planRow(tx, centre, year);
  const items = row
    ? await tx
        .selectFrom("centre_plan_items")
        .selectAll()
        .where("commune_id", "=", centre.commune_id)
        .where("plan_id", "=", row.id)
        .orderBy("line")
        .execute()
    : [];
  const { demand, responses } = await topicDemand(tx, centre.commune_id, year);
  return {
    id: row?.id ?? null,
    centreId: centre.id,
    centreName: centre.name,
    communeId: centre.commune_id,
    year,
    status: row?.status ?? "draft",
    approvedBy: row?.approved_by_name ?? null,
    approvedAt: row?.approved_at ? new Date(row.approved_at).toISOString() : null,
    note: row?.note ?? null,
    items: items.map((i) => ({
      line: i.line,
      quarter: i.quarter,
      activityKind: i.activity_kind,
      topic: i.topic as Topic,
      plannedCount: i.planned_count,
      expectedParticipants: i.expected_participants,
      note: i.note,
      demand: demand.get(i.topic as Topic) ?? 0,
    })),
    surveyResponses: responses,
    version: row?.version ?? null,
  };
}

export async function getPlan(db: Db, actor: Actor, centreId: number, year: number, communeId?: number) {
  return asActor(db, actor, async (tx) =>
    readPlan(tx, await centreInScope(tx, actor, centreId, communeId), year),
  );
}

async function auditPlan(
  tx: Db,
  actor: Actor,
  centre: Centre,
  year: number,
  action: string,
  before?: unknown,
  extra?: object,
) {
  const after = await readPlan(tx, centre, year);
  await recordAudit(tx, actor, {
    action: `centre.plan.${action}`,
    entity: "centre_plan",
    entityId: after.id,
    unitId: centre.commune_id,
    before,
    after: { ...after, ...extra },
  });
  return after;
}

const statusText = { draft: "đang lập", approved: "đã được duyệt" } as const;

/** Saves the whole list of a draft (creating the plan on its first save). */
export async function savePlan(
  db: Db,
  actor: Actor,
  centreId: number,
  year: number,
  input: PlanSave,
  communeId?: number,
) {
  try {
    return await asActor(db, actor, async (tx) => {
      const centre = await centreInScope(tx, actor, centreId, communeId);
      await requireOnUnit(tx, actor, "registry.edit", centre.commune_id, "xã, phường của trung tâm");
      if (centre.archived_at !== null)
        throw new AppError(
          "validation",
          "Trung tâm đã được lưu trữ (sáp nhập, giải thể): không lập kế hoạch được",
        );
      let row = await planRow(tx, centre, year, true);
      const before = row ? await readPlan(tx, centre, year) : undefined;
      if (row) {
        if (input.version === undefined)
          throw new AppError("conflict", `Trung tâm đã có kế hoạch năm ${year}: hãy tải lại trang rồi sửa`);
        await expectVersion(tx, { entity: "centre_plan", id: row.id }, input.version, row.version);
        if (row.status !== "draft")
          throw new AppError(
            "validation",
            `Kế hoạch năm ${year} ${statusText[row.status]}: mở lại kế hoạch trước khi sửa`,
          );
        await tx
          .deleteFrom("centre_plan_items")
          .where("commune_id", "=", centre.commune_id)
          .where("plan_id", "=", row.id)
          .execute();
        await tx
          .updateTable("centre_plans")
          .set({ note: input.note || null })
          .where("commune_id", "=", centre.commune_id)
          .where("id", "=", row.id)
          .execute();
      } else {
        row = await tx
          .insertInto("centre_plans")
          .values({
            commune_id: centre.commune_id,
            province_id: centre.province_id,
            centre_id: centre.id,
            year,
            note: input.note || null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      if (input.items.length > 0)
        await tx
          .insertInto("centre_plan_items")
          .values(
            input.items.map((item, index) => ({
              commune_id: centre.commune_id,
              province_id: centre.province_id,
              plan_id: row.id,
              line: index + 1,
              quarter: item.quarter,
              activity_kind: item.activityKind,
              topic: item.topic,
              planned_count: item.plannedCount,
              expected_participants: item.expectedParticipants,
              note: item.note || null,
            })),
          )
          .execute();
      return auditPlan(tx, actor, centre, year, before ? "update" : "create", before);
    });
  } catch (error) {
    throw fromDatabase(error);
  }
}

/** Approves (locks) or reopens the plan: the commune's approvers (centre.plan.approve). */
async function setStatus(
  db: Db,
  actor: Actor,
  centreId: number,
  year: number,
  version: number,
  to: "approved" | "draft",
  reason?: string,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const centre = await centreInScope(tx, actor, centreId, communeId);
    await requireOnUnit(tx, actor, "centre.plan.approve", centre.commune_id, "xã, phường của trung tâm");
    const row = await planRow(tx, centre, year, true);
    if (!row) throw notFound(`Trung tâm chưa có kế hoạch năm ${year}`);
    await expectVersion(tx, { entity: "centre_plan", id: row.id }, version, row.version);
    if (row.status === to) throw new AppError("validation", `Kế hoạch năm ${year} ${statusText[row.status]}`);
    const before = await readPlan(tx, centre, year);
    if (to === "approved") {
      if (before.items.length === 0)
        throw new AppError("validation", "Kế hoạch chưa có mục nào: thêm các lớp, chuyên đề trước khi duyệt");
      if (actor.userId === null)
        throw new AppError("forbidden", "Duyệt kế hoạch cần một người dùng đăng nhập");
    }
    await tx
      .updateTable("centre_plans")
      .set(
        to === "approved"
          ? { status: to, approved_by: actor.userId, approved_by_name: actor.name, approved_at: new Date() }
          : { status: to, approved_by: null, approved_by_name: null, approved_at: null },
      )
      .where("commune_id", "=", centre.commune_id)
      .where("id", "=", row.id)
      .execute();
    const { items: _, ...brief } = before;
    return auditPlan(
      tx,
      actor,
      centre,
      year,
      to === "approved" ? "approve" : "reopen",
      brief,
      reason ? { reason } : undefined,
    );
  });
}

export const approvePlan = (
  db: Db,
  actor: Actor,
  centreId: number,
  year: number,
  version: number,
  communeId?: number,
) => setStatus(db, actor, centreId, year, version, "approved", undefined, communeId);

export const reopenPlan = (
  db: Db,
  actor: Actor,
  centreId: number,
  year: number,
  version: number,
  reason: string,
  communeId?: number,
) => setStatus(db, actor, centreId, year, version, "draft", reason, communeId);
