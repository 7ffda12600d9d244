/** The children of the unit with their figures and a total row; clicking a row (or its name) opens that child. */
import { Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { ChildRow, TitleRollup } from "../../api/stats";
import { useLang, useT } from "../../i18n/messages";
import { paths } from "../../router";
import { useCompact } from "../useCompact";
import { estimateOf, formatMetric, isRate, type MetricKey, metricKeys, metricLabel } from "./format";

type Props = { table: TitleRollup; rankBy: MetricKey; onOpen: (unitId: number) => void };

/** The dashboard's address for another unit, the other choices (year, title, boundaries) kept. */
function unitHref(unitId: number): string {
  const params = new URLSearchParams(window.location.search);
  params.set("unit", String(unitId));
  return `${paths.stats}?${params.toString()}`;
}

export function ChildrenTable({ table, rankBy, onOpen }: Props) {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  // On a phone: the name and the count and rate of the ranking (the chart and the cards show the rest).
  const shown: readonly MetricKey[] = !compact
    ? metricKeys
    : rankBy === "registeredRate" || rankBy === "registered"
      ? ["registered", "registeredRate"]
      : ["recognized", "recognizedRate"];

  const columns: ColumnsType<ChildRow> = [
    {
      key: "unit",
      title: t("stats.unitColumn"),
      render: (_, row) => {
        const { estimated, note } = estimateOf(row);
        return (
          <>
            <Typography.Link
              data-testid="child-link"
              // A real link (keyboard, new tab); a plain click stays in the page.
              href={unitHref(row.unit.id)}
              onClick={(event) => {
                event.preventDefault();
                event.stopPropagation();
                onOpen(row.unit.id);
              }}
            >
              {row.unit.name}
            </Typography.Link>
            {estimated && (
              <Tooltip title={note}>
                <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="estimated-tag">
                  {t("stats.estimated")}
                </Tag>
              </Tooltip>
            )}
          </>
        );
      },
    },
    ...shown.map((key) => ({
      key,
      title: t(metricLabel(key)),
      align: "right" as const,
      width: isRate(key) ? 110 : 90,
      render: (_: unknown, row: ChildRow) => formatMetric(key, row.figures, lang),
    })),
  ];

  return (
    <Table<ChildRow>
      size="small"
      rowKey={(row) => row.unit.id}
      columns={columns}
      dataSource={table.children}
      pagination={table.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      onRow={(row) => ({ onClick: () => onOpen(row.unit.id), style: { cursor: "pointer" } })}
      data-testid="children-table"
      summary={() => (
        <Table.Summary.Row data-testid="children-total">
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t("stats.totalRow")}</Typography.Text>
          </Table.Summary.Cell>
          {shown.map((key, index) => (
            <Table.Summary.Cell key={key} index={index + 1} align="right">
              <Typography.Text strong>{formatMetric(key, table.childrenTotal, lang)}</Typography.Text>
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}
