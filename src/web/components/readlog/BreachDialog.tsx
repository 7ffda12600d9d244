/** Record or edit a breach: what, when it happened and was found, who and which data, measures, notification. */
import { Checkbox, Form, Input, InputNumber, Modal, Select } from "antd";
import { type Breach, dataCategories, personalKinds } from "../../../shared/readlog";
import { registryKinds } from "../../../shared/registry/kinds";
import { readlogApi } from "../../api/readlog";
import { useLang, useT } from "../../i18n/messages";
import { nounParams } from "../registry/derive";
import { UnitSelect } from "../UnitSelect";
import { useSubmit } from "../useSubmit";

type Values = {
  unitId: number | null;
  title: string;
  description: string;
  occurredAt: string;
  discoveredAt: string;
  peopleAffected: number;
  dataCategories: string[];
  registryKinds: string[];
  measures?: string;
  notifiedAt?: string;
  notifiedTo?: string;
  closed?: boolean;
};

const pad = (n: number) => String(n).padStart(2, "0");
/** An instant as this computer's wall clock for a datetime-local field ("2026-12-01T08:30"), as the pages show it. */
function wallClock(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A datetime-local value as an instant for the API (UTC); text that is no date goes as it is, for the API to refuse. */
function instant(local: string): string;
function instant(local: string | undefined): string | null;
function instant(local: string | undefined): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : `${d.toISOString().slice(0, 19)}Z`;
}

export function BreachDialog({
  editing,
  unitId,
  onClose,
  onSaved,
}: {
  editing: Breach | null;
  unitId: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const required = [{ required: true, message: t("breach.required") }];

  const submit = async (v: Values) => {
    const body = {
      title: v.title,
      description: v.description,
      occurredAt: instant(v.occurredAt),
      discoveredAt: instant(v.discoveredAt),
      peopleAffected: v.peopleAffected,
      dataCategories: v.dataCategories as Breach["dataCategories"],
      registryKinds: v.registryKinds as (typeof personalKinds)[number][],
      measures: v.measures || null,
      notifiedAt: instant(v.notifiedAt),
      notifiedTo: v.notifiedAt ? v.notifiedTo || null : null,
      closed: !!v.closed,
    };
    const ok = await run(
      form,
      () =>
        editing
          ? readlogApi.updateBreach(editing.id, { ...body, version: editing.version })
          : readlogApi.createBreach({ unitId: v.unitId, ...body }),
      t("breach.saved"),
    );
    if (ok) onSaved();
  };

  return (
    <Modal
      open
      title={editing ? t("breach.edit") : t("breach.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "breach-save" } as { "data-testid": string }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="breach-form"
        initialValues={
          editing
            ? {
                ...editing,
                unitId: editing.unit?.id ?? null,
                occurredAt: wallClock(editing.occurredAt),
                discoveredAt: wallClock(editing.discoveredAt),
                notifiedAt: wallClock(editing.notifiedAt),
                measures: editing.measures ?? undefined,
                notifiedTo: editing.notifiedTo ?? undefined,
                closed: editing.closedAt !== null,
              }
            : { unitId, dataCategories: [], registryKinds: [] }
        }
      >
        {!editing && (
          <Form.Item
            name="unitId"
            label={t("breach.unit")}
            rules={[{ required: true, message: t("breach.noUnit") }]}
          >
            <UnitSelect testId="breach-unit" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t("breach.name")} rules={required}>
          <Input maxLength={300} data-testid="breach-title" />
        </Form.Item>
        <Form.Item name="description" label={t("breach.description")} rules={required}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t("breach.occurredAt")} rules={required}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="discoveredAt" label={t("breach.discoveredAt")} rules={required}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="peopleAffected" label={t("breach.people")} rules={required}>
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        {/* Nothing ticked by default: the officer says which data were affected. */}
        <Form.Item name="dataCategories" label={t("breach.categories")} rules={required}>
          <Checkbox.Group
            options={Object.entries(dataCategories).map(([value, label]) => ({ value, label: label[lang] }))}
          />
        </Form.Item>
        <Form.Item name="registryKinds" label={t("breach.kinds")}>
          <Select
            mode="multiple"
            options={personalKinds.map((name) => {
              const kind = registryKinds.find((k) => k.name === name);
              return { value: name, label: kind ? nounParams(kind, lang).Nouns : name };
            })}
          />
        </Form.Item>
        <Form.Item name="measures" label={t("breach.measures")}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="notifiedAt" label={t("breach.notifiedAt")}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="notifiedTo" label={t("breach.notifiedTo")}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="closed" valuePropName="checked">
          <Checkbox>{t("breach.closed")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
