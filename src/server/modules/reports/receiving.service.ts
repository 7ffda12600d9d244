/**
 * Submission up the levels (issue 11, item 5): the level above a report's unit (the province for a commune's, the
 * nation, i.e. the system administrators, for a province's) returns a submitted version with a reason or accepts
 * it, and sees per template level, kind and period every unit's status, on time or late against a due date.
 */
import { sql } from "kysely";
import { type CommentInput, returnWithComments } from "../../../shared/report-review";
import { type StatusRow, statusQuery } from "../../../shared/report-submissions";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { validationError } from "../../http/context";
import { recordAudit } from "../audit/audit.repo";
import { today, vietnamTime } from "../territory/dates";
import { readableUnitRow } from "../territory/territory.repo";
import { insertComments } from "./comments.repo";
import { statusDue } from "./report-due";
import { type ReportRow, reportRow, savedReport } from "./submissions.repo";

/** The receiver: a reviewer (Phê duyệt, Quản trị đơn vị) of the province for a commune's, the nation for a province's. */
export async function requireReceiver(tx: Db, actor: Actor, row: ReportRow) {
  if (Number(row.commune_id) === Number(row.province_id)) {
    if (!actor.global)
      throw forbidden("Báo cáo của tỉnh, thành phố do cấp trung ương (Quản trị hệ thống) tiếp nhận");
    return;
  }
  const may = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", row.province_id)
    .where(unitInScope(actor, "review", "u.id"))
    .executeTakeFirst();
  if (!may)
    throw forbidden(
      "Chỉ Phê duyệt hoặc Quản trị đơn vị của tỉnh, thành phố tiếp nhận hoặc trả lại báo cáo của xã, phường",
    );
}

async function decide(
  db: Db,
  actor: Actor,
  id: number,
  accept: boolean,
  reason: string | null,
  comments: readonly CommentInput[],
  communeId: number | undefined,
) {
  return asActor(db, actor, async (tx) => {
    const row = await reportRow(tx, actor, id, true, communeId);
    await requireReceiver(tx, actor, row);
    if (row.status !== "submitted")
      throw new AppError(
        "conflict",
        row.status === "draft"
          ? "Báo cáo chưa nộp"
          : `Báo cáo đã được ${row.status === "accepted" ? "tiếp nhận" : "trả lại"} rồi`,
      );
    const before = await savedReport(tx, row);
    await tx
      .updateTable("reports")
      .set({
        status: accept ? "accepted" : "returned",
        decided_at: new Date(),
        decided_by_name: actor.name,
        return_reason: reason,
      })
      .where("commune_id", "=", row.commune_id)
      .where("id", "=", row.id)
      .execute();
    await insertComments(tx, actor, row, comments, (i) => `comments.${i}.section`);
    const after = await savedReport(tx, await reportRow(tx, actor, id, false, Number(row.commune_id)));
    await recordAudit(tx, actor, {
      action: accept ? "report.accept" : "report.return",
      entity: "report",
      entityId: id,
      unitId: after.unitId,
      before,
      after,
    });
    return after;
  });
}

export const acceptReport = (db: Db, actor: Actor, id: number, communeId?: number) =>
  decide(db, actor, id, true, null, [], communeId);

export async function returnReport(db: Db, actor: Actor, id: number, body: unknown, communeId?: number) {
  const parsed = returnWithComments.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  if (!parsed.data.reason)
    throw new AppError("validation", "Nhập lý do trả lại (reason)", {
      fields: { reason: "Nhập lý do trả lại" },
    });
  return decide(db, actor, id, false, parsed.data.reason, parsed.data.comments ?? [], communeId);
}

/** Every commune of the province (or every province, for the nation) with its report's status for the period. */
export async function statusTable(db: Db, actor: Actor, query: unknown) {
  const parsed = statusQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const q = parsed.data;
  if (q.from > q.to)
    throw new AppError("validation", "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc (from)", {
      fields: { from: "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc" },
    });
  return asActor(db, actor, async (tx) => {
    let units = tx
      .selectFrom("admin_units as u")
      .select(["u.id", "u.name"])
      .where((eb) => eb.or([eb("u.valid_to", "is", null), eb("u.valid_to", ">", today())]))
      .orderBy("u.name");
    if (q.unitId !== undefined) {
      await readableUnitRow(tx, actor, q.unitId);
      units = units
        .innerJoin("admin_unit_paths as p", "p.descendant_id", "u.id")
        .where("p.ancestor_id", "=", q.unitId)
        .where("u.level", "=", "commune");
    } else {
      if (!actor.global) throw forbidden("Bảng nộp báo cáo của các tỉnh, thành phố dành cho cấp trung ương");
      units = units.where("u.level", "=", "province");
    }
    const dueFrom = await statusDue(tx, q);
    const due = dueFrom.date;
    const list = await units.execute();
    const ids = list.map((u) => Number(u.id));
    const rows =
      ids.length === 0
        ? []
        : await tx
            .selectFrom("reports")
            .select(["commune_id", "id", "version", "status", "submitted_at", "return_reason"])
            .where("commune_id", "=", sql<number>`ANY(${ids}::bigint[])`)
            .where(unitInScope(actor, "read", "commune_id"))
            .where("level", "=", q.level)
            .where("kind", "=", q.kind)
            .where("period_from", "=", q.from)
            .where("period_to", "=", q.to)
            .orderBy("version")
            .execute();
    const now = today();
    const table: StatusRow[] = list.map((unit) => {
      const series = rows.filter((r) => Number(r.commune_id) === Number(unit.id));
      const sent = series.filter((r) => r.status !== "draft");
      const latest = sent[sent.length - 1];
      const first = sent[0]?.submitted_at ?? null;
      const firstDay = first === null ? null : vietnamTime(first).slice(0, 10);
      return {
        unitId: Number(unit.id),
        unitName: unit.name,
        status: latest?.status ?? (series.length > 0 ? "draft" : "missing"),
        reportId: latest ? Number(latest.id) : series[0] ? Number(series[0].id) : null,
        version: latest?.version ?? null,
        submittedAt: first === null ? null : new Date(first).toISOString(),
        onTime: firstDay !== null ? firstDay <= due : now > due ? false : null,
        returnReasons: series.flatMap((r) =>
          r.return_reason ? [`Lần ${r.version}: ${r.return_reason}`] : [],
        ),
      };
    });
    return { due, dueFrom, units: table };
  });
}
