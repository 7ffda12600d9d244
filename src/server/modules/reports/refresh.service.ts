/**
 * "Làm mới số liệu" of a draft (issue 11, item 2): the live blocks are recomputed and compared, line by line with the
 * differ of the versions (snapshot.ts `reportChanges`), with the blocks as of the draft's previous refresh, which the
 * draft keeps (report_refreshes, one row per draft); the first refresh has nothing earlier to compare. Audited.
 */
import type { RefreshResult } from "../../../shared/report-review";
import type { ReportPreview } from "../../../shared/reports";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { recordAudit } from "../audit/audit.repo";
import { reportChanges } from "./snapshot";
import { savedReport } from "./submissions.repo";
import { draftRow } from "./submissions.service";
import { livePreview } from "./submit.service";

/** The blocks only: the officer's texts are not what a refresh compares. */
const blocksOf = (preview: Pick<ReportPreview, "sections">) =>
  preview.sections.map((s) => ({ ...s, narrative: "", prompt: "" }));

export async function refreshDraft(
  db: Db,
  actor: Actor,
  id: number,
  communeId?: number,
): Promise<RefreshResult> {
  const report = await asActor(db, actor, async (tx) =>
    savedReport(tx, await draftRow(tx, actor, id, communeId)),
  );
  const { unitInfo: _u, fields: _f, ...preview } = await livePreview(db, actor, report);
  const sections = blocksOf(preview);
  return asActor(db, actor, async (tx) => {
    const row = await draftRow(tx, actor, id, report.unitId);
    const where = { commune_id: row.commune_id, report_id: row.id };
    const previous = await tx
      .selectFrom("report_refreshes")
      .select(["sections", "refreshed_at"])
      .where("commune_id", "=", where.commune_id)
      .where("report_id", "=", where.report_id)
      .executeTakeFirst();
    const before = previous ? (previous.sections as ReportPreview["sections"]) : null;
    const changes = before ? reportChanges({ sections: before }, { sections }) : null;
    const refreshedAt = new Date();
    await tx
      .insertInto("report_refreshes")
      .values({
        ...where,
        sections: JSON.stringify(sections),
        refreshed_by_name: actor.name,
        refreshed_at: refreshedAt,
      })
      .onConflict((oc) =>
        oc.columns(["commune_id", "report_id"]).doUpdateSet({
          sections: JSON.stringify(sections),
          refreshed_by_name: actor.name,
          refreshed_at: refreshedAt,
        }),
      )
      .execute();
    await recordAudit(tx, actor, {
      action: "report.refresh",
      entity: "report",
      entityId: id,
      unitId: Number(row.commune_id),
      before: previous ? { refreshedAt: new Date(previous.refreshed_at).toISOString() } : null,
      after: { refreshedAt: refreshedAt.toISOString(), changes },
    });
    return {
      preview,
      changes,
      previousAt: previous ? new Date(previous.refreshed_at).toISOString() : null,
      refreshedAt: refreshedAt.toISOString(),
    };
  });
}
