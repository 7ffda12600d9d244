import { Alert, Form, Input, InputNumber, Modal, Select } from "antd";
import { useState } from "react";
import type { Citizen } from "../../../shared/citizens";
import { type CitizenFields, citizenApi } from "../../api/registries";
import { type PopulationGroup, populationGroupList } from "../../constants";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";
import type { RegistryFormProps } from "./RegistryPage";

type Values = { villageId: number; fullName: string; birthYear?: number | null; group: PopulationGroup };

/** Dialog to add a citizen to a village of the commune or edit one: only the data the title needs. */
export function CitizenForm({ item, scope, villageId, onClose, onDone }: RegistryFormProps<Citizen>) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const thisYear = new Date().getFullYear();
  const [initial] = useState<Partial<Values>>(() =>
    item
      ? { villageId: item.village.id, fullName: item.fullName, birthYear: item.birthYear, group: item.group }
      : { villageId: villageId ?? scope.villages[0]?.id, group: "other" },
  );

  const submit = async (values: Values) => {
    const body: CitizenFields = {
      villageId: values.villageId,
      fullName: values.fullName.trim(),
      birthYear: values.birthYear ?? null,
      group: values.group,
    };
    const ok = item
      ? await run(form, () => citizenApi.update(item.id, body), t("registry.saved"))
      : await run(form, () => citizenApi.create(body), t("citizens.added", { name: body.fullName }));
    if (ok) onDone();
  };

  return (
    <Modal
      open
      title={item ? t("citizens.editTitle", { name: item.fullName }) : t("citizens.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "citizen-save" } as Record<string, string>}
    >
      <Alert type="info" showIcon title={t("citizens.privacy")} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item
          name="villageId"
          label={t("citizens.village")}
          rules={[{ required: true, message: t("citizens.villageRequired") }]}
        >
          <Select<number>
            showSearch={{ optionFilterProp: "label" }}
            options={scope.villages.map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t("citizens.fullName")}
          rules={[{ required: true, whitespace: true, message: t("citizens.nameRequired") }]}
        >
          <Input maxLength={200} data-testid="citizen-name-input" />
        </Form.Item>
        <Form.Item
          name="birthYear"
          label={t("citizens.birthYear")}
          rules={[{ type: "integer", min: 1900, max: thisYear, message: t("citizens.birthYearInvalid") }]}
        >
          <InputNumber
            min={1900}
            max={thisYear}
            precision={0}
            inputMode="numeric"
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Form.Item name="group" label={t("citizens.group")}>
          <Select<PopulationGroup>
            options={populationGroupList.map((g) => ({ value: g, label: t(`citizens.group.${g}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
