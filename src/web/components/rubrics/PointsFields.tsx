/** The points scheme's part of the rubric editor: criteria scored up to a maximum, the total and the thresholds. */
import { PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Col,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from "antd";
import type { Rubric } from "../../../shared/rubric";
import { useT } from "../../i18n/messages";
import { CriteriaList } from "./CriteriaList";
import { Flag, RemoveButton, tight, useRules } from "./editorFields";

/** Criteria with items scored up to a maximum, an optional minimum per criterion, and the thresholds. */
export function PointsFields({ form }: { form: FormInstance<Rubric> }) {
  const t = useT();
  // The whole form is watched: the sum follows every added, removed or changed item.
  const watched = Form.useWatch([], { form, preserve: true }) as Partial<Rubric> | undefined;
  const definition = watched?.definition;
  const criteria =
    definition?.scheme === "points" && Array.isArray(definition.criteria) ? definition.criteria : [];
  const total = criteria.reduce(
    (sum, c) =>
      sum +
      (Array.isArray(c?.items) ? c.items : []).reduce((s, item) => s + (Number(item?.maxPoints) || 0), 0),
    0,
  );
  const { required, requiredNumber } = useRules();
  return (
    <>
      <Flex justify="space-between" wrap gap={8} align="center">
        <Typography.Text strong data-testid="editor-total">
          {t("rubrics.totalMax", { max: total })}
        </Typography.Text>
        <Flag name={["definition"]} />
      </Flex>
      <CriteriaList form={form} name={["definition", "criteria"]} path={["definition", "criteria"]} points />
      <Card size="small" title={t("rubrics.thresholds")}>
        <Form.List name={["definition", "thresholds"]}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Row key={field.key} gutter={[8, 0]} align="top">
                  <Col xs={8} sm={4}>
                    <Form.Item
                      name={[field.name, "minPoints"]}
                      label={t("rubrics.fromPoints")}
                      rules={requiredNumber}
                      style={tight}
                    >
                      <InputNumber min={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} sm={8}>
                    <Form.Item
                      name={[field.name, "label"]}
                      label={t("rubrics.outcome")}
                      rules={required}
                      style={tight}
                    >
                      <Input maxLength={1000} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item name={[field.name, "grade"]} label={t("rubrics.editor.grade")} style={tight}>
                      <Select
                        allowClear
                        placeholder={t("rubrics.editor.gradeNone")}
                        options={[
                          { value: "good", label: t("rubrics.grade.good") },
                          { value: "fair", label: t("rubrics.grade.fair") },
                          { value: "average", label: t("rubrics.grade.average") },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4}>
                    <Form.Item
                      name={[field.name, "recognized"]}
                      label={t("rubrics.recognized")}
                      valuePropName="checked"
                      style={tight}
                    >
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={3} style={{ paddingTop: 30 }}>
                    {fields.length > 1 && <RemoveButton onClick={() => remove(field.name)} />}
                  </Col>
                </Row>
              ))}
              <Button
                size="small"
                icon={<PlusOutlined />}
                style={{ width: "fit-content" }}
                onClick={() => add({ minPoints: 0, label: "", recognized: false, grade: null })}
                data-testid="add-threshold"
              >
                {t("rubrics.editor.addThreshold")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Card>
    </>
  );
}
