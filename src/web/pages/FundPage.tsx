/**
 * One fund: who keeps it and how, its chain head, the actions of its keepers (receipt, transfer, proposal), and in
 * tabs its balances at a date, the year's receipts, disbursements (approve, reject, pay, void), the ledger
 * (reversals), and the year's close, disclosure and books. Every action shown is one the caller may take; one that
 * cannot be taken yet says why (Capability.tsx).
 */
import { Alert, Button, Card, Flex, Form, Select } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { UnitDetail } from "../../shared/api";
import type { FundDetail } from "../../shared/fund";
import { api } from "../api/client";
import { fundApi } from "../api/fund";
import type { PlacedUnit } from "../components/Capability";
import type { FundContext } from "../components/fund/common";
import { Disbursements } from "../components/fund/Disbursements";
import { FundActions } from "../components/fund/FundActions";
import { FundBalances } from "../components/fund/FundBalances";
import { FundHeader } from "../components/fund/FundHeader";
import { FundLedger } from "../components/fund/FundLedger";
import { FundYear } from "../components/fund/FundYear";
import { Receipts } from "../components/fund/Receipts";
import { PageLoading } from "../components/PageLoading";
import { errorText } from "../errors";
import { todayIso } from "../format";
import { useT } from "../i18n/messages";
import { Link, paths, setQuery, useLocation } from "../router";
import { useMe } from "../session";

const tabs = ["balances", "receipts", "disbursements", "ledger", "year"] as const;
type Tab = (typeof tabs)[number];

export default function FundPage({ id }: { id: number }) {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const year = Number(search.get("year")) || thisYear;
  const date = search.get("date") || todayIso();
  const tab: Tab = tabs.find((k) => k === search.get("tab")) ?? "balances";
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const [loaded, setLoaded] = useState<{ fund: FundDetail; unit: UnitDetail } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void version;
    fundApi
      .get(id, date)
      .then(async (fund) => ({ fund, unit: await api.unit(fund.unit.id) }))
      .then(
        (data) => {
          if (!live) return;
          setLoaded(data);
          setError(null);
        },
        (err: unknown) => live && setError(errorText(err, t)),
      );
    return () => {
      live = false;
    };
  }, [id, date, version, t]);

  const context: FundContext | null = useMemo(() => {
    if (!loaded) return null;
    const place: PlacedUnit = {
      name: loaded.unit.name,
      ids: [loaded.unit.id, ...loaded.unit.ancestors.map((a) => a.id)],
    };
    return { fund: loaded.fund, can: loaded.unit.can, place, me, year, changed, version };
  }, [loaded, me, year, changed, version]);

  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  if (!context && !error) return <PageLoading />;
  return (
    <Flex vertical gap={16} data-testid="fund-page">
      <Link to={paths.funds}>← {t("fund.title")}</Link>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={<Button onClick={changed}>{t("common.retry")}</Button>}
        />
      )}
      {context && (
        <>
          <FundHeader context={context} />
          <Card size="small">
            <Flex gap={12} wrap align="flex-end">
              <Form.Item label={t("fund.year")} htmlFor="fund-year" style={{ marginBottom: 0 }}>
                <Select<number>
                  id="fund-year"
                  value={year}
                  onChange={(y) => setQuery({ year: y })}
                  options={years.map((y) => ({ value: y, label: String(y) }))}
                  style={{ width: 110 }}
                  data-testid="fund-year"
                />
              </Form.Item>
              <FundActions context={context} />
            </Flex>
          </Card>
          <Flex wrap gap={8} role="tablist" aria-label={context.fund.name} data-testid="fund-tabs">
            {tabs.map((key) => (
              <Button
                key={key}
                role="tab"
                aria-selected={key === tab}
                type={key === tab ? "primary" : "default"}
                onClick={() => setQuery({ tab: key })}
                data-testid={`fund-tab-${key}`}
              >
                {t(`fund.tab.${key}`)}
              </Button>
            ))}
          </Flex>
          <div role="tabpanel">
            {tab === "balances" && <FundBalances context={context} date={date} />}
            {tab === "receipts" && <Receipts context={context} />}
            {tab === "disbursements" && <Disbursements context={context} />}
            {tab === "ledger" && <FundLedger context={context} />}
            {tab === "year" && <FundYear context={context} />}
          </div>
        </>
      )}
    </Flex>
  );
}
