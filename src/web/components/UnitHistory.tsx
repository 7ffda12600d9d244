import { Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { SuccessionLink } from "../../shared/api";
import { formatDate } from "../format";
import { useT } from "../i18n/messages";
import { Link, paths } from "../router";

function linkKey(link: SuccessionLink): string {
  return `${link.unit.id}-${link.kind}-${link.effectiveDate}-${link.depth}`;
}

/** One table of predecessors or successors of a unit. */
export function HistoryTable({
  links,
  testId,
  empty,
}: {
  links: SuccessionLink[];
  testId: string;
  empty: string;
}) {
  const t = useT();
  const columns: TableColumnsType<SuccessionLink> = [
    {
      key: "unit",
      title: t("history.unit"),
      render: (_, link) => (
        <Flex vertical>
          <Link to={paths.unit(link.unit.id)}>{link.unit.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {link.unit.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: "kind",
      title: t("history.kind"),
      render: (_, link) => <Tag>{t(`history.kind.${link.kind}`)}</Tag>,
    },
    {
      key: "coverage",
      title: t("history.coverage"),
      render: (_, link) => (
        <Tag color={link.coverage === "full" ? "green" : "orange"}>
          {t(`history.coverage.${link.coverage}`)}
        </Tag>
      ),
    },
    {
      key: "effectiveDate",
      title: t("history.effectiveDate"),
      render: (_, link) => <span style={{ whiteSpace: "nowrap" }}>{formatDate(link.effectiveDate)}</span>,
    },
    {
      key: "depth",
      title: t("history.depth"),
      render: (_, link) =>
        link.depth <= 1 ? t("history.depth.direct") : t("history.depth.indirect", { depth: link.depth }),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<SuccessionLink>
        size="small"
        rowKey={linkKey}
        columns={columns}
        dataSource={links}
        pagination={links.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: empty }}
      />
    </div>
  );
}
