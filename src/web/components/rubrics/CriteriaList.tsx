/** The editor's criteria and their items (both schemes), with the keys and the values of new rows. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Flex, Form, type FormInstance, Input, InputNumber, Row } from "antd";
import type { Rubric } from "../../../shared/rubric";
import { useT } from "../../i18n/messages";
import { Flag, KeyField, RemoveButton, tight, useRules } from "./editorFields";

/** A new key not used anywhere in the set: `${prefix}${n}`. */
export function freshKey(form: FormInstance, prefix: string): string {
  const used = new Set<string>();
  JSON.stringify(form.getFieldValue("definition"), (key, v) => {
    if (key === "key" && typeof v === "string") used.add(v);
    return v;
  });
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A new item; in the points scheme it is worth up to 1 point. */
const newItem = (key: string, points: boolean) =>
  points ? { key, text: "", maxPoints: 1 } : { key, text: "" };

/** A new criterion with one item. */
export const newCriterion = (key: string, points: boolean) => ({
  key,
  name: "",
  items: [newItem(`${key}.1`, points)],
});

type ListProps = {
  form: FormInstance<Rubric>;
  /** The Form.List name, relative to an enclosing list as for any field inside one. */
  name: (string | number)[];
  /** The same list's path from the top of the form. */
  path: (string | number)[];
  /** The points scheme: a minimum per criterion and a maximum per item. */
  points: boolean;
};

/** The criteria of a points set or of one level, each with its items, rows added and removed. */
export function CriteriaList({ form, name, path, points }: ListProps) {
  const t = useT();
  const { required } = useRules();
  return (
    <Form.List name={name}>
      {(criteria, { add, remove }) => (
        <Flex vertical gap={points ? 12 : 8}>
          {criteria.map((criterion, index) => (
            <Card
              key={criterion.key}
              size="small"
              type={points ? undefined : "inner"}
              title={t("rubrics.editor.criterion", { n: index + 1 })}
              extra={
                <Flex gap={4} align="center">
                  <Flag name={[criterion.name]} />
                  {criteria.length > 1 && <RemoveButton onClick={() => remove(criterion.name)} />}
                </Flex>
              }
              data-testid={`criterion-${index}`}
            >
              <Row gutter={[8, 0]}>
                <Col xs={8} sm={4}>
                  <KeyField name={[criterion.name, "key"]} />
                </Col>
                <Col xs={16} sm={points ? 14 : 20}>
                  <Form.Item
                    name={[criterion.name, "name"]}
                    label={t("rubrics.editor.criterionName")}
                    rules={required}
                    style={tight}
                  >
                    <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
                  </Form.Item>
                </Col>
                {points && (
                  <Col xs={24} sm={6}>
                    <Form.Item
                      name={[criterion.name, "minPoints"]}
                      label={t("rubrics.editor.minPoints")}
                      style={tight}
                    >
                      <InputNumber min={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
              <ItemsList
                form={form}
                name={[criterion.name, "items"]}
                path={[...path, criterion.name, "items"]}
                points={points}
              />
            </Card>
          ))}
          <Button
            size={points ? undefined : "small"}
            icon={<PlusOutlined />}
            style={{ width: "fit-content" }}
            onClick={() => add(newCriterion(freshKey(form, "tc"), points))}
            data-testid="add-criterion"
          >
            {t("rubrics.editor.addCriterion")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** The items of one criterion; a new item's key follows the criterion's. */
function ItemsList({ form, name, path, points }: ListProps) {
  const t = useT();
  const { required, requiredNumber } = useRules();
  return (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <Flex vertical gap={4}>
          {items.map((item) => (
            <Row
              key={item.key}
              gutter={[8, 0]}
              align="top"
              style={points ? { borderTop: "1px solid #f0f0f0", paddingTop: 8 } : undefined}
            >
              <Col xs={8} sm={4}>
                <KeyField name={[item.name, "key"]} />
              </Col>
              <Col xs={points ? 16 : 13} sm={points ? 14 : 18}>
                <Form.Item
                  name={[item.name, "text"]}
                  label={t("rubrics.item")}
                  rules={required}
                  style={tight}
                >
                  <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 6 }} />
                </Form.Item>
              </Col>
              {points && (
                <Col xs={14} sm={4}>
                  <Form.Item
                    name={[item.name, "maxPoints"]}
                    label={t("rubrics.maxPoints")}
                    rules={requiredNumber}
                    style={tight}
                  >
                    <InputNumber
                      min={1}
                      precision={0}
                      style={{ width: "100%" }}
                      data-testid="item-max-points"
                    />
                  </Form.Item>
                </Col>
              )}
              <Col xs={points ? 10 : 3} sm={2} style={{ paddingTop: 30 }}>
                {items.length > 1 && <RemoveButton onClick={() => remove(item.name)} testId="remove-item" />}
              </Col>
              <Col xs={24}>
                <Flag name={[item.name]} />
              </Col>
            </Row>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            style={{ width: "fit-content" }}
            onClick={() => {
              // `path` ends with "items": the criterion's key sits beside it.
              const parent: string =
                (form as FormInstance).getFieldValue([...path.slice(0, -1), "key"]) ?? "tc";
              add(newItem(freshKey(form, `${parent}.`), points));
            }}
            data-testid="add-item"
          >
            {t("rubrics.editor.addItem")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
