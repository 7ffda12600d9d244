/**
 * Khen thưởng on the dashboard (GET /stats/commendations and its series): the year's commendations in all, collective
 * and individual as cards; by form and by level (the forms and levels counted); the ten years as stacked bars
 * (collective, individual); the children's table (a child opens it); the Excel and CSV tables.
 */
import { Alert, Card, Col, Empty, Row, Statistic, Table } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import {
  type CommendationFigures,
  type CommendationRollup,
  type CommendationSeries,
  commendationColumns,
} from "../../../shared/commendation-stats";
import { useLang, useT } from "../../i18n/messages";
import { formLabel, levelLabel } from "../commendations/labels";
import { EChart } from "./EChart";
import { formatCount } from "./format";
import { SectionCard, SectionTable, sectionRows, useSection } from "./section";

type CountRow = { key: string; label: string; count: number };

/** unitId absent: the whole country. */
export function CommendationStats({
  unitId,
  year,
  onOpen,
}: {
  unitId?: number;
  year: number;
  onOpen: (id: number) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const state = useSection<CommendationRollup, CommendationSeries>("commendations", unitId, year);
  const series = state?.series;
  const option = useMemo<EChartsCoreOption | null>(() => {
    const all = series?.points ?? [];
    const first = all.findIndex((p) => p.figures.total > 0);
    if (first < 0) return null;
    const points = all.slice(first);
    const bar = (key: "collective" | "individual", color: string) => ({
      type: "bar",
      stack: "total",
      name: t(`commend.recipient.${key}`),
      color,
      data: points.map((p) => p.figures[key]),
    });
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, itemGap: 6, textStyle: { fontSize: 11 } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map((p) => String(p.year)) },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [bar("collective", "#1677ff"), bar("individual", "#faad14")],
    };
  }, [series, t]);

  if (!state) return null;
  if (state.error)
    return (
      <Card size="small" title={t("commend.stats.title")}>
        <Alert type="warning" showIcon title={state.error} />
      </Card>
    );
  const rollup = state.rollup!;
  const f = rollup.figures;
  const cards = [
    { key: "total", title: t("commend.stats.total"), value: f.total },
    { key: "collective", title: t("commend.recipient.collective"), value: f.collective },
    { key: "individual", title: t("commend.recipient.individual"), value: f.individual },
  ];
  const byForm: CountRow[] = f.byForm
    .filter((x) => x.count > 0)
    .map((x) => ({ key: x.form, label: formLabel(x.form, lang), count: x.count }));
  const byLevel: CountRow[] = f.byLevel
    .filter((x) => x.count > 0)
    .map((x) => ({ key: x.level, label: levelLabel(x.level, lang), count: x.count }));
  // The unit's own row only beside children (a commune's figures are all its own).
  const rows = sectionRows(
    { children: rollup.children, own: rollup.children.length ? rollup.own : null },
    t("commend.stats.own"),
  );
  // The children's columns: in all, by recipient, and the forms counted in the year.
  const columns = commendationColumns
    .filter((c) => !c.group || (c.key.startsWith("form:") && c.value(f) > 0))
    .map((c) => ({
      key: c.key,
      title: c.label[lang],
      render: (figures: CommendationFigures) => formatCount(c.value(figures), lang),
    }));
  const countTable = (title: string, data: CountRow[], testId: string) => (
    <Col xs={24} md={12}>
      <Table<CountRow>
        size="small"
        rowKey="key"
        columns={[
          { key: "label", title, dataIndex: "label" },
          {
            key: "count",
            title: t("commend.stats.count"),
            align: "right",
            width: 90,
            render: (_, row) => formatCount(row.count, lang),
          },
        ]}
        dataSource={data}
        pagination={false}
        data-testid={testId}
      />
    </Col>
  );
  return (
    <SectionCard
      name="commendations"
      title={`${t("commend.stats.title")} · ${rollup.unit.name} · ${rollup.year}`}
      unitId={unitId}
      year={year}
      asOf={t("commend.stats.asOf")}
    >
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={8}>
            <Card size="small" style={{ height: "100%" }} data-testid={`commendations-${c.key}`}>
              <Statistic title={c.title} value={formatCount(c.value, lang)} />
            </Card>
          </Col>
        ))}
      </Row>
      {f.total === 0 ? (
        <Empty description={t("commend.stats.none")} />
      ) : (
        <Row gutter={[12, 12]}>
          {countTable(t("commend.byForm"), byForm, "commendations-by-form")}
          {countTable(t("commend.byLevel"), byLevel, "commendations-by-level")}
        </Row>
      )}
      {option && (
        <EChart
          option={option}
          height={220}
          testId="commendations-series"
          ariaLabel={t("commend.stats.series")}
        />
      )}
      {f.total > 0 && (
        <SectionTable rows={rows} columns={columns} onOpen={onOpen} testId="commendations-children" />
      )}
    </SectionCard>
  );
}
