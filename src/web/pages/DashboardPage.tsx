/**
 * Statistics dashboard: pick a unit, a year and a title; cards for each metric against its targets; the children
 * ranked in a bar chart and listed in a table (click one to drill down); the trend over the years; the report as
 * Excel or CSV. The unit, year, title and ranking live in the address (?unit=&year=&title=&rank=), so the browser's
 * back and forward buttons walk the drill-down. A system administrator starts from the whole country (?unit=vn),
 * whose children are the provinces. Without a year in the address the page opens on the latest year with
 * registrations (of the last ten), not on an empty current year.
 */
import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { Alert, Breadcrumb, Button, Card, Col, Empty, Flex, Form, Row, Select, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { Me, UnitDetail } from "../../shared/api";
import { isRecognitionTitle, type Title } from "../../shared/rubric";
import { api } from "../api/client";
import { type Boundaries, type Rollup, statsApi } from "../api/stats";
import { LoadFailed, PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { AssociationStats } from "../components/stats/AssociationStats";
import { CentreStats } from "../components/stats/CentreStats";
import { ChildrenChart, type RankKey, rankKeys } from "../components/stats/ChildrenChart";
import { ChildrenTable } from "../components/stats/ChildrenTable";
import { CommendationStats } from "../components/stats/CommendationStats";
import { FundStats } from "../components/stats/FundStats";
import { MetricCards } from "../components/stats/MetricCards";
import { RatingStats } from "../components/stats/RatingStats";
import { TargetsPanel } from "../components/stats/TargetsPanel";
import { TrendChart } from "../components/stats/TrendChart";
import { YearClose } from "../components/stats/YearClose";
import { defaultUnitId } from "../components/UnitScope";
import { UnitSelect } from "../components/UnitSelect";
import { titleList } from "../constants";
import { errorText } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { useT } from "../i18n/messages";
import { navigate, paths, useLocation } from "../router";
import { useMe } from "../session";

function isTitle(value: string | null): value is Title {
  return (titleList as readonly string[]).includes(value ?? "");
}

/** Changes query parameters with a new history entry, so that back returns to the previous view. */
function go(updates: Record<string, string | number | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  navigate(`${paths.stats}?${params.toString()}`);
}

/** Whether the user may read this ancestor: one of their grants is on it or above it (or they are national). */
function ancestorInScope(me: Me, path: { id: number }[], index: number): boolean {
  const above = new Set(path.slice(0, index + 1).map((u) => u.id));
  return me.grants.some((g) => g.unit === null || above.has(g.unit.id));
}

export default function DashboardPage() {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const national = me.grants.some((g) => g.unit === null);
  const unitParam = search.get("unit");
  const unitId: number | undefined =
    unitParam === "vn" ? undefined : Number(unitParam) || defaultUnitId(me) || undefined;
  const ready = unitId !== undefined || national;
  const yearParam = Number(search.get("year"));
  const year = yearParam || thisYear;
  const titleParam = search.get("title");
  const title: Title = isTitle(titleParam) ? titleParam : "learning_family";
  const rankParam = search.get("rank");
  const rankBy: RankKey = rankKeys.find((k) => k === rankParam) ?? "recognizedRate";
  const boundaries: Boundaries = search.get("boundaries") === "current" ? "current" : "historical";
  const key = `${unitId ?? "vn"}-${year}-${title}-${boundaries}`;

  const [loaded, setLoaded] = useState<{ key: string; rollup: Rollup } | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [detail, setDetail] = useState<UnitDetail | null>(null);
  const [version, setVersion] = useState(0);

  // No year asked: move to the latest year with registrations, if the current one has none.
  useEffect(() => {
    if (yearParam || !ready) return;
    let live = true;
    statsApi.series({ unitId, title, from: thisYear - 9, to: thisYear }).then(
      (series) => {
        const latest = series?.points.filter((p) => p.figures.registered > 0).at(-1)?.year;
        if (!live || !latest || latest === thisYear) return;
        const params = new URLSearchParams(window.location.search);
        params.set("year", String(latest));
        navigate(`${paths.stats}?${params.toString()}`, { replace: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [yearParam, ready, unitId, title, thisYear]);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    void version;
    const current = `${unitId ?? "vn"}-${year}-${title}-${boundaries}`;
    statsApi.rollup({ unitId, year, title, boundaries }).then(
      (rollup) => {
        if (!live) return;
        setLoaded({ key: current, rollup });
        setError(null);
      },
      (err: unknown) => {
        if (live) setError({ key: current, message: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [ready, unitId, year, title, boundaries, version, t]);

  useEffect(() => {
    if (!unitId) return;
    let live = true;
    api.unit(unitId).then(
      (unit) => {
        if (live) setDetail(unit);
      },
      () => {
        if (live) setDetail(null);
      },
    );
    return () => {
      live = false;
    };
  }, [unitId]);

  const rollup = loaded?.key === key ? loaded.rollup : null;
  const failure = error?.key === key ? error.message : null;
  const table = rollup?.titles[0] ?? null;
  const years = Array.from({ length: 10 }, (_, i) => thisYear + 1 - i);
  const open = (id: number) => go({ unit: id });

  const crumbs = useMemo(() => {
    const nation = national
      ? [
          {
            key: 0,
            title:
              unitId === undefined ? (
                <span data-testid="crumb-current">{t("stats.nation")}</span>
              ) : (
                <Typography.Link onClick={() => go({ unit: "vn" })} data-testid="crumb">
                  {t("stats.nation")}
                </Typography.Link>
              ),
          },
        ]
      : [];
    if (!detail || detail.id !== unitId) return unitId === undefined ? nation : [];
    const path = [...detail.ancestors, detail];
    const units = path.map((unit, index) => {
      const link = index < path.length - 1 && ancestorInScope(me, path, index);
      return {
        key: unit.id,
        title: link ? (
          <Typography.Link onClick={() => go({ unit: unit.id })} data-testid="crumb">
            {unit.name}
          </Typography.Link>
        ) : (
          <span data-testid={index === path.length - 1 ? "crumb-current" : "crumb"}>{unit.name}</span>
        ),
      };
    });
    return [...nation, ...units];
  }, [detail, unitId, me, national, t]);

  const targets = useMemo(() => table?.targets ?? [], [table]);
  const exportQuery = { unitId, year, boundaries };
  return (
    <Flex vertical gap={16} data-testid="dashboard-page" style={{ minWidth: 0 }}>
      <PageTitle>{t("stats.title")}</PageTitle>
      <Card size="small">
        <Form layout="vertical" component={false}>
          <Row gutter={[12, 0]}>
            <Col xs={24} md={10}>
              <Form.Item label={t("scope.unit")} htmlFor="stats-unit" style={{ marginBottom: 12 }}>
                <UnitSelect
                  value={unitId ?? null}
                  known={rollup?.unit ?? (detail && detail.id === unitId ? detail : null)}
                  onChange={(id) => id && open(id)}
                  allowClear={false}
                  testId="stats-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={10} md={3}>
              <Form.Item label={t("stats.year")} htmlFor="stats-year" style={{ marginBottom: 12 }}>
                <Select<number>
                  value={year}
                  onChange={(y) => go({ year: y })}
                  options={years.map((y) => ({ value: y, label: String(y) }))}
                  data-testid="stats-year"
                  id="stats-year"
                />
              </Form.Item>
            </Col>
            <Col xs={14} md={5}>
              <Form.Item label={t("stats.titleField")} htmlFor="stats-title" style={{ marginBottom: 12 }}>
                <Select<Title>
                  value={title}
                  onChange={(value) => go({ title: value })}
                  options={titleList.map((value) => ({ value, label: t(`title.${value}`) }))}
                  popupMatchSelectWidth={false}
                  data-testid="stats-title"
                  id="stats-title"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label={t("stats.boundaries")}
                tooltip={t("stats.boundariesHelp")}
                htmlFor="stats-boundaries"
                style={{ marginBottom: 12 }}
              >
                <Select<Boundaries>
                  value={boundaries}
                  onChange={(value) => go({ boundaries: value === "current" ? value : null })}
                  options={(["historical", "current"] as const).map((value) => ({
                    value,
                    label: t(`stats.boundaries.${value}`),
                  }))}
                  popupMatchSelectWidth={false}
                  data-testid="stats-boundaries"
                  id="stats-boundaries"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {crumbs.length > 0 && <Breadcrumb items={crumbs} data-testid="stats-breadcrumb" />}
      </Card>

      {!ready && <Alert type="info" showIcon title={t("scope.choose")} />}
      {failure && <LoadFailed message={failure} onRetry={() => setVersion((v) => v + 1)} />}
      {ready && !rollup && !failure && <PageLoading />}

      {rollup && table && ready && (
        <>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="stats-unit-name">
                {rollup.unit.name} · {table.label} · {rollup.year}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("stats.totalDefinition", { definition: table.totalDefinition })}.{" "}
                {t("stats.asOf", { date: formatDate(rollup.date) })}
                {rollup.totalsFrozenAt
                  ? ` ${t("yearClose.frozenNote", { when: formatDateTime(rollup.totalsFrozenAt) })}`
                  : rollup.totalsFrozenCommunes
                    ? ` ${t("yearClose.frozenSome", { closed: rollup.totalsFrozenCommunes, total: rollup.totalsCommunes ?? 0 })}`
                    : ""}
              </Typography.Text>
              {unitId !== undefined && (
                <YearClose unitId={unitId} year={year} onChanged={() => setVersion((v) => v + 1)} />
              )}
            </Flex>
            <Flex wrap gap={8}>
              <Button
                icon={<FileExcelOutlined />}
                href={statsApi.xlsxUrl(exportQuery)}
                download
                data-testid="download-xlsx"
              >
                {t("stats.downloadXlsx")}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                href={statsApi.csvUrl({ ...exportQuery, title })}
                download
                data-testid="download-csv"
              >
                {t("stats.downloadCsv")}
              </Button>
            </Flex>
          </Flex>

          {!isRecognitionTitle(title) ? (
            <RatingStats table={table} year={year} onOpen={open} />
          ) : (
            <MetricCards table={table} />
          )}

          {!isRecognitionTitle(title) ? null : table.children.length ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={10}>
                <Card size="small">
                  <ChildrenChart
                    table={table}
                    rankBy={rankBy}
                    onRankBy={(rank) => go({ rank })}
                    onOpen={open}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={14}>
                <Card size="small" title={t("stats.children")} styles={{ body: { padding: 0 } }}>
                  <ChildrenTable table={table} rankBy={rankBy} onOpen={open} />
                </Card>
              </Col>
            </Row>
          ) : (
            <Card size="small">
              <Empty description={t("stats.noChildren", { name: rollup.unit.name })} />
            </Card>
          )}

          {isRecognitionTitle(title) && (
            <TrendChart unitId={unitId} title={title} year={year} targets={targets} />
          )}
          {unitId !== undefined && isRecognitionTitle(title) && (
            <TargetsPanel
              unit={rollup.unit}
              title={title}
              year={year}
              onChanged={() => setVersion((v) => v + 1)}
            />
          )}
          <AssociationStats unitId={unitId} year={year} onOpen={open} />
          <FundStats unitId={unitId} year={year} onOpen={open} />
          <CentreStats unitId={unitId} year={year} onOpen={open} />
          <CommendationStats unitId={unitId} year={year} onOpen={open} />
        </>
      )}
    </Flex>
  );
}
