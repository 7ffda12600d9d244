/**
 * The form of a new version of a criteria set, prefilled from the version shown: legal basis, period in force,
 * yearly deadlines and the scheme (criteria, items, points or levels, thresholds), with rows added and removed,
 * and the "chưa xác minh" values confirmed one by one. Saving posts a new version (POST /rubrics); evaluations
 * already made keep the version they used.
 */
import { SaveOutlined } from "@ant-design/icons";
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
} from "antd";
import { useMemo, useState } from "react";
import type { Rubric, StoredRubric } from "../../../shared/rubric";
import { ApiRequestError } from "../../api/client";
import { cycleApi } from "../../api/cycle";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { IsoDateField } from "../IsoDateField";
import { Flag, tight, useRules } from "./editorFields";
import { LevelsFields } from "./LevelsFields";
import { PointsFields } from "./PointsFields";
import { cleaned, rubricInputOf } from "./rubricInput";

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
