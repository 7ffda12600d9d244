/**
 * A round's recipients as the API gives them to the fund's officers: STT (the signature list's), name (a minor
 * marked: the public page shows initials only), who they are, birth year, school and class, where they live, amount,
 * note. On a phone each recipient folds into one cell.
 */
import { Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { AwardRecipient } from "../../api/fund";
import { formatMoney } from "../../format";
import { useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";

export function AwardRecipients({ recipients }: { recipients: AwardRecipient[] }) {
  const t = useT();
  const compact = useCompact();
  const name = (r: AwardRecipient) => (
    <span>
      {r.fullName} {r.minor && <Tag>{t("fund.minorTag")}</Tag>}
    </span>
  );
  const place = (r: AwardRecipient) =>
    [r.village, r.householdCode && t("award.household", { code: r.householdCode })]
      .filter(Boolean)
      .join(" · ");
  const money = (r: AwardRecipient) => <span style={{ whiteSpace: "nowrap" }}>{formatMoney(r.amount)}</span>;
  const columns: TableColumnsType<AwardRecipient> = compact
    ? [
        {
          key: "all",
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Flex justify="space-between" gap={8}>
                <span>
                  {r.line}. {name(r)}
                </span>
                <strong>{money(r)}</strong>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  t(`award.kind.${r.kind}`),
                  r.birthYear,
                  [r.class, r.school].filter(Boolean).join(", "),
                  place(r),
                  r.note,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: "line", title: t("award.line"), dataIndex: "line", width: 56 },
        { key: "name", title: t("award.fullName"), render: (_, r) => name(r) },
        { key: "kind", title: t("award.kind"), render: (_, r) => t(`award.kind.${r.kind}`) },
        { key: "birth", title: t("award.birthYear"), dataIndex: "birthYear" },
        { key: "school", title: t("fund.school"), dataIndex: "school" },
        { key: "class", title: t("fund.class"), dataIndex: "class" },
        { key: "place", title: t("award.place"), render: (_, r) => place(r) },
        { key: "amount", title: t("fund.amount"), align: "right", render: (_, r) => money(r) },
        { key: "note", title: t("award.note"), dataIndex: "note" },
      ];
  return (
    <Table<AwardRecipient>
      rowKey="line"
      size="small"
      dataSource={recipients}
      columns={columns}
      showHeader={!compact}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={compact ? undefined : { x: "max-content" }}
      data-testid="award-recipients"
    />
  );
}
