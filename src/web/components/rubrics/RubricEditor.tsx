/**
 * The form of a new version of a criteria set, prefilled from the version shown: legal basis, period in force,
 * yearly deadlines and the scheme (criteria, items, points or levels, thresholds), with rows added and removed,
 * and the "chưa xác minh" values confirmed one by one. Saving posts a new version (POST /rubrics); evaluations
 * already made keep the version they used.
 */
import { CheckOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
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
import { useMemo, useState } from "react";
import type { Rubric, RubricDefinition, StoredRubric } from "../../../shared/rubric";
import { ApiRequestError } from "../../api/client";
import { cycleApi } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { UnconfirmedTag } from "../cycle/common";
import { IsoDateField } from "../IsoDateField";

/** Drops every "chưa xác minh" flag (a confirmed version's flags no longer apply). */
function withoutFlags<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "unconfirmed" ? undefined : v))) as T;
}

const flagged = (value: unknown) => JSON.stringify(value).includes('"unconfirmed":true');

/** The request body of a new version with the values of a stored one. */
export function rubricInputOf(stored: StoredRubric): Rubric {
  const confirmed = !stored.unconfirmed;
  const definition = confirmed ? withoutFlags(stored.definition) : structuredClone(stored.definition);
  const deadlines = confirmed ? withoutFlags(stored.deadlines) : structuredClone(stored.deadlines);
  return {
    meta: {
      code: stored.code,
      title: stored.title,
      unitLevel: stored.unitLevel,
      name: stored.name,
      legalBasis: { number: stored.legalNumber, date: stored.legalDate ?? "", issuer: stored.legalIssuer },
      effectiveFrom: stored.effectiveFrom,
      effectiveTo: stored.effectiveTo,
      deadlines,
      notes: stored.notes ?? undefined,
      // The version's own flag covers its legal details when nothing below is flagged.
      unconfirmed: stored.unconfirmed && !flagged([definition, deadlines]) ? true : undefined,
    },
    definition,
  };
}

/** Empty optional numbers and texts as the API expects them (absent, or null where null is allowed). */
function cleaned(values: Rubric): Rubric {
  const drop = (o: Record<string, unknown>, key: string) => {
    if (o[key] === null || o[key] === undefined || o[key] === "") delete o[key];
  };
  const copy = structuredClone(values);
  const meta = copy.meta as Rubric["meta"] & Record<string, unknown>;
  if (!meta.effectiveTo) meta.effectiveTo = null;
  drop(meta, "notes");
  const definition = copy.definition as RubricDefinition & Record<string, unknown>;
  if (definition.scheme === "points") {
    for (const criterion of definition.criteria) drop(criterion as Record<string, unknown>, "minPoints");
    for (const threshold of definition.thresholds)
      if (threshold.grade === undefined) (threshold as Record<string, unknown>).grade = null;
  } else {
    drop(definition, "waitMonthsBetweenLevels");
    drop(definition, "validityYears");
    for (const level of definition.levels) drop(level as Record<string, unknown>, "requires");
  }
  return copy;
}

/** A new key not used anywhere in the set: `${prefix}${n}`. */
function freshKey(form: FormInstance, prefix: string): string {
  const used = new Set<string>();
  JSON.stringify(form.getFieldValue("definition"), (key, v) => {
    if (key === "key" && typeof v === "string") used.add(v);
    return v;
  });
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The "chưa xác minh" mark of one value, with the button that confirms it (clears the flag). */
function UnconfirmedFlag({ value, onChange }: { value?: boolean; onChange?: (value: boolean) => void }) {
  const t = useT();
  if (!value) return null;
  return (
    <Flex gap={4} align="center" wrap>
      <UnconfirmedTag />
      <Button
        size="small"
        icon={<CheckOutlined />}
        onClick={() => onChange?.(false)}
        data-testid="confirm-value"
      >
        {t("rubrics.confirm")}
      </Button>
    </Flex>
  );
}

/** `name` is relative to the enclosing Form.List, as for any field inside one. */
const Flag = ({ name }: { name: (string | number)[] }) => (
  <Form.Item name={[...name, "unconfirmed"]} noStyle>
    <UnconfirmedFlag />
  </Form.Item>
);

const tight = { marginBottom: 8 };

type Props = {
  stored: StoredRubric;
  onSaved: (created: StoredRubric) => void;
  onCancel: () => void;
};

export function RubricEditor({ stored, onSaved, onCancel }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Rubric>();
  const initial = useMemo(() => rubricInputOf(stored), [stored]);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const { required, requiredNumber } = useRules();

  const save = async () => {
    setProblems([]);
    try {
      await form.validateFields();
    } catch {
      setProblems([t("rubrics.editor.invalid")]);
      return;
    }
    setBusy(true);
    try {
      const body = cleaned(form.getFieldsValue(true) as Rubric);
      const created = await cycleApi.createRubricVersion(stored.provinceId, body);
      void message.success(t("rubrics.editor.saved", { version: created.version }));
      onSaved(created);
    } catch (err) {
      const fields = err instanceof ApiRequestError ? Object.entries(err.fieldErrors) : [];
      if (fields.length === 0) {
        setProblems([errorText(err, t)]);
        return;
      }
      // "rubric.definition.criteria.0.items.1.maxPoints" → the form field at that path.
      (form as FormInstance).setFields(
        fields.map(([key, text]) => ({
          name: key
            .replace(/^rubric\./, "")
            .split(".")
            .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          errors: [text],
        })),
      );
      setProblems(fields.map(([, text]) => text));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Rubric> form={form} layout="vertical" initialValues={initial} data-testid="rubric-editor">
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t("rubrics.editor.help")} />
        <Card size="small" title={t("rubrics.editor.legal")} extra={<Flag name={["meta"]} />}>
          <Row gutter={[12, 0]}>
            <Col xs={24}>
              <Form.Item
                name={["meta", "name"]}
                label={t("rubrics.editor.name")}
                rules={required}
                style={tight}
              >
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name={["meta", "legalBasis", "number"]}
                label={t("rubrics.editor.legalNumber")}
                rules={required}
                style={tight}
              >
                <Input maxLength={1000} data-testid="legal-number" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name={["meta", "legalBasis", "date"]}
                label={t("rubrics.editor.legalDate")}
                rules={required}
                style={tight}
              >
                <IsoDateField testId="legal-date" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name={["meta", "legalBasis", "issuer"]}
                label={t("rubrics.editor.legalIssuer")}
                rules={required}
                style={tight}
              >
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={["meta", "effectiveFrom"]}
                label={t("rubrics.editor.effectiveFrom")}
                rules={required}
                style={tight}
              >
                <IsoDateField testId="effective-from" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={["meta", "effectiveTo"]} label={t("rubrics.editor.effectiveTo")} style={tight}>
                <IsoDateField testId="effective-to" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={["meta", "notes"]} label={t("rubrics.notes")} style={tight}>
                <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 6 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Form.List name={["meta", "deadlines"]}>
          {(fields) =>
            fields.length > 0 && (
              <Card size="small" title={t("rubrics.deadlines")}>
                <Flex vertical gap={8}>
                  {fields.map((field) => (
                    <Row key={field.key} gutter={[8, 0]} align="bottom">
                      <Col xs={24} sm={12}>
                        <Form.Item
                          name={[field.name, "label"]}
                          label={t("rubrics.editor.deadlineLabel")}
                          rules={required}
                          style={tight}
                        >
                          <Input maxLength={1000} />
                        </Form.Item>
                      </Col>
                      <Col xs={6} sm={3}>
                        <Form.Item
                          name={[field.name, "day"]}
                          label={t("rubrics.editor.day")}
                          rules={requiredNumber}
                          style={tight}
                        >
                          <InputNumber min={1} max={31} precision={0} style={{ width: "100%" }} />
                        </Form.Item>
                      </Col>
                      <Col xs={6} sm={3}>
                        <Form.Item
                          name={[field.name, "month"]}
                          label={t("rubrics.editor.month")}
                          rules={requiredNumber}
                          style={tight}
                        >
                          <InputNumber min={1} max={12} precision={0} style={{ width: "100%" }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item
                          name={[field.name, "yearOffset"]}
                          label={t("rubrics.editor.year")}
                          style={tight}
                        >
                          <Select
                            options={[
                              { value: 0, label: t("rubrics.editor.sameYear") },
                              { value: 1, label: t("rubrics.nextYear") },
                            ]}
                            placeholder={t("rubrics.editor.sameYear")}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Flag name={[field.name]} />
                      </Col>
                    </Row>
                  ))}
                </Flex>
              </Card>
            )
          }
        </Form.List>

        {stored.scheme === "points" ? <PointsFields form={form} /> : <LevelsFields form={form} />}

        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t("rubrics.editor.notSaved")}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
            data-testid="rubric-editor-errors"
          />
        )}
        <Flex wrap gap={8}>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={busy}
            onClick={() => void save()}
            data-testid="rubric-save"
          >
            {t("rubrics.editor.save")}
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
function RemoveButton({ onClick, testId }: { onClick: () => void; testId?: string }) {
  const t = useT();
  return (
    <Button
      size="small"
      danger
      icon={<DeleteOutlined />}
      onClick={onClick}
      aria-label={t("rubrics.editor.remove")}
      data-testid={testId}
    />
  );
}

/** The rules of a required text and of a required number, with the message in the user's language. */
function useRules() {
  const t = useT();
  return {
    required: [{ required: true, whitespace: true, message: t("decision.required") }],
    requiredNumber: [{ required: true, message: t("decision.required") }],
  };
}

/** The key of a criterion or an item. */
function KeyField({ name }: { name: (string | number)[] }) {
  const t = useT();
  const { required } = useRules();
  return (
    <Form.Item name={name} label={t("rubrics.editor.key")} rules={required} style={tight}>
      <Input maxLength={40} />
    </Form.Item>
  );
}

/** A new item; in the points scheme it is worth up to 1 point. */
const newItem = (key: string, points: boolean) =>
  points ? { key, text: "", maxPoints: 1 } : { key, text: "" };

/** A new criterion with one item. */
const newCriterion = (key: string, points: boolean) => ({
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
function CriteriaList({ form, name, path, points }: ListProps) {
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

/** Criteria with items scored up to a maximum, an optional minimum per criterion, and the thresholds. */
function PointsFields({ form }: { form: FormInstance<Rubric> }) {
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

/** Levels (1 and 2) of pass/fail criteria and items, the waiting time between levels and the validity. */
function LevelsFields({ form }: { form: FormInstance<Rubric> }) {
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
