/**
 * The funds' figures as CSV and .xlsx ("Biểu thống kê quỹ khuyến học"): one row per child unit and the unit's own row
 * when something is counted on it (a province's own funds, former communes), or for a commune one row per fund; the
 * total row. Columns: the metrics of fundMetrics (shared/fund-stats.ts) for all funds, then raised, disbursed,
 * scholarships and balance for each kind of keeper (the Hội, chapters, clans, schools). Money in whole đồng.
 * CSV as docs/IMPORT.md says (UTF-8 with BOM, ";", CRLF); the workbook is streamed by writeXlsx.
 */
import {
  type FundAmounts,
  type FundFigures,
  type FundMetric,
  fundMetrics,
  fundOwnerKinds,
  fundOwnerLabels,
  zeroFundFigures,
} from "../../../shared/fund-stats";
import { writeCsv } from "../../lib/csv";
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { ownRowLabel, totalRowLabel, unitHeading } from "../stats/stats.export";
import type { FundRollup } from "./stats.service";

export const fundReportTitle = "Biểu thống kê quỹ khuyến học";
const fundHeading = "Quỹ";
const allFunds = "Tất cả các quỹ";

type Row = { label: string; numbered: boolean; figures: FundFigures };

/** A single fund's amounts as figures: under its keeper's kind. */
function fundFigures(kind: (typeof fundOwnerKinds)[number], amounts: FundAmounts): FundFigures {
  const figures = { ...zeroFundFigures(), ...amounts };
  figures.byOwnerKind[kind] = { ...amounts };
  return figures;
}

function reportRows(result: FundRollup): { heading: string; rows: Row[] } {
  if (result.children.length || result.own) {
    const rows: Row[] = result.children.map((c) => ({
      label: c.unit.name,
      numbered: true,
      figures: c.figures,
    }));
    if (result.own) rows.push({ label: ownRowLabel(result.unit), numbered: false, figures: result.own });
    return { heading: unitHeading, rows };
  }
  if (result.funds.length)
    return {
      heading: fundHeading,
      rows: result.funds.map((f) => ({
        label: `${f.fund.name} (${f.fund.ownerName})`,
        numbered: true,
        figures: fundFigures(f.fund.ownerKind, f.figures),
      })),
    };
  return {
    heading: unitHeading,
    rows: [{ label: result.unit.name, numbered: true, figures: result.figures }],
  };
}

/** The metrics repeated for each kind of keeper (the in-kind share is given for all funds only). */
const kindMetrics = fundMetrics.filter((m) => m.key !== "raisedInKind");
const columns: { group: string; metric: FundMetric; of: (f: FundFigures) => FundAmounts }[] = [
  ...fundMetrics.map((metric) => ({ group: allFunds, metric, of: (f: FundFigures) => f })),
  ...fundOwnerKinds.flatMap((kind) =>
    kindMetrics.map((metric) => ({
      group: fundOwnerLabels[kind].vi,
      metric,
      of: (f: FundFigures) => f.byOwnerKind[kind],
    })),
  ),
];

/** A sum of đồng as a spreadsheet number while it is exact (below 2^53), else as its digits. */
const moneyCell = (digits: string): XlsxCell => {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
};

const values = (f: FundFigures) => columns.map((c) => c.of(f)[c.metric.key]);

export function fundCsv(result: FundRollup): string {
  const { heading, rows } = reportRows(result);
  return writeCsv([
    [
      heading,
      ...columns.map((c) => (c.group === allFunds ? c.metric.label.vi : `${c.group}: ${c.metric.label.vi}`)),
    ],
    ...rows.map((r) => [r.label, ...values(r.figures)]),
    [totalRowLabel, ...values(result.figures)],
  ]);
}

export function fundSheet(result: FundRollup): { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> } {
  const { heading, rows: reportRowsList } = reportRows(result);
  const sheetColumns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: heading, kind: "text", width: 32 },
    ...columns.map((c) => ({
      header: c.metric.label.vi,
      group: c.group,
      kind: "count" as const,
      width: c.metric.kind === "money" ? 15 : 9,
    })),
  ];
  const cells = (f: FundFigures) => values(f).map((v) => (typeof v === "number" ? v : moneyCell(v)));
  const [year, month, day] = result.date.split("-");
  function* rows(): Iterable<XlsxCell[]> {
    let index = 0;
    for (const row of reportRowsList) yield [row.numbered ? ++index : null, row.label, ...cells(row.figures)];
    yield [null, totalRowLabel, ...cells(result.figures)];
  }
  return {
    sheet: {
      name: `${result.unit.code} ${result.year}`,
      titleLines: [
        fundReportTitle.toUpperCase(),
        `${unitHeading}: ${result.unit.name} (mã ${result.unit.code}) · Năm ${result.year}`,
        `Thu, chi, học bổng trong năm; tồn quỹ đến ngày ${day}/${month}/${year}. Đơn vị tính: đồng`,
      ],
      columns: sheetColumns,
      landscape: true,
    },
    rows: rows(),
  };
}

export const fundFileName = (result: FundRollup, extension: string) =>
  `quy-khuyen-hoc-${result.unit.code}-${result.year}.${extension}`;
