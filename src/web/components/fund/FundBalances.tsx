/**
 * Balances at a chosen date: where the money is (cash, each bank account, in kind) and what it is for (each
 * purpose), each with its total; the two totals are equal by construction of the ledger.
 */
import { Card, Flex, Form, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { FundAccount } from "../../../shared/fund";
import { formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { setQuery } from "../../router";
import { assetAccounts, DateInput, type FundContext, isoOf, purposeAccounts } from "./common";

function AccountTable({
  title,
  accounts,
  testId,
}: {
  title: string;
  accounts: FundAccount[];
  testId: string;
}) {
  const t = useT();
  const total = accounts.reduce((sum, a) => sum + a.balanceAtDate, 0);
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table<FundAccount>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={accounts}
        showHeader={false}
        columns={[
          {
            key: "name",
            render: (_, a) => (
              <Flex vertical gap={2}>
                <span>
                  {a.name} <Tag>{t(`fund.kind.${a.kind}`)}</Tag>
                </span>
                {(a.accountNumber || a.condition) && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.accountNumber ? `${a.bankName ?? ""} ${a.accountNumber}`.trim() : a.condition}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: "balance",
            align: "right",
            render: (_, a) => (
              <span style={{ whiteSpace: "nowrap" }} data-testid={`balance-${a.id}`}>
                {formatMoney(a.balanceAtDate)}
              </span>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("fund.total")}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong style={{ whiteSpace: "nowrap" }} data-testid={`${testId}-total`}>
                {formatMoney(total)}
              </strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

export function FundBalances({ context, date }: { context: FundContext; date: string }) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      <Form.Item label={t("fund.balanceAt")} htmlFor="fund-date" style={{ marginBottom: 0, maxWidth: 220 }}>
        <DateInput
          id="fund-date"
          value={dayjs(date)}
          onChange={(day) => day && setQuery({ date: isoOf(day) })}
        />
      </Form.Item>
      <AccountTable
        title={t("fund.assetAccounts")}
        accounts={assetAccounts(context.fund)}
        testId="fund-assets"
      />
      <AccountTable
        title={t("fund.purposes")}
        accounts={purposeAccounts(context.fund)}
        testId="fund-purposes"
      />
    </Flex>
  );
}
