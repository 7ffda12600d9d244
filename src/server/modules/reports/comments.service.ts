/**
 * Comments of the receiving level beside the sections of a report (issue 11, item 2). The receiver (whoever may
 * return or accept the version: receiving.service.ts) comments on a section of a submitted or returned version, alone
 * or with a return; the commune reads them beside its sections (a draft shows those of its earlier versions) and marks
 * one handled ("Đã xử lý"), which is a new row rather than an edit: both tables are append-only. docs/REPORTS.md.
 */
import { commentInput, type ReportComment } from "../../../shared/report-review";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { validationError } from "../../http/context";
import { recordAudit } from "../audit/audit.repo";
import { insertComments } from "./comments.repo";
import { requireReceiver } from "./receiving.service";
import { type ReportRow, reportRow } from "./submissions.repo";
import { loadTemplate } from "./templates.service";

const iso = (at: Date | string) => new Date(at).toISOString();

/** The version and its predecessors (each read in the caller's scope), newest first. */
async function chainOf(tx: Db, actor: Actor, row: ReportRow) {
  const chain = [row];
  let at = row;
  while (at.previous_id !== null) {
    at = await reportRow(tx, actor, Number(at.previous_id), false, Number(at.commune_id));
    chain.push(at);
  }
  return chain;
}

/** The comments on the version and its predecessors, oldest first, with their sections' headings. */
async function commentsOf(tx: Db, actor: Actor, row: ReportRow): Promise<ReportComment[]> {
  const chain = await chainOf(tx, actor, row);
  const versions = new Map(chain.map((r) => [Number(r.id), r.version]));
  const template = await loadTemplate(tx, Number(row.template_id));
  const headings = new Map(template.outline.sections.map((s) => [s.key, s.heading]));
  const rows = await tx
    .selectFrom("report_comments as c")
    .leftJoin("report_comment_resolutions as r", (join) =>
      join.onRef("r.commune_id", "=", "c.commune_id").onRef("r.comment_id", "=", "c.id"),
    )
    .select([
      "c.id",
      "c.report_id",
      "c.section_key",
      "c.body",
      "c.author_name",
      "c.created_at",
      "r.resolved_at",
      "r.resolved_by_name",
    ])
    .where("c.commune_id", "=", row.commune_id)
    .where("c.report_id", "in", [...versions.keys()])
    .where(unitInScope(actor, "read", "c.commune_id"))
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
  return rows.map((c) => ({
    id: Number(c.id),
    reportId: Number(c.report_id),
    version: versions.get(Number(c.report_id)) ?? 0,
    section: c.section_key,
    heading: headings.get(c.section_key) ?? c.section_key,
    text: c.body,
    authorName: c.author_name,
    createdAt: iso(c.created_at),
    resolvedAt: c.resolved_at === null ? null : iso(c.resolved_at),
    resolvedBy: c.resolved_by_name,
  }));
}

export const listComments = (db: Db, actor: Actor, id: number, communeId?: number) =>
  asActor(db, actor, async (tx) => commentsOf(tx, actor, await reportRow(tx, actor, id, false, communeId)));

/** A comment of the receiver on one section of a submitted (or returned) version. */
export async function addComment(db: Db, actor: Actor, id: number, body: unknown, communeId?: number) {
  const parsed = commentInput.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return asActor(db, actor, async (tx) => {
    const row = await reportRow(tx, actor, id, true, communeId);
    await requireReceiver(tx, actor, row);
    if (row.status !== "submitted" && row.status !== "returned")
      throw new AppError(
        "conflict",
        row.status === "draft"
          ? "Báo cáo chưa nộp: cấp trên góp ý khi báo cáo đã nộp"
          : "Báo cáo đã được tiếp nhận: không góp ý thêm vào phiên bản này",
      );
    const [inserted] = await insertComments(tx, actor, row, [parsed.data], () => "section");
    return (await commentsOf(tx, actor, row)).find((c) => c.id === Number(inserted!.id))!;
  });
}

/** The commune marks a comment on its report (this version or an earlier one) handled: once. */
export async function resolveComment(
  db: Db,
  actor: Actor,
  id: number,
  commentId: number,
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const row = await reportRow(tx, actor, id, false, communeId);
    await requireOnUnit(tx, actor, "report.prepare", row.commune_id);
    const comment = (await commentsOf(tx, actor, row)).find((c) => c.id === commentId);
    if (!comment) throw notFound("Không tìm thấy góp ý này trong báo cáo");
    if (comment.resolvedAt !== null)
      throw new AppError("conflict", `Góp ý đã được ${comment.resolvedBy} đánh dấu đã xử lý`);
    await tx
      .insertInto("report_comment_resolutions")
      .values({
        commune_id: row.commune_id,
        comment_id: commentId,
        resolved_by: actor.userId,
        resolved_by_name: actor.name,
      })
      .execute();
    await recordAudit(tx, actor, {
      action: "report.comment.resolve",
      entity: "report",
      entityId: comment.reportId,
      unitId: Number(row.commune_id),
      before: comment,
      after: { commentId, resolvedBy: actor.name },
    });
    return (await commentsOf(tx, actor, row)).find((c) => c.id === commentId)!;
  });
}
