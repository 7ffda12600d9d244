/**
 * The commendations' figures as CSV and .xlsx ("Biểu thống kê khen thưởng"): one row per child unit, the unit's own
 * row when something is counted on it (or on units no longer in force), the total row; for a commune, its own row.
 * Columns: commendationColumns (shared/commendation-stats.ts): in all, collective, individual, then each form and
 * each level (grouped headers in the workbook, "Theo hình thức: …" in the CSV). CSV as docs/IMPORT.md says (UTF-8
 * with BOM, ";", CRLF); the workbook is streamed by writeXlsx.
 */
import {
  type CommendationFigures,
  type CommendationRollup,
  commendationColumns,
} from "../../../shared/commendation-stats";
import { writeCsv } from "../../lib/csv";
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { ownRowLabel, totalRowLabel, unitHeading } from "../stats/stats.export";

export const commendationReportTitle = "Biểu thống kê khen thưởng";

type Row = { label: string; numbered: boolean; figures: CommendationFigures };

function reportRows(result: CommendationRollup): Row[] {
  if (!result.children.length) return [{ label: result.unit.name, numbered: true, figures: result.figures }];
  const rows: Row[] = result.children.map((c) => ({
    label: c.unit.name,
    numbered: true,
    figures: c.figures,
  }));
  if (result.own) rows.push({ label: ownRowLabel(result.unit), numbered: false, figures: result.own });
  return rows;
}

const values = (f: CommendationFigures) => commendationColumns.map((c) => c.value(f));

export function commendationCsv(result: CommendationRollup): string {
  return writeCsv([
    [unitHeading, ...commendationColumns.map((c) => (c.group ? `${c.group.vi}: ${c.label.vi}` : c.label.vi))],
    ...reportRows(result).map((r) => [r.label, ...values(r.figures)]),
    [totalRowLabel, ...values(result.figures)],
  ]);
}

export function commendationSheet(result: CommendationRollup): {
  sheet: XlsxSheet;
  rows: Iterable<XlsxCell[]>;
} {
  const columns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: unitHeading, kind: "text", width: 30 },
    ...commendationColumns.map((c) => ({
      header: c.label.vi,
      group: c.group?.vi,
      kind: "count" as const,
      width: c.group ? 12 : 9,
    })),
  ];
  function* rows(): Iterable<XlsxCell[]> {
    let index = 0;
    for (const row of reportRows(result))
      yield [row.numbered ? ++index : null, row.label, ...values(row.figures)];
    yield [null, totalRowLabel, ...values(result.figures)];
  }
  return {
    sheet: {
      name: `${result.unit.code} ${result.year}`,
      titleLines: [
        commendationReportTitle.toUpperCase(),
        `${unitHeading}: ${result.unit.name} (mã ${result.unit.code}) · Năm ${result.year}`,
        "Khen thưởng tính theo năm được khen, tại xã, phường giữ hồ sơ",
      ],
      columns,
      landscape: true,
    },
    rows: rows(),
  };
}

export const commendationFileName = (result: CommendationRollup, extension: string) =>
  `khen-thuong-${result.unit.code}-${result.year}.${extension}`;
