/** Recording a data subject's request: who (name, birth year, village), what, when and how it came. */
import { Form, Input, InputNumber, Modal, Select } from "antd";
import type { UnitSummary } from "../../../shared/api";
import type { DataRequestCreate } from "../../../shared/privacy-requests";
import { type DataRequest, dataRequestApi } from "../../api/privacy-requests";
import { todayIso } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { IsoDateField } from "../IsoDateField";
import { useSubmit } from "../useSubmit";
import { channelOptions, kindOptions } from "./labels";

type Values = Omit<DataRequestCreate, "communeId">;

export function RequestDialog({
  communeId,
  villages,
  onClose,
  onSaved,
}: {
  communeId: number;
  villages: UnitSummary[];
  onClose: () => void;
  onSaved: (request: DataRequest) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const save = async (values: Values) => {
    let created: DataRequest | null = null;
    const ok = await run(
      form,
      async () => {
        created = await dataRequestApi.create({ ...values, communeId });
      },
      t("dsr.saved"),
    );
    if (ok && created) onSaved(created);
  };
  return (
    <Modal
      open
      title={t("dsr.add")}
      okText={t("dsr.save")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "dsr-save" } as { "data-testid": string }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ kind: "access", channel: "in_person", receivedOn: todayIso() }}
        data-testid="dsr-form"
      >
        <Form.Item
          name="personName"
          label={t("dsr.person")}
          rules={[{ required: true, message: t("dsr.person") }]}
        >
          <Input maxLength={200} data-testid="dsr-person" />
        </Form.Item>
        <Form.Item name="birthYear" label={t("dsr.birthYear")}>
          <InputNumber min={1900} max={2100} style={{ width: "100%" }} data-testid="dsr-birth-year" />
        </Form.Item>
        <Form.Item name="villageId" label={t("dsr.village")}>
          <Select
            allowClear
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            data-testid="dsr-village"
          />
        </Form.Item>
        <Form.Item name="kind" label={t("dsr.kind")} rules={[{ required: true }]}>
          <Select options={kindOptions(lang)} data-testid="dsr-kind" />
        </Form.Item>
        <Form.Item name="receivedOn" label={t("dsr.receivedOn")} rules={[{ required: true }]}>
          <IsoDateField testId="dsr-received-on" />
        </Form.Item>
        <Form.Item name="channel" label={t("dsr.channel")} rules={[{ required: true }]}>
          <Select options={channelOptions(lang)} data-testid="dsr-channel" />
        </Form.Item>
        <Form.Item name="notes" label={t("dsr.notes")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
