/**
 * The community learning centres on the dashboard (GET /stats/centres and its series): cards for the centres
 * active, the year's classes and talks, sessions and lượt người (with women, minorities and elderly); the
 * activities by topic; the line of the approved plans and survey answers; the children's table (plans, plan-done
 * rate and survey answers among its columns); the Excel and CSV tables.
 */
import { Alert, Card, Col, Empty, Row, Statistic, Table, Typography } from "antd";
import {
  type CentreCounts,
  type CentreRollup,
  type CentreSeries,
  centreCountsAreZero,
  centreMetrics,
  centreValue,
  topicLabels,
  topics,
} from "../../../shared/centre-stats";
import { formatDate } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { CentrePlanLine } from "./CentrePlanLine";
import { formatCount } from "./format";
import { SectionCard, SectionTable, sectionRows, useSection } from "./section";

/** unitId absent: the whole country. */
export function CentreStats({
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
  const state = useSection<CentreRollup, CentreSeries>("centres", unitId, year);
  if (!state) return null;
  if (state.error)
    return (
      <Card size="small" title={t("stats.centres")}>
        <Alert type="warning" showIcon title={state.error} />
      </Card>
    );
  const rollup = state.rollup!;
  const f = rollup.figures;
  const n = (v: number) => formatCount(v, lang);
  const label = (key: (typeof centreMetrics)[number]["key"]) =>
    centreMetrics.find((m) => m.key === key)!.label[lang];
  const cards = [
    { key: "centres", value: f.centres },
    { key: "activities", value: f.activities },
    { key: "sessions", value: f.sessions },
    {
      key: "attendees",
      value: f.attendees,
      note: `${label("women")} ${n(f.women)} · ${label("minorities")} ${n(f.minorities)} · ${label("elderly")} ${n(f.elderly)}`,
    },
  ] as const;
  const rows = sectionRows(rollup, t("stats.centres.own"));
  const columns = centreMetrics.map((m) => ({
    key: m.key,
    title: m.label[lang],
    render: (figures: CentreCounts) => {
      const value = centreValue(figures, m.key);
      if (m.kind === "count") return n(value ?? 0);
      return value === null ? "–" : value.toLocaleString(lang === "vi" ? "vi-VN" : "en");
    },
  }));
  const byTopic = topics
    .filter((topic) => f.byTopic[topic] > 0)
    .map((topic) => ({ key: topic, topic: topicLabels[topic][lang], count: f.byTopic[topic] }));
  return (
    <SectionCard
      name="centres"
      title={`${t("stats.centres")} · ${rollup.unit.name} · ${rollup.year}`}
      unitId={unitId}
      year={year}
      asOf={t("stats.centres.asOf", { date: formatDate(rollup.date) })}
    >
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} lg={6}>
            <Card size="small" style={{ height: "100%" }} data-testid={`centres-${c.key}`}>
              <Statistic title={label(c.key)} value={n(c.value)} styles={{ content: { fontSize: 18 } }} />
              {"note" in c && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.note}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <CentrePlanLine figures={f} />
      {centreCountsAreZero(f) ? (
        <Empty description={t("stats.centres.none")} />
      ) : (
        <>
          {byTopic.length > 0 && (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={byTopic}
              columns={[
                { key: "topic", dataIndex: "topic", title: t("stats.centres.topic") },
                {
                  key: "count",
                  title: t("stats.centres.count"),
                  align: "right",
                  render: (_: unknown, r: { count: number }) => n(r.count),
                },
              ]}
              title={() => t("stats.centres.byTopic")}
              data-testid="centres-topics"
            />
          )}
          <SectionTable rows={rows} columns={columns} onOpen={onOpen} testId="centres-children" />
        </>
      )}
    </SectionCard>
  );
}
