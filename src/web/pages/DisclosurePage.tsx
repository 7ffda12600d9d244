/**
 * A fund's published year, open to anyone without signing in: thu – chi – tồn, receipts by donor (anonymous
 * gifts as the API names them), disbursements by purpose and by recipient (minors as the API masks them: the page
 * shows the snapshot as it is and never asks for more) with the year's award rounds, the chain head and seal, and
 * the same data as JSON and CSV.
 */
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import type { DisclosureSnapshot } from "../../shared/fund";
import { fundApi, fundFiles } from "../api/fund";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { PublicFrame } from "../components/PublicFrame";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDateTime, formatMoney } from "../format";
import { useT } from "../i18n/messages";
import { communeIn, useLocation } from "../router";

type Loaded = { disclosure: DisclosureSnapshot; publishedAt: string };
/** A recipient row; the recipients of an award round share its voucher, so each row is keyed by its place. */
type Recipient = DisclosureSnapshot["disbursements"][number] & { key: number };
type Round = NonNullable<DisclosureSnapshot["awardRounds"]>[number];

const money = (amount: number) => <span style={{ whiteSpace: "nowrap" }}>{formatMoney(amount)}</span>;

/** Amounts by donor or by purpose: a label and an amount a row. */
function AmountTable(props: {
  title: string;
  heading: string;
  rows: { label: string; amount: number }[];
  testId: string;
}) {
  const t = useT();
  return (
    <Card size="small" title={props.title}>
      <Table
        rowKey="label"
        size="small"
        pagination={false}
        dataSource={props.rows}
        data-testid={props.testId}
        columns={[
          { key: "label", title: props.heading, dataIndex: "label" },
          { key: "amount", title: t("fund.amount"), align: "right", render: (_, r) => money(r.amount) },
        ]}
      />
    </Card>
  );
}

export default function DisclosurePage({ fundId, year }: { fundId: number; year: number }) {
  const t = useT();
  const compact = useCompact();
  const [state, setState] = useState<{ data?: Loaded; error?: string } | null>(null);
  const unitId = communeIn(useLocation().search);

  useEffect(() => {
    let live = true;
    fundApi.disclosure(fundId, year, unitId).then(
      (data) => live && setState({ data }),
      (err: unknown) => live && setState({ error: errorText(err, t) }),
    );
    return () => {
      live = false;
    };
  }, [fundId, year, unitId, t]);

  const d = state?.data?.disclosure;
  const recipientColumns: TableColumnsType<Recipient> = compact
    ? [
        {
          key: "all",
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Flex justify="space-between" gap={8}>
                <strong>{r.recipient}</strong>
                {money(r.amount)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[r.voucher, r.school, r.class, r.purpose].filter(Boolean).join(" · ")}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: "voucher", title: t("fund.voucher"), dataIndex: "voucher" },
        { key: "recipient", title: t("disclosure.recipient"), dataIndex: "recipient" },
        { key: "school", title: t("fund.school"), dataIndex: "school" },
        { key: "class", title: t("fund.class"), dataIndex: "class" },
        { key: "purpose", title: t("fund.purpose"), dataIndex: "purpose" },
        { key: "amount", title: t("fund.amount"), align: "right", render: (_, r) => money(r.amount) },
      ];
  const roundColumns: TableColumnsType<Round> = [
    {
      key: "round",
      title: t("award.name"),
      render: (_, r) => (
        <Flex vertical gap={2}>
          <strong>{r.name}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              r.voucher,
              t("award.schoolYearOf", { year: r.schoolYear }),
              r.decision && t("disclosure.roundDecision", { decision: r.decision }),
              t("disclosure.roundRecipients", { count: r.recipients }),
              r.purpose,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: "amount", title: t("fund.amount"), align: "right", render: (_, r) => money(r.amount) },
  ];

  return (
    <PublicFrame maxWidth={960} testId="disclosure-page">
      <PageTitle>{t("disclosure.title", { year })}</PageTitle>
      {!state && <PageLoading />}
      {state?.error && <Alert type="error" showIcon title={state.error} data-testid="disclosure-error" />}
      {d && state?.data && (
        <>
          <Card size="small">
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} data-testid="disclosure-fund">
              {d.fund.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {d.fund.owner} · {t(`fund.mode.${d.fund.mode}`)}
              {d.fund.licenceNumber ? ` · ${t("disclosure.licence", { number: d.fund.licenceNumber })}` : ""}
            </Typography.Text>
          </Card>
          <Row gutter={[12, 12]} data-testid="disclosure-totals">
            {(
              [
                ["opening", d.openingBalance],
                ["income", d.income],
                ["spending", d.spending],
                ["closing", d.closingBalance],
              ] as const
            ).map(([key, value]) => (
              <Col xs={12} md={6} key={key}>
                <Card size="small" data-testid={`disclosure-${key}`}>
                  <Statistic
                    title={t(`disclosure.${key}`)}
                    value={formatMoney(value)}
                    valueStyle={{ fontSize: 18 }}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <AmountTable
            title={t("disclosure.byDonor")}
            heading={t("fund.donor")}
            rows={d.receiptsByDonor.map((r) => ({ label: r.donor, amount: r.amount }))}
            testId="disclosure-donors"
          />
          <AmountTable
            title={t("disclosure.byPurpose")}
            heading={t("fund.purpose")}
            rows={d.disbursementsByPurpose.map((r) => ({ label: r.purpose, amount: r.amount }))}
            testId="disclosure-purposes"
          />
          {d.awardRounds && d.awardRounds.length > 0 && (
            <Card size="small" title={t("disclosure.rounds")}>
              <Table<Round>
                rowKey="voucher"
                size="small"
                pagination={false}
                dataSource={d.awardRounds}
                columns={roundColumns}
                showHeader={!compact}
                data-testid="disclosure-rounds"
              />
            </Card>
          )}
          <Card size="small" title={t("disclosure.byRecipient")}>
            <Typography.Paragraph type="secondary">{t("disclosure.minorsMasked")}</Typography.Paragraph>
            <Table<Recipient>
              rowKey="key"
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              dataSource={d.disbursements.map((r, key) => ({ ...r, key }))}
              columns={recipientColumns}
              showHeader={!compact}
              scroll={compact ? undefined : { x: "max-content" }}
              data-testid="disclosure-recipients"
            />
          </Card>
          <Card size="small" title={t("disclosure.chain")}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: "seq", label: t("disclosure.headSeq"), children: d.chain.headSeq },
                {
                  key: "hash",
                  label: t("fund.chainHead"),
                  children: (
                    <Typography.Text
                      code
                      copyable
                      style={{ wordBreak: "break-all" }}
                      data-testid="disclosure-head"
                    >
                      {d.chain.headHash || "—"}
                    </Typography.Text>
                  ),
                },
                {
                  key: "seal",
                  label: t("fund.seal"),
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
                      {d.chain.seal}
                    </Typography.Text>
                  ),
                },
                {
                  key: "by",
                  label: t("disclosure.publishedBy"),
                  children: `${d.publishedBy} · ${formatDateTime(state.data.publishedAt)}`,
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t("disclosure.chainHint")}
            </Typography.Paragraph>
          </Card>
          <Flex gap={16} wrap>
            <a
              href={fundFiles.disclosureJson(fundId, year, unitId)}
              target="_blank"
              rel="noreferrer"
              data-testid="disclosure-json"
            >
              {t("disclosure.json")}
            </a>
            <a href={fundFiles.disclosureCsv(fundId, year, unitId)} data-testid="disclosure-csv">
              {t("disclosure.csv")}
            </a>
          </Flex>
        </>
      )}
    </PublicFrame>
  );
}
