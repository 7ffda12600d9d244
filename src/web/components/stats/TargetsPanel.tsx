/**
 * The targets that apply to a province or commune (national ones, its parents' and its own) and, for its unit
 * administrators, setting and deleting the unit's own targets (POST/DELETE /targets). The server decides who may.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { subjectMetrics, type TargetSubject, targetSubjects } from "../../../shared/stats";
import { ApiRequestError } from "../../api/client";
import { type TargetEntry, type TargetInput, targetsApi } from "../../api/stats";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
import { hasRole, useMe } from "../../session";

type Values = {
  title: TargetSubject;
  metric: TargetInput["metric"];
  year: number;
  value: number;
  basisNumber: string;
  basisIssuer: string;
  basisDate?: Dayjs | null;
  note?: string;
};

/** Server field names ("basis.number") to this form's flat names. */
const fieldNames: Record<string, keyof Values> = {
  title: "title",
  metric: "metric",
  year: "year",
  value: "value",
  "basis.number": "basisNumber",
  "basis.issuer": "basisIssuer",
  "basis.signedOn": "basisDate",
  note: "note",
};

export function TargetsPanel({
  unit,
  title,
  year,
  onChanged,
  testId = "targets",
}: {
  unit: { id: number; name: string; level: string };
  title: TargetSubject;
  year: number;
  onChanged: () => void;
  /** Prefix of the panel's and table's test ids (two panels on one page). */
  testId?: string;
}) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [targets, setTargets] = useState<TargetEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch("title", form);
  const subjectLabel = (value: TargetSubject) =>
    value === "association" ? t("stats.association") : t(`title.${value}`);
  const canSet =
    hasRole(me, "system_admin", "unit_admin") && (unit.level === "province" || unit.level === "commune");

  useEffect(() => {
    let live = true;
    void version;
    targetsApi.list(unit.id).then(
      (list) => {
        if (!live) return;
        setTargets(list);
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [unit.id, version, t]);

  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };

  const save = async (values: Values) => {
    setSaving(true);
    try {
      await targetsApi.create({
        unitId: unit.id,
        title: values.title,
        metric: values.metric,
        year: values.year,
        value: values.value,
        basis: {
          number: values.basisNumber,
          issuer: values.basisIssuer,
          signedOn: values.basisDate ? values.basisDate.format("YYYY-MM-DD") : null,
        },
        note: values.note?.trim() ? values.note.trim() : null,
      });
      message.success(t("stats.targets.saved"));
      setOpen(false);
      form.resetFields();
      changed();
    } catch (err) {
      const fields = err instanceof ApiRequestError ? Object.entries(err.fieldErrors) : [];
      const mapped = fields.flatMap(([name, text]) => {
        const field = fieldNames[name];
        return field ? [{ name: field, errors: [text] }] : [];
      });
      if (mapped.length > 0) form.setFields(mapped);
      else message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await targetsApi.remove(id);
      changed();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const shown = (targets ?? []).filter((x) => x.title === title);
  const required = [{ required: true, message: t("stats.targets.required") }];
  return (
    <Card
      size="small"
      title={t("stats.targets.title", { name: unit.name })}
      data-testid={`${testId}-panel`}
      extra={
        canSet && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              form.setFieldsValue({ title, metric: subjectMetrics(title)[0], year });
              setOpen(true);
            }}
            data-testid="target-add"
          >
            {t("stats.targets.add")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("stats.targets.help")}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<TargetEntry>
        size="small"
        rowKey="id"
        loading={targets === null && !error}
        dataSource={shown}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid={`${testId}-table`}
        columns={[
          { key: "year", title: t("stats.year"), dataIndex: "year" },
          {
            key: "metric",
            title: t("stats.targets.metric"),
            render: (_, x) => t(`stats.metric.${x.metric}`),
          },
          {
            key: "value",
            title: t("stats.targets.value"),
            align: "right",
            render: (_, x) => x.value.toFixed(2).replace(".", ","),
          },
          {
            key: "source",
            title: t("stats.targets.source"),
            render: (_, x) => (x.source === "national" ? t("stats.target.national") : (x.unit?.name ?? "")),
          },
          {
            key: "basis",
            title: t("stats.targets.basis"),
            render: (_, x) => (
              <span>
                {x.basis.text}{" "}
                {!x.basis.confirmed && <Tag color="orange">{t("stats.targets.unconfirmed")}</Tag>}
              </span>
            ),
          },
          {
            key: "inEffect",
            title: t("stats.targets.inEffect"),
            render: (_, x) =>
              x.inEffect ? (
                <Tag color="green">{t("stats.targets.inEffect")}</Tag>
              ) : (
                t("stats.targets.replaced")
              ),
          },
          ...(canSet
            ? [
                {
                  key: "actions",
                  title: "",
                  render: (_: unknown, x: TargetEntry) =>
                    x.source === "local" && x.unit?.id === unit.id ? (
                      <Popconfirm title={t("stats.targets.delete")} onConfirm={() => void remove(x.id)}>
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t("stats.targets.delete")}
                          data-testid="target-delete"
                        />
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={open}
        title={t("stats.targets.add")}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ "data-testid": "target-save" } as Record<string, string>}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="title" label={t("stats.titleField")} rules={required}>
            <Select
              options={targetSubjects.map((value) => ({ value, label: subjectLabel(value) }))}
              onChange={(value: TargetSubject) => form.setFieldValue("metric", subjectMetrics(value)[0])}
            />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item name="metric" label={t("stats.targets.metric")} rules={required} style={{ flex: 2 }}>
              <Select
                options={subjectMetrics(chosen ?? title).map((value) => ({
                  value,
                  label: t(`stats.metric.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t("stats.year")} rules={required} style={{ flex: 1 }}>
              <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="value" label={t("stats.targets.value")} rules={required} style={{ flex: 1 }}>
              <InputNumber
                min={0}
                max={100}
                step={0.01}
                style={{ width: "100%" }}
                data-testid="target-value"
              />
            </Form.Item>
          </Flex>
          <Form.Item name="basisNumber" label={t("stats.targets.basisNumber")} rules={required}>
            <Input placeholder="123/KH-UBND" data-testid="target-basis-number" />
          </Form.Item>
          <Form.Item name="basisIssuer" label={t("stats.targets.basisIssuer")} rules={required}>
            <Input placeholder="UBND tỉnh" data-testid="target-basis-issuer" />
          </Form.Item>
          <Form.Item name="basisDate" label={t("stats.targets.basisDate")}>
            <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="note" label={t("stats.targets.note")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
