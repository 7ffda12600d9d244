/**
 * Quỹ khuyến học: the funds of a unit (a commune's, or every commune's of a province) with their balances, and a
 * new fund for those who keep the books there (`fund.keep`); the others are told who does.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { allows } from "../../shared/capabilities";
import type { FundSummary } from "../../shared/fund";
import { fundApi } from "../api/fund";
import { canOn, placed, RoleNote, WhyNot } from "../components/Capability";
import { FundCreateDialog } from "../components/fund/FundCreateDialog";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { useCompact } from "../components/useCompact";
import { errorText } from "../errors";
import { formatMoney } from "../format";
import { useT } from "../i18n/messages";
import { Link, navigate, paths, setQuery, useLocation } from "../router";
import { useMe } from "../session";

export default function FundsPage() {
  const t = useT();
  const me = useMe();
  const compact = useCompact();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const scope = useUnitScope(unitId);
  const [loaded, setLoaded] = useState<{ unitId: number; funds: FundSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    setError(null);
    fundApi.list(unitId).then(
      (funds) => live && setLoaded({ unitId, funds }),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => {
      live = false;
    };
  }, [unitId, t]);
  const funds = loaded?.unitId === unitId ? loaded.funds : null;

  const ready = scope.status === "ready" && scope.unit.id === unitId ? scope : null;
  const can = ready ? canOn(ready, "unit") : null;
  const level = ready?.unit.level;
  const notHere = level !== "commune" && level !== "province" ? t("fund.createWhere") : null;

  const name = (f: FundSummary) => (
    <Link to={paths.fund(f.id, f.unit.id)} data-testid="fund-link">
      {f.name}
    </Link>
  );
  const columns: TableColumnsType<FundSummary> = compact
    ? [
        {
          key: "all",
          render: (_, f) => (
            <Flex vertical gap={2}>
              {name(f)}
              <Typography.Text type="secondary">{f.ownerName}</Typography.Text>
              <Typography.Text strong>{formatMoney(f.balance)}</Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: "name", title: t("fund.name"), render: (_, f) => name(f) },
        { key: "owner", title: t("fund.ownerKind"), render: (_, f) => f.ownerName },
        {
          key: "mode",
          title: t("fund.mode"),
          render: (_, f) => <Tag>{t(`fund.mode.${f.mode}`)}</Tag>,
        },
        { key: "unit", title: t("fund.unit"), render: (_, f) => f.unit.name },
        { key: "tx", title: t("fund.transactions"), align: "right", render: (_, f) => f.transactions },
        {
          key: "balance",
          title: t("fund.balance"),
          align: "right",
          render: (_, f) => <span style={{ whiteSpace: "nowrap" }}>{formatMoney(f.balance)}</span>,
        },
      ];

  return (
    <Flex vertical gap={16} data-testid="funds-page">
      <PageTitle>{t("fund.title")}</PageTitle>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id })}
          villages={false}
        />
      </Card>
      {!unitId && <Alert type="info" showIcon title={t("scope.choose")} />}
      {error && <Alert type="error" showIcon title={error} />}
      {ready && can && (
        <Flex vertical gap={8} align="flex-start">
          {allows(can, "fund.keep") ? (
            <WhyNot reason={notHere} testId="fund-create-why">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={notHere !== null}
                onClick={() => setCreating(true)}
                data-testid="fund-create"
              >
                {t("fund.create")}
              </Button>
            </WhyNot>
          ) : (
            <RoleNote action="fund.keep" can={can} unit={placed(ready, "unit")} />
          )}
        </Flex>
      )}
      {unitId && !funds && !error && <PageLoading />}
      {funds && (
        <div data-testid="fund-list">
          <Table<FundSummary>
            rowKey="id"
            dataSource={funds}
            columns={columns}
            pagination={false}
            showHeader={!compact}
            size="small"
            scroll={compact ? undefined : { x: "max-content" }}
            locale={{ emptyText: <Empty description={t("fund.none")} /> }}
          />
        </div>
      )}
      {creating && ready && (
        <FundCreateDialog
          unitId={ready.unit.id}
          onClose={() => setCreating(false)}
          onCreated={(fund) => navigate(paths.fund(fund.id, fund.unit.id))}
        />
      )}
    </Flex>
  );
}
