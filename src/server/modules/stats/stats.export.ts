/**
 * "Biểu thống kê kết quả xây dựng các mô hình học tập": the roll-up of a unit as .xlsx, one row per child unit (the
 * unit itself when it has none) with, for each title, the metrics of metrics.ts (tổng số, đăng ký, đạt and the
 * rates), and a total row. The file is streamed into the response by writeXlsx; the JSON form of the same table is
 * GET /stats/rollup and one title's CSV is GET /stats/rollup.csv.
 */
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { type Figures, metrics } from "./metrics";
import type { Rollup, StatsUnit, TitleRollup } from "./stats.service";

export const reportTitle = "Biểu thống kê kết quả xây dựng các mô hình học tập";
export const unitHeading = "Đơn vị";
export const totalRowLabel = "Tổng cộng";
export const noteHeading = "Ghi chú";
export const estimateLabel = "Ước tính";

const vietnameseDate = (iso: string) => {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
};

/** The rows of one title's table: its children, or the unit itself when it has none. */
export function tableRows(table: TitleRollup, unit: StatsUnit) {
  return table.children.length ? table.children : [{ unit, figures: table.figures }];
}

/** The total row of one title's table (the sum of the rows, rates recomputed from the sums). */
export function tableTotal(table: TitleRollup): Figures {
  return table.children.length ? table.childrenTotal : table.figures;
}

/**
 * The sheet layout and its rows; `rows` is iterated lazily by the streaming writer. Every title of a roll-up lists
 * the same children in the same order, so a row's figures are found by position.
 */
export function rollupSheet(result: Rollup): { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> } {
  const columns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: unitHeading, kind: "text", width: 32 },
    ...result.titles.flatMap((table) =>
      metrics.map((metric) => ({
        header: metric.label,
        kind: metric.kind,
        width: metric.kind === "rate" ? 12 : 11,
        group: table.label,
      })),
    ),
  ];
  const cells = (f: (table: TitleRollup) => Figures) =>
    result.titles.flatMap((table) => metrics.map((metric) => metric.value(f(table))));
  const first = result.titles[0];
  const units = first ? tableRows(first, result.unit).map((row) => row.unit) : [];
  // Figures mapped across a boundary change by an equal split are estimates: a note column names them.
  const noteOf = (index: number) => {
    const notes = new Set<string>();
    for (const table of result.titles) {
      const row = table.children.length ? table.children[index] : table;
      if (row?.estimated) notes.add(row.estimateNote ?? "");
    }
    return notes.size
      ? `${estimateLabel}${[...notes]
          .filter(Boolean)
          .map((n) => `: ${n}`)
          .join("; ")}`
      : null;
  };
  const notes = units.map((_, index) => noteOf(index));
  const withNotes = notes.some((note) => note !== null);
  if (withNotes) columns.push({ header: noteHeading, kind: "text", width: 40 });
  function* rows(): Iterable<XlsxCell[]> {
    for (const [index, unit] of units.entries())
      yield [
        index + 1,
        unit.name,
        ...cells((table) => tableRows(table, result.unit)[index]!.figures),
        ...(withNotes ? [notes[index] ?? null] : []),
      ];
    yield [null, totalRowLabel, ...cells(tableTotal), ...(withNotes ? [null] : [])];
  }
  const boundaryLine =
    result.boundaries === "current"
      ? `Số liệu quy đổi về địa giới hành chính có hiệu lực ngày ${vietnameseDate(result.date)}`
      : `Theo địa giới hành chính có hiệu lực ngày ${vietnameseDate(result.date)}`;
  return {
    sheet: {
      name: `${result.unit.code} ${result.year}`,
      titleLines: [
        reportTitle.toUpperCase(),
        `${unitHeading}: ${result.unit.name} (mã ${result.unit.code}) · Năm ${result.year}`,
        boundaryLine,
      ],
      columns,
    },
    rows: rows(),
  };
}

export const rollupFileName = (result: Rollup, extension: string) =>
  `bieu-thong-ke-${result.unit.code}-${result.year}.${extension}`;
