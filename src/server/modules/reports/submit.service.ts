/**
 * Submission of a saved report (issue 11, item 4): the submission freezes a draft version as a snapshot of its text,
 * figures and inputs (snapshot.ts), with its sha256 and .docx; a resubmission lists what changed since the previous
 * version. Also the live preview of a version, its changes and its .docx. Every write is audited in its transaction.
 */
import { type ReportChange, type SavedReport, submitRequest } from "../../../shared/report-submissions";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { today } from "../territory/dates";
import { issuePlanTargets, requirePlanIssuer } from "./plan-targets";
import { buildReport, previewReport } from "./reports.service";
import { type ReportSnapshot, reportChanges, snapshotDocx, snapshotHash } from "./snapshot";
import { audited, reportRow, savedReport, sectionRows } from "./submissions.repo";
import { draftRow, parse } from "./submissions.service";
import { loadTemplate } from "./templates.service";

/** What a saved version asks the preview for: its template, period, texts, document fields and source. */
function requestOf(report: SavedReport, date?: string) {
  const document = { ...report.document, ...(date ? { date: report.document.date ?? date } : {}) };
  return {
    templateId: report.templateId,
    period: report.period,
    narratives: Object.fromEntries(report.sections.map((s) => [s.key, s.text])),
    document,
    source: report.source,
  };
}

/** The version's live figures with its current texts (a draft), or as frozen (a submitted version). */
export async function livePreview(db: Db, actor: Actor, report: SavedReport, date?: string) {
  return previewReport(db, actor, report.unitId, requestOf(report, date));
}

async function previousSnapshot(tx: Db, actor: Actor, report: SavedReport) {
  if (report.previousId === null) return null;
  const previous = await reportRow(tx, actor, report.previousId, false, report.unitId);
  return { status: previous.status, snapshot: previous.snapshot as ReportSnapshot };
}

/** Freezes a draft: the snapshot of its text, figures and inputs, its sha256, the .docx, the changes. */
export async function submitReport(db: Db, actor: Actor, id: number, body: unknown, communeId?: number) {
  const input = parse(submitRequest, body);
  const { report, template, previous } = await asActor(db, actor, async (tx) => {
    const report = await savedReport(tx, await draftRow(tx, actor, id, communeId));
    await requirePlanIssuer(tx, actor, report);
    return {
      report,
      template: await loadTemplate(tx, report.templateId),
      previous: await previousSnapshot(tx, actor, report),
    };
  });
  const texts = new Map(report.sections.map((s) => [s.key, s.text.trim()]));
  const empty = template.outline.sections.filter((s) => s.required && !texts.get(s.key));
  if (empty.length > 0)
    throw new AppError(
      "validation",
      `Chưa viết nội dung các mục bắt buộc: ${empty.map((s) => `"${s.heading}"`).join(", ")}`,
      {
        fields: Object.fromEntries(empty.map((s) => [`sections.${s.key}`, "Mục bắt buộc chưa có nội dung"])),
      },
    );
  if (previous?.status === "accepted" && !input.reason)
    throw new AppError(
      "validation",
      "Báo cáo trước đã được cấp trên tiếp nhận: nhập lý do nộp lại (reason)",
      { fields: { reason: "Nhập lý do nộp lại" } },
    );
  const built = await buildReport(db, actor, report.unitId, requestOf(report, today()));
  const { unitInfo, fields, figures, ...preview } = built;
  const snapshot: ReportSnapshot = {
    inputs: {
      unitId: report.unitId,
      templateId: report.templateId,
      period: report.period,
      narratives: Object.fromEntries(report.sections.map((s) => [s.key, s.text])),
      document: fields,
      source: report.source,
    },
    takenAt: new Date().toISOString(),
    unit: unitInfo,
    preview,
    figures: await figures(),
  };
  const { json, sha256 } = snapshotHash(snapshot);
  const docx = await snapshotDocx(snapshot);
  const changes = previous ? reportChanges(previous.snapshot.preview, preview) : null;
  return asActor(db, actor, async (tx) => {
    const row = await draftRow(tx, actor, id, report.unitId);
    const now = new Map((await sectionRows(tx, row)).map((s) => [s.key, s.version]));
    if (report.sections.some((s) => now.get(s.key) !== s.version))
      throw new AppError("conflict", "Nội dung báo cáo vừa được sửa trong lúc nộp: hãy nộp lại");
    await tx
      .updateTable("reports")
      .set({
        status: "submitted",
        submitted_at: new Date(),
        submitted_by_name: actor.name,
        resubmit_reason: input.reason || null,
        snapshot: json,
        snapshot_sha256: sha256,
        docx: new Uint8Array(docx),
        changes: changes === null ? null : JSON.stringify(changes),
      })
      .where("commune_id", "=", row.commune_id)
      .where("id", "=", row.id)
      .execute();
    await issuePlanTargets(tx, actor, row, snapshot);
    return audited(tx, actor, "submit", row);
  });
}

/** What changed since the previous version: stored for a submitted version, computed live for a draft. */
export async function changesOf(
  db: Db,
  actor: Actor,
  id: number,
  communeId?: number,
): Promise<ReportChange[]> {
  const { report, previous } = await asActor(db, actor, async (tx) => {
    const report = await savedReport(tx, await reportRow(tx, actor, id, false, communeId));
    return { report, previous: await previousSnapshot(tx, actor, report) };
  });
  if (report.status !== "draft") return report.changes ?? [];
  if (!previous) return [];
  const { unitInfo: _u, fields: _f, ...live } = await livePreview(db, actor, report);
  return reportChanges(previous.snapshot.preview, live);
}

/** The .docx of a version: the stored bytes once submitted; a draft's is made from the live figures. */
export async function reportDocx(db: Db, actor: Actor, id: number, communeId?: number) {
  const { report, docx, unit } = await asActor(db, actor, async (tx) => {
    const row = await reportRow(tx, actor, id, false, communeId);
    return { report: await savedReport(tx, row), docx: row.docx, unit: row.commune_id };
  });
  const name = `bao-cao-${unit}-${report.period.from}-${report.period.to}-v${report.version}.docx`;
  if (docx) return { bytes: Buffer.from(docx), name };
  const { unitInfo, fields, ...preview } = await livePreview(db, actor, report);
  const snapshot = { inputs: { document: fields }, unit: unitInfo, preview } as ReportSnapshot;
  return { bytes: await snapshotDocx(snapshot), name };
}
