/** The rows an import updates (the dry run's list before the real run): line, key, and each field old → new. */
import { Card, Table, type TableColumnsType, Typography } from "antd";
import type { ImportChange, RegistryImportReport } from "../../../shared/api";
import { useT } from "../../i18n/messages";

export function ImportChanges({ report }: { report: RegistryImportReport }) {
  const t = useT();
  const columns: TableColumnsType<ImportChange> = [
    { key: "row", title: t("import.row"), dataIndex: "row", width: 70 },
    { key: "key", title: t("registry.changeKey"), dataIndex: "key" },
    {
      key: "fields",
      title: t("registry.changeFields"),
      render: (_, change) => (
        <>
          {change.fields.map((f) => (
            <div key={f.column}>
              <Typography.Text strong>{f.column}</Typography.Text>:{" "}
              <Typography.Text delete>{f.from}</Typography.Text> → {f.to}
            </div>
          ))}
        </>
      ),
    },
  ];
  return (
    <Card size="small" title={t("registry.changes")} data-testid="import-changes">
      <Table<ImportChange>
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={report.changes}
        pagination={report.changes.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: "max-content" }}
      />
    </Card>
  );
}
