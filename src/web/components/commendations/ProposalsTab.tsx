/**
 * "Đề nghị khen thưởng": the rules that apply to the unit (its province's and its own; those of the unit itself
 * added and removed by its writers), and on a commune the year's proposal list with its Excel download for the
 * emulation council.
 */
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  InputNumber,
  List,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { allows, type Can } from "../../../shared/capabilities";
import { type RuleCreate, ruleKinds, ruleTitles } from "../../../shared/commendations";
import { type CommendationRule, commendationApi, type ProposalList } from "../../api/commendations";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import { useCompact } from "../useCompact";
import { useSaveErrors, useSubmit } from "../useSubmit";
import { formLabel, formOptions, kindLabel } from "./labels";

type Candidate = ProposalList["candidates"][number];

function RuleForm({ unitId, onAdded }: { unitId: number; onAdded: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Omit<RuleCreate, "unitId">>();
  const { busy, run } = useSubmit();
  const kind = Form.useWatch("kind", form) ?? "consecutive_title";
  const submit = async (v: Omit<RuleCreate, "unitId">) => {
    const body = { ...v, unitId, title: v.kind === "consecutive_title" ? v.title : null };
    if (await run(form, () => commendationApi.addRule(body), t("commend.ruleAdded"))) {
      form.resetFields();
      onAdded();
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        kind: "consecutive_title",
        title: "learning_family",
        years: 3,
        form: "commune_commendation",
      }}
      data-testid="rule-form"
    >
      <Flex gap={8} wrap align="flex-end">
        <Form.Item name="kind" label={t("commend.ruleKind")} style={{ flex: "1 1 200px", marginBottom: 8 }}>
          <Select options={ruleKinds.map((k) => ({ value: k, label: t(`commend.ruleKind.${k}`) }))} />
        </Form.Item>
        {kind === "consecutive_title" && (
          <Form.Item
            name="title"
            label={t("commend.ruleTitle")}
            style={{ flex: "1 1 180px", marginBottom: 8 }}
          >
            <Select options={ruleTitles.map((x) => ({ value: x, label: t(`title.${x}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="years" label={t("commend.ruleYears")} style={{ flex: "0 1 90px", marginBottom: 8 }}>
          <InputNumber min={1} max={60} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="form" label={t("commend.ruleForm")} style={{ flex: "2 1 240px", marginBottom: 8 }}>
          <Select options={formOptions(lang)} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="rule-add">
            {t("commend.addRule")}
          </Button>
        </Form.Item>
      </Flex>
    </Form>
  );
}

export function ProposalsTab({
  unit,
  year,
  can,
}: {
  unit: { id: number; level: string };
  year: number;
  can: Can;
}) {
  const t = useT();
  const { lang } = useLang();
  const compact = useCompact();
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [rules, setRules] = useState<CommendationRule[] | null>(null);
  const [list, setList] = useState<ProposalList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commune = unit.level === "commune";

  const load = useCallback(() => {
    setError(null);
    const failed = (err: unknown) => setError(errorText(err, t));
    commendationApi.rules(unit.id).then(setRules, failed);
    if (commune) commendationApi.proposals(unit.id, year).then(setList, failed);
  }, [unit.id, commune, year, t]);
  useEffect(load, [load]);

  const removeRule = async (rule: CommendationRule) => {
    try {
      await commendationApi.removeRule(rule);
      void message.success(t("commend.ruleRemoved"));
      load();
    } catch (err) {
      saveFailed(err);
    }
  };
  const mayEdit = allows(can, "registry.edit");
  const ownUnit = unit.level === "commune" || unit.level === "province";

  const columns: TableColumnsType<Candidate> = [
    {
      key: "subject",
      title: t("commend.subject"),
      render: (_, c) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{c.subjectName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[kindLabel(c.subject.kind, lang), c.village].filter(Boolean).join(" · ")}
          </Typography.Text>
          {compact && <span>{formLabel(c.form, lang)}</span>}
          {compact && <Typography.Text type="secondary">{c.reason}</Typography.Text>}
        </Flex>
      ),
    },
    ...(compact
      ? []
      : [
          {
            key: "form",
            title: t("commend.ruleForm"),
            render: (_: unknown, c: Candidate) => formLabel(c.form, lang),
          },
          { key: "reason", title: t("commend.reason"), render: (_: unknown, c: Candidate) => c.reason },
        ]),
  ];

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small" title={t("commend.rules")}>
        <List
          size="small"
          dataSource={rules ?? []}
          loading={!rules && !error}
          locale={{ emptyText: t("commend.rulesNone") }}
          data-testid="rule-list"
          renderItem={(rule) => (
            <List.Item
              actions={
                mayEdit && rule.unit.id === unit.id
                  ? [
                      <Button
                        key="remove"
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => void removeRule(rule)}
                        data-testid="rule-remove"
                      >
                        {t("commend.removeRule")}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={0}>
                <span>{rule.text}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("commend.ruleOf", { unit: rule.unit.name })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        {mayEdit && ownUnit && <RuleForm unitId={unit.id} onAdded={load} />}
        {mayEdit && !ownUnit && (
          <Typography.Text type="secondary">{t("commend.ruleUnitOnly")}</Typography.Text>
        )}
      </Card>
      {!commune && <Typography.Text type="secondary">{t("commend.proposalCommuneOnly")}</Typography.Text>}
      {commune && (
        <Card
          size="small"
          title={`${t("commend.candidates")} ${year}`}
          extra={
            <Button
              icon={<DownloadOutlined />}
              href={commendationApi.proposalsUrl(unit.id, year)}
              aria-label={t("commend.proposalExport")}
              data-testid="proposals-xlsx"
            >
              {compact ? null : t("commend.proposalExport")}
            </Button>
          }
        >
          <div data-testid="proposal-list">
            <Table<Candidate>
              rowKey={(c) => `${c.subject.kind}-${c.subject.id}-${c.form}`}
              loading={!list && !error}
              dataSource={list?.candidates ?? []}
              columns={columns}
              showHeader={!compact}
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t("commend.candidatesNone")} /> }}
            />
          </div>
        </Card>
      )}
    </Flex>
  );
}
