/**
 * What a keeper of the books does from the top of the fund's page: a receipt (with its phiếu thu to open right
 * after), a transfer between two accounts or two purposes, a proposed disbursement. Someone who does not keep the
 * books is told who does.
 */
import { FilePdfOutlined, PlusOutlined, SendOutlined, SwapOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { allows } from "../../../shared/capabilities";
import type { Receipt } from "../../../shared/fund";
import { fundApi, fundFiles } from "../../api/fund";
import { useT } from "../../i18n/messages";
import { RoleNote } from "../Capability";
import {
  ActionDialog,
  assetAccounts,
  DateInput,
  type FundContext,
  isoOf,
  MoneyInput,
  purposeAccounts,
  today,
  useAmountRules,
} from "./common";
import { ProposeDialog } from "./ProposeDialog";
import { ReceiptDialog } from "./ReceiptDialog";

type TransferValues = {
  postedOn: Dayjs;
  fromAccountId: number;
  toAccountId: number;
  amount: number;
  description: string;
};

function TransferDialog({ context, onClose }: { context: FundContext; onClose: () => void }) {
  const t = useT();
  const amountRules = useAmountRules();
  const group = (label: string, accounts: ReturnType<typeof assetAccounts>) => ({
    label,
    options: accounts.map((a) => ({ value: a.id, label: a.name })),
  });
  const options = [
    group(t("fund.assetAccounts"), assetAccounts(context.fund)),
    group(t("fund.purposes"), purposeAccounts(context.fund)),
  ];
  return (
    <ActionDialog<TransferValues>
      title={t("fund.transfer")}
      done={t("fund.transferred")}
      context={context}
      testId="transfer-form"
      onClose={onClose}
      onSubmit={(v) =>
        fundApi.transfer(context.fund, {
          postedOn: isoOf(v.postedOn),
          fromAccountId: v.fromAccountId,
          toAccountId: v.toAccountId,
          amount: v.amount,
          description: v.description,
        })
      }
      initialValues={{ postedOn: today(), description: t("fund.transferDescription") }}
    >
      <Form.Item name="postedOn" label={t("fund.postedOn")} rules={[{ required: true }]}>
        <DateInput />
      </Form.Item>
      <Form.Item
        name="fromAccountId"
        label={t("fund.from")}
        rules={[{ required: true, message: t("fund.accountRequired") }]}
        extra={t("fund.transferHint")}
      >
        <Select<number> options={options} data-testid="transfer-from" />
      </Form.Item>
      <Form.Item
        name="toAccountId"
        label={t("fund.to")}
        rules={[{ required: true, message: t("fund.accountRequired") }]}
      >
        <Select<number> options={options} data-testid="transfer-to" />
      </Form.Item>
      <Form.Item name="amount" label={t("fund.amount")} rules={amountRules}>
        <MoneyInput />
      </Form.Item>
      <Form.Item
        name="description"
        label={t("fund.description")}
        rules={[{ required: true, whitespace: true, message: t("fund.reasonRequired") }]}
      >
        <Input maxLength={500} />
      </Form.Item>
    </ActionDialog>
  );
}

type Dialog = "receipt" | "transfer" | "propose" | null;

export function FundActions({ context }: { context: FundContext }) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastReceipt, setLastReceipt] = useState<Receipt | null>(null);
  const close = () => setDialog(null);
  if (!allows(context.can, "fund.keep"))
    return <RoleNote action="fund.keep" can={context.can} unit={context.place} />;
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog("receipt")}
          data-testid="fund-receive"
        >
          {t("fund.receive")}
        </Button>
        <Button icon={<SwapOutlined />} onClick={() => setDialog("transfer")} data-testid="fund-transfer">
          {t("fund.transfer")}
        </Button>
        <Button icon={<SendOutlined />} onClick={() => setDialog("propose")} data-testid="fund-propose">
          {t("fund.propose")}
        </Button>
      </Flex>
      {lastReceipt && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLastReceipt(null) }}
          data-testid="receipt-done"
          title={t("fund.receiptNumber", { number: lastReceipt.voucherNumber })}
          description={
            <a
              href={fundFiles.receiptVoucher(context.fund, lastReceipt.id)}
              target="_blank"
              rel="noreferrer"
              data-testid="receipt-voucher-link"
            >
              <FilePdfOutlined /> {t("fund.openReceiptVoucher")}
            </a>
          }
        />
      )}
      {dialog === "receipt" && <ReceiptDialog context={context} onClose={close} onDone={setLastReceipt} />}
      {dialog === "transfer" && <TransferDialog context={context} onClose={close} />}
      {dialog === "propose" && <ProposeDialog context={context} onClose={close} />}
    </Flex>
  );
}
