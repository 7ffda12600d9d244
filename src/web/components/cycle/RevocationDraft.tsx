import { Alert, App, Checkbox, Flex, Form, Input, Modal, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import type { Decision, Registration } from "../../../shared/cycle";
import { cycleApi } from "../../api/cycle";
import { applyFieldErrors, errorText } from "../../errors";
import { todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import { PageLoading } from "../PageLoading";
import { subjectText } from "./common";
import { DecisionFields, type DecisionFieldValues, decisionParticulars } from "./DecisionFields";

type Values = DecisionFieldValues & { reason: string; registrationIds: number[] };

type Props = {
  /** The issued recognition decision whose records are revoked. */
  decision: Decision;
  onClose: () => void;
  onDone: () => void;
};

/**
 * The form of a draft revocation decision for records recognised by one decision (POST /decisions with kind
 * "revocation"); a reviewer other than its author issues it from the decisions list.
 */
export function RevocationDraft({ decision, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [records, setRecords] = useState<Registration[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    cycleApi
      .registrations({
        unitId: decision.communeId,
        year: decision.year,
        title: decision.title,
        status: "recognized",
      })
      .then(
        (list) => {
          if (!live) return;
          const own = list.filter((r) => r.decisionId === decision.id);
          setRecords(own);
        },
        (err: unknown) => {
          if (live) setLoadError(errorText(err, t));
        },
      );
    return () => {
      live = false;
    };
  }, [decision, t]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const created = await cycleApi.draftDecision({
        communeId: decision.communeId,
        year: decision.year,
        title: decision.title,
        kind: "revocation",
        reason: values.reason.trim(),
        ...decisionParticulars(values),
        registrationIds: values.registrationIds,
      });
      void message.success(t("decision.revokeDrafted", { number: created.number }));
      onDone();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t("decision.required") }];
  const empty = records !== null && records.length === 0;
  return (
    <Modal
      open
      title={t("decision.revokeTitle", { number: decision.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("decision.revokeSubmit")}
      okButtonProps={{ loading: busy, disabled: records === null || empty, danger: true }}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      <Flex vertical gap={8} data-testid="revocation-form">
        <Typography.Text type="secondary">{t("decision.revokeHelp")}</Typography.Text>
        {loadError && <Alert type="error" showIcon title={loadError} />}
        {records === null && !loadError && <PageLoading />}
        {empty && <Alert type="info" showIcon title={t("decision.revokeNone")} />}
        {records !== null && !empty && (
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{
              signedOn: dayjs(todayIso()),
              agencyName: decision.agencyName,
              signerTitle: decision.signerTitle,
              signerName: decision.signerName,
              registrationIds: records.map((r) => r.id),
            }}
          >
            <Form.Item name="reason" label={t("decision.reason")} rules={required}>
              <Input.TextArea
                maxLength={2000}
                autoSize={{ minRows: 2, maxRows: 6 }}
                data-testid="revoke-reason"
              />
            </Form.Item>
            <DecisionFields testIdPrefix="revoke" numberPlaceholder="15/QĐ-UBND" wideSigner />
            <Form.Item
              name="registrationIds"
              label={t("decision.revokeRecords")}
              rules={[{ required: true, type: "array", min: 1, message: t("decision.revokeChoose") }]}
            >
              <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 4 }}>
                {records.map((r) => (
                  <Checkbox key={r.id} value={r.id} data-testid={`revoke-record-${r.id}`}>
                    {subjectText(r)}
                    {r.village ? ` · ${r.village.name}` : ""}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          </Form>
        )}
      </Flex>
    </Modal>
  );
}
