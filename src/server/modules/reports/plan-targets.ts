/**
 * A plan's targets (issue 11, item 3; docs/REPORTS.md, "Chỉ tiêu của kế hoạch"). The officer enters them in the
 * plan's document fields (`document.planTargets`, validated with the draft); the .docx shows them as a table in the
 * plan's "Mục tiêu, chỉ tiêu" part. Issuing (submitting) a version makes them the unit's local targets through the
 * targets service (its checks, row-level security and audit), with the version as their basis (số, ngày, cơ quan);
 * the targets of the plan's earlier versions that the new one no longer carries are deleted, the others replaced.
 */
import { planMetric } from "../../../shared/plan-targets";
import type { ReportKind } from "../../../shared/reports";
import { subjectLabels, targetSubjects } from "../../../shared/stats";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { Nd30Block } from "../../documents/nd30.docx";
import { AppError, forbidden } from "../../errors";
import { createTarget, deleteTarget, metricLabels, updateTarget } from "../stats/targets.service";
import { canOnUnit } from "../territory/territory.repo";
import { rate } from "./blocks/format";
import type { DocumentFields } from "./reports.document";
import type { ReportSnapshot } from "./snapshot";
import type { ReportRow } from "./submissions.repo";

/** Only a plan carries targets (422 on the field otherwise). */
export function checkPlanFields(kind: ReportKind, fields: DocumentFields) {
  if (kind !== "plan" && (fields.planTargets?.length ?? 0) > 0)
    throw new AppError("validation", "Chỉ kế hoạch mới có bảng chỉ tiêu (document.planTargets)", {
      fields: { "document.planTargets": "Báo cáo không có chỉ tiêu; chỉ tiêu nằm trong kế hoạch" },
    });
}

/**
 * Issuing a plan that carries targets sets the unit's local targets, which are its administrators' (as
 * POST /targets): checked before anything is computed, so the officer learns who may issue it.
 */
export async function requirePlanIssuer(
  tx: Db,
  actor: Actor,
  report: { kind: ReportKind; unitId: number; unitName: string; document: DocumentFields },
) {
  if (report.kind !== "plan" || (report.document.planTargets?.length ?? 0) === 0) return;
  if (!(await canOnUnit(tx, actor, "admin", report.unitId)))
    throw forbidden(
      `Kế hoạch có bảng chỉ tiêu: khi ban hành, chỉ tiêu thành chỉ tiêu riêng của ${report.unitName} trong thống kê, ` +
        "việc của Quản trị đơn vị (của đơn vị hoặc cấp trên) hoặc Quản trị hệ thống",
    );
}

/** The plan's targets in the document's order: by title as the statistics list them, then year. */
function ordered(fields: DocumentFields) {
  return [...(fields.planTargets ?? [])].sort(
    (a, b) => targetSubjects.indexOf(a.title) - targetSubjects.indexOf(b.title) || a.year - b.year,
  );
}

/** The section the targets table goes into: "chi_tieu", else one whose heading names the targets, else the last. */
export function targetsSection(sections: { key: string; heading: string }[]): string | undefined {
  return (
    sections.find((s) => s.key === "chi_tieu") ??
    sections.find((s) => /CHỈ TIÊU/i.test(s.heading)) ??
    sections[sections.length - 1]
  )?.key;
}

/** The .docx table of a plan's targets (nothing when it has none). */
export function planTargetBlocks(fields: DocumentFields): Nd30Block[] {
  const list = ordered(fields);
  if (list.length === 0) return [];
  return [
    { kind: "paragraph", text: "Chỉ tiêu của kế hoạch:" },
    {
      kind: "table",
      fontSize: 12,
      columns: [
        { title: "Danh hiệu", width: 5, align: "left" },
        { title: "Chỉ số", width: 3, align: "left" },
        { title: "Năm", width: 1, align: "center" },
        { title: "Chỉ tiêu (%)", width: 2, align: "right" },
      ],
      rows: list.map((t) => ({
        cells: [subjectLabels[t.title], metricLabels[planMetric(t)], String(t.year), rate(t.value)],
      })),
    },
  ];
}

/**
 * Within the submission's transaction: the issued version's targets become the unit's local targets. An existing
 * local target for the same title, metric and year (set by hand or by an earlier version) takes the plan's value
 * and basis; targets of earlier versions of this plan that this one drops are deleted. Each change is audited by
 * the targets service.
 */
export async function issuePlanTargets(tx: Db, actor: Actor, row: ReportRow, snapshot: ReportSnapshot) {
  if (row.kind !== "plan") return;
  const fields = snapshot.inputs.document;
  const unitId = Number(row.commune_id);
  const earlier = await tx
    .selectFrom("target_bases as b")
    .innerJoin("reports as r", (join) =>
      join.onRef("r.commune_id", "=", "b.unit_id").onRef("r.id", "=", "b.report_id"),
    )
    .select("b.id")
    .where("r.commune_id", "=", unitId)
    .where("r.level", "=", row.level)
    .where("r.kind", "=", "plan")
    .where("r.period_from", "=", row.period_from)
    .where("r.period_to", "=", row.period_to)
    .where("r.id", "<>", row.id)
    .execute();
  const earlierBases = new Set(earlier.map((b) => Number(b.id)));
  const existing = await tx
    .selectFrom("targets")
    .select(["id", "title", "metric", "year", "basis_id", "version"])
    .where("unit_id", "=", unitId)
    .where("variant", "=", "standard")
    .execute();
  const isAssociation = snapshot.preview.template.level === "association";
  const basis = {
    number: fields.number?.trim() || `Kế hoạch chưa ghi số, phiên bản ${row.version}`,
    signedOn: fields.date ?? null,
    issuer: `${isAssociation ? "Hội Khuyến học" : "UBND"} ${snapshot.unit.name}`,
    name: `Kế hoạch ${snapshot.preview.summary}`,
    reportId: Number(row.id),
  };
  const kept = new Set<number>();
  for (const t of ordered(fields)) {
    const metric = planMetric(t);
    const found = existing.find(
      (e) => e.title === t.title && e.metric === metric && Number(e.year) === t.year,
    );
    if (found) {
      kept.add(Number(found.id));
      await updateTarget(tx, actor, Number(found.id), {
        value: t.value,
        basis,
        version: Number(found.version),
      });
    } else
      await createTarget(tx, actor, { unitId, title: t.title, metric, year: t.year, value: t.value, basis });
  }
  for (const e of existing)
    if (earlierBases.has(Number(e.basis_id)) && !kept.has(Number(e.id)))
      await deleteTarget(tx, actor, Number(e.id));
}
