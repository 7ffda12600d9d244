/**
 * The money accounts or the purposes of a new fund, as rows of a form list: the kind, the name, what else the kind
 * needs (a bank account's bank and number, a purpose's condition), a row removed or added.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Form, Input, Select } from "antd";
import type { ReactNode } from "react";
import type { FundAccount } from "../../../shared/fund";
import { useT } from "../../i18n/messages";

type Kind = FundAccount["kind"];

export function AccountList({
  list,
  kinds,
  added,
  extra,
}: {
  list: "accounts" | "purposes";
  kinds: readonly Kind[];
  /** The row "add" appends. */
  added: { kind: Kind; name: string };
  /** What else a row holds, by its index in the list. */
  extra: (field: number) => ReactNode;
}) {
  const t = useT();
  const required = [{ required: true, whitespace: true, message: t("fund.accountNameRequired") }];
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <Card
          size="small"
          title={t(list === "accounts" ? "fund.assetAccounts" : "fund.purposes")}
          style={{ marginBottom: 12 }}
        >
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="flex-start">
              <Form.Item name={[field.name, "kind"]} style={{ flex: "1 1 130px" }}>
                <Select options={kinds.map((k) => ({ value: k, label: t(`fund.kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name={[field.name, "name"]} rules={required} style={{ flex: "2 1 160px" }}>
                <Input
                  maxLength={200}
                  aria-label={t(list === "accounts" ? "fund.accountName" : "fund.purposeName")}
                />
              </Form.Item>
              {extra(field.name)}
              {fields.length > 1 && (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t("fund.remove")}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(added)}>
            {t(list === "accounts" ? "fund.addAccount" : "fund.addPurpose")}
          </Button>
        </Card>
      )}
    </Form.List>
  );
}

/** A bank account's bank and number. */
export function BankFields({ field }: { field: number }) {
  const t = useT();
  return (
    <Flex gap={8} wrap style={{ flex: "1 1 100%" }}>
      <Form.Item name={[field, "bankName"]} style={{ flex: "1 1 140px" }}>
        <Input maxLength={200} placeholder={t("fund.bankName")} aria-label={t("fund.bankName")} />
      </Form.Item>
      <Form.Item
        name={[field, "accountNumber"]}
        rules={[{ required: true, whitespace: true, message: t("fund.accountNumberRequired") }]}
        style={{ flex: "1 1 140px" }}
      >
        <Input maxLength={40} placeholder={t("fund.accountNumber")} aria-label={t("fund.accountNumber")} />
      </Form.Item>
    </Flex>
  );
}
