import { Alert, Form, Modal, Select } from "antd";
import { useT } from "../../i18n/messages";
import { useSubmit } from "../useSubmit";

type Props<Reason extends string> = {
  title: string;
  help: string;
  /** The "archive" button. */
  okText: string;
  doneText: string;
  /** The reasons to choose from (the kind's declared archive reasons); without them the dialog only confirms. */
  reasons?: { value: Reason; label: string }[];
  archive: (reason: Reason | undefined) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
};

/** Archives a registry row, with a reason when the registry asks for one. */
export function ArchiveDialog<Reason extends string>({
  title,
  help,
  okText,
  doneText,
  reasons,
  archive,
  onClose,
  onDone,
}: Props<Reason>) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: Reason }>();
  const { busy, run } = useSubmit();
  const submit = async ({ reason }: { reason?: Reason }) => {
    if (await run(form, () => archive(reason), doneText)) onDone();
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={help} style={{ marginBottom: reasons ? 16 : 0 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ reason: reasons?.[0]?.value }}>
        {reasons && (
          <Form.Item
            name="reason"
            label={t("registry.reason")}
            rules={[{ required: true, message: t("registry.reasonRequired") }]}
          >
            <Select<Reason> options={reasons} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
