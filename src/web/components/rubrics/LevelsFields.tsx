/** The levels scheme's part of the rubric editor: levels 1 and 2 of pass/fail criteria, waiting time and validity. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Form, type FormInstance, InputNumber, Row, Select } from "antd";
import type { Rubric } from "../../../shared/rubric";
import { useT } from "../../i18n/messages";
import { CriteriaList, freshKey, newCriterion } from "./CriteriaList";
import { Flag, RemoveButton, tight } from "./editorFields";

/** Levels (1 and 2) of pass/fail criteria and items, the waiting time between levels and the validity. */
export function LevelsFields({ form }: { form: FormInstance<Rubric> }) {
  const t = useT();
  return (
    <>
      <Card size="small" title={t("rubrics.scheme.levels")} extra={<Flag name={["definition"]} />}>
        <Row gutter={[12, 0]}>
          <Col xs={24} sm={12}>
            <Form.Item
              name={["definition", "waitMonthsBetweenLevels"]}
              label={t("rubrics.editor.waitMonths")}
              style={tight}
            >
              <InputNumber min={0} max={120} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={["definition", "validityYears"]}
              label={t("rubrics.editor.validityYears")}
              style={tight}
            >
              <InputNumber min={1} max={10} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Form.List name={["definition", "levels"]}>
        {(levels, { add, remove }) => (
          <Flex vertical gap={12}>
            {levels.map((level) => (
              <Card
                key={level.key}
                size="small"
                title={
                  <Flex gap={8} wrap align="center">
                    <Form.Item name={[level.name, "level"]} noStyle>
                      <Select
                        style={{ width: 120 }}
                        options={[
                          { value: 1, label: t("rubrics.editor.level", { level: 1 }) },
                          { value: 2, label: t("rubrics.editor.level", { level: 2 }) },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[level.name, "requires"]} noStyle>
                      <Select
                        allowClear
                        style={{ width: 170 }}
                        placeholder={t("rubrics.editor.requiresNone")}
                        options={[{ value: 1, label: t("rubrics.requires", { level: 1 }) }]}
                      />
                    </Form.Item>
                  </Flex>
                }
                extra={levels.length > 1 && <RemoveButton onClick={() => remove(level.name)} />}
              >
                <CriteriaList
                  form={form}
                  name={[level.name, "criteria"]}
                  path={["definition", "levels", level.name, "criteria"]}
                  points={false}
                />
              </Card>
            ))}
            {levels.length < 2 && (
              <Button
                icon={<PlusOutlined />}
                style={{ width: "fit-content" }}
                onClick={() =>
                  add({ level: 2, requires: 1, criteria: [newCriterion(freshKey(form, "md2."), false)] })
                }
              >
                {t("rubrics.editor.addLevel")}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </>
  );
}
