/**
 * "Khóa số liệu năm" on the statistics dashboard (docs/STATISTICS.md, "Closing a year"): the year's state for the
 * unit (a commune, or the communes of a province), the action with a confirmation, disabled with the reason while
 * the decisions are not issued (or the role may not), and "Mở lại" with a required reason.
 */
import { LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { refusal } from "../../../shared/capabilities";
import { type YearCloseStatus, yearCloseApi } from "../../api/year-close";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { useT } from "../../i18n/messages";

export function YearClose({
  unitId,
  year,
  onChanged,
}: {
  unitId: number;
  year: number;
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState<YearCloseStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    let live = true;
    setStatus(null);
    // A village, or a unit out of reach: nothing to show.
    yearCloseApi.status(unitId, year).then(
      (s) => live && setStatus(s),
      () => live && setStatus(null),
    );
    return () => {
      live = false;
    };
  }, [unitId, year]);

  if (!status || status.communes.length === 0) return null;
  const closed = status.communes.filter((c) => c.closure);
  const eligible = status.communes.filter((c) => !c.closure && !c.blocker);
  const blockers = status.communes.filter((c) => c.blocker).map((c) => c.blocker as string);
  const disabledReason = !status.canClose
    ? refusal("stats.year.close")
    : eligible.length === 0 && closed.length < status.communes.length
      ? blockers.slice(0, 3).join("; ")
      : null;
  const commune = status.unit.level === "commune";

  const close = async () => {
    setBusy(true);
    try {
      const result = await yearCloseApi.close(unitId, year);
      setStatus(result);
      void message.success(t("yearClose.done", { year, count: result.closedNow.length }));
      if (!commune && result.skipped.length > 0)
        void message.info(
          t("yearClose.skipped", {
            reasons: result.skipped
              .slice(0, 3)
              .map((s) => s.reason)
              .join("; "),
          }),
        );
      onChanged();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const reopen = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      setStatus(await yearCloseApi.reopen(unitId, year, reason));
      void message.success(t("yearClose.reopened", { year }));
      setReopening(false);
      form.resetFields();
      onChanged();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const first = closed[0]?.closure;
  return (
    <Flex wrap gap={8} align="center" data-testid="year-close">
      {status.state === "closed" ? (
        <Tag icon={<LockOutlined />} color="blue" data-testid="year-close-state">
          {t("yearClose.closed", { year })}
        </Tag>
      ) : status.state === "partly" ? (
        <Tag color="gold" data-testid="year-close-state">
          {t("yearClose.partly", { closed: closed.length, total: status.communes.length })}
        </Tag>
      ) : (
        <Tag data-testid="year-close-state">{t("yearClose.open")}</Tag>
      )}
      {commune && first && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("yearClose.closedAt", { when: formatDateTime(first.closedAt), who: first.closedByName })}
        </Typography.Text>
      )}
      {status.state !== "closed" && (
        <Tooltip title={disabledReason}>
          <Popconfirm
            title={t("yearClose.title", { year })}
            description={
              <div style={{ maxWidth: 360 }}>
                {commune
                  ? t("yearClose.confirm", { year })
                  : t("yearClose.confirmProvince", { year, name: status.unit.name })}
              </div>
            }
            okText={t("yearClose.ok")}
            cancelText={t("common.cancel")}
            onConfirm={close}
            disabled={disabledReason !== null}
          >
            <Button
              icon={<LockOutlined />}
              loading={busy}
              disabled={disabledReason !== null}
              data-testid="year-close-action"
            >
              {t("yearClose.action")}
            </Button>
          </Popconfirm>
        </Tooltip>
      )}
      {disabledReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="year-close-reason">
          {disabledReason}
        </Typography.Text>
      )}
      {closed.length > 0 && status.canClose && (
        <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="year-close-reopen">
          {t("yearClose.reopen")}
        </Button>
      )}
      <Modal
        open={reopening}
        title={t("yearClose.reopenTitle", { year })}
        okText={t("yearClose.reopen")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={reopen}
        onCancel={() => setReopening(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("yearClose.reopenHelp")}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t("yearClose.reason")}
            rules={[{ required: true, whitespace: true, message: t("yearClose.reasonRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="year-close-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
