import { Card, Flex, Typography } from "antd";
import type { LevelsDefinition } from "../../../shared/rubric";
import { useT } from "../../i18n/messages";
import { UnconfirmedTag } from "../cycle/common";

/** Levels, criteria and items of a levels criteria set, with the rules between levels. */
export function LevelsView({ definition }: { definition: LevelsDefinition }) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      {(definition.waitMonthsBetweenLevels !== undefined || definition.validityYears !== undefined) && (
        <Flex vertical>
          {definition.waitMonthsBetweenLevels !== undefined && (
            <Typography.Text>
              {t("rubrics.wait", { months: definition.waitMonthsBetweenLevels })}
            </Typography.Text>
          )}
          {definition.validityYears !== undefined && (
            <Typography.Text>{t("rubrics.validity", { years: definition.validityYears })}</Typography.Text>
          )}
          {definition.unconfirmed && (
            <span>
              <UnconfirmedTag />
            </span>
          )}
        </Flex>
      )}
      {[...definition.levels]
        .sort((a, b) => a.level - b.level)
        .map((level) => (
          <Card key={level.level} size="small" title={t("sheet.level", { level: level.level })}>
            {level.requires !== undefined && (
              <Typography.Paragraph type="secondary">
                {t("rubrics.requires", { level: level.requires })}
              </Typography.Paragraph>
            )}
            <Flex vertical gap={12}>
              {level.criteria.map((criterion) => (
                <Flex key={criterion.key} vertical gap={4}>
                  <Typography.Text strong>
                    {criterion.name} {criterion.unconfirmed && <UnconfirmedTag />}
                  </Typography.Text>
                  <ol style={{ margin: 0, paddingLeft: 20 }}>
                    {criterion.items.map((item) => (
                      <li key={item.key}>
                        {item.text} {item.unconfirmed && <UnconfirmedTag />}
                      </li>
                    ))}
                  </ol>
                </Flex>
              ))}
            </Flex>
          </Card>
        ))}
    </Flex>
  );
}
