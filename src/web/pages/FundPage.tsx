/**
 * One fund: who keeps it and how, its chain head, the actions of its keepers (receipt, transfer, proposal), and in
 * tabs its balances at a date, the year's receipts, disbursements (approve, reject, pay, void), its award rounds,
 * the ledger (reversals), and the year's close, disclosure and books. Every action shown is one the caller may
 * take; one that cannot be taken yet says why (Capability.tsx).
 */
import { Button, Card, Flex, Form, Select } from "antd";
import { AwardRounds } from "../components/fund/AwardRounds";
import { Disbursements } from "../components/fund/Disbursements";
import { FundActions } from "../components/fund/FundActions";
import { FundBalances } from "../components/fund/FundBalances";
import { FundHeader } from "../components/fund/FundHeader";
import { FundLedger } from "../components/fund/FundLedger";
import { FundYear } from "../components/fund/FundYear";
import { Receipts } from "../components/fund/Receipts";
import { useFundContext } from "../components/fund/useFundContext";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { todayIso } from "../format";
import { useT } from "../i18n/messages";
import { communeIn, Link, paths, setQuery, useLocation } from "../router";

const tabs = ["balances", "receipts", "disbursements", "rounds", "ledger", "year"] as const;
type Tab = (typeof tabs)[number];

export default function FundPage({ id }: { id: number }) {
  const t = useT();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const year = Number(search.get("year")) || thisYear;
  const date = search.get("date") || todayIso();
  const tab: Tab = tabs.find((k) => k === search.get("tab")) ?? "balances";
  const { context, error, changed } = useFundContext(id, communeIn(search), year, date);

  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  if (!context && !error) return <PageLoading />;
  return (
    <Flex vertical gap={16} data-testid="fund-page">
      <Link to={paths.funds}>← {t("fund.title")}</Link>
      {error && <LoadFailed message={error} onRetry={changed} />}
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
            {tab === "rounds" && <AwardRounds context={context} />}
            {tab === "ledger" && <FundLedger context={context} />}
            {tab === "year" && <FundYear context={context} />}
          </div>
        </>
      )}
    </Flex>
  );
}
