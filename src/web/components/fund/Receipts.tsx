/** The year's receipts: phiếu thu number, date, donor (anonymous ones marked), amount, where it went, the PDF. */
import { FilePdfOutlined } from "@ant-design/icons";
import { Alert, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { Receipt } from "../../../shared/fund";
import { fundApi, fundFiles } from "../../api/fund";
import { formatDate, formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { PageLoading } from "../PageLoading";
import { useCompact } from "../useCompact";
import { accountNames, type FundContext, useLoaded } from "./common";

export function Receipts({ context }: { context: FundContext }) {
  const t = useT();
  const compact = useCompact();
  const { fund, year } = context;
  const { data, error } = useLoaded(`${fund.id}-${year}-${context.version}`, () =>
    fundApi.receipts(fund, year),
  );
  const names = accountNames(fund);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <PageLoading />;

  const donor = (r: Receipt) => (
    <Flex vertical gap={2}>
      <span>
        {r.donorName} {r.anonymous && <Tag color="purple">{t("fund.anonymousTag")}</Tag>}
        {r.reversed && <Tag color="red">{t("fund.reversedTag")}</Tag>}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.inKindDescription ? `${t("fund.inKind")}: ${r.inKindDescription} · ` : ""}
        {names.get(r.assetAccountId)} → {names.get(r.purposeAccountId)}
      </Typography.Text>
    </Flex>
  );
  const pdf = (r: Receipt) => (
    <a href={fundFiles.receiptVoucher(fund, r.id)} target="_blank" rel="noreferrer" data-testid="receipt-pdf">
      <FilePdfOutlined /> {r.voucherNumber}
    </a>
  );
  const amount = (r: Receipt) => (
    <span style={{ whiteSpace: "nowrap", textDecoration: r.reversed ? "line-through" : undefined }}>
      {formatMoney(r.amount)}
    </span>
  );
  const columns: TableColumnsType<Receipt> = compact
    ? [
        {
          key: "all",
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Flex justify="space-between" gap={8}>
                {pdf(r)}
                <span>{formatDate(r.receivedOn)}</span>
              </Flex>
              {donor(r)}
              <strong>{amount(r)}</strong>
            </Flex>
          ),
        },
      ]
    : [
        { key: "pdf", title: t("fund.voucher"), render: (_, r) => pdf(r) },
        { key: "date", title: t("fund.date"), render: (_, r) => formatDate(r.receivedOn) },
        { key: "donor", title: t("fund.donor"), render: (_, r) => donor(r) },
        { key: "reason", title: t("fund.reason"), dataIndex: "reason" },
        { key: "amount", title: t("fund.amount"), align: "right", render: (_, r) => amount(r) },
      ];
  const total = data.filter((r) => !r.reversed).reduce((sum, r) => sum + r.amount, 0);
  return (
    <Flex vertical gap={8} data-testid="receipt-list">
      <Typography.Text strong data-testid="receipt-total">
        {t("fund.receiptTotal", { count: data.filter((r) => !r.reversed).length, total: formatMoney(total) })}
      </Typography.Text>
      <Table<Receipt>
        rowKey="id"
        size="small"
        dataSource={[...data].reverse()}
        columns={columns}
        showHeader={!compact}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={compact ? undefined : { x: "max-content" }}
        locale={{ emptyText: <Empty description={t("fund.noReceipts")} /> }}
      />
    </Flex>
  );
}
