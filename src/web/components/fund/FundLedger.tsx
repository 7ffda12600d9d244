/**
 * The ledger of the year: each transaction with its number in the chain, its entries (Nợ / Có), its hash, and the
 * reversals shown as such on both sides. Nothing is ever edited: a keeper corrects a mistake by reversing it, with a
 * reason, and the reversal is a new transaction of its own.
 */
import { Alert, Button, Card, Empty, Flex, Form, Input, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { allows } from "../../../shared/capabilities";
import type { LedgerTransaction } from "../../../shared/fund";
import { fundApi } from "../../api/fund";
import { formatDate, formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { WhyNot } from "../Capability";
import { PageLoading } from "../PageLoading";
import { ActionDialog, accountNames, DateInput, type FundContext, isoOf, today, useLoaded } from "./common";

const kindColors: Record<LedgerTransaction["kind"], string> = {
  receipt: "green",
  disbursement: "orange",
  transfer: "blue",
  reversal: "red",
};

export function FundLedger({ context }: { context: FundContext }) {
  const t = useT();
  const { fund, year, can } = context;
  const [reversing, setReversing] = useState<LedgerTransaction | null>(null);
  const { data, error } = useLoaded(`${fund.id}-${year}-${context.version}`, () =>
    fundApi.transactions(fund, year),
  );
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <PageLoading />;
  const names = accountNames(fund);
  const seqOf = new Map(data.map((x) => [x.id, x.seq]));
  const keep = allows(can, "fund.keep");
  const why = (x: LedgerTransaction) =>
    x.kind === "reversal"
      ? t("fund.why.reverseReversal")
      : x.reversedById !== null
        ? t("fund.why.reversedAlready")
        : null;

  return (
    <Flex vertical gap={8} data-testid="ledger">
      <Typography.Text type="secondary">{t("fund.ledgerHint")}</Typography.Text>
      {data.length === 0 && <Empty description={t("fund.noTransactions")} />}
      {[...data].reverse().map((x) => (
        <Card size="small" key={x.id} data-testid="ledger-row" data-seq={x.seq}>
          <Flex vertical gap={4}>
            <Flex gap={6} wrap align="center">
              <Typography.Text strong>{t("fund.seq", { seq: x.seq })}</Typography.Text>
              <span>{formatDate(x.postedOn)}</span>
              <Tag color={kindColors[x.kind]}>{t(`fund.txKind.${x.kind}`)}</Tag>
              {x.reversesId !== null && (
                <Tag color="red" data-testid="ledger-reverses">
                  {t("fund.reverses", { seq: seqOf.get(x.reversesId) ?? `#${x.reversesId}` })}
                </Tag>
              )}
              {x.reversedById !== null && (
                <Tag color="volcano" data-testid="ledger-reversed">
                  {t("fund.reversedBy", { seq: seqOf.get(x.reversedById) ?? `#${x.reversedById}` })}
                </Tag>
              )}
            </Flex>
            <span style={{ overflowWrap: "anywhere" }}>{x.description}</span>
            {x.entries.map((e) => (
              <Flex key={`${e.accountId}-${e.side}`} justify="space-between" gap={8}>
                <Typography.Text type="secondary">
                  {t(e.side === "debit" ? "fund.debit" : "fund.credit")} {names.get(e.accountId)}
                </Typography.Text>
                <span style={{ whiteSpace: "nowrap" }}>{formatMoney(e.amount)}</span>
              </Flex>
            ))}
            <Flex justify="space-between" gap={8} wrap align="flex-start">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.createdBy} · {t("fund.hash")}{" "}
                <Typography.Text code copyable={{ text: x.hash }} style={{ fontSize: 12 }}>
                  {x.hash.slice(0, 12)}…
                </Typography.Text>
              </Typography.Text>
              {keep && (
                <WhyNot reason={why(x)} testId="ledger-reverse-why">
                  <Button
                    size="small"
                    disabled={why(x) !== null}
                    onClick={() => setReversing(x)}
                    data-testid="ledger-reverse"
                  >
                    {t("fund.reverse")}
                  </Button>
                </WhyNot>
              )}
            </Flex>
          </Flex>
        </Card>
      ))}
      {reversing && (
        <ActionDialog<{ postedOn: Dayjs; reason: string }>
          title={t("fund.reverseTitle", { seq: reversing.seq })}
          okText={t("fund.reverse")}
          done={t("fund.reversed")}
          context={context}
          testId="reverse-form"
          onClose={() => setReversing(null)}
          onSubmit={(v) =>
            fundApi.reverse(fund, reversing.id, { postedOn: isoOf(v.postedOn), reason: v.reason })
          }
          initialValues={{ postedOn: today() }}
        >
          <Typography.Paragraph type="secondary">{t("fund.reverseHint")}</Typography.Paragraph>
          <Form.Item name="postedOn" label={t("fund.postedOn")} rules={[{ required: true }]}>
            <DateInput />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("fund.reverseReason")}
            rules={[{ required: true, whitespace: true, message: t("fund.reasonRequired") }]}
          >
            <Input.TextArea maxLength={500} rows={2} data-testid="reverse-reason" />
          </Form.Item>
        </ActionDialog>
      )}
    </Flex>
  );
}
