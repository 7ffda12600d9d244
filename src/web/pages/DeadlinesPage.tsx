import {
  Button,
  Card,
  Empty,
  Flex,
  Form,
  List,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { type DeadlineCell, deadlineKeys, deadlineStatuses } from "../../shared/deadlines";
import {
  type DeadlineKey,
  type DeadlineStatus,
  type DeadlineStatusTable,
  deadlineApi,
} from "../api/deadlines";
import { OwnDeadline, useOwnProvince } from "../components/deadlines/OwnDeadline";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { UnitSelect } from "../components/UnitSelect";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { reasonText } from "../i18n/deadlines";
import { useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";

type Row = DeadlineStatusTable["communes"][number];

const statusColor: Record<DeadlineStatus, string> = {
  done: "green",
  missing: "gold",
  late: "red",
  no_data: "default",
};

/**
 * "Ai trễ hạn": the communes of a unit (the caller's whole scope by default) with, for each deadline of a data year,
 * done / not done / late / no data and what is missing; filters by deadline and status; the same table as CSV.
 */
export default function DeadlinesPage() {
  const t = useT();
  const compact = useCompact();
  const { search } = useLocation();
  const now = new Date();
  // Until the spring deadlines of last year have passed, last year's table is the one to look at.
  const defaultYear = now.getMonth() < 4 ? now.getFullYear() - 1 : now.getFullYear();
  const year = Number(search.get("year")) || defaultYear;
  const unitId = Number(search.get("unit")) || undefined;
  const key = (deadlineKeys as readonly string[]).includes(search.get("key") ?? "")
    ? (search.get("key") as DeadlineKey)
    : undefined;
  const status = (deadlineStatuses as readonly string[]).includes(search.get("status") ?? "")
    ? (search.get("status") as DeadlineStatus)
    : undefined;
  const filter = { unitId, year, key, status };
  const filterKey = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<{ key: string; table: DeadlineStatusTable } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filter's fields
  useEffect(() => {
    let live = true;
    void version;
    setError(null);
    deadlineApi.status(filter).then(
      (table) => {
        if (live) setLoaded({ key: filterKey, table });
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [filterKey, version, t]);
  const table = loaded?.key === filterKey ? loaded.table : null;
  const ownProvince = useOwnProvince(table?.unit?.level === "province" ? table.unit.id : null);

  const cell = (c: DeadlineCell | undefined, columnDue: string, year: number) =>
    c ? (
      <Flex vertical gap={2} data-testid="deadline-cell">
        <span>
          <Tag color={statusColor[c.status]}>{t(`deadlines.status.${c.status}`)}</Tag>
          {c.due !== columnDue && (
            <Typography.Text type="secondary">
              {t("deadlines.due", { date: formatDate(c.due) })}
            </Typography.Text>
          )}
        </span>
        {c.status !== "done" &&
          c.reasons.map((r) => (
            <Typography.Text key={`${r.code}-${r.name ?? ""}`} type="secondary" style={{ fontSize: 12 }}>
              {reasonText(t, r, year)}
            </Typography.Text>
          ))}
      </Flex>
    ) : (
      ""
    );

  const deadlines = table?.deadlines ?? [];
  const provinces = new Set(table?.communes.map((r) => r.unit.provinceName));
  const columns: TableColumnsType<Row> = compact
    ? [
        {
          key: "all",
          render: (_, row) => (
            <Flex vertical gap={6}>
              <Typography.Text strong>{row.unit.name}</Typography.Text>
              {deadlines.map((d) => (
                <div key={d.key}>
                  <div>{t(`deadlines.key.${d.key}`)}</div>
                  {cell(row.cells[d.key], d.due, d.dataYear)}
                </div>
              ))}
            </Flex>
          ),
        },
      ]
    : [
        ...(provinces.size > 1
          ? [
              {
                key: "province",
                title: t("deadlines.province"),
                render: (_: unknown, row: Row) => row.unit.provinceName,
              },
            ]
          : []),
        { key: "commune", title: t("deadlines.commune"), render: (_, row) => row.unit.name },
        ...deadlines.map((d) => ({
          key: d.key,
          title: (
            <Flex vertical>
              <span>{t(`deadlines.key.${d.key}`)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("deadlines.due", { date: formatDate(d.due) })}
              </Typography.Text>
            </Flex>
          ),
          render: (_: unknown, row: Row) => cell(row.cells[d.key], d.due, d.dataYear),
        })),
      ];

  const thisYear = now.getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  return (
    <Flex vertical gap={16} data-testid="deadlines-page">
      <PageTitle>{t("deadlines.title")}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("deadlines.intro")}
      </Typography.Paragraph>
      <Card size="small">
        <Flex wrap gap={12} align="end">
          <Form.Item label={t("deadlines.unit")} style={{ marginBottom: 0, minWidth: 240 }}>
            <UnitSelect
              value={unitId ?? null}
              onChange={(id) => setQuery({ unit: id })}
              placeholder={t("deadlines.allUnits")}
              testId="deadlines-unit"
            />
          </Form.Item>
          <Form.Item label={t("deadlines.year")} style={{ marginBottom: 0 }}>
            <Select<number>
              value={year}
              onChange={(y) => setQuery({ year: y })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 110 }}
              data-testid="deadlines-year"
            />
          </Form.Item>
          <Form.Item label={t("deadlines.key")} style={{ marginBottom: 0 }}>
            <Select<string>
              value={key ?? ""}
              onChange={(k) => setQuery({ key: k })}
              options={[
                { value: "", label: t("deadlines.anyKey") },
                ...deadlineKeys.map((k) => ({ value: k, label: t(`deadlines.key.${k}`) })),
              ]}
              style={{ width: 230 }}
              data-testid="deadlines-key"
            />
          </Form.Item>
          <Form.Item label={t("deadlines.status")} style={{ marginBottom: 0 }}>
            <Select<string>
              value={status ?? ""}
              onChange={(s) => setQuery({ status: s })}
              options={[
                { value: "", label: t("deadlines.anyStatus") },
                ...deadlineStatuses.map((s) => ({ value: s, label: t(`deadlines.status.${s}`) })),
              ]}
              style={{ width: 170 }}
              data-testid="deadlines-status"
            />
          </Form.Item>
          <Button href={deadlineApi.csvUrl(filter)} data-testid="deadlines-csv">
            {t("deadlines.csv")}
          </Button>
        </Flex>
      </Card>
      {table && ownProvince && (
        <OwnDeadline
          provinceId={ownProvince}
          year={table.year}
          deadlines={table.deadlines}
          onSaved={() => setVersion((v) => v + 1)}
        />
      )}
      {error && <LoadFailed message={error} onRetry={() => setVersion((v) => v + 1)} />}
      {!error && !table && <PageLoading />}
      {table && (
        <>
          <Card size="small" title={t("deadlines.calendar", { year: table.year })}>
            <List
              size="small"
              dataSource={table.deadlines}
              renderItem={(d) => (
                <List.Item key={d.key}>
                  <Flex wrap gap={6} align="center">
                    <Typography.Text strong>{t(`deadlines.key.${d.key}`)}</Typography.Text>
                    <span>
                      {d.start
                        ? t("deadlines.period", { start: formatDate(d.start), end: formatDate(d.due) })
                        : formatDate(d.due)}
                    </span>
                    {d.owner && <Tag color="blue">{t("deadlines.provinceDate", { name: d.owner.name })}</Tag>}
                    {!d.confirmed && <Tag>{t("deadlines.unconfirmed")}</Tag>}
                    {d.legalBasis && <Typography.Text type="secondary">{d.legalBasis}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
          <Typography.Text type="secondary">
            {t("deadlines.count", { count: table.communes.length })}
          </Typography.Text>
          <div data-testid="deadlines-table">
            <Table<Row>
              rowKey={(row) => row.unit.id}
              dataSource={table.communes}
              columns={columns}
              pagination={table.communes.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              showHeader={!compact}
              size="small"
              scroll={compact ? undefined : { x: "max-content" }}
              locale={{ emptyText: <Empty description={t("deadlines.empty")} /> }}
            />
          </div>
        </>
      )}
    </Flex>
  );
}
