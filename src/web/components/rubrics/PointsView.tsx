import { Card, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { PointsDefinition, PointsItem, Threshold } from "../../../shared/rubric";
import { useT } from "../../i18n/messages";
import { UnconfirmedTag } from "../cycle/common";

/** Criteria, items with their maximum points, and the thresholds of a points criteria set. */
export function PointsView({ definition }: { definition: PointsDefinition }) {
  const t = useT();
  const total = definition.criteria.reduce(
    (sum, c) => sum + c.items.reduce((s, item) => s + item.maxPoints, 0),
    0,
  );
  const itemColumns: TableColumnsType<PointsItem> = [
    {
      key: "text",
      title: t("rubrics.item"),
      render: (_, item) => (
        <span>
          <Typography.Text type="secondary">{item.key}</Typography.Text> {item.text}{" "}
          {item.unconfirmed && <UnconfirmedTag />}
        </span>
      ),
    },
    { key: "max", title: t("rubrics.maxPoints"), dataIndex: "maxPoints", align: "right", width: 90 },
  ];
  const thresholdColumns: TableColumnsType<Threshold> = [
    { key: "min", title: t("rubrics.fromPoints"), dataIndex: "minPoints", width: 90 },
    { key: "label", title: t("rubrics.outcome"), dataIndex: "label" },
    {
      key: "recognized",
      title: t("rubrics.recognized"),
      render: (_, th) => (
        <Tag color={th.recognized ? "green" : "default"}>
          {th.recognized ? t("common.yes") : t("common.no")}
        </Tag>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t("rubrics.totalMax", { max: total })}</Typography.Text>
      {definition.criteria.map((criterion) => (
        <Card
          key={criterion.key}
          size="small"
          title={<span style={{ whiteSpace: "normal" }}>{criterion.name}</span>}
          extra={criterion.unconfirmed ? <UnconfirmedTag /> : null}
        >
          {criterion.minPoints !== undefined && (
            <Tag style={{ marginBottom: 8 }}>{t("rubrics.minPoints", { min: criterion.minPoints })}</Tag>
          )}
          <Table<PointsItem>
            size="small"
            rowKey="key"
            columns={itemColumns}
            dataSource={criterion.items}
            pagination={false}
          />
        </Card>
      ))}
      <Card
        size="small"
        title={t("rubrics.thresholds")}
        extra={definition.unconfirmed ? <UnconfirmedTag /> : null}
        data-testid="rubric-thresholds"
      >
        <Table<Threshold>
          size="small"
          rowKey="minPoints"
          columns={thresholdColumns}
          dataSource={[...definition.thresholds].sort((a, b) => b.minPoints - a.minPoints)}
          pagination={false}
        />
      </Card>
    </Flex>
  );
}
