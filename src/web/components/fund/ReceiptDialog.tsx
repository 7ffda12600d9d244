/**
 * A receipt (phiếu thu): the donor from the commune's list of donors or typed in, anonymous or not (the treasurer
 * records the name; the public disclosure says "Nhà hảo tâm ẩn danh"), money or a gift in kind at its value, the
 * account it goes to and its purpose. Posted at once; the phiếu thu opens as PDF.
 */
import { Checkbox, Flex, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import type { Receipt } from "../../../shared/fund";
import { type Donor, donors } from "../../../shared/registry/kinds";
import { fundApi } from "../../api/fund";
import { useT } from "../../i18n/messages";
import {
  ActionDialog,
  accountOptions,
  assetAccounts,
  DateInput,
  type FundContext,
  isoOf,
  MoneyInput,
  purposeAccounts,
  today,
  useAmountRules,
} from "./common";
import { ListPick, type Source, SourceSwitch } from "./ListOrTyped";

type Values = {
  receivedOn: Dayjs;
  source: Source;
  donorId?: number;
  donorName?: string;
  donorKind: "person" | "organization";
  donorAddress?: string;
  anonymous: boolean;
  inKind: boolean;
  inKindDescription?: string;
  amount: number;
  assetAccountId: number;
  purposeAccountId: number;
  payerName?: string;
  reason: string;
};

export function ReceiptDialog({
  context,
  onClose,
  onDone,
}: {
  context: FundContext;
  onClose: () => void;
  onDone: (receipt: Receipt) => void;
}) {
  const t = useT();
  const { fund } = context;
  const [form] = Form.useForm<Values>();
  const amountRules = useAmountRules();
  const source = Form.useWatch("source", form) ?? "list";
  const inKind = Form.useWatch("inKind", form) ?? false;
  const assets = assetAccounts(fund).filter((a) => (a.kind === "in_kind") === inKind);
  const purposes = purposeAccounts(fund);
  const hasInKind = assetAccounts(fund).some((a) => a.kind === "in_kind");
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];

  const submit = async (v: Values) => {
    const receipt = await fundApi.receive(fund, {
      receivedOn: isoOf(v.receivedOn),
      donorId: v.source === "list" ? (v.donorId ?? null) : null,
      donorName: v.source === "typed" ? (v.donorName ?? null) : null,
      donorKind: v.donorKind,
      donorAddress: v.source === "typed" ? v.donorAddress || null : null,
      anonymous: v.anonymous,
      inKindDescription: v.inKind ? (v.inKindDescription ?? null) : null,
      payerName: v.payerName || null,
      reason: v.reason,
      amount: v.amount,
      assetAccountId: v.assetAccountId,
      purposeAccountId: v.purposeAccountId,
    });
    onDone(receipt);
  };

  return (
    <ActionDialog<Values>
      title={t("fund.receive")}
      done={t("fund.received")}
      context={context}
      testId="receipt-form"
      form={form}
      onClose={onClose}
      onSubmit={submit}
      initialValues={{
        receivedOn: today(),
        source: "list",
        donorKind: "person",
        anonymous: false,
        inKind: false,
        reason: t("fund.receiptReason"),
        assetAccountId: assets[0]?.id,
        purposeAccountId: purposes[0]?.id,
      }}
    >
      <Form.Item name="receivedOn" label={t("fund.receivedOn")} rules={[{ required: true }]}>
        <DateInput />
      </Form.Item>
      <SourceSwitch
        label={t("fund.donor")}
        fromList={t("fund.donorFromList")}
        typed={t("fund.donorTyped")}
        testId="receipt-donor-source"
      />
      {source === "list" ? (
        <ListPick<Donor>
          kind={donors}
          communeId={fund.unit.id}
          name="donorId"
          describe={(d) => `${d.name}${d.address ? ` · ${d.address}` : ""}`}
          label={t("fund.donor")}
          placeholder={t("fund.donorSearch")}
          requiredMessage={t("fund.donorRequired")}
          testId="receipt-donor"
        />
      ) : (
        <>
          <Form.Item name="donorName" rules={required("fund.donorRequired")}>
            <Input
              maxLength={300}
              placeholder={t("fund.donorName")}
              aria-label={t("fund.donorName")}
              data-testid="receipt-donor-name"
            />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item name="donorKind" style={{ flex: "1 1 140px" }}>
              <Select
                aria-label={t("fund.donorKind")}
                options={[
                  { value: "person", label: t("fund.donorKind.person") },
                  { value: "organization", label: t("fund.donorKind.organization") },
                ]}
              />
            </Form.Item>
            <Form.Item name="donorAddress" style={{ flex: "2 1 180px" }}>
              <Input
                maxLength={300}
                placeholder={t("fund.donorAddress")}
                aria-label={t("fund.donorAddress")}
              />
            </Form.Item>
          </Flex>
        </>
      )}
      <Form.Item name="anonymous" valuePropName="checked" extra={t("fund.anonymousHint")}>
        <Checkbox data-testid="receipt-anonymous">{t("fund.anonymous")}</Checkbox>
      </Form.Item>
      <Form.Item
        name="inKind"
        valuePropName="checked"
        extra={hasInKind ? undefined : t("fund.noInKindAccount")}
      >
        <Checkbox
          disabled={!hasInKind}
          data-testid="receipt-in-kind"
          onChange={(e) => {
            const next = assetAccounts(fund).find((a) => (a.kind === "in_kind") === e.target.checked);
            form.setFieldValue("assetAccountId", next?.id);
          }}
        >
          {t("fund.inKind")}
        </Checkbox>
      </Form.Item>
      {inKind && (
        <Form.Item
          name="inKindDescription"
          label={t("fund.inKindDescription")}
          rules={required("fund.inKindRequired")}
        >
          <Input maxLength={500} />
        </Form.Item>
      )}
      <Form.Item name="amount" label={inKind ? t("fund.inKindValue") : t("fund.amount")} rules={amountRules}>
        <MoneyInput data-testid="receipt-amount" />
      </Form.Item>
      <Form.Item
        name="assetAccountId"
        label={t("fund.assetAccount")}
        rules={[{ required: true, message: inKind ? t("fund.noInKindAccount") : t("fund.accountRequired") }]}
      >
        <Select<number> options={accountOptions(assets)} data-testid="receipt-asset" />
      </Form.Item>
      <Form.Item
        name="purposeAccountId"
        label={t("fund.purpose")}
        rules={[{ required: true, message: t("fund.accountRequired") }]}
      >
        <Select<number> options={accountOptions(purposes)} data-testid="receipt-purpose" />
      </Form.Item>
      <Form.Item name="payerName" label={t("fund.payerName")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="reason" label={t("fund.reason")} rules={required("fund.reasonRequired")}>
        <Input maxLength={500} data-testid="receipt-reason" />
      </Form.Item>
    </ActionDialog>
  );
}
