/**
 * Saved reports (issue 11, items 2 and 4): a unit's draft of a template and period, its sections' texts saved one
 * box at a time (autosave with a row version: a stale save answers 409 with who saved last), and its document
 * fields. A returned or accepted version is revised as a new draft version; the submission that freezes a version
 * is submit.service.ts. Every write is audited in its transaction.
 */
import type { ZodType, z } from "zod";
import {
  createReportRequest,
  type SavedReport,
  saveDocumentRequest,
  saveSectionRequest,
} from "../../../shared/report-submissions";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, notFound } from "../../errors";
import { validationError } from "../../http/context";
import { expectVersion } from "../../lib/concurrency";
import { recordAudit } from "../audit/audit.repo";
import { readableUnitRow } from "../territory/territory.repo";
import { notProvince } from "./accepted-source";
import { checkPlanFields } from "./plan-targets";
import { periodOf, reportFrame } from "./reports.service";
import { audited, iso, reportRow, savedReport, sectionRows } from "./submissions.repo";

export function parse<S extends ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
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
    await readableUnitRow(tx, actor, unitId);
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
