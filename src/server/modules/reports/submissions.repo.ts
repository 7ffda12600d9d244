/**
 * Reading saved reports (docs/REPORTS.md): a version read in the caller's scope (locked for a write), its sections'
 * saved texts, the version as the API shows it (SavedReport), and the audit of a write with the version as it is
 * after it. Used by the drafts (submissions.service.ts), their submission (submit.service.ts) and the level above.
 */
import type { ReportChange, SavedReport } from "../../../shared/report-submissions";
import { type Actor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { notFound } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import type { DocumentFields } from "./reports.document";
import { loadTemplate } from "./templates.service";

export const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

/**
 * The version, read by the caller (404 otherwise); locked for a write. Given its unit (`communeId`: the web always
 * sends it), looked for there alone (one shard), and a version of another unit is not found.
 */
export async function reportRow(tx: Db, actor: Actor, id: number, lock = false, communeId?: number) {
  let query = tx
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", id)
    .where(unitInScope(actor, "read", "commune_id"));
  if (communeId !== undefined) query = query.where("commune_id", "=", communeId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy báo cáo, hoặc báo cáo nằm ngoài phạm vi của bạn");
  return row;
}
export type ReportRow = Awaited<ReturnType<typeof reportRow>>;

export async function sectionRows(tx: Db, row: ReportRow) {
  return tx
    .selectFrom("report_sections")
    .selectAll()
    .where("commune_id", "=", row.commune_id)
    .where("report_id", "=", row.id)
    .execute();
}

export async function savedReport(tx: Db, row: ReportRow): Promise<SavedReport> {
  const template = await loadTemplate(tx, Number(row.template_id));
  const unit = await tx
    .selectFrom("admin_units")
    .select("name")
    .where("id", "=", row.commune_id)
    .executeTakeFirstOrThrow();
  const saved = new Map((await sectionRows(tx, row)).map((s) => [s.key, s]));
  return {
    id: Number(row.id),
    unitId: Number(row.commune_id),
    unitName: unit.name,
    templateId: Number(row.template_id),
    templateName: template.name,
    level: row.level,
    kind: row.kind,
    period: { from: row.period_from, to: row.period_to },
    version: row.version,
    previousId: row.previous_id === null ? null : Number(row.previous_id),
    status: row.status,
    document: row.document as DocumentFields,
    source: row.source,
    sections: template.outline.sections.flatMap((s) => {
      const r = saved.get(s.key);
      return r ? [{ key: s.key, text: r.body, version: r.version, savedAt: iso(r.updated_at)! }] : [];
    }),
    submittedAt: iso(row.submitted_at),
    submittedBy: row.submitted_by_name,
    resubmitReason: row.resubmit_reason,
    sha256: row.snapshot_sha256,
    changes: (row.changes as ReportChange[] | null) ?? null,
    decidedAt: iso(row.decided_at),
    decidedBy: row.decided_by_name,
    returnReason: row.return_reason,
  };
}

export async function audited(tx: Db, actor: Actor, action: string, row: ReportRow, before?: unknown) {
  const after = await savedReport(
    tx,
    await reportRow(tx, actor, Number(row.id), false, Number(row.commune_id)),
  );
  await recordAudit(tx, actor, {
    action: `report.${action}`,
    entity: "report",
    entityId: after.id,
    unitId: after.unitId,
    before,
    after,
  });
  return after;
}
