/**
 * The children of the unit ranked by a metric in a horizontal bar chart (best at the top), with the target as a
 * line when there is one. Clicking a bar opens that child. A long list scrolls inside its box.
 */
import { Flex, Segmented, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import type { ChildRow, TitleRollup } from "../../api/stats";
import { useLang, useT } from "../../i18n/messages";
import { EChart } from "./EChart";
import { estimateOf, formatMetric, isRate, type MetricKey, metricLabel, targetsFor } from "./format";

export const rankKeys = ["recognizedRate", "registeredRate", "recognized"] as const;
export type RankKey = (typeof rankKeys)[number];

const ROW_HEIGHT = 26;

/** Children in rank order: highest first, units without a value (no total) last, ties by name. */
export function ranked(children: ChildRow[], key: MetricKey): ChildRow[] {
  return [...children].sort((a, b) => {
    const x = a.figures[key];
    const y = b.figures[key];
    if (x === null && y === null) return a.unit.name.localeCompare(b.unit.name, "vi");
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x || a.unit.name.localeCompare(b.unit.name, "vi");
  });
}

type Props = {
  table: TitleRollup;
  rankBy: RankKey;
  onRankBy: (key: RankKey) => void;
  onOpen: (unitId: number) => void;
};

export function ChildrenChart({ table, rankBy, onRankBy, onOpen }: Props) {
  const t = useT();
  const { lang } = useLang();
  const rows = useMemo(() => ranked(table.children, rankBy), [table.children, rankBy]);
  const targets = useMemo(() => (isRate(rankBy) ? targetsFor(table, rankBy) : []), [table, rankBy]);

  const option = useMemo<EChartsCoreOption>(() => {
    // A category axis runs bottom-up: reverse so that the best unit is on top.
    const shown = [...rows].reverse();
    return {
      animation: false,
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number }) => {
          const row = shown[p.dataIndex];
          if (!row) return "";
          const estimate = estimateOf(row).estimated ? ` (${t("stats.estimated")})` : "";
          return `${row.unit.name}${estimate}<br/>${t(metricLabel(rankBy))}: ${formatMetric(rankBy, row.figures, lang)}`;
        },
      },
      xAxis: {
        type: "value",
        max: isRate(rankBy) ? 100 : undefined,
        axisLabel: { fontSize: 10 },
      },
      yAxis: {
        type: "category",
        data: shown.map((row) => row.unit.name),
        axisLabel: { width: 110, overflow: "truncate", fontSize: 11, interval: 0 },
        axisTick: { show: false },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 18,
          cursor: "pointer",
          data: shown.map((row) => ({
            value: row.figures[rankBy],
            itemStyle: {
              color: estimateOf(row).estimated ? "#f0a35e" : "#b5131a",
              opacity: estimateOf(row).estimated ? 0.75 : 1,
            },
          })),
          label: {
            show: true,
            position: "right",
            fontSize: 10,
            formatter: (p: { dataIndex: number }) => {
              const row = shown[p.dataIndex];
              return row ? formatMetric(rankBy, row.figures, lang) : "";
            },
          },
          markLine: targets.length
            ? {
                symbol: "none",
                silent: true,
                label: { formatter: "{c}%", fontSize: 10 },
                lineStyle: { type: "dashed", color: "#1677ff" },
                data: targets.map((target) => ({ xAxis: target.value })),
              }
            : undefined,
        },
      ],
    };
  }, [rows, rankBy, targets, t, lang]);

  const height = Math.max(140, rows.length * ROW_HEIGHT + 40);
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text strong>{t("stats.chartTitle", { metric: t(metricLabel(rankBy)) })}</Typography.Text>
        <Segmented<RankKey>
          size="small"
          value={rankBy}
          onChange={onRankBy}
          options={rankKeys.map((key) => ({ value: key, label: t(metricLabel(key)) }))}
          data-testid="rank-by"
          style={{ maxWidth: "100%", overflowX: "auto" }}
        />
      </Flex>
      <div style={{ maxHeight: 480, overflowY: "auto", overflowX: "hidden" }}>
        <EChart
          option={option}
          height={height}
          onClick={({ dataIndex }) => {
            const row = [...rows].reverse()[dataIndex];
            if (row) onOpen(row.unit.id);
          }}
          testId="children-chart"
          ariaLabel={t("stats.chartTitle", { metric: t(metricLabel(rankBy)) })}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("stats.drillHint")}
      </Typography.Text>
    </Flex>
  );
}
