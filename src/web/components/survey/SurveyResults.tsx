/** The survey's results: topics × villages and topics × age groups (people wanting each topic). */
import { Card, Col, Row, Table, type TableColumnsType, Typography } from "antd";
import { ageGroupOptions } from "../../../shared/needs-survey";
import { type Topic, topicOptions, topics } from "../../../shared/registry/kinds/topics";
import type { SurveyResults as Results } from "../../api/centre-plan";
import { useLang, useT } from "../../i18n/messages";

type Group = { key: string; label: string; responses: number; topics: { topic: Topic; count: number }[] };
type Line = { topic: Topic } & Record<string, number | string>;

function Crossed({
  title,
  groups,
  total,
  testId,
}: {
  title: string;
  groups: Group[];
  total: Group;
  testId: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const all = [...groups, total];
  const lines: Line[] = topics
    .filter((topic) => total.topics.some((c) => c.topic === topic))
    .map((topic) => ({
      topic,
      ...Object.fromEntries(all.map((g) => [g.key, g.topics.find((c) => c.topic === topic)?.count ?? 0])),
    }));
  const columns: TableColumnsType<Line> = [
    { key: "topic", title: t("survey.topic"), fixed: "left", render: (_, l) => topicOptions[l.topic][lang] },
    ...all.map((g) => ({
      key: g.key,
      title: `${g.label} (${g.responses})`,
      align: "right" as const,
      render: (_: unknown, l: Line) => l[g.key],
    })),
  ];
  return (
    <Card size="small" title={title}>
      <Table<Line>
        rowKey="topic"
        size="small"
        pagination={false}
        dataSource={lines}
        columns={columns}
        scroll={{ x: true }}
        data-testid={testId}
      />
    </Card>
  );
}

export function SurveyResults({ results }: { results: Results }) {
  const t = useT();
  const { lang } = useLang();
  const total: Group = {
    key: "total",
    label: t("survey.total"),
    responses: results.responses,
    topics: results.byTopic,
  };
  return (
    <Flexed>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Crossed
            title={t("survey.byVillage")}
            testId="survey-by-village"
            total={total}
            groups={results.byVillage.map((v) => ({
              key: `v${v.villageId}`,
              label: v.villageName,
              responses: v.responses,
              topics: v.topics,
            }))}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Crossed
            title={t("survey.byAgeGroup")}
            testId="survey-by-age"
            total={total}
            groups={results.byAgeGroup.map((a) => ({
              key: a.ageGroup,
              label: ageGroupOptions[a.ageGroup][lang],
              responses: a.responses,
              topics: a.topics,
            }))}
          />
        </Col>
      </Row>
      {results.freeTopics.length > 0 && (
        <Typography.Paragraph>
          {t("survey.freeTopicsList")}: {results.freeTopics.map((f) => `${f.text} (${f.count})`).join("; ")}
        </Typography.Paragraph>
      )}
    </Flexed>
  );
}

const Flexed = ({ children }: { children: React.ReactNode }) => (
  <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>{children}</div>
);
