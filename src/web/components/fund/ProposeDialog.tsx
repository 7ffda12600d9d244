/**
 * A proposed disbursement (đề xuất chi): amount, from which account and purpose, to whom, and why. The recipient is
 * a beneficiary of the commune's list (its kind, name, school and class are copied; a minor by the year of birth)
 * or typed in (a pupil is a minor by default). The public disclosure shows a minor's initials, school and class
 * only. Nothing is posted until it is approved and paid by other people.
 */
import { Checkbox, Flex, Form, Input, Select } from "antd";
import { useState } from "react";
import { beneficiaryKinds } from "../../../shared/fund";
import { type DisbursementCreate, minorIn } from "../../../shared/fund-disbursement";
import { type Beneficiary, beneficiaries } from "../../../shared/registry/kinds";
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
import { ListPick, type Source, SourceSwitch } from "./ListOrTyped";

type Values = Omit<
  DisbursementCreate,
  "beneficiaryId" | "beneficiarySchool" | "beneficiaryClass" | "recipientName"
> & {
  source: Source;
  beneficiaryId?: number;
  beneficiarySchool?: string;
  beneficiaryClass?: string;
  recipientName?: string;
};

export function ProposeDialog({ context, onClose }: { context: FundContext; onClose: () => void }) {
  const t = useT();
  const { fund } = context;
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Beneficiary | null>(null);
  const amountRules = useAmountRules();
  const source = Form.useWatch("source", form) ?? "list";
  const assets = assetAccounts(fund).filter((a) => a.kind !== "in_kind");
  const purposes = purposeAccounts(fund);
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  const listed = source === "list";
  const pickedMinor = picked && minorIn(new Date().getFullYear(), picked);
  // "Phạm Minh Anh · 0007 · Trường THCS Chu Văn An, Lớp 7A".
  const describe = (b: Beneficiary) =>
    [b.fullName, b.code, [b.school, b.class && `${t("fund.class")} ${b.class}`].filter(Boolean).join(", ")]
      .filter(Boolean)
      .join(" · ");
  return (
    <ActionDialog<Values>
      title={t("fund.propose")}
      done={t("fund.proposed")}
      context={context}
      testId="propose-form"
      form={form}
      onClose={onClose}
      onSubmit={({ source: _, ...v }) =>
        fundApi.propose(fund, {
          amount: v.amount,
          assetAccountId: v.assetAccountId,
          purposeAccountId: v.purposeAccountId,
          reason: v.reason,
          recipientName: v.recipientName || null,
          ...(listed
            ? { beneficiaryId: v.beneficiaryId ?? null, beneficiaryMinor: false }
            : {
                beneficiaryId: null,
                beneficiaryKind: v.beneficiaryKind,
                beneficiaryName: v.beneficiaryName,
                beneficiaryMinor: v.beneficiaryMinor,
                beneficiarySchool: v.beneficiarySchool || null,
                beneficiaryClass: v.beneficiaryClass || null,
              }),
        })
      }
      initialValues={{
        source: "list",
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
      <SourceSwitch
        label={t("fund.beneficiary")}
        fromList={t("fund.beneficiaryFromList")}
        typed={t("fund.beneficiaryTyped")}
        testId="propose-source"
      />
      {listed ? (
        <ListPick<Beneficiary>
          kind={beneficiaries}
          communeId={fund.unit.id}
          name="beneficiaryId"
          describe={describe}
          label={t("fund.beneficiary")}
          placeholder={t("fund.beneficiarySearch")}
          requiredMessage={t("fund.beneficiaryPick")}
          testId="propose-beneficiary"
          onPicked={setPicked}
          extra={
            picked && (
              <span data-testid="propose-listed">
                {t(`fund.beneficiary.${picked.kind}`)}.{" "}
                {t(pickedMinor ? "fund.listedMinor" : "fund.listedAdult")}
              </span>
            )
          }
        />
      ) : (
        <>
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
        </>
      )}
      <Form.Item name="recipientName" label={t("fund.recipientName")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="reason" label={t("fund.reason")} rules={required("fund.reasonRequired")}>
        <Input maxLength={500} data-testid="propose-reason" />
      </Form.Item>
    </ActionDialog>
  );
}
