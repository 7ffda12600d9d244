import { Alert, Button, Card, Col, Flex, Form, Select } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Registration } from "../../shared/cycle";
import type { Title } from "../../shared/rubric";
import { cycleApi } from "../api/cycle";
import { AssessTab } from "../components/cycle/AssessTab";
import type { CycleContext } from "../components/cycle/common";
import { DecisionTab } from "../components/cycle/DecisionTab";
import { RecognizedTab } from "../components/cycle/RecognizedTab";
import { RegisterTab } from "../components/cycle/RegisterTab";
import { ReviewTab } from "../components/cycle/ReviewTab";
import { ReviewMinutesButton } from "../components/lists/ReviewMinutes";
import { YearLists } from "../components/lists/YearLists";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { titleList } from "../constants";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

const tabKeys = ["register", "assess", "review", "decision", "recognized"] as const;
type TabKey = (typeof tabKeys)[number];

function isTitle(value: string | null): value is Title {
  return (titleList as readonly string[]).includes(value ?? "");
}

/** The yearly cycle of a learning title in a unit: register, self-assess, review, decide, recognised list. */
export default function TitlesPage() {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const year = Number(search.get("year")) || thisYear;
  const titleParam = search.get("title");
  const title: Title = isTitle(titleParam) ? titleParam : "learning_family";
  const tabParam = search.get("tab");
  const tab: TabKey = tabKeys.find((k) => k === tabParam) ?? "register";
  const scope = useUnitScope(unitId);

  // The registrations are kept with the unit, year and title they belong to, so that a change never shows
  // the previous list.
  const [loaded, setLoaded] = useState<{ key: string; list: Registration[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const changed = useCallback((updated?: Registration) => {
    if (updated)
      setLoaded((current) =>
        current
          ? { ...current, list: current.list.map((r) => (r.id === updated.id ? updated : r)) }
          : current,
      );
    setVersion((v) => v + 1);
  }, []);
  // While another unit loads, the scope keeps the previous one so that the pickers do not flicker; the steps
  // must not show its candidates then (a row ticked in that list would be dropped when the new one arrives and
  // leave the register button disabled), so they wait until the scope is the unit asked for.
  const scopeUnitId = scope.status === "ready" && scope.unit.id === unitId ? scope.unit.id : null;
  const key = `${scopeUnitId}-${year}-${title}`;

  useEffect(() => {
    if (!scopeUnitId) return;
    let live = true;
    void version;
    setError(null);
    cycleApi.registrations({ unitId: scopeUnitId, year, title }).then(
      (list) => {
        if (live) setLoaded({ key: `${scopeUnitId}-${year}-${title}`, list });
      },
      (err: unknown) => {
        if (!live) return;
        setLoaded(null);
        setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [scopeUnitId, year, title, version, t]);
  const registrations = loaded?.key === key ? loaded.list : null;

  const context: CycleContext | null = useMemo(
    () =>
      scope.status === "ready" && scope.unit.id === scopeUnitId && registrations
        ? { scope, year, title, registrations, version, changed }
        : null,
    [scope, scopeUnitId, year, title, registrations, version, changed],
  );

  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const count = (filter: (r: Registration) => boolean) => registrations?.filter(filter).length ?? 0;
  const counts: Partial<Record<TabKey, number>> = {
    assess: count((r) => r.status === "registered"),
    review: count((r) => r.status === "assessed"),
    recognized: count((r) => r.status === "recognized"),
  };
  const label = (key: TabKey, n?: number) => (n ? `${t(`cycle.tab.${key}`)} (${n})` : t(`cycle.tab.${key}`));

  return (
    <Flex vertical gap={16} data-testid="titles-page">
      <PageTitle>{t("cycle.title")}</PageTitle>
      <Card size="small">
        <UnitScopePicker scope={scope} value={unitId} onChange={(id) => setQuery({ unit: id })}>
          <Col xs={10} md={8} lg={3}>
            <Form.Item label={t("cycle.year")} htmlFor="cycle-year" style={{ marginBottom: 12 }}>
              <Select<number>
                value={year}
                onChange={(y) => setQuery({ year: y })}
                options={years.map((y) => ({ value: y, label: String(y) }))}
                data-testid="cycle-year"
                id="cycle-year"
              />
            </Form.Item>
          </Col>
          <Col xs={14} md={16} lg={5}>
            <Form.Item label={t("cycle.titleField")} htmlFor="cycle-title" style={{ marginBottom: 12 }}>
              <Select<Title>
                value={title}
                onChange={(value) => setQuery({ title: value })}
                options={titleList.map((value) => ({ value, label: t(`title.${value}`) }))}
                popupMatchSelectWidth={false}
                data-testid="cycle-title"
                id="cycle-title"
              />
            </Form.Item>
          </Col>
        </UnitScopePicker>
      </Card>
      {!unitId && <Alert type="info" showIcon title={t("scope.choose")} />}
      {error && <LoadFailed message={error} onRetry={changed} />}
      {unitId && !context && !error && scope.status !== "error" && <PageLoading />}
      {context && (
        <>
          <Flex wrap gap={8} role="tablist" aria-label={t("cycle.title")} data-testid="cycle-steps">
            {tabKeys.map((key, index) => (
              <Button
                key={key}
                role="tab"
                aria-selected={key === tab}
                type={key === tab ? "primary" : "default"}
                onClick={() => setQuery({ tab: key })}
                data-testid={`step-${key}`}
              >
                {`${index + 1}. ${label(key, counts[key])}`}
              </Button>
            ))}
          </Flex>
          <Card size="small" role="tabpanel">
            {tab === "register" && <RegisterTab context={context} />}
            {tab === "assess" && <AssessTab context={context} />}
            {tab === "review" && (
              <Flex vertical gap={8}>
                <Flex justify="flex-end">
                  <ReviewMinutesButton context={context} />
                </Flex>
                <ReviewTab context={context} />
              </Flex>
            )}
            {tab === "decision" && <DecisionTab context={context} />}
            {tab === "recognized" && <RecognizedTab context={context} />}
          </Card>
          <Card size="small" title={t("lists.title")}>
            <YearLists context={context} />
          </Card>
        </>
      )}
    </Flex>
  );
}
