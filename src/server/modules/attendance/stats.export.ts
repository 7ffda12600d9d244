/**
 * The centres' figures as CSV and .xlsx ("Biểu thống kê trung tâm học tập cộng đồng"): one row per child unit, the
 * unit's own row when something is counted on it, the total row. Columns: the metrics of centreMetrics, then the
 * activities by kind and by topic. CSV as docs/IMPORT.md says; the workbook is streamed by writeXlsx.
 */
import {
  activityKindLabels,
  activityKinds,
  type CentreCounts,
  type CentreRollup,
  centreMetrics,
  centreValue,
  topicLabels,
  topics,
} from "../../../shared/centre-stats";
import { writeCsv } from "../../lib/csv";
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { ownRowLabel, totalRowLabel, unitHeading } from "../stats/stats.export";

export const centreReportTitle = "Biểu thống kê trung tâm học tập cộng đồng";

const columns: {
  group: string;
  label: string;
  kind?: "rate";
  of: (f: CentreCounts) => number | null;
}[] = [
  ...centreMetrics.map((m) => ({
    group: "Tổng hợp",
    label: m.label.vi,
    ...(m.kind === "rate" ? { kind: "rate" as const } : {}),
    of: (f: CentreCounts) => centreValue(f, m.key),
  })),
  ...activityKinds.map((k) => ({
    group: "Theo hình thức",
    label: activityKindLabels[k].vi,
    of: (f: CentreCounts) => f.byKind[k],
  })),
  ...topics.map((t) => ({
    group: "Theo chủ đề",
    label: topicLabels[t].vi,
    of: (f: CentreCounts) => f.byTopic[t],
  })),
];

function reportRows(result: CentreRollup) {
  const rows = result.children.map((c) => ({ label: c.unit.name, numbered: true, figures: c.figures }));
  if (result.own) rows.push({ label: ownRowLabel(result.unit), numbered: false, figures: result.own });
  if (!rows.length) rows.push({ label: result.unit.name, numbered: true, figures: result.figures });
  return rows;
}

const values = (f: CentreCounts) => columns.map((c) => c.of(f));
/** In the CSV, a rate with a decimal comma (empty when there is none). */
const csvValues = (f: CentreCounts) =>
  columns.map((c) => {
    const value = c.of(f);
    return c.kind === "rate" && value !== null ? String(value).replace(".", ",") : value;
  });

export function centreCsv(result: CentreRollup): string {
  return writeCsv([
    [unitHeading, ...columns.map((c) => (c.group === "Tổng hợp" ? c.label : `${c.group}: ${c.label}`))],
    ...reportRows(result).map((r) => [r.label, ...csvValues(r.figures)]),
    [totalRowLabel, ...csvValues(result.figures)],
  ]);
}

export function centreSheet(result: CentreRollup): { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> } {
  const sheetColumns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: unitHeading, kind: "text", width: 32 },
    ...columns.map((c) => ({
      header: c.label,
      group: c.group,
      kind: c.kind ?? ("count" as const),
      width: 10,
    })),
  ];
  const [year, month, day] = result.date.split("-");
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
        centreReportTitle.toUpperCase(),
        `${unitHeading}: ${result.unit.name} (mã ${result.unit.code}) · Năm ${result.year}`,
        `Hoạt động, buổi học, lượt người trong năm; trung tâm đang hoạt động đến ngày ${day}/${month}/${year}`,
      ],
      columns: sheetColumns,
      landscape: true,
    },
    rows: rows(),
  };
}

export const centreFileName = (result: CentreRollup, extension: string) =>
  `trung-tam-hoc-tap-${result.unit.code}-${result.year}.${extension}`;
