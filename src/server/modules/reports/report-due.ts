/**
 * The due date of the receiving level's status table (docs/REPORTS.md, "Tình hình nộp"): the `due` parameter when
 * given, else the deadlines calendar's date (docs/DEADLINES.md) for the report's kind, level and data year (the
 * year the period ends in) as it applies to the receiving province (its own date first, else the national one),
 * else the period's last day. The answer says which.
 */
import type { DeadlineKey, DeadlineLevel } from "../../../shared/deadlines";
import { viDay } from "../../../shared/deadlines";
import type { StatusDue } from "../../../shared/report-submissions";
import type { ReportKind, ReportLevel } from "../../../shared/reports";
import type { Db } from "../../db/connection";
import { effectiveFor, provinceOf } from "../deadlines/calendar";

/** The calendar's deadline for a report kind: the annual report and the learning week's report have one. */
const kindKeys: Partial<Record<ReportKind, DeadlineKey>> = { year: "annual_report", week: "learning_week" };

export async function statusDue(
  tx: Db,
  q: { unitId?: number; level: ReportLevel; kind: ReportKind; to: string; due?: string },
): Promise<StatusDue> {
  if (q.due)
    return { date: q.due, source: "param", deadlineId: null, text: `Hạn do người xem nhập: ${viDay(q.due)}` };
  const key = kindKeys[q.kind];
  // A province's table holds its communes (or their Hội); the nation's holds the provinces.
  const level: DeadlineLevel = q.unitId === undefined ? "province" : q.level;
  const province = q.unitId === undefined ? null : await provinceOf(tx, q.unitId);
  const found = key ? await effectiveFor(tx, province, key, level, Number(q.to.slice(0, 4))) : null;
  if (!found)
    return {
      date: q.to,
      source: "period_end",
      deadlineId: null,
      text: `Ngày cuối kỳ báo cáo: ${viDay(q.to)} (lịch hạn không có hạn cho loại báo cáo này)`,
    };
  const where =
    found.source === "province" ? `Hạn riêng của ${found.owner?.name ?? "tỉnh"}` : "Hạn chung toàn quốc";
  const basis = found.legalBasis ? `, ${found.legalBasis}` : "";
  return {
    date: found.due,
    source: found.source,
    deadlineId: found.id,
    text: `${where}: ${viDay(found.due)} (lịch hạn "${found.label}"${basis})`,
  };
}
