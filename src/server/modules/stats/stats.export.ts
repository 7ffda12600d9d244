/**
 * "Biểu thống kê kết quả xây dựng các mô hình học tập": the roll-up of a unit as .xlsx, one row per child unit (the
 * unit itself when it has none) with, for each title, the metrics of metrics.ts (tổng số, đăng ký, đạt and the
 * rates), and a total row. The file is streamed into the response by writeXlsx; the JSON form of the same table is
 * GET /stats/rollup and one title's CSV is GET /stats/rollup.csv (rollupCsv below).
 *
 * What is counted at the unit itself rather than in a child (a commune's clans, its organisations without a village,
 * its own "Cộng đồng học tập cấp xã") gets a row of its own, "<unit> (cấp xã)", so that the total row is the unit's
 * whole figure and still the sum of the rows above it.
 */
import { writeCsv } from "../../lib/csv";
import type { XlsxCell, XlsxColumn, XlsxSheet } from "../../lib/xlsx-stream";
import { addCounts, type Counts, type Figures, figures, formatRate, metricsFor, zeroCounts } from "./metrics";
import type { Estimate, Rollup, StatsUnit, TitleRollup } from "./stats.service";

export const reportTitle = "Biểu thống kê kết quả xây dựng các mô hình học tập";
export const unitHeading = "Đơn vị";
export const totalRowLabel = "Tổng cộng";
export const noteHeading = "Ghi chú";
export const estimateLabel = "Ước tính";

const vietnameseDate = (iso: string) => {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
};

const countKeys = Object.keys(zeroCounts()) as (keyof Counts)[];

const levelWords: Record<string, string> = { commune: "cấp xã", province: "cấp tỉnh", district: "cấp huyện" };

/** The label of the row of what is counted at the unit itself. */
export const ownRowLabel = (unit: StatsUnit) => `${unit.name} (${levelWords[unit.level] ?? "trực tiếp"})`;

type ReportRow = { unit: StatsUnit; label: string; numbered: boolean; figures: Figures } & Estimate;

/**
 * The rows of one title's table: its children, then (when anything is counted at the unit itself) the unit's own
 * row; or the unit alone when it has no children. `total` is the unit's figure, the sum of the rows.
 */
export function tableRows(table: TitleRollup, unit: StatsUnit): { rows: ReportRow[]; total: Figures } {
  if (!table.children.length)
    return {
      rows: [{ unit, label: unit.name, numbered: true, figures: table.figures, ...estimateOf(table) }],
      total: table.figures,
    };
  const rows: ReportRow[] = table.children.map((child) => ({
    unit: child.unit,
    label: child.unit.name,
    numbered: true,
    figures: child.figures,
    ...estimateOf(child),
  }));
  const own = zeroCounts();
  for (const key of countKeys) own[key] = table.figures[key] - table.childrenTotal[key];
  // Only a whole, non-negative remainder is the unit's own share; anything else keeps the children's sum.
  if (countKeys.some((key) => own[key] > 0) && countKeys.every((key) => own[key] >= 0)) {
    rows.push({
      unit,
      label: ownRowLabel(unit),
      numbered: false,
      figures: figures(own, table.title),
      ...estimateOf(table),
    });
    const total = addCounts(zeroCounts(), table.childrenTotal);
    return { rows, total: figures(addCounts(total, own), table.title) };
  }
  return { rows, total: table.childrenTotal };
}

function estimateOf(row: Estimate): Estimate {
  return row.estimated
    ? { estimated: true, ...(row.estimateNote ? { estimateNote: row.estimateNote } : {}) }
    : {};
}

/** The total row of one title's table (the sum of the rows, rates recomputed from the sums). */
export function tableTotal(table: TitleRollup, unit: StatsUnit): Figures {
  return tableRows(table, unit).total;
}

/**
 * The sheet layout and its rows; `rows` is iterated lazily by the streaming writer. Every title of a roll-up lists
 * the same children in the same order; the unit's own row is there when any title has something at the unit.
 */
export function rollupSheet(result: Rollup): { sheet: XlsxSheet; rows: Iterable<XlsxCell[]> } {
  const columns: XlsxColumn[] = [
    { header: "STT", kind: "text", width: 6 },
    { header: unitHeading, kind: "text", width: 32 },
    ...result.titles.flatMap((table) =>
      metricsFor(table.title).map((metric) => ({
        header: metric.label,
        kind: metric.kind,
        width: metric.kind === "rate" ? 12 : 11,
        group: table.label,
      })),
    ),
  ];
  const tables = result.titles.map((table) => tableRows(table, result.unit));
  const withOwn = tables.some((t) => t.rows.some((row) => !row.numbered));
  const base = tables[0]?.rows.filter((row) => row.numbered) ?? [];
  const rowAt = (t: (typeof tables)[number], index: number): ReportRow | undefined =>
    index < base.length ? t.rows[index] : t.rows.find((row) => !row.numbered);
  const layout = withOwn ? [...base, { label: ownRowLabel(result.unit), numbered: false }] : base;
  // Figures mapped across a boundary change by an equal split are estimates: a note column names them.
  const noteOf = (index: number) => {
    const notes = new Set<string>();
    for (const t of tables) {
      const row = rowAt(t, index);
      if (row?.estimated) notes.add(row.estimateNote ?? "");
    }
    return notes.size
      ? `${estimateLabel}${[...notes]
          .filter(Boolean)
          .map((n) => `: ${n}`)
          .join("; ")}`
      : null;
  };
  const notes = layout.map((_, index) => noteOf(index));
  const withNotes = notes.some((note) => note !== null);
  if (withNotes) columns.push({ header: noteHeading, kind: "text", width: 40 });
  const cellsOf = (f: (t: (typeof tables)[number], table: TitleRollup) => Figures | undefined) =>
    result.titles.flatMap((table, i) => {
      const found = f(tables[i]!, table);
      return metricsFor(table.title).map((metric) => (found ? metric.value(found) : 0));
    });
  function* rows(): Iterable<XlsxCell[]> {
    for (const [index, row] of layout.entries())
      yield [
        row.numbered ? index + 1 : null,
        row.label,
        ...cellsOf((t) => rowAt(t, index)?.figures ?? figures(zeroCounts())),
        ...(withNotes ? [notes[index] ?? null] : []),
      ];
    yield [null, totalRowLabel, ...cellsOf((t) => t.total), ...(withNotes ? [null] : [])];
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
      landscape: true,
    },
    rows: rows(),
  };
}

/**
 * One title's table as CSV: the units, the unit's own row when it has one, and the total row, with the metrics'
 * labels as headings and rates with a decimal comma. Written as docs/IMPORT.md ("CSV") says: UTF-8 with a
 * byte-order mark, ";" between fields, CRLF, text through the formula guard.
 */
export function rollupCsv(table: TitleRollup, unit: StatsUnit): string {
  const { rows, total } = tableRows(table, unit);
  const metrics = metricsFor(table.title);
  const line = (name: string, f: Figures) => [
    name,
    ...metrics.map((m) => {
      const value = m.value(f);
      return m.kind === "rate" ? formatRate(value) : value;
    }),
  ];
  return writeCsv([
    [unitHeading, ...metrics.map((m) => m.label)],
    ...rows.map((r) => line(`${r.label}${r.estimated ? " (ước tính)" : ""}`, r.figures)),
    line(totalRowLabel, total),
  ]);
}

export const rollupFileName = (result: Rollup, extension: string) =>
  `bieu-thong-ke-${result.unit.code}-${result.year}.${extension}`;
