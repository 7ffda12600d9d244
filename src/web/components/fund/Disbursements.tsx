/**
 * The year's disbursements with their state, who proposed and approved them, and the actions each state allows:
 * approve or reject (approvers, never the proposer), pay (keepers, neither the proposer nor an approver), void
 * (keepers), the phiếu chi of a paid one. A disabled action says why, in a tooltip and in a line of text.
 */
import { FilePdfOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Form, Input, Tag, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { allows } from "../../../shared/capabilities";
import type { Disbursement } from "../../../shared/fund-disbursement";
import { fundApi, fundFiles } from "../../api/fund";
import { errorText } from "../../errors";
import { formatDate, formatDateTime, formatMoney } from "../../format";
import { type Translate, useT } from "../../i18n/messages";
import { RoleNote } from "../Capability";
import { PageLoading } from "../PageLoading";
import { ActionDialog, accountNames, DateInput, type FundContext, isoOf, today, useLoaded } from "./common";

const stateColors: Record<Disbursement["state"], string> = {
  proposed: "gold",
  approved: "blue",
  paid: "green",
  rejected: "red",
  voided: "default",
};

type Dialog = { kind: "pay" | "reject" | "void"; disbursement: Disbursement } | null;

/** Why the caller cannot take an action on this disbursement now (null: they can). */
function reasons(d: Disbursement, meId: number, t: Translate) {
  const mine = d.proposedById === meId;
  const approvedByMe = d.approvals.some((a) => a.userId === meId);
  return {
    approve: mine ? t("fund.why.ownProposal") : approvedByMe ? t("fund.why.approvedAlready") : null,
    reject: mine ? t("fund.why.rejectOwn") : null,
    pay:
      d.state !== "approved"
        ? t("fund.why.notApproved", { done: d.approvals.length, needed: d.approvalsNeeded })
        : mine
          ? t("fund.why.payOwn")
          : approvedByMe
            ? t("fund.why.payApproved")
            : null,
  };
}

function Row({
  d,
  context,
  open,
}: {
  d: Disbursement;
  context: FundContext;
  open: (dialog: Dialog) => void;
}) {
  const t = useT();
  const { fund, can, me } = context;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const why = reasons(d, me.id, t);
  const live = d.state === "proposed" || d.state === "approved";
  const approve = async () => {
    setBusy(true);
    try {
      await fundApi.approve(fund, d.id);
      context.changed();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const names = accountNames(fund);
  // The actions this state allows to the caller's roles; a disabled one gives its reason (tooltip and a line).
  const actions: { key: string; reason: string | null; button: ReactNode }[] = [];
  const button = (key: string, reason: string | null, label: string, onClick: () => void, primary = false) =>
    actions.push({
      key,
      reason,
      button: (
        <Button
          size="small"
          type={primary ? "primary" : "default"}
          loading={key === "approve" && busy}
          disabled={reason !== null}
          onClick={onClick}
          data-testid={`disbursement-${key}`}
        >
          {label}
        </Button>
      ),
    });
  if (d.state === "proposed" && allows(can, "fund.approve"))
    button(
      "approve",
      why.approve,
      `${t("fund.approve")} (${d.approvals.length}/${d.approvalsNeeded})`,
      approve,
      true,
    );
  if (live && allows(can, "fund.approve"))
    button("reject", why.reject, t("fund.reject"), () => open({ kind: "reject", disbursement: d }));
  if (live && allows(can, "fund.keep")) {
    button("pay", why.pay, t("fund.pay"), () => open({ kind: "pay", disbursement: d }), true);
    button("void", null, t("fund.void"), () => open({ kind: "void", disbursement: d }));
  }
  return (
    <Card size="small" data-testid="disbursement" data-state={d.state}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {d.beneficiaryName} {d.beneficiaryMinor && <Tag>{t("fund.minorTag")}</Tag>}
          </Typography.Text>
          <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
            {formatMoney(d.amount)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          {[d.beneficiarySchool, d.beneficiaryClass].filter(Boolean).join(", ")}
          {d.beneficiarySchool || d.beneficiaryClass ? " · " : ""}
          {d.reason} · {names.get(d.purposeAccountId)} ({names.get(d.assetAccountId)})
        </Typography.Text>
        <Flex gap={6} wrap align="center">
          <Tag color={stateColors[d.state]} data-testid="disbursement-state">
            {t(`fund.state.${d.state}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("fund.proposedBy", { who: d.proposedBy, when: formatDateTime(d.proposedAt) })}
            {d.approvals.map(
              (a) => ` · ${t("fund.approvedBy", { who: a.name, when: formatDateTime(a.at) })}`,
            )}
            {d.paidBy && ` · ${t("fund.paidBy", { who: d.paidBy, when: formatDate(d.paidOn) })}`}
            {d.closedBy && ` · ${t("fund.closedBy", { who: d.closedBy, reason: d.closedReason ?? "" })}`}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap align="center">
          {actions.map((a) => (
            <Tooltip key={a.key} title={a.reason}>
              <span style={{ display: "inline-block" }}>{a.button}</span>
            </Tooltip>
          ))}
          {d.state === "paid" && (
            <a
              href={fundFiles.paymentVoucher(fund, d.id)}
              target="_blank"
              rel="noreferrer"
              data-testid="disbursement-pdf"
            >
              <FilePdfOutlined /> {t("fund.paymentVoucher", { number: d.voucherNumber ?? "" })}
            </a>
          )}
        </Flex>
        {actions.map(
          (a) =>
            a.reason && (
              <Typography.Text
                key={a.key}
                type="secondary"
                style={{ fontSize: 12 }}
                data-testid={`disbursement-${a.key}-why`}
              >
                {a.reason}
              </Typography.Text>
            ),
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Card>
  );
}

export function Disbursements({ context }: { context: FundContext }) {
  const t = useT();
  const { fund, year } = context;
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, error } = useLoaded(`${fund.id}-${year}-${context.version}`, () =>
    fundApi.disbursements(fund, year),
  );
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <PageLoading />;
  const close = () => setDialog(null);
  const d = dialog?.disbursement;
  return (
    <Flex vertical gap={8} data-testid="disbursement-list">
      <RoleNote action="fund.approve" can={context.can} unit={context.place} />
      {data.length === 0 && <Empty description={t("fund.noDisbursements")} />}
      {[...data].reverse().map((item) => (
        <Row key={item.id} d={item} context={context} open={setDialog} />
      ))}
      {dialog?.kind === "pay" && d && (
        <ActionDialog<{ paidOn: Dayjs }>
          title={t("fund.payTitle", { name: d.beneficiaryName, amount: formatMoney(d.amount) })}
          okText={t("fund.pay")}
          done={t("fund.paid")}
          context={context}
          testId="pay-form"
          onClose={close}
          onSubmit={(v) => fundApi.pay(fund, d.id, isoOf(v.paidOn))}
          initialValues={{ paidOn: today() }}
        >
          <Form.Item name="paidOn" label={t("fund.paidOn")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
        </ActionDialog>
      )}
      {(dialog?.kind === "reject" || dialog?.kind === "void") && d && (
        <ActionDialog<{ reason: string }>
          title={t(dialog.kind === "reject" ? "fund.rejectTitle" : "fund.voidTitle", {
            name: d.beneficiaryName,
          })}
          okText={t(dialog.kind === "reject" ? "fund.reject" : "fund.void")}
          done={t(dialog.kind === "reject" ? "fund.rejected" : "fund.voided")}
          context={context}
          testId="close-form"
          onClose={close}
          onSubmit={(v) => fundApi.close(fund, d.id, dialog.kind as "reject" | "void", v.reason)}
        >
          <Form.Item
            name="reason"
            label={t("fund.closeReason")}
            rules={[{ required: true, whitespace: true, message: t("fund.reasonRequired") }]}
          >
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </ActionDialog>
      )}
    </Flex>
  );
}
