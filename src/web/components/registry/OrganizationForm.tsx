import { Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import type { Organization } from "../../../shared/organizations";
import { type OrganizationFields, organizationApi } from "../../api/registries";
import { type OrganizationKind, organizationKindList } from "../../constants";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";
import type { RegistryFormProps } from "./RegistryPage";

type Values = { unitId: number; code?: string; name: string; kind: OrganizationKind };

/** Dialog to add an agency, school or enterprise to the commune or one of its villages, or to edit one. */
export function OrganizationForm({
  item,
  scope,
  villageId,
  onClose,
  onDone,
}: RegistryFormProps<Organization>) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const commune = scope.commune!;
  const [initial] = useState<Partial<Values>>(() =>
    item
      ? { unitId: item.unit.id, code: item.code, name: item.name, kind: item.kind }
      : { unitId: villageId ?? commune.id },
  );

  const submit = async (values: Values) => {
    const body: OrganizationFields = { unitId: values.unitId, name: values.name.trim(), kind: values.kind };
    const code = values.code?.trim();
    if (code) body.code = code;
    const ok = item
      ? await run(form, () => organizationApi.update(item.id, body), t("registry.saved"))
      : await run(form, () => organizationApi.create(body), t("organizations.added", { name: body.name }));
    if (ok) onDone();
  };

  return (
    <Modal
      open
      title={item ? t("organizations.editTitle", { name: item.name }) : t("organizations.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "organization-save" } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item
          name="name"
          label={t("organizations.name")}
          rules={[{ required: true, whitespace: true, message: t("organizations.nameRequired") }]}
        >
          <Input maxLength={300} data-testid="organization-name-input" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t("organizations.kind")}
          rules={[{ required: true, message: t("organizations.kindRequired") }]}
        >
          <Select<OrganizationKind>
            options={organizationKindList.map((k) => ({ value: k, label: t(`organizations.kind.${k}`) }))}
            data-testid="organization-kind"
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t("organizations.unit")}
          rules={[{ required: true, message: t("organizations.unitRequired") }]}
        >
          <Select<number>
            showSearch={{ optionFilterProp: "label" }}
            options={[
              { value: commune.id, label: `${t("organizations.wholeCommune")} (${commune.name})` },
              ...scope.villages.map((v) => ({ value: v.id, label: v.name })),
            ]}
            data-testid="organization-unit"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("organizations.code")}
          extra={item ? undefined : t("registry.codeHint")}
        >
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
