/**
 * The learning-promotion funds on the dashboard (GET /stats/fund and its series): cards for the money raised (and
 * in kind) and disbursed in the year, the scholarships paid to pupils and the balance at the year's end; the same
 * by the kind of the funds' keeper; the series over ten years (raised and disbursed as bars, the balance as a line);
 * the children's table, or a commune's funds one by one; the Excel and CSV tables. Money arrives as strings of
 * digits and is shown with BigInt formatting; the chart draws numbers, for the eye only.
 */
import { Alert, Card, Col, Empty, Row, Statistic, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import {
  type FundAmounts,
  type FundMetricKey,
  type FundRollup,
  type FundSeries,
  fundAmountsAreZero,
  fundMetrics,
  fundOwnerKinds,
  fundOwnerLabels,
} from "../../../shared/fund-stats";
import { formatDate } from "../../format";
import { type Lang, useLang, useT } from "../../i18n/messages";
import { EChart } from "./EChart";
import { formatCount } from "./format";
import { SectionCard, type SectionRow, SectionTable, sectionRows, useSection } from "./section";

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");
/** "1.500.000" from "1500000", exactly (BigInt). */
const groupDigits = (digits: string, lang: Lang) =>
  new Intl.NumberFormat(locale(lang)).format(BigInt(digits));
/** "1.500.000 đ". */
export const formatDong = (digits: string, lang: Lang) => `${groupDigits(digits, lang)} đ`;

/** A table cell: the headers say "(đồng)", so the amounts go without the sign. */
function cell(key: FundMetricKey, figures: FundAmounts, lang: Lang): string {
  return key === "scholarships" ? formatCount(figures.scholarships, lang) : groupDigits(figures[key], lang);
}

type TableRow = SectionRow<FundAmounts>;

/** unitId absent: the whole country. */
export function FundStats({
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
  const state = useSection<FundRollup, FundSeries>("fund", unitId, year);
  const series = state?.series;
  const option = useMemo<EChartsCoreOption | null>(() => {
    const all = series?.points ?? [];
    const first = all.findIndex((p) => !fundAmountsAreZero(p.figures));
    if (first < 0) return null;
    const points = all.slice(first);
    const bar = (name: "raised" | "disbursed" | "balance", color: string) => ({
      type: "bar",
      name: t(`stats.fund.${name}`),
      color,
      data: points.map((p) => Number(p.figures[name])),
    });
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 52, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, itemGap: 6, textStyle: { fontSize: 11 } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map((p) => String(p.year)) },
      yAxis: {
        type: "value",
        axisLabel: {
          fontSize: 10,
          formatter: (v: number) => new Intl.NumberFormat(locale(lang), { notation: "compact" }).format(v),
        },
      },
      series: [
        bar("raised", "#52c41a"),
        bar("disbursed", "#1677ff"),
        { ...bar("balance", "#b5131a"), type: "line" },
      ],
    };
  }, [series, lang, t]);

  if (!state) return null;
  if (state.error)
    return (
      <Card size="small" title={t("stats.fund")}>
        <Alert type="warning" showIcon title={state.error} />
      </Card>
    );
  const rollup = state.rollup!;
  const f = rollup.figures;
  const cards = [
    {
      key: "raised",
      title: t("stats.fund.raised"),
      value: formatDong(f.raised, lang),
      note: t("stats.fund.inKind", { amount: formatDong(f.raisedInKind, lang) }),
    },
    { key: "disbursed", title: t("stats.fund.disbursed"), value: formatDong(f.disbursed, lang) },
    {
      key: "scholarships",
      title: t("stats.fund.scholarships"),
      value: t("stats.fund.scholarshipCount", { count: formatCount(f.scholarships, lang) }),
      note: formatDong(f.scholarshipAmount, lang),
    },
    { key: "balance", title: t("stats.fund.balance"), value: formatDong(f.balance, lang) },
  ];
  const byFund = rollup.children.length === 0 && rollup.own === null;
  const rows: TableRow[] = byFund
    ? rollup.funds.map((x) => ({ key: `f${x.fund.id}`, label: x.fund.name, figures: x.figures }))
    : sectionRows(rollup, t("stats.fund.own"));
  const metricColumns = (metrics: typeof fundMetrics) =>
    metrics.map((m) => ({
      key: m.key,
      title: m.label[lang],
      render: (figures: FundAmounts) => cell(m.key, figures, lang),
    }));
  const owners = fundOwnerKinds
    .filter((kind) => !fundAmountsAreZero(f.byOwnerKind[kind]))
    .map(
      (kind): TableRow => ({ key: kind, label: fundOwnerLabels[kind][lang], figures: f.byOwnerKind[kind] }),
    );
  const empty = fundAmountsAreZero(f) && rows.every((r) => fundAmountsAreZero(r.figures));
  return (
    <SectionCard
      name="fund"
      title={`${t("stats.fund")} · ${rollup.unit.name} · ${rollup.year}`}
      unitId={unitId}
      year={year}
      asOf={t("stats.fund.asOf", { date: formatDate(rollup.date) })}
    >
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} lg={6}>
            <Card size="small" style={{ height: "100%" }} data-testid={`fund-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value}
                styles={{ content: { fontSize: 18, overflowWrap: "anywhere" } }}
              />
              {c.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.note}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {empty ? (
        <Empty description={t("stats.fund.none")} />
      ) : (
        <>
          {option && (
            <EChart option={option} height={240} testId="fund-series" ariaLabel={t("stats.fund.series")} />
          )}
          <SectionTable
            rows={owners}
            columns={metricColumns(fundMetrics.filter((m) => m.key !== "raisedInKind"))}
            onOpen={onOpen}
            testId="fund-owners"
            labelTitle={t("stats.fund.owner")}
          />
          <SectionTable
            rows={rows}
            columns={metricColumns(fundMetrics)}
            onOpen={onOpen}
            testId="fund-children"
            labelTitle={byFund ? t("stats.fund.fundColumn") : undefined}
          />
        </>
      )}
    </SectionCard>
  );
}
