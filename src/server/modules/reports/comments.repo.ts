/**
 * Writing the receiving level's comments on the sections of a report version (issue 11, item 2): used by
 * "góp ý" on its own and by a return that carries comments, in the caller's transaction, once the caller has checked
 * that the writer is the receiver. Each comment is one append-only row, audited. docs/REPORTS.md.
 */
import type { CommentInput } from "../../../shared/report-review";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import type { ReportRow } from "./submissions.repo";
import { loadTemplate } from "./templates.service";

/** `field` names the input in a 422 ("section", or "comments.2.section" for the comments of a return). */
export async function insertComments(
  tx: Db,
  actor: Actor,
  row: ReportRow,
  comments: readonly CommentInput[],
  field: (index: number) => string,
) {
  if (comments.length === 0) return [];
  const template = await loadTemplate(tx, Number(row.template_id));
  const headings = new Map(template.outline.sections.map((s) => [s.key, s.heading]));
  comments.forEach((c, i) => {
    if (!headings.has(c.section))
      throw new AppError("validation", `Báo cáo không có mục "${c.section}" (${field(i)})`, {
        fields: { [field(i)]: "Mục không có trong mẫu báo cáo" },
      });
  });
  const inserted = await tx
    .insertInto("report_comments")
    .values(
      comments.map((c) => ({
        commune_id: row.commune_id,
        report_id: row.id,
        section_key: c.section,
        body: c.text,
        author_id: actor.userId,
        author_name: actor.name,
      })),
    )
    .returningAll()
    .execute();
  for (const c of inserted)
    await recordAudit(tx, actor, {
      action: "report.comment",
      entity: "report",
      entityId: Number(row.id),
      unitId: Number(row.commune_id),
      after: { commentId: Number(c.id), version: row.version, section: c.section_key, text: c.body },
    });
  return inserted;
}
