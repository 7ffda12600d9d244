/**
 * The add/edit dialog of any registry kind, built from its declaration's form fields. An edit sends the version
 * it started from: when someone saved the row meanwhile, the server's 409 message is shown and nothing is lost
 * on the server. Members (a clan's households) are saved after the row, only when they changed.
 */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { type KindDeclaration, memberFields } from "../../../shared/registry/declaration";
import { kindNamed } from "../../../shared/registry/kinds";
import type { RegistryApi, RegistryItem } from "../../api/registries";
import { useLang, useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";
import { bodyOf, type FormFieldSpec, formFields, initialValues, itemName, pageTexts } from "./derive";
import { MembersPicker, ReferencePicker } from "./pickers";
import type { ReadyScope } from "./RegistryPage";

type Props = {
  kind: KindDeclaration;
  api: RegistryApi;
  /** The row to edit, or null to add one. */
  item: RegistryItem | null;
  scope: ReadyScope;
  /** The village chosen on the page, preselected when adding. */
  villageId: number | null;
  onClose: () => void;
  onDone: () => void;
  /** After a stale save (409): fetches the record again; the dialog restarts from it. */
  onReload?: () => Promise<void>;
};

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((id) => b.includes(id));

export function RegistryForm({ kind, api, item, scope, villageId, onClose, onDone, onReload }: Props) {
  const t = useT();
  const { lang } = useLang();
  const texts = pageTexts(kind, lang);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { busy, run } = useSubmit();
  const commune = scope.commune!;
  const fields = formFields(kind, lang, item === null);
  const [initial] = useState(() => {
    const values = initialValues(kind, item, {
      villageId,
      communeId: commune.id,
      firstVillageId: scope.villages[0]?.id,
    });
    for (const f of fields)
      if (f.widget === "date" && values[f.name]) values[f.name] = dayjs(String(values[f.name]));
    return values;
  });

  const submit = async (values: Record<string, unknown>) => {
    for (const f of fields)
      if (f.widget === "date" && values[f.name])
        values[f.name] = (values[f.name] as Dayjs).format("YYYY-MM-DD");
    const body = bodyOf(kind, values, commune.id);
    const save = async () => {
      const saved = item
        ? await api.update(item, { ...body, version: item.version })
        : await api.create(body);
      for (const [key, field] of memberFields(kind)) {
        if (!kind.form.fields.includes(key)) continue;
        const wanted = (values[key] as number[] | undefined) ?? [];
        const before = (item?.[key] as number[] | undefined) ?? [];
        if (!sameIds(wanted, before)) await api.setMembers(saved, key, kindNamed(field.kind).name, wanted);
      }
    };
    const done = item ? t("registry.saved") : texts.added(String(values[kind.list.title] ?? "").trim());
    if (await run(form, save, done, { reload: onReload })) onDone();
  };

  const widget = (f: FormFieldSpec): ReactNode => {
    switch (f.widget) {
      case "village":
      case "place":
        return (
          <Select<number>
            showSearch={{ optionFilterProp: "label" }}
            options={[
              ...(f.widget === "place"
                ? [{ value: commune.id, label: `${t("registry.wholeCommune")} (${commune.name})` }]
                : []),
              ...scope.villages.map((v) => ({ value: v.id, label: v.name })),
            ]}
            data-testid={f.testId}
          />
        );
      case "choice":
        return <Select<string> allowClear={!f.required} options={f.options} data-testid={f.testId} />;
      case "number":
      case "year":
        return (
          <InputNumber
            min={f.min}
            max={f.widget === "year" ? Math.min(f.max ?? 2100, new Date().getFullYear()) : f.max}
            precision={0}
            inputMode="numeric"
            style={{ width: "100%" }}
            data-testid={f.testId}
          />
        );
      case "date":
        return <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} data-testid={f.testId} />;
      case "reference":
        return <ReferencePicker kind={f.kind!} communeId={commune.id} testId={f.testId} />;
      case "members":
        return <MembersPicker kind={f.kind!} communeId={commune.id} testId={f.testId} />;
      default:
        return (
          <Input
            maxLength={f.max}
            inputMode={f.widget === "phone" ? "tel" : undefined}
            data-testid={f.testId}
          />
        );
    }
  };

  const rules = (f: FormFieldSpec) => {
    if (f.widget === "number" || f.widget === "year")
      return [
        {
          required: f.required,
          type: "integer" as const,
          min: f.min,
          max: f.max,
          message: f.requiredMessage,
        },
      ];
    // Any key besides "required" makes it a string rule: "whitespace" only for typed text, not for picked ids.
    const typed = ["text", "code", "phone"].includes(f.widget) ? { whitespace: true } : {};
    return f.required ? [{ required: true, ...typed, message: f.requiredMessage }] : [];
  };

  return (
    <Modal
      open
      title={item ? texts.editTitle(itemName(kind, item)) : texts.add}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": `${kind.entity}-save` } as Record<string, string>}
    >
      {kind.form.notice && (
        <Alert type="info" showIcon title={kind.form.notice[lang]} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} extra={f.help} rules={rules(f)}>
            {widget(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
