/**
 * Khen thưởng (/khen-thuong): a unit and a year, the year's figures by form and level for the unit's subtree,
 * and two tabs: the register ("Sổ khen thưởng") and the proposals ("Đề nghị khen thưởng": rules and the list).
 */
import { Alert, Card, Flex, Select, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { type CommendationStats, commendationApi } from "../api/commendations";
import { canOn } from "../components/Capability";
import { formLabel, levelLabel, yearChoices } from "../components/commendations/labels";
import { ProposalsTab } from "../components/commendations/ProposalsTab";
import { RegisterTab } from "../components/commendations/RegisterTab";
import { PageTitle } from "../components/PageTitle";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { errorText } from "../errors";
import { useLang, useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

function Summary({ stats }: { stats: CommendationStats }) {
  const t = useT();
  const { lang } = useLang();
  const tags = <T extends { count: number }>(items: T[], label: (x: T) => string) =>
    items
      .filter((x) => x.count > 0)
      .map((x) => (
        <Tag key={label(x)}>
          {label(x)}: {x.count}
        </Tag>
      ));
  return (
    <Card size="small" data-testid="commendation-summary">
      <Flex vertical gap={6}>
        <Typography.Text strong>
          {t("commend.summary", { year: stats.year, total: stats.total })}
        </Typography.Text>
        {stats.total > 0 && (
          <>
            <Flex gap={4} wrap align="center">
              <Typography.Text type="secondary">{t("commend.byForm")}:</Typography.Text>
              {tags(stats.byForm, (f) => formLabel(f.form, lang))}
            </Flex>
            <Flex gap={4} wrap align="center">
              <Typography.Text type="secondary">{t("commend.byLevel")}:</Typography.Text>
              {tags(stats.byLevel, (l) => levelLabel(l.level, lang))}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}

export default function CommendationsPage() {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const thisYear = new Date().getFullYear();
  const year = Number(search.get("year")) || thisYear;
  const tab = search.get("tab") === "proposals" ? "proposals" : "register";
  const scope = useUnitScope(unitId);
  const [stats, setStats] = useState<CommendationStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  const ready = scope.status === "ready" && scope.unit.id === unitId ? scope : null;
  const readyId = ready?.unit.id ?? null;
  const loadStats = useCallback(() => {
    if (!readyId) return;
    setError(null);
    commendationApi.stats(readyId, year).then(setStats, (err: unknown) => setError(errorText(err, t)));
  }, [readyId, year, t]);
  useEffect(loadStats, [loadStats]);

  const can = ready ? canOn(ready, "unit") : null;
  const communeId = ready?.unit.level === "commune" ? ready.unit.id : null;
  return (
    <Flex vertical gap={16} data-testid="commendations-page">
      <PageTitle>{t("commend.title")}</PageTitle>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id })}
          villages={false}
        >
          <Flex vertical gap={4}>
            <Typography.Text>{t("commend.year")}</Typography.Text>
            <Select
              value={year}
              onChange={(y) => setQuery({ year: y })}
              options={yearChoices(thisYear).map((y) => ({ value: y, label: String(y) }))}
              style={{ width: "100%" }}
              data-testid="commendation-year-filter"
            />
          </Flex>
        </UnitScopePicker>
      </Card>
      {!unitId && <Alert type="info" showIcon title={t("scope.choose")} />}
      {error && <Alert type="error" showIcon title={error} />}
      {stats && ready && <Summary stats={stats} />}
      {ready && can && (
        <Tabs
          activeKey={tab}
          onChange={(key) => setQuery({ tab: key === "register" ? null : key })}
          items={[
            {
              key: "register",
              label: t("commend.tab.register"),
              children: (
                <RegisterTab
                  unitId={ready.unit.id}
                  communeId={communeId}
                  year={year}
                  can={can}
                  onChanged={loadStats}
                />
              ),
            },
            {
              key: "proposals",
              label: t("commend.tab.proposals"),
              children: <ProposalsTab unit={ready.unit} year={year} can={can} />,
            },
          ]}
        />
      )}
    </Flex>
  );
}
