import { Alert, Button, Col, Flex, Row, Table, type TableColumnsType, Typography } from "antd";
import { useEffect, useState } from "react";
import type { AuditEntry } from "../../shared/api";
import { api } from "../api/client";
import { PageTitle } from "../components/PageTitle";
import { UnitSelect } from "../components/UnitSelect";
import { errorText } from "../errors";
import { formatDateTime } from "../format";
import { auditKey, useT } from "../i18n/messages";
import { Link, paths } from "../router";

const PAGE = 50;

function json(value: unknown): string {
  if (value === undefined || value === null) return "—";
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

export default function AuditPage() {
  const t = useT();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setEntries([]);
    setError(null);
    api.audit({ unitId: unitId ?? undefined, limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setEntries(page.entries);
        setNext(page.nextBefore);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(errorText(err, t));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, t]);

  const more = async () => {
    if (next === null) return;
    setLoading(true);
    try {
      const page = await api.audit({ unitId: unitId ?? undefined, before: next, limit: PAGE });
      setEntries((current) => [...current, ...page.entries]);
      setNext(page.nextBefore);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  };

  const label = (kind: "action" | "entity", code: string) => {
    const key = auditKey(kind, code);
    return key ? t(key) : code;
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: "at",
      title: t("audit.time"),
      render: (_, e) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(e.at)}</span>,
    },
    { key: "actor", title: t("audit.actor"), dataIndex: "actorName" },
    {
      key: "action",
      title: t("audit.action"),
      render: (_, e) => label("action", e.action),
    },
    {
      key: "entity",
      title: t("audit.entity"),
      render: (_, e) => {
        const entity = label("entity", e.entity);
        return e.entityId ? `${entity} #${e.entityId}` : entity;
      },
    },
    {
      key: "unit",
      title: t("audit.unit"),
      render: (_, e) => (e.unit ? <Link to={paths.unit(e.unit.id)}>{e.unit.name}</Link> : ""),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle>{t("audit.title")}</PageTitle>
      <Flex wrap gap={8} align="center">
        <Typography.Text>{t("audit.filterUnit")}</Typography.Text>
        <UnitSelect
          value={unitId}
          onChange={setUnitId}
          style={{ width: 300, maxWidth: "100%" }}
          testId="audit-unit"
        />
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          loading={loading}
          columns={columns}
          dataSource={entries}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("common.empty") }}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={[8, 8]} style={{ maxWidth: "calc(100vw - 64px)" }}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t("audit.before")}</Typography.Text>
                  <pre className="hh-json">{json(e.before)}</pre>
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t("audit.after")}</Typography.Text>
                  <pre className="hh-json">{json(e.after)}</pre>
                </Col>
              </Row>
            ),
          }}
        />
      </div>
      <Flex justify="center">
        {next !== null ? (
          <Button onClick={() => void more()} loading={loading} data-testid="audit-more">
            {t("audit.more")}
          </Button>
        ) : (
          !loading &&
          entries.length > 0 && <Typography.Text type="secondary">{t("audit.end")}</Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
