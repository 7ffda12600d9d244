/**
 * A small React wrapper of ECharts: the library is imported on first use (its own chunk), the chart follows the
 * size of its container (ResizeObserver) and reports clicks on data items.
 */
import { Alert, Spin } from "antd";
import type { EChartsCoreOption, EChartsType } from "echarts/core";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/messages";

export type ChartClick = { dataIndex: number; seriesIndex: number; name: string };

type Props = {
  option: EChartsCoreOption;
  height: number;
  onClick?: (item: ChartClick) => void;
  testId?: string;
  ariaLabel: string;
  style?: CSSProperties;
};

export function EChart({ option, height, onClick, testId, ariaLabel, style }: Props) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let observer: ResizeObserver | null = null;
    import("./echarts").then(
      ({ echarts }) => {
        const element = container.current;
        if (!live || !element) return;
        const instance = echarts.init(element, undefined, { renderer: "svg" });
        instance.on("click", (params) => {
          const p = params as { dataIndex?: number; seriesIndex?: number; name?: string };
          if (typeof p.dataIndex === "number")
            clickRef.current?.({
              dataIndex: p.dataIndex,
              seriesIndex: p.seriesIndex ?? 0,
              name: p.name ?? "",
            });
        });
        chart.current = instance;
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(element);
        setReady(true);
      },
      (err: unknown) => {
        if (live) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  if (error) return <Alert type="error" showIcon title={t("stats.chartError", { message: error })} />;
  return (
    <Spin spinning={!ready}>
      <div
        ref={container}
        role="img"
        aria-label={ariaLabel}
        data-testid={testId}
        style={{ width: "100%", height, ...style }}
      />
    </Spin>
  );
}
