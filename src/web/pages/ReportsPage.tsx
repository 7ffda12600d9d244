/**
 * Báo cáo (/bao-cao): an officer picks a unit, a report template and a period, sees the template's sections with
 * their live figures (sentences and tables computed by the server) and a text box per section (ReportSections), and
 * downloads the report as .docx (NĐ 30/2020) or PDF. "Lưu bản nháp" saves it: the text boxes then autosave
 * (useDraft), and the draft is submitted to the level above (DraftBar). A province also sees its communes'
 * submissions in a second tab (SubmissionTable). docs/REPORTS.md.
 */
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Tabs } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { allows } from "../../shared/capabilities";
import type { PlanTarget } from "../../shared/plan-targets";
import { type ReportSource, reportKinds } from "../../shared/reports";
import { submissionApi } from "../api/report-submissions";
import { type PreviewRequest, type ReportPreview, type ReportTemplate, reportApi } from "../api/reports";
import { canOn, placed, RoleNote } from "../components/Capability";
import { IsoDateField } from "../components/IsoDateField";
import { PageTitle } from "../components/PageTitle";
import { DraftBar } from "../components/reports/DraftBar";
import { PlanTargets } from "../components/reports/PlanTargets";
import { RefreshChanges } from "../components/reports/RefreshChanges";
import { ReportSections } from "../components/reports/ReportSections";
import { SourceChoice } from "../components/reports/SourceChoice";
import { SubmissionTable } from "../components/reports/SubmissionTable";
import { useDraft } from "../components/reports/useDraft";
import { useReview } from "../components/reports/useReview";
import { defaultUnitId, UnitScopePicker, useUnitScope } from "../components/UnitScope";
import { errorText } from "../errors";
import { useT } from "../i18n/messages";
import { setQuery, useLocation } from "../router";
import { useMe } from "../session";

type Fields = { number: string; date: string; signerName: string; signerTitle: string };

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ReportsPage() {
  const t = useT();
  const me = useMe();
  const { search } = useLocation();
  const unitId = Number(search.get("unit")) || defaultUnitId(me);
  const scope = useUnitScope(unitId);
  const ready = scope.status === "ready" && scope.unit.id === unitId ? scope : null;
  const year = new Date().getFullYear();
  const [templates, setTemplates] = useState<ReportTemplate[]>([]);
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [period, setPeriod] = useState({ from: `${year}-01-01`, to: `${year}-12-31` });
  const [narratives, setNarratives] = useState<Record<string, string>>({});
  const [chosenSource, setSource] = useState<ReportSource>("live");
  const [fields, setFields] = useState<Fields>({
    number: "",
    date: "",
    signerName: "",
    signerTitle: "Chủ tịch",
  });
  const [planTargets, setPlanTargets] = useState<PlanTarget[]>([]);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "docx" | "pdf" | null>(null);

  const readyId = ready?.unit.id ?? null;
  const level = ready?.unit.level;
  // Only a province's report may sum its communes' accepted reports.
  const source: ReportSource = level === "province" ? chosenSource : "live";
  const onError = useCallback((err: unknown) => setError(errorText(err, t)), [t]);
  const draft = useDraft(readyId, templateId, period, onError);
  const saved = draft.report;
  const review = useReview(saved, onError);
  // A saved report brings its texts and document fields onto the page.
  useEffect(() => {
    if (!saved) return;
    setNarratives(Object.fromEntries(saved.sections.map((s) => [s.key, s.text])));
    setSource(saved.source);
    setFields((f) => ({
      number: saved.document.number ?? "",
      date: saved.document.date ?? "",
      signerName: saved.document.signerName ?? "",
      signerTitle: saved.document.signerTitle ?? f.signerTitle,
    }));
    setPlanTargets(saved.document.planTargets ?? []);
  }, [saved]);
  const editable = !saved || saved.status === "draft";
  useEffect(() => {
    if (!readyId) return;
    setError(null);
    reportApi.templates(readyId).then(
      (list) => {
        // The unit's own level first (the people's committee's reports), then the Hội's; the annual report first.
        const usable = list
          .filter(
            (x) => x.current && (x.level === level || (x.level === "association" && level !== "village")),
          )
          .sort(
            (a, b) =>
              Number(b.level === level) - Number(a.level === level) ||
              reportKinds.indexOf(a.kind) - reportKinds.indexOf(b.kind),
          );
        setTemplates(usable);
        setTemplateId((id) => (usable.some((x) => x.id === id) ? id : (usable[0]?.id ?? null)));
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  }, [readyId, level, t]);

  const isPlan = templates.find((x) => x.id === templateId)?.kind === "plan";
  const documentOf = useCallback(
    (f: Fields, targets: PlanTarget[]) => ({
      ...Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== "")),
      ...(isPlan && targets.length > 0 ? { planTargets: targets } : {}),
    }),
    [isPlan],
  );
  const body = useMemo((): PreviewRequest | null => {
    if (!templateId) return null;
    return { templateId, period, narratives, document: documentOf(fields, planTargets), source };
  }, [templateId, period, narratives, fields, planTargets, documentOf, source]);

  // The figures are recomputed when the unit, the template or the period changes; the texts stay on the page.
  // Only the latest request's answer is shown (a slower earlier one, e.g. before the draft's source, is dropped).
  const asked = useRef(0);
  const compute = useCallback(() => {
    if (!readyId || !templateId) return;
    const request = ++asked.current;
    setBusy("preview");
    setError(null);
    reportApi
      .preview(readyId, { templateId, period, source })
      .then(
        (answer) => request === asked.current && setPreview(answer),
        (err: unknown) => setError(errorText(err, t)),
      )
      .finally(() => setBusy(null));
  }, [readyId, templateId, period, source, t]);
  useEffect(compute, [compute]);

  const download = async (format: "docx" | "pdf") => {
    if (!readyId || !body) return;
    setBusy(format);
    setError(null);
    try {
      save(await reportApi.file(readyId, format, body), `bao-cao-${period.from}-${period.to}.${format}`);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  const can = ready ? canOn(ready, "unit") : null;
  const allowed = can ? allows(can, "report.prepare") : false;
  // A saved draft is refreshed on the server, which lists what changed since its previous refresh.
  const refreshing = saved?.status === "draft" && allowed;
  const refresh = () => {
    if (!refreshing) return compute();
    setBusy("preview");
    setError(null);
    draft
      .flush()
      .then(review.refresh)
      .then(setPreview, onError)
      .finally(() => setBusy(null));
  };
  const why =
    ready && can && !allowed ? (
      <RoleNote action="report.prepare" can={can} unit={placed(ready, "unit")} />
    ) : null;
  const create = async () => {
    if (!readyId || !body) return;
    const created = await submissionApi.create(readyId, {
      templateId: body.templateId,
      period,
      document: body.document,
      source,
    });
    for (const s of created.sections)
      if (narratives[s.key]?.trim())
        await submissionApi.saveSection(created, s.key, narratives[s.key]!, s.version);
    draft.reload();
  };
  const chooseSource = (next: ReportSource) => {
    setSource(next);
    if (saved?.status === "draft" && body)
      submissionApi.saveDocument(saved, body.document ?? {}, next).then(draft.adopt, onError);
  };
  const saveFields = (document = body?.document) => {
    if (saved?.status === "draft" && document) submissionApi.saveDocument(saved, document).catch(onError);
  };
  const field = (key: keyof Fields, label: string, type = "text") => (
    <Col xs={24} md={6} key={key}>
      <Form.Item label={label} htmlFor={`report-${key}`} style={{ marginBottom: 12 }}>
        <Input
          id={`report-${key}`}
          type={type}
          value={fields[key]}
          onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
          onBlur={() => saveFields()}
          disabled={!editable}
          data-testid={`report-${key}`}
        />
      </Form.Item>
    </Col>
  );

  const template = templates.find((x) => x.id === templateId);
  const writing = (
    <Flex vertical gap={16}>
      <Card size="small">
        <UnitScopePicker
          scope={scope}
          value={unitId}
          onChange={(id) => setQuery({ unit: id })}
          villages={false}
        >
          <Col xs={24} md={16}>
            <Form.Item label={t("report.template")} htmlFor="report-template" style={{ marginBottom: 12 }}>
              <Select<number>
                id="report-template"
                value={templateId ?? undefined}
                onChange={setTemplateId}
                options={templates.map((x) => ({
                  value: x.id,
                  label: `${x.name} (${t("report.version", { version: x.version })})`,
                }))}
                data-testid="report-template"
              />
            </Form.Item>
          </Col>
        </UnitScopePicker>
        <Form layout="vertical" component={false}>
          <Row gutter={[12, 0]}>
            {(["from", "to"] as const).map((key) => (
              <Col xs={12} md={6} key={key}>
                <Form.Item label={t(`report.${key}`)} htmlFor={`report-${key}`} style={{ marginBottom: 12 }}>
                  <IsoDateField
                    id={`report-${key}`}
                    value={period[key]}
                    onChange={(v) => setPeriod({ ...period, [key]: v ?? "" })}
                    testId={`report-${key}`}
                    allowClear={false}
                  />
                </Form.Item>
              </Col>
            ))}
            {field("number", t("report.number"))}
            {field("date", t("report.date"), "date")}
            {field("signerName", t("report.signerName"))}
            {field("signerTitle", t("report.signerTitle"))}
          </Row>
        </Form>
        {level === "province" && <SourceChoice value={source} onChange={chooseSource} disabled={!editable} />}
        {isPlan && (
          <div style={{ marginBottom: 12 }}>
            <PlanTargets
              value={planTargets}
              year={Number(period.to.slice(0, 4))}
              disabled={!editable}
              onChange={(next, now) => {
                setPlanTargets(next);
                if (now) saveFields(documentOf(fields, next));
              }}
            />
          </div>
        )}
        <Flex gap={8} wrap align="flex-start">
          <Button
            onClick={refresh}
            loading={busy === "preview"}
            disabled={!body}
            data-testid="report-refresh"
          >
            {t(refreshing ? "report.refreshDraft" : "report.refresh")}
          </Button>
          {(["docx", "pdf"] as const).map((format) => (
            <Button
              key={format}
              type={format === "docx" ? "primary" : "default"}
              onClick={() => download(format)}
              loading={busy === format}
              disabled={!body || !allowed || !preview}
              data-testid={`report-${format}`}
            >
              {t(`report.${format}`)}
            </Button>
          ))}
        </Flex>
        {why}
        {refreshing && (
          <div style={{ marginTop: 12 }}>
            <RefreshChanges refreshed={review.refreshed} />
          </div>
        )}
        {ready && body && (
          <div style={{ marginTop: 12 }}>
            <DraftBar
              report={saved}
              state={draft.state}
              allowed={allowed}
              create={create}
              flush={draft.flush}
              adopt={draft.adopt}
              onError={onError}
            />
          </div>
        )}
      </Card>
      {!unitId && <Alert type="info" showIcon title={t("report.pickUnit")} />}
      {ready && templates.length === 0 && <Alert type="info" showIcon title={t("report.noTemplates")} />}
      {error && <Alert type="error" showIcon title={error} data-testid="report-error" />}
      {!saved && <Alert type="info" showIcon title={t("report.notSaved")} />}
      {preview && (
        <ReportSections
          preview={preview}
          comments={review.comments}
          resolve={allowed ? review.resolve : undefined}
          narratives={narratives}
          onChange={(key, text) => {
            setNarratives({ ...narratives, [key]: text });
            draft.change(key, text);
          }}
          onBlur={() => void draft.flush()}
          editable={editable}
        />
      )}
    </Flex>
  );
  return (
    <Flex vertical gap={16} data-testid="reports-page">
      <PageTitle>{t("report.title")}</PageTitle>
      {ready && level === "province" && template ? (
        <Tabs
          items={[
            { key: "write", label: t("report.tabDraft"), children: writing },
            {
              key: "receive",
              label: t("report.tabReceive"),
              children: (
                <SubmissionTable
                  unitId={ready.unit.id}
                  level={template.level === "province" ? "commune" : template.level}
                  kind={template.kind}
                  period={period}
                  mayReceive={Boolean(can?.review)}
                />
              ),
            },
          ]}
        />
      ) : (
        writing
      )}
    </Flex>
  );
}
