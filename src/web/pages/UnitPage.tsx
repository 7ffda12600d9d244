import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import type { UnitDetail, UnitSummary } from "../../shared/api";
import { ApiRequestError, api } from "../api/client";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { HistoryTable } from "../components/UnitHistory";
import { AddVillageButton, VillageActions } from "../components/VillageActions";
import { VillageImport } from "../components/VillageImport";
import { errorText } from "../errors";
import { dayBefore, formatDate, todayIso } from "../format";
import { useT } from "../i18n/messages";
import { Link, paths } from "../router";

type LoadState =
  | { status: "loading" }
  | { status: "denied"; code: 403 | 404; message: string }
  | { status: "error"; message: string }
  | { status: "ready"; unit: UnitDetail };

/** The date at which the unit existed, to list its children: today, or its last day if it has ended. */
function asOfDate(unit: UnitDetail): string {
  const today = todayIso();
  if (unit.validTo && unit.validTo <= today) return dayBefore(unit.validTo);
  if (unit.validFrom && unit.validFrom > today) return unit.validFrom;
  return today;
}

export default function UnitPage({ id }: { id: number }) {
  const t = useT();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void version;
    api.unit(id).then(
      (unit) => {
        if (live) setState({ status: "ready", unit });
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiRequestError && (err.status === 403 || err.status === 404)) {
          setState({ status: "denied", code: err.status, message: err.message });
        } else {
          setState({ status: "error", message: errorText(err, t) });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [id, version, t]);

  if (state.status === "loading") return <PageLoading />;
  if (state.status === "denied") {
    return (
      <div data-testid="unit-forbidden">
        <Result
          status={state.code === 403 ? "403" : "404"}
          title={state.code === 403 ? t("unit.forbidden") : t("unit.notFound")}
          subTitle={state.message || (state.code === 404 ? t("unit.notFoundSub") : undefined)}
          extra={
            <Link to={paths.units}>
              <Button type="primary">{t("unit.backToList")}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  if (state.status === "error") {
    return <LoadFailed message={state.message} onRetry={reload} />;
  }
  return <UnitView unit={state.unit} reload={reload} version={version} />;
}

function UnitView({ unit, reload, version }: { unit: UnitDetail; reload: () => void; version: number }) {
  const t = useT();
  const retired = !!unit.validTo && unit.validTo <= todayIso();
  const canEdit = unit.can.write && !retired;

  return (
    <Flex vertical gap={16} data-testid="unit-page">
      <Breadcrumb
        items={[
          { key: "root", title: <Link to={paths.units}>{t("nav.units")}</Link> },
          ...unit.ancestors.map((a) => ({
            key: String(a.id),
            title: <Link to={paths.unit(a.id)}>{a.name}</Link>,
          })),
          { key: "self", title: unit.name },
        ]}
      />
      <Flex wrap gap={8} align="center">
        <PageTitle data-testid="unit-name">{unit.name}</PageTitle>
        <Tag color="blue">{t(`level.${unit.level}`)}</Tag>
        {retired && <Tag color="default">{t("unit.retired")}</Tag>}
      </Flex>

      <Card size="small" title={t("unit.info")}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "name", label: t("unit.name"), children: unit.name },
            { key: "kind", label: t("unit.kind"), children: unit.kind },
            { key: "code", label: t("unit.code"), children: unit.code },
            { key: "level", label: t("unit.level"), children: t(`level.${unit.level}`) },
            {
              key: "validFrom",
              label: t("unit.validFrom"),
              children: unit.validFrom ? formatDate(unit.validFrom) : t("unit.unknownDate"),
            },
            {
              key: "validTo",
              label: t("unit.validTo"),
              children: unit.validTo ? formatDate(unit.validTo) : t("unit.openEnded"),
            },
          ]}
        />
      </Card>

      {canEdit && unit.level === "village" && (
        <Card size="small" title={t("village.actions")}>
          <VillageActions village={unit} onDone={reload} />
        </Card>
      )}

      {unit.level !== "village" && (
        <Children
          unit={unit}
          version={version}
          extra={
            canEdit && unit.level === "commune" ? <AddVillageButton commune={unit} onDone={reload} /> : null
          }
        />
      )}

      <Card size="small" title={t("unit.history")} data-testid="unit-history">
        <Flex vertical gap={16}>
          <div>
            <Typography.Title level={5}>{t("unit.predecessors")}</Typography.Title>
            <HistoryTable
              links={unit.predecessors}
              testId="history-predecessors"
              empty={t("unit.noPredecessors")}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t("unit.successors")}</Typography.Title>
            <HistoryTable
              links={unit.successors}
              testId="history-successors"
              empty={t("unit.noSuccessors")}
            />
          </div>
        </Flex>
      </Card>

      {canEdit && unit.level === "commune" && <VillageImport communeId={unit.id} onDone={reload} />}
    </Flex>
  );
}

function Children({ unit, version, extra }: { unit: UnitDetail; version: number; extra: ReactNode }) {
  const t = useT();
  const date = asOfDate(unit);
  const [children, setChildren] = useState<UnitSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void version;
    api.unitChildren(unit.id, date).then(
      (units) => {
        if (live) setChildren(units);
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [unit.id, date, version, t]);

  const columns: TableColumnsType<UnitSummary> = [
    {
      key: "name",
      title: t("unit.name"),
      render: (_, u) => <Link to={paths.unit(u.id)}>{u.name}</Link>,
    },
    { key: "code", title: t("unit.code"), dataIndex: "code" },
    { key: "kind", title: t("unit.kind"), dataIndex: "kind" },
  ];

  const title = date === todayIso() ? t("unit.children") : t("unit.childrenAsOf", { date: formatDate(date) });
  return (
    <Card size="small" title={title} extra={null}>
      <Flex vertical gap={12}>
        {extra && <div>{extra}</div>}
        {error ? (
          <Alert type="error" showIcon title={error} />
        ) : (
          <div data-testid="unit-children">
            <Table<UnitSummary>
              size="small"
              rowKey="id"
              loading={children === null}
              columns={columns}
              dataSource={children ?? []}
              pagination={(children?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: t("unit.noChildren") }}
            />
          </div>
        )}
      </Flex>
    </Card>
  );
}
