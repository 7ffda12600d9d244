/**
 * Khảo sát nhu cầu học tập: choose a commune (or one's village) and a year; the survey of that year (opened by the
 * commune's data entry), its answers with the add/edit form (village officers answer for their village), the
 * import with its dry run, and the results by topic × village and topic × age group.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Table, type TableColumnsType, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { allows } from "../../shared/capabilities";
import { ageGroupOptions } from "../../shared/needs-survey";
import { topicOptions } from "../../shared/registry/kinds/topics";
import {
  type NeedsSurvey,
  type SurveyResults as Results,
  type SurveyResponse,
  surveyApi,
} from "../api/centre-plan";
import { canOn, placed, RoleNote } from "../components/Capability";
import { FileImport } from "../components/FileImport";
import { PageTitle } from "../components/PageTitle";
import { ResponseDialog } from "../components/survey/ResponseDialog";
import { SurveyResults } from "../components/survey/SurveyResults";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { errorText } from "../errors";
import { useLang, useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

type Loaded = { survey: NeedsSurvey | null; responses: SurveyResponse[]; results: Results | null };

export default function NeedsSurveyPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const { message } = App.useApp();
  const { search } = useLocation();
  const thisYear = new Date().getFullYear();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const year = Number(search.get("year")) || thisYear;
  const scope = useUnitScope(unitId);
  const ready = scope.status === "ready" ? scope : null;
  const commune = ready?.commune ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<SurveyResponse | "new" | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    if (!commune) return;
    try {
      const [survey] = await surveyApi.list(commune.id, year);
      if (!survey) return setLoaded({ survey: null, responses: [], results: null });
      const [responses, results] = await Promise.all([
        surveyApi.responses(survey),
        surveyApi.results(survey),
      ]);
      setLoaded({ survey, responses, results });
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [commune, year, t]);
  useEffect(() => {
    setLoaded(null);
    void load();
  }, [load]);

  const communeCan = ready?.communeCan ?? null;
  const unitCan = ready ? canOn(ready, "unit") : null;
  const mayOpen = communeCan ? allows(communeCan, "registry.edit") : false;
  const mayAnswer = unitCan ? allows(unitCan, "registry.edit") || mayOpen : false;
  const villages = (ready?.villages ?? []).filter((v) => mayOpen || v.id === ready?.unit.id);
  const survey = loaded?.survey ?? null;
  const open = survey?.status === "open";

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await load();
    } catch (err) {
      void message.error(errorText(err, t));
    }
  };
  const columns: TableColumnsType<SurveyResponse> = [
    { key: "village", title: t("survey.village"), render: (_, r) => r.villageName },
    { key: "who", title: t("survey.respondent"), render: (_, r) => r.respondent ?? t("survey.unnamed") },
    { key: "age", title: t("survey.ageGroup"), render: (_, r) => ageGroupOptions[r.ageGroup][lang] },
    {
      key: "topics",
      title: t("survey.topics"),
      render: (_, r) => (
        <Flex wrap gap={4}>
          {r.topics.map((topic) => (
            <Tag key={topic}>{topicOptions[topic][lang]}</Tag>
          ))}
          {r.freeTopics && <Tag color="gold">{r.freeTopics}</Tag>}
        </Flex>
      ),
    },
    ...(survey && open && mayAnswer
      ? [
          {
            key: "actions",
            render: (_: unknown, r: SurveyResponse) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(r)}>
                  {t("survey.edit")}
                </Button>
                <Popconfirm
                  title={t("survey.deleteConfirm")}
                  // An answer is named with its survey's commune (the server looks there alone).
                  onConfirm={() =>
                    run(() => surveyApi.deleteResponse({ id: r.id, communeId: survey.communeId }, r.version))
                  }
                >
                  <Button size="small" danger>
                    {t("survey.delete")}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="needs-survey-page">
      <PageTitle>{t("survey.title")}</PageTitle>
      <Card size="small">
        <UnitScopePicker scope={scope} value={unitId} onChange={(id) => setQuery({ unit: id })}>
          <Select
            value={year}
            onChange={(y) => setQuery({ year: y })}
            aria-label={t("survey.year")}
            options={[-3, -2, -1, 0, 1].map((d) => ({ value: thisYear + d, label: String(thisYear + d) }))}
            data-testid="survey-year"
          />
        </UnitScopePicker>
      </Card>
      {ready && !commune && <Alert type="info" showIcon title={t("survey.chooseCommune")} />}
      {error && <Alert type="error" showIcon title={error} />}
      {loaded && !survey && commune && (
        <Flex vertical gap={8} align="flex-start">
          <Alert type="info" showIcon title={t("survey.none", { year })} />
          {mayOpen ? (
            <Button
              type="primary"
              data-testid="survey-open"
              onClick={() =>
                run(() =>
                  surveyApi.create({
                    communeId: commune.id,
                    year,
                    title: t("survey.defaultTitle", { year }),
                  }),
                )
              }
            >
              {t("survey.open")}
            </Button>
          ) : (
            ready &&
            communeCan && <RoleNote action="registry.edit" can={communeCan} unit={placed(ready, "commune")} />
          )}
        </Flex>
      )}
      {survey && loaded && (
        <>
          <Flex gap={8} wrap align="center">
            <Tag color={open ? "green" : "default"} data-testid="survey-status">
              {survey.title} · {t(`survey.status.${survey.status}`)}
            </Tag>
            {open && mayAnswer && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing("new")}
                data-testid="survey-add"
              >
                {t("survey.add")}
              </Button>
            )}
            {open && mayOpen && (
              <Button onClick={() => setImporting((v) => !v)} data-testid="survey-import-toggle">
                {t("survey.import")}
              </Button>
            )}
            {mayOpen && (
              <Button
                onClick={() =>
                  run(() =>
                    surveyApi.update(survey, {
                      status: open ? "closed" : "open",
                      version: survey.version,
                    }),
                  )
                }
              >
                {open ? t("survey.close") : t("survey.reopen")}
              </Button>
            )}
          </Flex>
          {!mayAnswer && ready && unitCan && (
            <RoleNote action="registry.edit" can={unitCan} unit={placed(ready, "unit")} />
          )}
          {importing && (
            <FileImport
              title={t("survey.import")}
              help={t("survey.importHelp")}
              templateUrl={surveyApi.templateUrl}
              upload={(file, dryRun) => surveyApi.importFile(survey, file, dryRun)}
              onDone={() => void load()}
              testId="survey-import"
            />
          )}
          <Card size="small" title={t("survey.responses", { count: loaded.responses.length })}>
            <Table<SurveyResponse>
              rowKey="id"
              size="small"
              dataSource={loaded.responses}
              columns={columns}
              scroll={{ x: true }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="survey-responses"
            />
          </Card>
          {loaded.results && <SurveyResults results={loaded.results} />}
        </>
      )}
      {editing && survey && (
        <ResponseDialog
          survey={survey}
          villages={villages}
          editing={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t("survey.saved"));
            void load();
          }}
        />
      )}
    </Flex>
  );
}
