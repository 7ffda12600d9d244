import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { Household } from "../../../shared/registries";
import { useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";

type Props = {
  households: Household[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** Edit and archive buttons; omitted for readers and for the archived list. */
  onEdit?: (household: Household) => void;
  onArchive?: (household: Household) => void;
};

/** The household list; on a phone code, village and members fold under the head's name. */
export function HouseholdTable({
  households,
  total,
  loading,
  page,
  pageSize,
  onPage,
  onEdit,
  onArchive,
}: Props) {
  const t = useT();
  const compact = useCompact();

  const head = (h: Household) => (
    <Flex vertical>
      <span data-testid="household-head-name">{h.headName}</span>
      {compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.code} · {h.village.name} · {h.members} {t("households.members").toLowerCase()}
        </Typography.Text>
      )}
      {h.address && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.address}
        </Typography.Text>
      )}
      {h.archivedAt && (
        <Tag style={{ width: "fit-content" }}>
          {t("households.archivedTag")}
          {h.archivedReason ? ` · ${t(`households.reason.${h.archivedReason}`)}` : ""}
        </Tag>
      )}
    </Flex>
  );
  const actions = (h: Household) => (
    <Flex gap={4}>
      {onEdit && (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={t("common.edit")}
          onClick={() => onEdit(h)}
          data-testid="household-edit"
        />
      )}
      {onArchive && (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("households.archive")}
          onClick={() => onArchive(h)}
          data-testid="household-archive"
        />
      )}
    </Flex>
  );

  const columns: TableColumnsType<Household> = compact
    ? [{ key: "head", title: t("households.head"), render: (_, h) => head(h) }]
    : [
        { key: "code", title: t("households.code"), dataIndex: "code", width: 90 },
        { key: "head", title: t("households.head"), render: (_, h) => head(h) },
        { key: "village", title: t("households.village"), render: (_, h) => h.village.name },
        { key: "members", title: t("households.members"), dataIndex: "members", align: "right", width: 90 },
      ];
  if (onEdit || onArchive)
    columns.push({
      key: "actions",
      title: compact ? "" : t("common.actions"),
      width: 80,
      render: (_, h) => actions(h),
    });

  return (
    <div data-testid="household-list">
      <Table<Household>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={households}
        scroll={compact ? undefined : { x: "max-content" }}
        locale={{ emptyText: t("households.empty") }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: false,
          size: "small",
          showTotal: (n) => t("households.count", { count: n }),
          onChange: onPage,
        }}
      />
    </div>
  );
}
