/**
 * The form of one survey answer: the village, who answered (a household or a citizen of the registry, found by
 * search in that village, or nobody named: no name is typed), the age group, the sex, the topics and free topics.
 */
import { Alert, Checkbox, Form, Input, Modal, Radio, Select } from "antd";
import { useEffect, useState } from "react";
import { type AgeGroup, ageGroupOptions, ageGroups } from "../../../shared/needs-survey";
import { type Topic, topicOptions, topics } from "../../../shared/registry/kinds/topics";
import { type SurveyResponse, surveyApi } from "../../api/centre-plan";
import type { RowRef } from "../../api/client";
import { citizenApi, householdApi } from "../../api/registries";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";

type Values = {
  villageId: number;
  kind: "none" | "household" | "citizen";
  respondentId?: number;
  ageGroup: AgeGroup;
  sex?: "male" | "female" | null;
  topics: Topic[];
  freeTopics?: string;
};

export function ResponseDialog({
  survey,
  villages,
  editing,
  onClose,
  onSaved,
}: {
  /** The survey, with its commune: the answers are named with it (the server looks there alone). */
  survey: RowRef;
  villages: { id: number; name: string }[];
  editing: SurveyResponse | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const villageId = Form.useWatch("villageId", form);
  const kind = Form.useWatch("kind", form);

  useEffect(() => {
    if (!villageId || !kind || kind === "none") return setOptions([]);
    let live = true;
    const list =
      kind === "household"
        ? householdApi
            .list({ unitId: villageId, limit: 200 })
            .then((p) => p.items.map((h) => ({ value: h.id as number, label: `${h.code} – ${h.headName}` })))
        : citizenApi
            .list({ unitId: villageId, limit: 200 })
            .then((p) => p.items.map((c) => ({ value: c.id as number, label: String(c.fullName) })));
    list.then(
      (o) => live && setOptions(o),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [villageId, kind]);

  const initial: Partial<Values> = editing
    ? {
        villageId: editing.villageId,
        kind: editing.householdId ? "household" : editing.citizenId ? "citizen" : "none",
        respondentId: editing.householdId ?? editing.citizenId ?? undefined,
        ageGroup: editing.ageGroup,
        sex: editing.sex,
        topics: editing.topics,
        freeTopics: editing.freeTopics ?? undefined,
      }
    : { villageId: villages[0]?.id, kind: "none", topics: [] };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      villageId: v.villageId,
      householdId: v.kind === "household" ? (v.respondentId ?? null) : null,
      citizenId: v.kind === "citizen" ? (v.respondentId ?? null) : null,
      ageGroup: v.ageGroup,
      sex: v.sex ?? null,
      topics: v.topics ?? [],
      freeTopics: v.freeTopics?.trim() || null,
    };
    try {
      if (editing) {
        const answer = { id: editing.id, communeId: survey.communeId };
        await surveyApi.updateResponse(answer, { ...body, version: editing.version });
      } else await surveyApi.addResponse(survey, body);
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? t("survey.edit") : t("survey.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, id: "survey-response-save" }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="survey-response-form"
      >
        <Form.Item name="villageId" label={t("survey.village")} rules={[{ required: true }]}>
          <Select
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            data-testid="survey-village"
          />
        </Form.Item>
        <Form.Item name="kind" label={t("survey.respondentKind")} extra={t("survey.minimal")}>
          <Radio.Group
            onChange={() => form.setFieldValue("respondentId", undefined)}
            options={(["none", "household", "citizen"] as const).map((k) => ({
              value: k,
              label: t(`survey.kind.${k}`),
            }))}
          />
        </Form.Item>
        {kind && kind !== "none" && (
          <Form.Item
            name="respondentId"
            label={t(kind === "household" ? "survey.household" : "survey.citizen")}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={options}
              data-testid="survey-respondent"
            />
          </Form.Item>
        )}
        <Form.Item name="ageGroup" label={t("survey.ageGroup")} rules={[{ required: true }]}>
          <Select
            options={ageGroups.map((a) => ({ value: a, label: ageGroupOptions[a][lang] }))}
            data-testid="survey-age"
          />
        </Form.Item>
        <Form.Item name="sex" label={t("survey.sex")}>
          <Radio.Group
            options={(["male", "female"] as const).map((s) => ({ value: s, label: t(`survey.sex.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="topics" label={t("survey.topics")}>
          <Checkbox.Group
            options={topics.map((topic) => ({ value: topic, label: topicOptions[topic][lang] }))}
            data-testid="survey-topics"
          />
        </Form.Item>
        <Form.Item name="freeTopics" label={t("survey.freeTopics")}>
          <Input maxLength={500} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="survey-response-error" />}
      </Form>
    </Modal>
  );
}
