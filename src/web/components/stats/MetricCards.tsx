/** A card per metric of the chosen unit and title, with the targets of the rates and where the unit stands. */
import { Card, Col, Flex, Row, Statistic, Tag, Tooltip, Typography } from "antd";
import type { StatsTarget, TargetStatus, TitleRollup } from "../../api/stats";
import { useLang, useT } from "../../i18n/messages";
import { estimateOf, formatCount, formatRate, isRate, metricKeys, metricLabel, targetsFor } from "./format";

const statusColors: Record<TargetStatus, string> = { met: "green", exceeded: "blue", not_met: "red" };

export function TargetLine({ target }: { target: StatsTarget }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Flex wrap gap={4} align="center" data-testid={`target-${target.metric}`}>
      <Tooltip title={target.basis ? t("stats.target.basis", { basis: target.basis }) : undefined}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("stats.target", { year: target.targetYear, value: formatRate(target.value, lang) })} (
          {t(`stats.target.${target.source}`)})
        </Typography.Text>
      </Tooltip>
      {target.status && (
        <Tag color={statusColors[target.status]} data-testid="target-status" style={{ marginInlineEnd: 0 }}>
          {t(`stats.status.${target.status}`)}
        </Tag>
      )}
    </Flex>
  );
}

export function MetricCards({ table }: { table: TitleRollup }) {
  const t = useT();
  const { lang } = useLang();
  const { estimated, note } = estimateOf(table);
  return (
    <Row gutter={[12, 12]} data-testid="metric-cards">
      {metricKeys.map((key) => {
        const value = table.figures[key];
        const targets = isRate(key) ? targetsFor(table, key) : [];
        return (
          <Col key={key} xs={24} sm={12} lg={key === "total" ? 4 : 5}>
            <Card size="small" style={{ height: "100%" }} data-testid={`metric-${key}`}>
              <Statistic
                title={
                  <Flex gap={4} wrap align="center">
                    {t(metricLabel(key))}
                    {estimated && (
                      <Tooltip title={note}>
                        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                          {t("stats.estimated")}
                        </Tag>
                      </Tooltip>
                    )}
                  </Flex>
                }
                value={isRate(key) ? formatRate(value, lang) : formatCount(value ?? 0, lang)}
              />
              {targets.map((target) => (
                <TargetLine key={`${target.source}-${target.unitId}-${target.targetYear}`} target={target} />
              ))}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
