/**
 * A report generated from live data: the template's sections, the officer's narrative texts and the live blocks
 * computed for the unit and period (POST /units/{id}/reports/preview), and the same as a .docx in the NĐ 30 layout
 * or a PDF. Nothing is stored here: saved drafts are submissions.service.ts, their submission submit.service.ts
 * (docs/REPORTS.md).
 */
import {
  type PreviewRequest,
  previewRequest,
  type ReportPreview,
  type ReportTemplate,
} from "../../../shared/reports";
import { requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { formatDmy } from "../../documents/nd30.docx";
import { AppError } from "../../errors";
import { validationError } from "../../http/context";
import { today } from "../territory/dates";
import { listAncestors, readableUnitRow } from "../territory/territory.repo";
import { acceptedBlocks, acceptedFigures, loadAccepted } from "./accepted-source";
import { type BlockContext, type Period, runBlock } from "./blocks";
import type { DocumentFields } from "./reports.document";
import { liveFigures, type SnapshotFigures } from "./snapshot-figures";
import { loadTemplate } from "./templates.service";

/** At most this many calendar years in one report (a tổng kết 2021–2030 is ten). */
const maxYears = 10;

function invalid(field: string, message: string): AppError {
  return new AppError("validation", `${message} (${field})`, { fields: { [field]: message } });
}

/** The period's years, checked: whole days, not reversed, at most ten years, from 2000 to next year. */
export function periodOf(from: string, to: string): Period {
  if (from > to) throw invalid("period.from", "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc");
  const first = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  if (first < 2000) throw invalid("period.from", "Kỳ báo cáo bắt đầu từ năm 2000 trở đi");
  const nextYear = Number(today().slice(0, 4)) + 1;
  if (lastYear > nextYear) throw invalid("period.to", `Kỳ báo cáo kết thúc muộn nhất năm ${nextYear}`);
  if (lastYear - first + 1 > maxYears) throw invalid("period.to", `Kỳ báo cáo dài tối đa ${maxYears} năm`);
  const years: number[] = [];
  for (let y = first; y <= lastYear; y++) years.push(y);
  return { from, to, years, wholeYears: from.endsWith("-01-01") && to.endsWith("-12-31") };
}

/** "năm 2025", "6 tháng đầu năm 2025", "giai đoạn 2021 - 2025", "từ ngày 01/10/2025 đến ngày 07/10/2025". */
export function periodLabel(period: Period): string {
  const [first, last] = [period.years[0]!, period.years[period.years.length - 1]!];
  if (period.wholeYears) return first === last ? `năm ${first}` : `giai đoạn ${first} - ${last}`;
  if (first === last && period.from.endsWith("-01-01") && period.to.endsWith("-06-30"))
    return `6 tháng đầu năm ${first}`;
  return `từ ngày ${formatDmy(period.from)} đến ngày ${formatDmy(period.to)}`;
}

/** Which units a template's level serves: a commune's, a province's, or the Hội at either. */
const levelServes: Record<ReportTemplate["level"], readonly string[]> = {
  commune: ["commune"],
  province: ["province"],
  association: ["commune", "province"],
};
const levelNames: Record<ReportTemplate["level"], string> = {
  commune: "xã, phường",
  province: "tỉnh, thành phố",
  association: "Hội Khuyến học cấp xã hoặc cấp tỉnh",
};

export type ReportUnit = { id: number; name: string; level: string; inForce: boolean; provinceName: string };

/** The unit (read scope and the capability to prepare reports), its province and the template, checked together. */
export async function reportFrame(tx: Db, actor: Actor, unitId: number, templateId: number) {
  const row = await readableUnitRow(tx, actor, unitId);
  await requireOnUnit(tx, actor, "report.prepare", unitId);
  // The province above the unit; a province names itself below (listAncestors leaves the unit out).
  const province = (await listAncestors(tx, unitId)).find((a) => a.level === "province");
  const template = await loadTemplate(tx, templateId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found")
      throw invalid("templateId", "Không tìm thấy mẫu báo cáo");
    throw error;
  });
  // A unit's own template serves the units below it (a province's for its communes), not a neighbour's.
  if (template.ownerUnitId !== null) {
    const below = await tx
      .selectFrom("admin_unit_paths")
      .select("descendant_id")
      .where("ancestor_id", "=", template.ownerUnitId)
      .where("descendant_id", "=", unitId)
      .executeTakeFirst();
    if (!below) throw invalid("templateId", `Mẫu "${template.name}" là mẫu riêng của đơn vị khác`);
  }
  if (!levelServes[template.level].includes(row.level))
    throw invalid(
      "templateId",
      `Mẫu "${template.name}" dành cho ${levelNames[template.level]}, không dùng cho ${row.name}`,
    );
  const unit: ReportUnit = {
    id: row.id,
    name: row.name,
    level: row.level,
    inForce: row.valid_to === null || String(row.valid_to) > today(),
    provinceName: province?.name ?? row.name,
  };
  return { unit, template };
}

/** The report with its live blocks computed (no write). */
export async function previewReport(
  db: Db,
  actor: Actor,
  unitId: number,
  body: PreviewRequest | unknown,
): Promise<ReportPreview & { unitInfo: ReportUnit; fields: DocumentFields }> {
  const { figures: _figures, ...report } = await buildReport(db, actor, unitId, body);
  return report;
}

/**
 * The report and, for its snapshot, the numbers behind its title figures (snapshot-figures.ts), both from the
 * same source: the live statistics, or for a province the accepted commune reports (accepted-source.ts).
 */
export async function buildReport(
  db: Db,
  actor: Actor,
  unitId: number,
  body: PreviewRequest | unknown,
): Promise<
  ReportPreview & { unitInfo: ReportUnit; fields: DocumentFields; figures: () => Promise<SnapshotFigures> }
> {
  const parsed = previewRequest.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const period = periodOf(input.period.from, input.period.to);
  const { unit, template } = await asActor(db, actor, (tx) =>
    reportFrame(tx, actor, unitId, input.templateId),
  );
  const keys = new Set(template.outline.sections.map((s) => s.key));
  const unknown = Object.keys(input.narratives).find((key) => !keys.has(key));
  if (unknown !== undefined) throw invalid(`narratives.${unknown}`, `Mẫu báo cáo không có mục "${unknown}"`);
  const ctx: BlockContext = { db, actor, unit, level: template.level, period };
  const accepted = input.source === "accepted" ? await loadAccepted(ctx, template.kind) : null;
  const registry = accepted ? acceptedBlocks(accepted) : undefined;
  const sections: ReportPreview["sections"] = [];
  // One block after another: each reads in its own transaction, and the embedded database has one connection.
  for (const section of template.outline.sections) {
    const computed = [];
    for (const ref of section.blocks) computed.push(await runBlock(ctx, ref, registry));
    sections.push({
      key: section.key,
      heading: section.heading,
      prompt: section.prompt,
      required: section.required,
      narrative: input.narratives[section.key] ?? "",
      blocks: computed,
    });
  }
  return {
    template,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    period: { from: period.from, to: period.to, label: periodLabel(period), years: period.years },
    typeName: template.kind === "plan" ? "KẾ HOẠCH" : "BÁO CÁO",
    summary: `${template.outline.subject} ${periodLabel(period)}`,
    sections,
    unitInfo: unit,
    fields: input.document,
    figures: async () => (accepted ? acceptedFigures(ctx, accepted) : liveFigures(ctx)),
  };
}
