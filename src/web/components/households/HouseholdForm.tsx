import { Form, Input, InputNumber, Modal, Select } from "antd";
import { useState } from "react";
import type { UnitSummary } from "../../../shared/api";
import type { Household } from "../../../shared/registries";
import { type HouseholdFields, householdApi } from "../../api/households";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";

type Values = {
  villageId: number;
  code?: string;
  headName: string;
  address?: string;
  members: number;
  phone?: string;
};

type Props = {
  /** The household to edit, or null to add one. */
  household: Household | null;
  villages: UnitSummary[];
  /** The village chosen on the page, preselected when adding. */
  villageId: number | null;
  onClose: () => void;
  onDone: () => void;
};

const blankToNull = (value?: string) => (value?.trim() ? value.trim() : null);

/** Dialog to add a household to a village of the commune, or to edit one (moving it within the commune). */
export function HouseholdForm({ household, villages, villageId, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const [initial] = useState<Partial<Values>>(() =>
    household
      ? {
          villageId: household.village.id,
          code: household.code,
          headName: household.headName,
          address: household.address ?? undefined,
          members: household.members,
          phone: household.phone ?? undefined,
        }
      : { villageId: villageId ?? villages[0]?.id, members: 1 },
  );

  const submit = async (values: Values) => {
    const body: HouseholdFields = {
      villageId: values.villageId,
      headName: values.headName.trim(),
      members: values.members,
      address: blankToNull(values.address),
      phone: blankToNull(values.phone),
    };
    const code = values.code?.trim();
    if (code) body.code = code;
    const ok = household
      ? await run(form, () => householdApi.update(household.id, body), t("households.saved"))
      : await run(form, () => householdApi.create(body), t("households.added", { name: body.headName }));
    if (ok) onDone();
  };

  return (
    <Modal
      open
      title={household ? t("households.editTitle", { code: household.code }) : t("households.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "household-save" } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item
          name="villageId"
          label={t("households.village")}
          rules={[{ required: true, message: t("households.villageRequired") }]}
        >
          <Select<number>
            showSearch={{ optionFilterProp: "label" }}
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item
          name="headName"
          label={t("households.head")}
          rules={[{ required: true, whitespace: true, message: t("households.headRequired") }]}
        >
          <Input maxLength={200} data-testid="household-head" />
        </Form.Item>
        <Form.Item
          name="members"
          label={t("households.members")}
          rules={[
            { required: true, type: "integer", min: 1, max: 99, message: t("households.membersRequired") },
          ]}
        >
          <InputNumber min={1} max={99} precision={0} inputMode="numeric" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("households.code")}
          extra={household ? undefined : t("households.codeHint")}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t("households.address")}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="phone" label={t("households.phone")}>
          <Input maxLength={15} inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
