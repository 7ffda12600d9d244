/**
 * A rating title on the dashboard (xếp loại TTHTCĐ): the unit's centres by grade as cards, and its children with
 * the same counts, instead of the learning titles' rates and targets.
 */
import { Card, Col, Row, Statistic, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { RatingFigures } from "../../../shared/stats";
import type { ChildRow, TitleRollup } from "../../api/stats";
import { useLang, useT } from "../../i18n/messages";
import { formatCount } from "./format";

const ratingKeys = ["total", "rated", "good", "fair", "average", "weak", "unrated"] as const;
type RatingKey = (typeof ratingKeys)[number];

const countOf = (key: RatingKey, figures: ChildRow["figures"]): number =>
  key === "total" ? figures.total : (figures.rating?.[key as keyof RatingFigures] ?? 0);

export function RatingStats({
  table,
  year,
  onOpen,
}: {
  table: TitleRollup;
  year: number;
  onOpen: (unitId: number) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const columns: ColumnsType<ChildRow> = [
    {
      key: "unit",
      title: t("stats.unitColumn"),
      fixed: "left",
      render: (_, row) => (
        <Typography.Link
          data-testid="child-link"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.unit.id);
          }}
        >
          {row.unit.name}
        </Typography.Link>
      ),
    },
    ...ratingKeys.map((key) => ({
      key,
      title: t(`stats.metric.${key}`),
      align: "right" as const,
      width: 80,
      render: (_: unknown, row: ChildRow) => formatCount(countOf(key, row.figures), lang),
    })),
  ];
  return (
    <>
      <Typography.Text type="secondary">{t("stats.rating.note", { year })}</Typography.Text>
      <Row gutter={[12, 12]} data-testid="rating-cards">
        {ratingKeys.map((key) => (
          <Col key={key} xs={12} sm={8} lg={key === "total" || key === "unrated" ? 4 : 3}>
            <Card size="small" style={{ height: "100%" }} data-testid={`rating-${key}`}>
              <Statistic
                title={t(`stats.metric.${key}`)}
                value={formatCount(countOf(key, table.figures), lang)}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {table.children.length > 0 && (
        <Card size="small" title={t("stats.children")} styles={{ body: { padding: 0 } }}>
          <Table<ChildRow>
            size="small"
            rowKey={(row) => row.unit.id}
            columns={columns}
            dataSource={table.children}
            scroll={{ x: "max-content" }}
            pagination={table.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            onRow={(row) => ({ onClick: () => onOpen(row.unit.id), style: { cursor: "pointer" } })}
            data-testid="rating-children"
          />
        </Card>
      )}
    </>
  );
}
