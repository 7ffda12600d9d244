import { SaveOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { allows } from "../../../shared/capabilities";
import type { Registration } from "../../../shared/cycle";
import { cycleApi } from "../../api/cycle";
import { todayIso } from "../../format";
import { useT } from "../../i18n/messages";
import { setQuery } from "../../router";
import { canOn, placed, RoleNote } from "../Capability";
import { useCompact } from "../useCompact";
import { useSaveErrors } from "../useSubmit";
import { type CycleContext, StatusTag, subjectText, useResultText } from "./common";

/** The subject, linking to its score sheet and evidence (step 2, opened on that sheet). */
function SheetLink({ registration }: { registration: Registration }) {
  const t = useT();
  return (
    <Flex vertical>
      <span>{subjectText(registration)}</span>
      <Typography.Link
        onClick={() => setQuery({ tab: "assess", sheet: registration.id })}
        data-testid={`review-sheet-${registration.id}`}
      >
        {t("review.sheetLink")}
      </Typography.Link>
    </Flex>
  );
}

type Values = { heldOn: Dayjs; participants: string; minutes?: string };

/** Registrations that a review meeting can decide on: self-assessed, or reviewed but not yet in a decision. */
function underReview(registrations: Registration[]): Registration[] {
  return registrations.filter(
    (r) => ["assessed", "proposed", "not_proposed"].includes(r.status) && r.decisionId === null,
  );
}

/** Step 3: the review meeting (bình xét): date, participants, minutes and a proposal per registration. */
export function ReviewTab({ context }: { context: CycleContext }) {
  const t = useT();
  const resultText = useResultText();
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const candidates = useMemo(() => underReview(context.registrations), [context.registrations]);
  const [proposed, setProposed] = useState<Record<number, boolean>>({});
  const compact = useCompact();

  // Default: proposed when the self-assessment passed (or as already decided at an earlier meeting).
  useEffect(() => {
    setProposed(
      Object.fromEntries(
        candidates.map((r) => [r.id, r.status === "assessed" ? r.passed === true : r.status === "proposed"]),
      ),
    );
  }, [candidates]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      await cycleApi.review({
        unitId: context.scope.unit.id,
        year: context.year,
        title: context.title,
        heldOn: values.heldOn.format("YYYY-MM-DD"),
        participants: values.participants.trim(),
        minutes: values.minutes?.trim() || undefined,
        // Each record as the meeting saw it: one reassessed meanwhile is refused (409), not reviewed unseen.
        outcomes: candidates.map((r) => ({
          registrationId: r.id,
          proposed: proposed[r.id] === true,
          version: r.version,
        })),
      });
      void message.success(t("review.saved"));
      context.changed();
    } catch (err) {
      saveFailed(err, { form, reload: () => context.changed() });
    } finally {
      setBusy(false);
    }
  };

  const can = canOn(context.scope, "unit");
  const canReview = allows(can, "cycle.review");
  const roleNote = <RoleNote action="cycle.review" can={can} unit={placed(context.scope, "unit")} />;
  if (candidates.length === 0)
    return (
      <Flex vertical gap={8}>
        {roleNote}
        <Alert type="info" showIcon title={t("review.empty")} />
      </Flex>
    );

  const propose = (r: Registration) => (
    <Switch
      checked={proposed[r.id] === true}
      onChange={(checked) => setProposed((current) => ({ ...current, [r.id]: checked }))}
      checkedChildren={t("common.yes")}
      unCheckedChildren={t("common.no")}
      data-testid={`propose-${r.id}`}
    />
  );
  const columns: TableColumnsType<Registration> = compact
    ? [
        {
          key: "subject",
          title: t("cycle.subject"),
          render: (_, r) => (
            <Flex vertical>
              <SheetLink registration={r} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {resultText(r)}
              </Typography.Text>
            </Flex>
          ),
        },
        ...(canReview
          ? [
              {
                key: "propose",
                title: t("review.propose"),
                render: (_: unknown, r: Registration) => propose(r),
              },
            ]
          : []),
      ]
    : [
        { key: "subject", title: t("cycle.subject"), render: (_, r) => <SheetLink registration={r} /> },
        { key: "result", title: t("cycle.result"), render: (_, r) => resultText(r) },
        { key: "status", title: t("cycle.status"), render: (_, r) => <StatusTag status={r.status} /> },
        ...(canReview
          ? [
              {
                key: "propose",
                title: t("review.propose"),
                render: (_: unknown, r: Registration) => propose(r),
              },
            ]
          : []),
      ];
  const table = (
    <div data-testid="review-table" style={{ margin: "8px 0 16px" }}>
      <Table<Registration>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={candidates}
        pagination={false}
        scroll={compact ? undefined : { x: "max-content" }}
      />
    </div>
  );
  // Who may not record the meeting sees the list and who records it.
  if (!canReview)
    return (
      <Flex vertical gap={8}>
        {roleNote}
        <Typography.Text strong>{t("review.candidates", { count: candidates.length })}</Typography.Text>
        {table}
      </Flex>
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ heldOn: dayjs(todayIso()) }}
      data-testid="review-form"
    >
      <Typography.Paragraph type="secondary">
        {t("review.at", { unit: context.scope.unit.name })}
      </Typography.Paragraph>
      <Form.Item
        name="heldOn"
        label={t("review.heldOn")}
        rules={[{ required: true, message: t("review.dateRequired") }]}
      >
        <DatePicker format="DD/MM/YYYY" inputReadOnly style={{ width: "100%", maxWidth: 240 }} />
      </Form.Item>
      <Form.Item
        name="participants"
        label={t("review.participants")}
        rules={[{ required: true, whitespace: true, message: t("review.participantsRequired") }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          data-testid="review-participants"
        />
      </Form.Item>
      <Form.Item name="minutes" label={t("review.minutes")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
      </Form.Item>
      <Typography.Text strong>{t("review.candidates", { count: candidates.length })}</Typography.Text>
      {table}
      <Flex>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={busy}
          data-testid="save-review"
        >
          {t("review.save")}
        </Button>
      </Flex>
    </Form>
  );
}
