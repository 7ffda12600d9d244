/**
 * The Hội's figures as CSV and .xlsx: one row per child unit, the unit's own row when something is counted on it
 * (or on units no longer in force), and the total row; the columns are memberMetrics (shared/association-stats.ts).
 * CSV as docs/IMPORT.md says (UTF-8 with BOM, ";", CRLF, decimal comma); the workbook is streamed by writeXlsx.
 */
import { type MemberFigures, memberMetrics } from "../../../shared/association-stats";
import { writeCsv } from "../../lib/csv";
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { formatRate } from "../stats/metrics";
import { ownRowLabel, totalRowLabel, unitHeading } from "../stats/stats.export";
import type { MemberRollup } from "./stats.service";

export const memberReportTitle = "Biểu thống kê tổ chức Hội Khuyến học";

type Row = { label: string; numbered: boolean; figures: MemberFigures };

function reportRows(result: MemberRollup): Row[] {
  if (!result.children.length) return [{ label: result.unit.name, numbered: true, figures: result.figures }];
  const rows: Row[] = result.children.map((c) => ({
    label: c.unit.name,
    numbered: true,
    figures: c.figures,
  }));
  if (result.own) rows.push({ label: ownRowLabel(result.unit), numbered: false, figures: result.own });
  return rows;
}

const cells = (f: MemberFigures, rate: (value: number | null) => XlsxCell | string) =>
  memberMetrics.map((m) => (m.kind === "rate" ? rate(f[m.key]) : f[m.key]));

export function memberCsv(result: MemberRollup): string {
  const rows = reportRows(result);
  return writeCsv([
    [unitHeading, ...memberMetrics.map((m) => m.label.vi)],
    ...rows.map((r) => [r.label, ...cells(r.figures, formatRate)]),
    [totalRowLabel, ...cells(result.figures, formatRate)],
  ]);
}

export function memberSheet(result: MemberRollup): { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> } {
  const columns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: unitHeading, kind: "text", width: 32 },
    ...memberMetrics.map((m) => ({ header: m.label.vi, kind: m.kind, width: m.kind === "rate" ? 13 : 11 })),
  ];
  const [year, month, day] = result.date.split("-");
  function* rows(): Iterable<XlsxCell[]> {
    let index = 0;
    for (const row of reportRows(result))
      yield [row.numbered ? ++index : null, row.label, ...cells(row.figures, (v) => v)];
    yield [null, totalRowLabel, ...cells(result.figures, (v) => v)];
  }
  return {
    sheet: {
      name: `${result.unit.code} ${result.year}`,
      titleLines: [
        memberReportTitle.toUpperCase(),
        `${unitHeading}: ${result.unit.name} (mã ${result.unit.code}) · Năm ${result.year}`,
        `Số liệu đến ngày ${day}/${month}/${year}`,
      ],
      columns,
      landscape: true,
    },
    rows: rows(),
  };
}

export const memberFileName = (result: MemberRollup, extension: string) =>
  `hoi-khuyen-hoc-${result.unit.code}-${result.year}.${extension}`;
