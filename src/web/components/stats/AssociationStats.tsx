/**
 * The Hội Khuyến học on the dashboard (GET /stats/association and its series): cards for chapters, members (and
 * women), joined and left in the year, members per 100 inhabitants and the share of households with a member; the
 * growth chart over ten years (members as bars, chapters as a line); the children's table; the Excel and CSV lists.
 */
import { Alert, Card, Col, Empty, Row, Statistic, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo, useState } from "react";
import {
  type MemberFigures,
  type MemberMetricKey,
  type MemberRollup,
  type MemberSeries,
  memberMetrics,
} from "../../../shared/association-stats";
import { formatDate } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { EChart } from "./EChart";
import { formatCount, formatRate } from "./format";
import { TargetLine } from "./MetricCards";
import { SectionCard, SectionTable, sectionRows, useSection } from "./section";
import { TargetsPanel } from "./TargetsPanel";

type Rollup = MemberRollup;
type Series = MemberSeries;

const labelOf = (key: MemberMetricKey, lang: "vi" | "en") =>
  memberMetrics.find((m) => m.key === key)!.label[lang];

/** unitId absent: the whole country. */
export function AssociationStats({
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
  const [version, setVersion] = useState(0);
  // `version` changes when a target is saved: the figures are read again, the old ones stay on screen meanwhile.
  const state = useSection<Rollup, Series>("association", unitId, year, version);

  const label = (k: MemberMetricKey) => labelOf(k, lang);
  const series = state?.series;
  const option = useMemo<EChartsCoreOption | null>(() => {
    const points = series?.points ?? [];
    if (!points.some((p) => p.figures.members > 0 || p.figures.chapters > 0)) return null;
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map((p) => String(p.year)) },
      yAxis: [
        { type: "value", axisLabel: { fontSize: 10 } },
        { type: "value", axisLabel: { fontSize: 10 }, splitLine: { show: false } },
      ],
      series: [
        {
          type: "bar",
          name: labelOf("members", lang),
          color: "#1677ff",
          data: points.map((p) => p.figures.members),
        },
        {
          type: "bar",
          name: labelOf("joined", lang),
          color: "#52c41a",
          data: points.map((p) => p.figures.joined),
        },
        {
          type: "line",
          name: labelOf("chapters", lang),
          color: "#b5131a",
          yAxisIndex: 1,
          data: points.map((p) => p.figures.chapters),
        },
      ],
    };
  }, [series, lang]);

  if (!state) return null;
  if (state.error)
    return (
      <Card size="small" title={t("stats.association")}>
        <Alert type="warning" showIcon title={state.error} />
      </Card>
    );
  const rollup = state.rollup!;
  const f = rollup.figures;
  const value = (k: (typeof memberMetrics)[number]["key"], figures: MemberFigures) => {
    const metric = memberMetrics.find((m) => m.key === k)!;
    const v = figures[k];
    return metric.kind === "rate" ? formatRate(v, lang) : formatCount(v ?? 0, lang);
  };
  const cards: { key: string; title: string; value: string; note?: string }[] = [
    { key: "chapters", title: label("chapters"), value: value("chapters", f) },
    {
      key: "members",
      title: label("members"),
      value: value("members", f),
      note: t("stats.association.women", {
        count: formatCount(f.women, lang),
        share: formatRate(f.womenShare, lang),
      }),
    },
    {
      key: "joined",
      title: `${label("joined")} / ${label("left")}`,
      value: `${formatCount(f.joined, lang)} / ${formatCount(f.left, lang)}`,
    },
    { key: "membersPer100", title: label("membersPer100"), value: value("membersPer100", f) },
    {
      key: "householdShare",
      title: label("householdShare"),
      value: value("householdShare", f),
      note: t("stats.association.households", {
        count: formatCount(f.householdsWithMember, lang),
        total: formatCount(f.households, lang),
      }),
    },
  ];
  const columns = memberMetrics.map((m) => ({
    key: m.key,
    title: m.label[lang],
    render: (figures: MemberFigures) => value(m.key, figures),
  }));
  const rows = sectionRows(rollup, t("stats.association.own"));
  return (
    <SectionCard
      name="association"
      title={`${t("stats.association")} · ${rollup.unit.name} · ${rollup.year}`}
      unitId={unitId}
      year={year}
      asOf={t("stats.asOf", { date: formatDate(rollup.date) })}
    >
      <Row gutter={[12, 12]}>
        {cards.map((card) => (
          <Col key={card.key} xs={12} lg={card.key === "chapters" ? 4 : 5}>
            <Card size="small" style={{ height: "100%" }} data-testid={`association-${card.key}`}>
              <Statistic title={card.title} value={card.value} />
              {card.key === "householdShare" &&
                rollup.targets.map((target) => (
                  <TargetLine
                    key={`${target.source}-${target.unitId}-${target.targetYear}`}
                    target={target}
                  />
                ))}
              {card.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {card.note}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {option ? (
        <EChart
          option={option}
          height={240}
          testId="association-growth"
          ariaLabel={t("stats.association.growth")}
        />
      ) : (
        <Empty description={t("stats.association.none")} />
      )}
      <SectionTable rows={rows} columns={columns} onOpen={onOpen} testId="association-children" />
      {unitId !== undefined && (
        <TargetsPanel
          unit={rollup.unit}
          title="association"
          testId="association-targets"
          year={year}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
    </SectionCard>
  );
}
