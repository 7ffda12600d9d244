/**
 * Saved reports (issue 11, items 2 and 4): a unit's draft of a template and period, its sections' texts saved one
 * box at a time (autosave with a row version: a stale save answers 409 with who saved last), and the submission
 * that freezes a version (snapshot.ts). A returned or accepted version is revised as a new draft version; the
 * resubmission lists what changed since the previous one. Every write is audited in its transaction.
 */
import type { ZodType, z } from "zod";
import {
  createReportRequest,
  type ReportChange,
  type SavedReport,
  saveDocumentRequest,
  saveSectionRequest,
  submitRequest,
} from "../../../shared/report-submissions";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { validationError } from "../../http/context";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { canOnUnit } from "../territory/territory.repo";
import { notProvince } from "./accepted-source";
import { checkPlanFields, issuePlanTargets, requirePlanIssuer } from "./plan-targets";
import type { DocumentFields } from "./reports.document";
import { buildReport, periodOf, previewReport, reportFrame } from "./reports.service";
import { type ReportSnapshot, reportChanges, snapshotDocx, snapshotHash } from "./snapshot";
import { loadTemplate } from "./templates.service";

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

function parse<S extends ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

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

async function sectionRows(tx: Db, row: ReportRow) {
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

async function audited(tx: Db, actor: Actor, action: string, row: ReportRow, before?: unknown) {
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

/** A new draft (version 1) of the unit's report for a template and period, with an empty text per section. */
export async function createReport(db: Db, actor: Actor, unitId: number, body: unknown) {
  const input = parse(createReportRequest, body);
  periodOf(input.period.from, input.period.to);
  return asActor(db, actor, async (tx) => {
    const { template, unit } = await reportFrame(tx, actor, unitId, input.templateId);
    if (input.source === "accepted" && unit.level !== "province") throw notProvince();
    checkPlanFields(template.kind, input.document);
    const existing = await tx
      .selectFrom("reports")
      .select("id")
      .where("commune_id", "=", unitId)
      .where("level", "=", template.level)
      .where("kind", "=", template.kind)
      .where("period_from", "=", input.period.from)
      .where("period_to", "=", input.period.to)
      .executeTakeFirst();
    if (existing)
      throw new AppError(
        "conflict",
        `Đơn vị đã có báo cáo này cho kỳ báo cáo đã chọn (báo cáo số ${existing.id}): hãy mở báo cáo đó`,
      );
    const province = await tx
      .selectFrom("admin_unit_paths as p")
      .innerJoin("admin_units as a", "a.id", "p.ancestor_id")
      .select("a.id")
      .where("p.descendant_id", "=", unitId)
      .where("a.level", "=", "province")
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto("reports")
      .values({
        commune_id: unitId,
        province_id: Number(province.id),
        template_id: template.id,
        level: template.level,
        kind: template.kind,
        period_from: input.period.from,
        period_to: input.period.to,
        document: JSON.stringify(input.document),
        source: input.source,
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("report_sections")
      .values(template.outline.sections.map((s) => ({ commune_id: unitId, report_id: row.id, key: s.key })))
      .execute();
    return audited(tx, actor, "create", row);
  });
}

export async function listReports(db: Db, actor: Actor, unitId: number) {
  return asActor(db, actor, async (tx) => {
    if (!(await canOnUnit(tx, actor, "read", unitId)))
      throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
    const rows = await tx
      .selectFrom("reports")
      .selectAll()
      .where("commune_id", "=", unitId)
      .where(unitInScope(actor, "read", "commune_id"))
      .orderBy("period_from", "desc")
      .orderBy("kind")
      .orderBy("version", "desc")
      .execute();
    const out: SavedReport[] = [];
    for (const row of rows) out.push(await savedReport(tx, row));
    return out;
  });
}

export const getReport = (db: Db, actor: Actor, id: number, communeId?: number) =>
  asActor(db, actor, async (tx) => savedReport(tx, await reportRow(tx, actor, id, false, communeId)));

/** The draft of the caller's unit, locked, with the capability to prepare it checked. */
export async function draftRow(tx: Db, actor: Actor, id: number, communeId: number | undefined) {
  const row = await reportRow(tx, actor, id, true, communeId);
  await requireOnUnit(tx, actor, "report.prepare", row.commune_id);
  if (row.status !== "draft")
    throw new AppError(
      "conflict",
      `Báo cáo phiên bản ${row.version} đã nộp, không sửa được: hãy lập phiên bản mới khi cấp trên trả lại`,
    );
  return row;
}

/** Autosave of one section's text: refused with 409 when someone saved it since the caller's version. */
export async function saveSection(
  db: Db,
  actor: Actor,
  id: number,
  key: string,
  body: unknown,
  communeId?: number,
) {
  const input = parse(saveSectionRequest, body);
  return asActor(db, actor, async (tx) => {
    const row = await draftRow(tx, actor, id, communeId);
    const section = (await sectionRows(tx, row)).find((s) => s.key === key);
    if (!section) throw notFound(`Báo cáo không có mục "${key}"`);
    await expectVersion(tx, { entity: "report", id }, input.version, section.version);
    const saved = await tx
      .updateTable("report_sections")
      .set({ body: input.text, updated_at: new Date() })
      .where("commune_id", "=", row.commune_id)
      .where("report_id", "=", row.id)
      .where("key", "=", key)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, {
      action: "report.section.save",
      entity: "report",
      entityId: id,
      unitId: Number(row.commune_id),
      before: { key, text: section.body, version: section.version },
      after: { key, text: saved.body, version: saved.version },
    });
    return { key, text: saved.body, version: saved.version, savedAt: iso(saved.updated_at)! };
  });
}

/** Số, ngày, người ký, nơi nhận of a draft. */
export async function saveDocument(db: Db, actor: Actor, id: number, body: unknown, communeId?: number) {
  const input = parse(saveDocumentRequest, body);
  return asActor(db, actor, async (tx) => {
    const row = await draftRow(tx, actor, id, communeId);
    if (input.source === "accepted" && Number(row.commune_id) !== Number(row.province_id))
      throw notProvince();
    checkPlanFields(row.kind, input.document);
    const before = await savedReport(tx, row);
    await tx
      .updateTable("reports")
      .set({ document: JSON.stringify(input.document), ...(input.source ? { source: input.source } : {}) })
      .where("commune_id", "=", row.commune_id)
      .where("id", "=", row.id)
      .execute();
    return audited(tx, actor, "document", row, before);
  });
}

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

/** A new draft version of a returned or accepted report, with the same texts and document fields. */
export async function reviseReport(db: Db, actor: Actor, id: number, communeId?: number) {
  return asActor(db, actor, async (tx) => {
    const row = await reportRow(tx, actor, id, true, communeId);
    await requireOnUnit(tx, actor, "report.prepare", row.commune_id);
    if (row.status !== "returned" && row.status !== "accepted")
      throw new AppError(
        "conflict",
        row.status === "draft"
          ? "Báo cáo đang soạn: sửa trực tiếp, chưa cần phiên bản mới"
          : "Báo cáo đang chờ cấp trên xem: chỉ lập phiên bản mới khi bị trả lại hoặc đã được tiếp nhận",
      );
    const newer = await tx
      .selectFrom("reports")
      .select("id")
      .where("commune_id", "=", row.commune_id)
      .where("previous_id", "=", row.id)
      .executeTakeFirst();
    if (newer) throw new AppError("conflict", `Đã có phiên bản mới của báo cáo này (báo cáo số ${newer.id})`);
    const { id: _id, ...rest } = row;
    const draft = await tx
      .insertInto("reports")
      .values({
        commune_id: rest.commune_id,
        province_id: rest.province_id,
        template_id: rest.template_id,
        level: rest.level,
        kind: rest.kind,
        period_from: rest.period_from,
        period_to: rest.period_to,
        version: row.version + 1,
        previous_id: row.id,
        document: JSON.stringify(row.document),
        source: row.source,
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const sections = await sectionRows(tx, row);
    if (sections.length > 0)
      await tx
        .insertInto("report_sections")
        .values(
          sections.map((s) => ({ commune_id: s.commune_id, report_id: draft.id, key: s.key, body: s.body })),
        )
        .execute();
    return audited(tx, actor, "revise", draft);
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
