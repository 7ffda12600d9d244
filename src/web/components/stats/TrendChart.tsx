/**
 * The rates of a title over the years (GET /stats/series). Estimated years are drawn as hollow points and named
 * in the tooltip. Nothing is shown while the server does not serve the series.
 */
import { Alert, Card, Empty } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useMemo, useState } from "react";
import type { Title } from "../../../shared/rubric";
import { type Series, type StatsTarget, statsApi } from "../../api/stats";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import { EChart } from "./EChart";
import { formatRate, type RateKey, trendPoints } from "./format";

const rateKeys: RateKey[] = ["recognizedRate", "registeredRate"];
const colors: Record<RateKey, string> = { recognizedRate: "#b5131a", registeredRate: "#1677ff" };
const YEARS = 8;

/** unitId absent: the whole country. */
type Props = { unitId?: number; title: Title; year: number; targets: StatsTarget[] };

export function TrendChart({ unitId, title, year, targets }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [state, setState] = useState<{ key: string; series: Series | null; error?: string } | null>(null);
  const key = `${unitId}-${title}-${year}`;

  useEffect(() => {
    let live = true;
    statsApi.series({ unitId, title, from: year - YEARS + 1, to: year }).then(
      (series) => {
        if (live) setState({ key: `${unitId}-${title}-${year}`, series });
      },
      (err: unknown) => {
        if (live) setState({ key: `${unitId}-${title}-${year}`, series: null, error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, title, year, t]);

  const series = state?.key === key ? state.series : null;
  const option = useMemo<EChartsCoreOption | null>(() => {
    const points = trendPoints(series?.points ?? []);
    if (points.length === 0) return null;
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      tooltip: {
        trigger: "axis",
        formatter: (items: { dataIndex: number; seriesName: string; value: number | null }[]) => {
          const point = points[items[0]?.dataIndex ?? -1];
          if (!point) return "";
          const head = `${point.year}${point.estimated ? ` (${t("stats.estimated")}${point.estimateNote ? `: ${point.estimateNote}` : ""})` : ""}`;
          return [head, ...items.map((item) => `${item.seriesName}: ${formatRate(item.value, lang)}`)].join(
            "<br/>",
          );
        },
      },
      xAxis: { type: "category", data: points.map((p) => String(p.year)) },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { fontSize: 10 } },
      series: rateKeys.map((rate) => {
        const target = targets.find((x) => x.metric === rate);
        return {
          type: "line",
          name: t(`stats.metric.${rate}`),
          color: colors[rate],
          connectNulls: false,
          data: points.map((p) => ({
            value: p.figures[rate],
            symbol: p.estimated ? "emptyCircle" : "circle",
            symbolSize: p.estimated ? 9 : 6,
          })),
          markLine: target
            ? {
                symbol: "none",
                silent: true,
                label: { formatter: "{c}%", fontSize: 10 },
                lineStyle: { type: "dashed", color: colors[rate] },
                data: [{ yAxis: target.value }],
              }
            : undefined,
        };
      }),
    };
  }, [series, targets, t, lang]);

  // Nothing while loading, nor when the server does not serve the series.
  if (state?.key !== key || (!state.series && !state.error)) return null;
  return (
    <Card size="small" title={t("stats.trend")} data-testid="trend-card">
      {state.error && <Alert type="warning" showIcon title={state.error} />}
      {option ? (
        <EChart option={option} height={260} testId="trend-chart" ariaLabel={t("stats.trend")} />
      ) : (
        !state.error && <Empty description={t("stats.trendNone")} />
      )}
    </Card>
  );
}
