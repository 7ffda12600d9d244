/**
 * A centre's yearly plan beside plan vs done, by quarter. The plan is edited as a whole list while a draft (those
 * with registry.edit on the commune), approved or reopened with a reason by the commune's approvers
 * (centre.plan.approve); the others are told who does. Each item shows the year's survey demand for its topic.
 * The centre page mounts it as a tab; every call names the centre's commune.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { allows } from "../../../shared/capabilities";
import { activityKinds, type PlanItemInput } from "../../../shared/centre-plan";
import { topicOptions, topics } from "../../../shared/registry/kinds/topics";
import { type CentrePlan as Plan, type PlanProgress, planApi } from "../../api/centre-plan";
import type { RowRef } from "../../api/client";
import { errorText } from "../../errors";
import { formatDateTime } from "../../format";
import { useLang, useT } from "../../i18n/messages";
import { canOn, placed, RoleNote, WhyNot } from "../Capability";
import { PageLoading } from "../PageLoading";
import { useUnitScope } from "../UnitScope";

type ItemRow = PlanItemInput & { key: number; demand: number | null };

export function CentrePlan({ centre: { id, communeId } }: { centre: RowRef }) {
  const centre = useMemo(() => ({ id, communeId }), [id, communeId]);
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [plan, setPlan] = useState<Plan | null>(null);
  const [progress, setProgress] = useState<PlanProgress | null>(null);
  const [rows, setRows] = useState<ItemRow[]>([]);
  const [note, setNote] = useState("");
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reopening, setReopening] = useState<string | null>(null);
  const scope = useUnitScope(plan?.communeId ?? null);
  const ready = scope.status === "ready" ? scope : null;
  const can = ready ? canOn(ready, "commune") : null;

  const show = useCallback((p: Plan) => {
    setPlan(p);
    setRows(p.items.map((i, key) => ({ ...i, key, demand: i.demand })));
    setNote(p.note ?? "");
    setDirty(false);
  }, []);
  const load = useCallback(async () => {
    try {
      const [p, done] = await Promise.all([planApi.get(centre, year), planApi.progress(centre, year)]);
      show(p);
      setProgress(done);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [centre, year, show, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<Plan>, done: string) => {
    setBusy(true);
    try {
      show(await work());
      setProgress(await planApi.progress(centre, year));
      void message.success(done);
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!plan || !progress) return <PageLoading />;

  const locked = plan.status === "approved";
  const mayEdit = can ? allows(can, "registry.edit") : false;
  const mayApprove = can ? allows(can, "centre.plan.approve") : false;
  const editable = mayEdit && !locked;
  const change = (key: number, patch: Partial<ItemRow>) => {
    setRows((list) =>
      list.map((r) => (r.key === key ? { ...r, ...patch, demand: patch.topic ? null : r.demand } : r)),
    );
    setDirty(true);
  };
  const topicLabel = (topic: string) => topicOptions[topic as keyof typeof topicOptions][lang];
  const topicSelect = topics.map((value) => ({ value, label: topicLabel(value) }));
  const quarterSelect = [1, 2, 3, 4].map((n) => ({ value: n, label: t("plan.quarterN", { n }) }));
  const kindSelect = activityKinds.map((value) => ({ value, label: t(`plan.kind.${value}`) }));

  type Choice = "quarter" | "activityKind" | "topic";
  const choice = <K extends Choice>(
    field: K,
    title: string,
    options: { value: ItemRow[K]; label: string }[],
    text: (r: ItemRow) => string | number,
  ) => ({
    key: field,
    title,
    render: (_: unknown, r: ItemRow) =>
      editable ? (
        <Select<ItemRow[K]>
          size="small"
          style={{ minWidth: field === "topic" ? 150 : undefined }}
          value={r[field]}
          options={options}
          onChange={(value) => change(r.key, { [field]: value })}
          aria-label={title}
        />
      ) : (
        text(r)
      ),
  });
  const amount = (
    field: "plannedCount" | "expectedParticipants",
    title: string,
    min: number,
    max: number,
  ) => ({
    key: field,
    title,
    align: "right" as const,
    render: (_: unknown, r: ItemRow) =>
      editable ? (
        <InputNumber
          size="small"
          min={min}
          max={max}
          value={r[field]}
          onChange={(v) => change(r.key, { [field]: Number(v) || min })}
          aria-label={title}
        />
      ) : (
        r[field]
      ),
  });
  const itemColumns: TableColumnsType<ItemRow> = [
    choice("quarter", t("plan.quarter"), quarterSelect, (r) => r.quarter),
    choice("activityKind", t("plan.kind"), kindSelect, (r) => t(`plan.kind.${r.activityKind}`)),
    choice("topic", t("plan.topic"), topicSelect, (r) => topicLabel(r.topic)),
    amount("plannedCount", t("plan.count"), 1, 1000),
    amount("expectedParticipants", t("plan.participants"), 0, 1_000_000),
    {
      key: "demand",
      title: <span title={t("plan.demandHelp")}>{t("plan.demand")}</span>,
      align: "right",
      render: (_, r) => <span data-testid="plan-demand">{r.demand ?? "…"}</span>,
    },
    ...(editable
      ? [
          {
            key: "remove",
            render: (_: unknown, r: ItemRow) => (
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t("plan.removeItem")}
                onClick={() => {
                  setRows((list) => list.filter((x) => x.key !== r.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  const addRow = () => {
    setRows((list) => [
      ...list,
      {
        key: Date.now(),
        quarter: 1,
        activityKind: "talk",
        topic: "law",
        plannedCount: 1,
        expectedParticipants: 50,
        note: null,
        demand: null,
      },
    ]);
    setDirty(true);
  };
  const save = () =>
    act(
      () =>
        planApi.save(centre, year, {
          note: note || null,
          items: rows.map(
            ({ quarter, activityKind, topic, plannedCount, expectedParticipants, note: n }) => ({
              quarter,
              activityKind,
              topic,
              plannedCount,
              expectedParticipants,
              note: n,
            }),
          ),
          version: plan.version ?? undefined,
        }),
      t("plan.saved"),
    );

  type Done = PlanProgress["rows"][number];
  const doneColumns: TableColumnsType<Done> = [
    { key: "q", title: t("plan.quarter"), render: (_, r) => r.quarter },
    { key: "kind", title: t("plan.kind"), render: (_, r) => t(`plan.kind.${r.activityKind}`) },
    { key: "topic", title: t("plan.topic"), render: (_, r) => topicLabel(r.topic) },
    {
      key: "count",
      title: t("plan.count"),
      align: "right",
      render: (_, r) => `${r.doneCount} / ${r.plannedCount}`,
    },
    {
      key: "people",
      title: t("plan.doneParticipants"),
      align: "right",
      render: (_, r) => `${r.doneParticipants} / ${r.plannedParticipants}`,
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="centre-plan">
      <Flex gap={8} wrap align="center">
        <Select
          value={year}
          onChange={setYear}
          aria-label={t("plan.year")}
          options={[-2, -1, 0, 1].map((d) => ({
            value: new Date().getFullYear() + d,
            label: String(new Date().getFullYear() + d),
          }))}
        />
        <Tag color={locked ? "green" : "default"} data-testid="plan-status">
          {t(`plan.status.${plan.status}`)}
        </Tag>
        {plan.approvedBy && plan.approvedAt && (
          <Typography.Text type="secondary">
            {t("plan.approvedBy", { who: plan.approvedBy, when: formatDateTime(plan.approvedAt) })}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Text type="secondary">
        {plan.surveyResponses === null
          ? t("plan.noSurvey")
          : t("plan.surveyed", { count: plan.surveyResponses })}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t("plan.items")}>
            <Flex vertical gap={8}>
              <Table<ItemRow>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={rows}
                columns={itemColumns}
                scroll={{ x: true }}
                locale={{ emptyText: t("plan.empty") }}
                data-testid="plan-items"
              />
              {editable && (
                <>
                  <Button icon={<PlusOutlined />} onClick={addRow} data-testid="plan-add">
                    {t("plan.addItem")}
                  </Button>
                  <Input.TextArea
                    value={note}
                    onChange={(e) => {
                      setNote(e.target.value);
                      setDirty(true);
                    }}
                    placeholder={t("plan.note")}
                    aria-label={t("plan.note")}
                    maxLength={2000}
                    autoSize
                  />
                </>
              )}
              {!editable && plan.note && <Typography.Paragraph>{plan.note}</Typography.Paragraph>}
              {locked && mayEdit && <Typography.Text type="secondary">{t("plan.locked")}</Typography.Text>}
              <Flex gap={8} wrap>
                {editable && (
                  <Button
                    type="primary"
                    loading={busy}
                    disabled={!dirty}
                    onClick={save}
                    data-testid="plan-save"
                  >
                    {t("plan.save")}
                  </Button>
                )}
                {!locked && mayApprove && (
                  <WhyNot
                    reason={
                      dirty ? t("plan.save") : plan.id === null || rows.length === 0 ? t("plan.empty") : null
                    }
                    testId="plan-approve-why"
                  >
                    <Button
                      loading={busy}
                      disabled={dirty || plan.id === null || rows.length === 0}
                      onClick={() =>
                        act(() => planApi.approve(centre, year, plan.version!), t("plan.approved"))
                      }
                      data-testid="plan-approve"
                    >
                      {t("plan.approve")}
                    </Button>
                  </WhyNot>
                )}
                {locked && mayApprove && (
                  <Button onClick={() => setReopening("")} data-testid="plan-reopen">
                    {t("plan.reopen")}
                  </Button>
                )}
              </Flex>
              {ready && can && !mayEdit && (
                <RoleNote action="registry.edit" can={can} unit={placed(ready, "commune")} />
              )}
              {ready && can && !mayApprove && (
                <RoleNote action="centre.plan.approve" can={can} unit={placed(ready, "commune")} />
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t("plan.vsDone")} data-testid="plan-progress">
            <Flex vertical gap={8}>
              <Flex gap={8} wrap>
                {progress.quarters.map((q) => (
                  <Tag key={q.quarter} data-testid={`plan-quarter-${q.quarter}`}>
                    {t("plan.quarterN", { n: q.quarter })}: {q.doneCount} / {q.plannedCount}
                  </Tag>
                ))}
                <Tag color="blue" data-testid="plan-total">
                  {t("plan.totalRow")}: {progress.total.doneCount} / {progress.total.plannedCount}
                </Tag>
              </Flex>
              <Table<Done>
                rowKey={(r) => `${r.quarter}:${r.activityKind}:${r.topic}`}
                size="small"
                pagination={false}
                dataSource={progress.rows}
                columns={doneColumns}
                scroll={{ x: true }}
              />
              <Typography.Text type="secondary">
                {t("plan.done")} / {t("plan.planned")}. {t("plan.participantsLater")}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
      <Modal
        open={reopening !== null}
        title={t("plan.reopen")}
        okButtonProps={{ disabled: !reopening?.trim(), loading: busy, id: "plan-reopen-ok" }}
        onCancel={() => setReopening(null)}
        onOk={async () => {
          await act(() => planApi.reopen(centre, year, plan.version!, reopening!.trim()), t("plan.reopened"));
          setReopening(null);
        }}
      >
        <Input.TextArea
          value={reopening ?? ""}
          onChange={(e) => setReopening(e.target.value)}
          placeholder={t("plan.reopenReason")}
          aria-label={t("plan.reopenReason")}
          maxLength={500}
        />
      </Modal>
    </Flex>
  );
}
