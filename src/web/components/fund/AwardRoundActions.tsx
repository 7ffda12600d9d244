/**
 * What can be done with an award round, for the caller's roles: edit its decision and accounts (keepers, while
 * nobody approved it), approve it (approvers; never whoever made the round or imported its list, each once; two
 * people when its total is above the fund's threshold), pay it (keepers who neither made it, imported its list nor
 * approved it) and cancel it (keepers, before payment). An action the roles allow but the round does not yet says
 * why, in a tooltip and in a line of text; the API enforces the same rules.
 */
import { CheckOutlined, CloseCircleOutlined, EditOutlined, WalletOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Flex, Form, Input, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { allows } from "../../../shared/capabilities";
import { type AwardRound, awardApi } from "../../api/fund";
import { errorText } from "../../errors";
import { formatDate, formatMoney } from "../../format";
import { type Translate, useT } from "../../i18n/messages";
import { RoleNote, WhyNot } from "../Capability";
import { AwardRoundDialog } from "./AwardRoundParts";
import { ActionDialog, accountNames, DateInput, type FundContext, isoOf, today } from "./common";

type Dialog = "edit" | "pay" | "cancel" | null;

/** Why the caller cannot take each action on this round now (null: they can). */
export function awardReasons(r: AwardRound, meId: number, t: Translate) {
  const made = r.proposedById === meId;
  const listed = r.listById === meId;
  const approved = r.approvals.some((a) => a.userId === meId);
  const frozen = r.approvals.length > 0 ? t("award.why.frozen") : null;
  return {
    edit: frozen,
    approve:
      r.recipientCount === 0
        ? t("award.why.noList")
        : made
          ? t("award.why.ownRound")
          : listed
            ? t("award.why.ownList")
            : approved
              ? t("award.why.approvedAlready")
              : null,
    pay:
      r.state !== "approved"
        ? t("fund.why.notApproved", { done: r.approvals.length, needed: r.approvalsNeeded })
        : made || listed
          ? t("award.why.payOwn")
          : approved
            ? t("award.why.payApproved")
            : null,
    import: frozen,
  };
}

export function AwardRoundActions({ context, round }: { context: FundContext; round: AwardRound }) {
  const t = useT();
  const { fund, can, me } = context;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const why = awardReasons(round, me.id, t);
  const keeper = allows(can, "fund.keep");
  const approver = allows(can, "fund.approve");
  const open = round.state === "draft" || round.state === "approved";
  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      await awardApi.approve(fund, round.id);
      context.changed();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const action = (
    key: string,
    reason: string | null,
    label: string,
    icon: ReactNode,
    onClick: () => void,
    primary = false,
  ) => (
    <WhyNot key={key} reason={reason} testId={`award-${key}-why`}>
      <Button
        type={primary ? "primary" : "default"}
        icon={icon}
        disabled={reason !== null}
        loading={key === "approve" && busy}
        onClick={onClick}
        data-testid={`award-${key}`}
      >
        {label}
      </Button>
    </WhyNot>
  );
  const buttons: ReactNode[] = [];
  if (round.state === "draft" && approver)
    buttons.push(
      action(
        "approve",
        why.approve,
        `${t("fund.approve")} (${round.approvals.length}/${round.approvalsNeeded})`,
        <CheckOutlined />,
        approve,
        true,
      ),
    );
  if (open && keeper) {
    buttons.push(action("pay", why.pay, t("award.pay"), <WalletOutlined />, () => setDialog("pay"), true));
    if (round.state === "draft")
      buttons.push(action("edit", why.edit, t("award.edit"), <EditOutlined />, () => setDialog("edit")));
    buttons.push(
      action("cancel", null, t("award.cancel"), <CloseCircleOutlined />, () => setDialog("cancel")),
    );
  }
  const names = accountNames(fund);
  const close = () => setDialog(null);
  return (
    <Flex vertical gap={8} data-testid="award-actions">
      {buttons.length > 0 && (
        <Flex gap={8} wrap align="flex-start">
          {buttons}
        </Flex>
      )}
      {open && !approver && <RoleNote action="fund.approve" can={can} unit={context.place} />}
      {open && !keeper && <RoleNote action="fund.keep" can={can} unit={context.place} />}
      {error && <Alert type="error" showIcon title={error} data-testid="award-error" />}
      {dialog === "edit" && <AwardRoundDialog context={context} round={round} onClose={close} />}
      {dialog === "pay" && (
        <ActionDialog<{ paidOn: Dayjs }>
          title={t("award.payTitle", { name: round.name })}
          okText={t("award.pay")}
          done={t("fund.paid")}
          context={context}
          testId="award-pay-form"
          onClose={close}
          onSubmit={(v) => awardApi.pay(fund, round.id, isoOf(v.paidOn))}
          initialValues={{ paidOn: today() }}
        >
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: "total",
                label: t("award.total"),
                children: `${formatMoney(round.total)} · ${t("award.count", {
                  count: round.recipientCount,
                  minors: round.minorCount,
                })}`,
              },
              { key: "from", label: t("fund.payFrom"), children: names.get(round.assetAccountId) },
              { key: "purpose", label: t("fund.purpose"), children: names.get(round.purposeAccountId) },
            ]}
          />
          <Typography.Paragraph type="secondary">{t("award.payHint")}</Typography.Paragraph>
          <Form.Item
            name="paidOn"
            label={t("fund.paidOn")}
            rules={[{ required: true }]}
            extra={
              round.decisionDate
                ? t("award.payAfterDecision", { date: formatDate(round.decisionDate) })
                : undefined
            }
          >
            <DateInput />
          </Form.Item>
        </ActionDialog>
      )}
      {dialog === "cancel" && (
        <ActionDialog<{ reason: string }>
          title={t("award.cancelTitle", { name: round.name })}
          okText={t("award.cancel")}
          done={t("award.cancelled")}
          context={context}
          testId="award-cancel-form"
          onClose={close}
          onSubmit={(v) => awardApi.cancel(fund, round.id, v.reason)}
        >
          <Form.Item
            name="reason"
            label={t("fund.closeReason")}
            rules={[{ required: true, whitespace: true, message: t("fund.reasonRequired") }]}
          >
            <Input.TextArea maxLength={500} rows={2} data-testid="award-cancel-reason" />
          </Form.Item>
        </ActionDialog>
      )}
    </Flex>
  );
}
