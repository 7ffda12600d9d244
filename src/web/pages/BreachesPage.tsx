/** /su-co-du-lieu: the breach register of the units the caller administers, with the 72-hour clock and the letter. */
import { EditOutlined, FileWordOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Table, type TableColumnsType, Typography } from "antd";
import { useEffect, useState } from "react";
import { type Breach, dataCategories } from "../../shared/readlog";
import { readlogApi } from "../api/readlog";
import { PageTitle } from "../components/PageTitle";
import { BreachClockTag } from "../components/readlog/BreachClockTag";
import { BreachDialog } from "../components/readlog/BreachDialog";
import { UnitSelect } from "../components/UnitSelect";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDateTime } from "../format";
import { useLang, useT } from "../i18n/messages";

export default function BreachesPage() {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [breaches, setBreaches] = useState<Breach[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ editing: Breach | null } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void version;
    setError(null);
    readlogApi.breaches({ unitId: unitId ?? undefined }).then(
      (list) => live && setBreaches(list),
      (err: unknown) => {
        if (!live) return;
        setBreaches([]);
        setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, version, t]);

  const actions = (b: Breach) => (
    <Flex gap={4} wrap>
      <Button
        size="small"
        icon={<EditOutlined />}
        aria-label={t("breach.edit")}
        onClick={() => setDialog({ editing: b })}
        data-testid="breach-edit"
      />
      <Button
        size="small"
        icon={<FileWordOutlined />}
        href={readlogApi.letterUrl(b.id)}
        data-testid="breach-letter"
      >
        {t("breach.letter")}
      </Button>
    </Flex>
  );
  const categories = (b: Breach) => b.dataCategories.map((c) => dataCategories[c][lang]).join("; ");
  const columns: TableColumnsType<Breach> = compact
    ? [
        {
          key: "all",
          render: (_, b) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{b.title}</Typography.Text>
              <span>{b.unit?.name ?? ""}</span>
              <span>
                {t("breach.discoveredAt")}: {formatDateTime(b.discoveredAt)}
              </span>
              <BreachClockTag clock={b.clock} />
              {actions(b)}
            </Flex>
          ),
        },
      ]
    : [
        {
          key: "title",
          title: t("breach.name"),
          width: 280,
          render: (_, b) => <Typography.Text strong>{b.title}</Typography.Text>,
        },
        {
          key: "due",
          title: t("breach.due"),
          render: (_, b) => (
            <Flex vertical gap={2}>
              <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(b.clock.dueAt)}</span>
              <BreachClockTag clock={b.clock} />
            </Flex>
          ),
        },
        { key: "unit", title: t("breach.unit"), render: (_, b) => b.unit?.name ?? "" },
        { key: "found", title: t("breach.discoveredAt"), render: (_, b) => formatDateTime(b.discoveredAt) },
        { key: "people", title: t("breach.people"), align: "right", dataIndex: "peopleAffected" },
        { key: "categories", title: t("breach.categories"), width: 240, render: (_, b) => categories(b) },
        { key: "actions", title: "", render: (_, b) => actions(b) },
      ];

  return (
    <Flex vertical gap={16} data-testid="breaches-page">
      <PageTitle>{t("breach.title")}</PageTitle>
      <Typography.Text type="secondary">{t("breach.help")}</Typography.Text>
      <Card size="small">
        <Flex wrap gap={8} align="end">
          <Form.Item label={t("breach.unit")} style={{ marginBottom: 0, flex: "1 1 260px" }}>
            <UnitSelect value={unitId} onChange={setUnitId} testId="breach-filter-unit" />
          </Form.Item>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ editing: null })}
            data-testid="breach-add"
          >
            {t("breach.add")}
          </Button>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <div data-testid="breach-table">
        <Table<Breach>
          size="small"
          rowKey="id"
          loading={breaches === null}
          columns={columns}
          dataSource={breaches ?? []}
          pagination={false}
          scroll={compact ? undefined : { x: "max-content" }}
          locale={{ emptyText: t("breach.none") }}
        />
      </div>
      {dialog && (
        <BreachDialog
          editing={dialog.editing}
          unitId={unitId}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Flex>
  );
}
