/**
 * A proposed disbursement (đề xuất chi): amount, from which account and purpose, to whom (a pupil is a minor by
 * default: the public disclosure shows only the initials, school and class), and why. Nothing is posted until it
 * is approved and paid by other people.
 */
import { Checkbox, Flex, Form, Input, Select } from "antd";
import { beneficiaryKinds } from "../../../shared/fund";
import type { DisbursementCreate } from "../../../shared/fund-disbursement";
import { fundApi } from "../../api/fund";
import { useT } from "../../i18n/messages";
import {
  ActionDialog,
  accountOptions,
  assetAccounts,
  type FundContext,
  MoneyInput,
  purposeAccounts,
  useAmountRules,
} from "./common";

type Values = Omit<DisbursementCreate, "beneficiarySchool" | "beneficiaryClass" | "recipientName"> & {
  beneficiarySchool?: string;
  beneficiaryClass?: string;
  recipientName?: string;
};

export function ProposeDialog({ context, onClose }: { context: FundContext; onClose: () => void }) {
  const t = useT();
  const { fund } = context;
  const [form] = Form.useForm<Values>();
  const amountRules = useAmountRules();
  const assets = assetAccounts(fund).filter((a) => a.kind !== "in_kind");
  const purposes = purposeAccounts(fund);
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  return (
    <ActionDialog<Values>
      title={t("fund.propose")}
      done={t("fund.proposed")}
      context={context}
      testId="propose-form"
      onClose={onClose}
      onSubmit={(v) =>
        fundApi.propose(fund.id, {
          ...v,
          beneficiarySchool: v.beneficiarySchool || null,
          beneficiaryClass: v.beneficiaryClass || null,
          recipientName: v.recipientName || null,
        })
      }
      initialValues={{
        beneficiaryKind: "student",
        beneficiaryMinor: true,
        assetAccountId: assets[0]?.id,
        purposeAccountId: purposes.find((p) => p.kind === "restricted")?.id ?? purposes[0]?.id,
      }}
    >
      <Form.Item name="amount" label={t("fund.amount")} rules={amountRules}>
        <MoneyInput data-testid="propose-amount" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item
          name="assetAccountId"
          label={t("fund.payFrom")}
          style={{ flex: "1 1 160px" }}
          rules={[{ required: true, message: t("fund.accountRequired") }]}
        >
          <Select<number> options={accountOptions(assets)} />
        </Form.Item>
        <Form.Item
          name="purposeAccountId"
          label={t("fund.purpose")}
          style={{ flex: "1 1 160px" }}
          rules={[{ required: true, message: t("fund.accountRequired") }]}
        >
          <Select<number> options={accountOptions(purposes)} data-testid="propose-purpose" />
        </Form.Item>
      </Flex>
      <Form.Item name="beneficiaryKind" label={t("fund.beneficiaryKind")}>
        <Select
          options={beneficiaryKinds.map((k) => ({ value: k, label: t(`fund.beneficiary.${k}`) }))}
          onChange={(kind) => form.setFieldValue("beneficiaryMinor", kind === "student")}
        />
      </Form.Item>
      <Form.Item
        name="beneficiaryName"
        label={t("fund.beneficiaryName")}
        rules={required("fund.beneficiaryRequired")}
      >
        <Input maxLength={200} data-testid="propose-name" />
      </Form.Item>
      <Form.Item name="beneficiaryMinor" valuePropName="checked" extra={t("fund.minorHint")}>
        <Checkbox data-testid="propose-minor">{t("fund.minor")}</Checkbox>
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="beneficiarySchool" label={t("fund.school")} style={{ flex: "2 1 180px" }}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="beneficiaryClass" label={t("fund.class")} style={{ flex: "1 1 80px" }}>
          <Input maxLength={20} />
        </Form.Item>
      </Flex>
      <Form.Item name="recipientName" label={t("fund.recipientName")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="reason" label={t("fund.reason")} rules={required("fund.reasonRequired")}>
        <Input maxLength={500} data-testid="propose-reason" />
      </Form.Item>
    </ActionDialog>
  );
}
