import { Alert, Card, Flex, Select, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Title } from "../../shared/rubric";
import { cycleApi, type StoredRubric } from "../api/cycle";
import { UnconfirmedTag } from "../components/cycle/common";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { effectiveText, legalText } from "../components/rubrics/rubricText";
import { titleList } from "../constants";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";
import { Link, paths, setQuery, useLocation } from "../router";

/** The criteria sets of every title, all versions, with their legal basis and validity. */
export default function RubricsPage() {
  const t = useT();
  const { search } = useLocation();
  const filter = titleList.find((x) => x === search.get("title")) ?? null;
  const [rubrics, setRubrics] = useState<StoredRubric[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRubrics(null);
    cycleApi.rubrics(filter ?? undefined).then(
      (list) => {
        if (live) setRubrics(list);
      },
      (err: unknown) => {
        if (live) setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [filter, t]);

  const groups = titleList
    .map((title) => ({ title, rubrics: (rubrics ?? []).filter((r) => r.title === title) }))
    .filter((g) => g.rubrics.length > 0);

  return (
    <Flex vertical gap={16} data-testid="rubrics-page">
      <PageTitle>{t("rubrics.title")}</PageTitle>
      <Select<Title | "all">
        value={filter ?? "all"}
        onChange={(value) => setQuery({ title: value === "all" ? null : value })}
        options={[
          { value: "all", label: t("rubrics.all") },
          ...titleList.map((value) => ({ value, label: t(`title.${value}`) })),
        ]}
        style={{ maxWidth: 360, width: "100%" }}
        data-testid="rubrics-filter"
      />
      {error && <Alert type="error" showIcon title={error} />}
      {!rubrics && !error && <PageLoading />}
      {rubrics && groups.length === 0 && <Alert type="info" showIcon title={t("rubrics.empty")} />}
      {groups.map((group) => (
        <Card key={group.title} size="small" title={t(`title.${group.title}`)}>
          <Flex vertical gap={12}>
            {group.rubrics.map((r) => (
              <Flex key={r.id} vertical gap={4} data-testid="rubric-item">
                <Link to={paths.rubric(r.id)} style={{ fontWeight: 600 }}>
                  {r.name}
                </Link>
                <Flex wrap gap={4}>
                  <Tag>{t("rubrics.version", { version: r.version })}</Tag>
                  <Tag color="blue">{t(`rubrics.scheme.${r.scheme}`)}</Tag>
                  {r.provinceId !== null && <Tag color="purple">{t("rubrics.provincial")}</Tag>}
                  {r.unconfirmed && <UnconfirmedTag />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t("rubrics.legal")}: {legalText(r, t)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t("rubrics.effective")}: {effectiveText(r, t)}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
