/**
 * Recording or editing a commendation: the subject chosen from a registry of the commune (kind, then a search of
 * that registry's list by name) or typed as free text, the form and its level, the decision and the reason.
 */
import { Flex, Form, Input, InputNumber, Modal, Radio, Select } from "antd";
import { useEffect, useState } from "react";
import {
  type Commendation,
  type CommendationCreate,
  type CommendationSubjectKind,
  formOf,
  recipientOfKind,
  subjectRegistry,
} from "../../../shared/commendations";
import { registryKinds } from "../../../shared/registry/kinds";
import { commendationApi } from "../../api/commendations";
import { registryApi } from "../../api/registries";
import { type MessageKey, useLang, useT } from "../../i18n/messages";
import { IsoDateField } from "../IsoDateField";
import { useDebounced } from "../useDebounced";
import { useSubmit } from "../useSubmit";
import { formOptions, kindOptions, levelOptions } from "./labels";

type Values = Omit<CommendationCreate, "communeId" | "subject"> & {
  kind: CommendationSubjectKind | "text";
  subjectId?: number;
};

/** Rows of the commune's registry of that kind whose name matches the search. */
function useSubjects(communeId: number, kind: Values["kind"], q: string) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    if (kind === "text") return setOptions([]);
    const declaration = registryKinds.find((k) => k.name === subjectRegistry[kind])!;
    let live = true;
    registryApi(declaration)
      .list({ unitId: communeId, q: q || undefined, limit: 30 })
      .then(
        (page) =>
          live &&
          setOptions(
            page.items.map((item) => ({
              value: item.id,
              label: String(item[declaration.list.title] ?? item.id),
            })),
          ),
        () => live && setOptions([]),
      );
    return () => {
      live = false;
    };
  }, [communeId, kind, q]);
  return options;
}

export function CommendationDialog({
  communeId,
  editing,
  onClose,
  onSaved,
}: {
  communeId: number;
  editing: Commendation | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSubmit();
  const kind = Form.useWatch("kind", form) ?? editing?.subject?.kind ?? "household";
  const formCode = Form.useWatch("form", form) ?? editing?.form ?? "commune_commendation";
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 300);
  const subjects = useSubjects(communeId, kind, q);
  const levels = formOf(formCode)?.levels;
  const known = editing?.subject ? [{ value: editing.subject.id, label: editing.subjectName }] : [];

  const submit = async (v: Values) => {
    const subject = v.kind === "text" ? null : { kind: v.kind, id: v.subjectId! };
    const body = {
      year: v.year,
      recipient: v.recipient,
      subject,
      subjectName: v.kind === "text" ? v.subjectName : null,
      form: v.form,
      level: v.level,
      decisionNumber: v.decisionNumber,
      decisionDate: v.decisionDate,
      issuer: v.issuer || null,
      reason: v.reason || null,
    };
    const ok = await run(
      form,
      () =>
        editing
          ? commendationApi.update(editing, { ...body, version: editing.version })
          : commendationApi.create({ communeId, ...body }),
      t("commend.saved"),
    );
    if (ok) onSaved();
  };

  const required = (key: MessageKey = "commend.required") => [{ required: true, message: t(key) }];
  const year = new Date().getFullYear();
  return (
    <Modal
      open
      title={editing ? t("commend.edit") : t("commend.add")}
      okText={t("commend.save")}
      cancelText={t("commend.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "commendation-save" } as { "data-testid": string }}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="commendation-form"
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind && changed.kind !== "text") {
            form.setFieldValue("subjectId", undefined);
            const recipient = recipientOfKind[changed.kind];
            if (recipient) form.setFieldValue("recipient", recipient);
          }
          if (changed.form) form.setFieldValue("level", formOf(changed.form)?.levels[0]);
        }}
        initialValues={
          editing
            ? {
                ...editing,
                kind: editing.subject?.kind ?? "text",
                subjectId: editing.subject?.id,
              }
            : {
                kind: "household",
                recipient: "collective",
                year,
                form: "commune_commendation",
                level: "commune",
              }
        }
      >
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t("commend.subjectKind")} style={{ flex: "1 1 200px" }}>
            <Select
              data-testid="commendation-kind"
              options={[...kindOptions(lang), { value: "text", label: t("commend.freeText") }]}
            />
          </Form.Item>
          {kind === "text" ? (
            <Form.Item
              name="subjectName"
              label={t("commend.subjectName")}
              rules={required("commend.subjectRequired")}
              style={{ flex: "2 1 260px" }}
            >
              <Input maxLength={300} data-testid="commendation-subject-name" />
            </Form.Item>
          ) : (
            <Form.Item
              name="subjectId"
              label={t("commend.subject")}
              rules={required("commend.subjectRequired")}
              style={{ flex: "2 1 260px" }}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch }}
                placeholder={t("commend.searchSubject")}
                options={
                  subjects.some((s) => s.value === known[0]?.value) ? subjects : [...known, ...subjects]
                }
                data-testid="commendation-subject"
              />
            </Form.Item>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="recipient" label={t("commend.recipient")} style={{ flex: "1 1 200px" }}>
            <Radio.Group
              options={[
                { value: "collective", label: t("commend.recipient.collective") },
                { value: "individual", label: t("commend.recipient.individual") },
              ]}
            />
          </Form.Item>
          <Form.Item name="year" label={t("commend.year")} rules={required()} style={{ flex: "0 1 120px" }}>
            <InputNumber min={1945} max={year} style={{ width: "100%" }} data-testid="commendation-year" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="form" label={t("commend.form")} style={{ flex: "2 1 260px" }}>
            <Select options={formOptions(lang)} data-testid="commendation-form-select" />
          </Form.Item>
          <Form.Item name="level" label={t("commend.level")} rules={required()} style={{ flex: "1 1 180px" }}>
            <Select options={levelOptions(lang, levels)} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="decisionNumber"
            label={t("commend.decisionNumber")}
            rules={required()}
            style={{ flex: "1 1 160px" }}
          >
            <Input maxLength={60} data-testid="commendation-decision-number" />
          </Form.Item>
          <Form.Item
            name="decisionDate"
            label={t("commend.decisionDate")}
            rules={required()}
            style={{ flex: "1 1 160px" }}
          >
            <IsoDateField testId="commendation-decision-date" />
          </Form.Item>
        </Flex>
        <Form.Item name="issuer" label={t("commend.issuer")}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="reason" label={t("commend.reason")}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
