/**
 * The fund's award rounds (đợt trao học bổng): each round's name and school year, its decision, state, number of
 * recipients and total, its phiếu chi once paid; "Lập đợt trao" for those who keep the books (the others are told
 * who does). A round opens on its own page.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Flex, Table, type TableColumnsType, Typography } from "antd";
import { useState } from "react";
import { allows } from "../../../shared/capabilities";
import { type AwardRound, awardApi } from "../../api/fund";
import { formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { Link, navigate, paths } from "../../router";
import { RoleNote } from "../Capability";
import { PageLoading } from "../PageLoading";
import { useCompact } from "../useCompact";
import { AwardRoundDialog, AwardStateTag, decisionText } from "./AwardRoundParts";
import { type FundContext, useLoaded } from "./common";

export function AwardRounds({ context }: { context: FundContext }) {
  const t = useT();
  const compact = useCompact();
  const { fund, can } = context;
  const [creating, setCreating] = useState(false);
  const { data, error } = useLoaded(`${fund.id}-${context.version}`, () => awardApi.list(fund));
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <PageLoading />;

  const name = (r: AwardRound) => (
    <Link to={paths.awardRound(fund.id, r.id, fund.unit.id)} data-testid="award-round-link">
      {r.name}
    </Link>
  );
  const decision = (r: AwardRound) => decisionText(r, t);
  const count = (r: AwardRound) => t("award.count", { count: r.recipientCount, minors: r.minorCount });
  const total = (r: AwardRound) => <span style={{ whiteSpace: "nowrap" }}>{formatMoney(r.total)}</span>;
  const columns: TableColumnsType<AwardRound> = compact
    ? [
        {
          key: "all",
          render: (_, r) => (
            <Flex vertical gap={2}>
              {name(r)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[t("award.schoolYearOf", { year: r.schoolYear }), decision(r), r.voucherNumber]
                  .filter(Boolean)
                  .join(" · ")}
              </Typography.Text>
              <Flex justify="space-between" gap={8} wrap align="center">
                <AwardStateTag round={r} />
                <span>{count(r)}</span>
                <strong>{total(r)}</strong>
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { key: "name", title: t("award.name"), render: (_, r) => name(r) },
        { key: "year", title: t("award.schoolYear"), dataIndex: "schoolYear" },
        { key: "decision", title: t("award.decision"), render: (_, r) => decision(r) },
        { key: "state", title: t("award.state"), render: (_, r) => <AwardStateTag round={r} /> },
        { key: "count", title: t("award.recipients"), render: (_, r) => count(r) },
        { key: "total", title: t("award.total"), align: "right", render: (_, r) => total(r) },
        { key: "voucher", title: t("fund.voucher"), render: (_, r) => r.voucherNumber ?? "" },
      ];
  return (
    <Flex vertical gap={8} data-testid="award-round-list">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("award.listHint")}
      </Typography.Paragraph>
      {allows(can, "fund.keep") ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          style={{ alignSelf: "flex-start" }}
          data-testid="award-create"
        >
          {t("award.create")}
        </Button>
      ) : (
        <RoleNote action="fund.keep" can={can} unit={context.place} />
      )}
      <Table<AwardRound>
        rowKey="id"
        size="small"
        dataSource={data}
        columns={columns}
        showHeader={!compact}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={compact ? undefined : { x: "max-content" }}
        locale={{ emptyText: <Empty description={t("award.none")} /> }}
      />
      {creating && (
        <AwardRoundDialog
          context={context}
          onClose={() => setCreating(false)}
          onSaved={(round) => navigate(paths.awardRound(fund.id, round.id, fund.unit.id))}
        />
      )}
    </Flex>
  );
}
