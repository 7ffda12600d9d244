/** The rows of the processing log as a table: when, who, what, which data and unit, how many records, the filter. */
import { Table, type TableColumnsType, Typography } from "antd";
import type { ProcessingEntry } from "../../../shared/readlog";
import { registryKinds } from "../../../shared/registry/kinds";
import { formatDateTime } from "../../format";
import { type MessageKey, type Translate, useLang, useT } from "../../i18n/messages";
import { nounParams } from "../registry/derive";

/** A kind of the log: a registry kind's plural noun, or a document's name. */
export function useKindLabel() {
  const t = useT();
  const { lang } = useLang();
  return (kind: string) => {
    const registry = registryKinds.find((k) => k.name === kind);
    if (registry) return nounParams(registry, lang).Nouns;
    const key = `plog.kind.${kind}` as MessageKey;
    return t(key) === key ? kind : t(key);
  };
}

const filterText = (filter: Record<string, unknown> | null) =>
  filter
    ? Object.entries(filter)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ")
    : "";

export function processingColumns(t: Translate, kindLabel: (kind: string) => string) {
  const columns: TableColumnsType<ProcessingEntry> = [
    {
      key: "at",
      title: t("plog.time"),
      render: (_, e) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(e.at)}</span>,
    },
    { key: "actor", title: t("plog.user"), dataIndex: "actorName" },
    {
      key: "action",
      title: t("plog.action"),
      render: (_, e) =>
        `${t(`plog.action.${e.action}`)}${e.format && e.format !== "json" ? ` (${e.format})` : ""}`,
    },
    { key: "kind", title: t("plog.kind"), render: (_, e) => kindLabel(e.kind) },
    { key: "unit", title: t("plog.unit"), render: (_, e) => e.unit?.name ?? "" },
    { key: "count", title: t("plog.records"), align: "right", dataIndex: "recordCount" },
    {
      key: "filter",
      title: t("plog.filter"),
      render: (_, e) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {filterText(e.filter)}
        </Typography.Text>
      ),
    },
  ];
  return columns;
}

export function ProcessingTable({
  entries,
  loading,
  testId,
}: {
  entries: ProcessingEntry[];
  loading: boolean;
  testId: string;
}) {
  const t = useT();
  const kindLabel = useKindLabel();
  return (
    <div data-testid={testId}>
      <Table<ProcessingEntry>
        size="small"
        rowKey="id"
        loading={loading}
        columns={processingColumns(t, kindLabel)}
        dataSource={entries}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("common.empty") }}
      />
    </div>
  );
}
