import { Alert, Form, Modal, Select } from "antd";
import type { Household } from "../../../shared/registries";
import { householdApi } from "../../api/households";
import { type ArchiveReason, archiveReasonList } from "../../constants";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";

/** Archives a household (moved away, merged into another, no longer exists). */
export function ArchiveDialog({
  household,
  onClose,
  onDone,
}: {
  household: Household;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: ArchiveReason }>();
  const { busy, run } = useSubmit();
  const submit = async ({ reason }: { reason: ArchiveReason }) => {
    if (await run(form, () => householdApi.archive(household.id, reason), t("households.archived"))) onDone();
  };
  return (
    <Modal
      open
      title={t("households.archiveTitle", { name: household.headName })}
      okText={t("households.archive")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={t("households.archiveHelp")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ reason: "moved" }}>
        <Form.Item
          name="reason"
          label={t("households.reason")}
          rules={[{ required: true, message: t("households.reasonRequired") }]}
        >
          <Select<ArchiveReason>
            options={archiveReasonList.map((r) => ({ value: r, label: t(`households.reason.${r}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
