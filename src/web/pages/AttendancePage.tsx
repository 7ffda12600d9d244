/**
 * /diem-danh/{activityId}: today's session of a class or talk, entered on a phone during class. A head-count
 * activity has big −/+ steppers for lượt người, women, minorities and elderly; a named one lists its learners as a
 * big-tap checklist. "Lưu buổi học" keeps the entry on this device first (the outbox), then sends it with its client
 * key; a failed request is sent again automatically and by "Gửi lại", never twice on the server. The address may
 * name the activity's commune (`?xa=`, as the links to it do): the calls then name it (docs/SCALE-OUT.md); an older
 * link with the id alone still opens the page, and the calls after the first name the commune it found.
 */
import {
  ArrowLeftOutlined,
  BorderOutlined,
  CheckSquareFilled,
  MinusOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Input, InputNumber, List, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AttendanceDetail } from "../../shared/attendance";
import { attendanceApi, newClientKey, readOutbox, useOutbox } from "../api/attendance";
import { OutboxLine } from "../components/attendance/OutboxLine";
import { CompletionButton } from "../components/learner-evidence/CompletionButton";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { type MessageKey, useT } from "../i18n/messages";
import { communeIn, Link, paths, useLocation } from "../router";

type CountKey = "attendees" | "women" | "minorities" | "elderly";
const countKeys: CountKey[] = ["attendees", "women", "minorities", "elderly"];
const zero = { attendees: 0, women: 0, minorities: 0, elderly: 0 };
const tap = { minHeight: 48, minWidth: 48 };

function Stepper(props: {
  label: string;
  value: number;
  max: number;
  onChange: (v: number) => void;
  id: string;
}) {
  const t = useT();
  const { label, value, max, onChange, id } = props;
  return (
    <Flex align="center" justify="space-between" gap={8} style={{ padding: "6px 0" }}>
      <Typography.Text strong style={{ fontSize: 16, flex: 1 }}>
        {label}
      </Typography.Text>
      <Button
        size="large"
        icon={<MinusOutlined />}
        style={tap}
        aria-label={t("attendance.less", { label })}
        disabled={value <= 0}
        onClick={() => onChange(Math.max(0, value - 1))}
        data-testid={`${id}-minus`}
      />
      <InputNumber
        size="large"
        min={0}
        max={max}
        value={value}
        inputMode="numeric"
        aria-label={label}
        onChange={(v) => onChange(Math.min(max, Math.max(0, Math.floor(Number(v ?? 0)))))}
        style={{ width: 80, fontSize: 20 }}
        data-testid={`${id}-value`}
      />
      <Button
        size="large"
        type="primary"
        icon={<PlusOutlined />}
        style={tap}
        aria-label={t("attendance.more", { label })}
        disabled={value >= max}
        onClick={() => onChange(Math.min(max, value + 1))}
        data-testid={`${id}-plus`}
      />
    </Flex>
  );
}

export default function AttendancePage({ id }: { id: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<AttendanceDetail | { error: string }>();
  const [counts, setCounts] = useState(zero);
  const [present, setPresent] = useState<Set<number>>(new Set());
  const [minutes, setMinutes] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const { search } = useLocation();
  const communeId = useRef(communeIn(search));
  const load = useCallback(
    () =>
      attendanceApi.detail({ id, communeId: communeId.current }).then(
        (found) => {
          communeId.current = found.activity.communeId;
          setDetail(found);
        },
        (err) => setDetail({ error: errorText(err, t) }),
      ),
    [id, t],
  );
  useEffect(() => void load(), [load]);
  const outbox = useOutbox((entry, session) => {
    message.success(t("attendance.saved", { date: formatDate(session.heldOn), count: session.attendees }));
    if (entry.activityId === id) void load();
  });
  const waitingHere = useMemo(() => outbox.entries.filter((e) => e.activityId === id), [outbox.entries, id]);

  if (!detail) return <PageLoading />;
  if ("error" in detail) return <Alert type="warning" showIcon title={detail.error} />;
  const { activity, learners, sessions, today, canAttend } = detail;
  const named = activity.attendanceMode === "named";
  const cap = activity.classSize ?? 100000;
  const label = (key: CountKey) => t(`attendance.${key}` as MessageKey);

  const save = async () => {
    const body = {
      clientKey: newClientKey(),
      heldOn: today,
      minutes,
      note: note.trim() || null,
      ...(named
        ? { marks: learners.map((l) => ({ citizenId: l.citizenId, present: present.has(l.citizenId) })) }
        : counts),
    };
    await outbox.add({
      activityId: id,
      communeId: activity.communeId,
      activityTitle: activity.title,
      body,
      enteredAt: new Date().toISOString(),
    });
    setCounts(zero);
    setPresent(new Set());
    setNote("");
    // Still waiting after the first try: say it is kept here.
    if (readOutbox().some((e) => e.body.clientKey === body.clientKey && !e.refused))
      message.warning(t("attendance.kept"));
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, width: "100%", margin: "0 auto" }}>
      <Link to={paths.attendance}>
        <ArrowLeftOutlined /> {t("attendance.back")}
      </Link>
      <PageTitle>{activity.title}</PageTitle>
      <Typography.Text type="secondary">
        {activity.centreName}
        {activity.classSize ? ` · ${t("attendance.classSize", { size: activity.classSize })}` : ""}
      </Typography.Text>
      <CompletionButton activity={activity} canAttend={canAttend} />
      <OutboxLine outbox={outbox} />
      {!canAttend ? (
        <Alert type="info" showIcon title={t("attendance.mayNot")} />
      ) : (
        <Card size="small" title={t("attendance.newSession", { date: formatDate(today) })}>
          {named ? (
            learners.length === 0 ? (
              <Alert type="info" showIcon title={t("attendance.noLearners")} />
            ) : (
              <Flex vertical gap={8}>
                <Typography.Text strong>
                  {t("attendance.learners", { present: present.size, total: learners.length })}
                </Typography.Text>
                {learners.map((l) => {
                  const on = present.has(l.citizenId);
                  return (
                    <Button
                      key={l.citizenId}
                      size="large"
                      block
                      type={on ? "primary" : "default"}
                      icon={on ? <CheckSquareFilled /> : <BorderOutlined />}
                      aria-pressed={on}
                      style={{ minHeight: 52, justifyContent: "flex-start", fontSize: 16 }}
                      onClick={() => {
                        const next = new Set(present);
                        if (on) next.delete(l.citizenId);
                        else next.add(l.citizenId);
                        setPresent(next);
                      }}
                      data-testid={`learner-${l.citizenId}`}
                    >
                      {l.fullName}
                    </Button>
                  );
                })}
              </Flex>
            )
          ) : (
            countKeys.map((key) => (
              <Stepper
                key={key}
                id={`count-${key}`}
                label={label(key)}
                value={counts[key]}
                max={key === "attendees" ? cap : counts.attendees}
                onChange={(v) =>
                  setCounts((c) => {
                    const next = { ...c, [key]: v };
                    // Fewer attendees than a part: the parts follow down.
                    if (key === "attendees")
                      for (const k of countKeys.slice(1)) next[k] = Math.min(next[k], v);
                    return next;
                  })
                }
              />
            ))
          )}
          <Flex vertical gap={8} style={{ marginTop: 12 }}>
            <InputNumber
              size="large"
              min={1}
              max={1440}
              value={minutes}
              onChange={(v) => setMinutes(v === null ? null : Number(v))}
              placeholder={t("attendance.minutes")}
              aria-label={t("attendance.minutes")}
              style={{ width: "100%" }}
            />
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
            <Button
              type="primary"
              size="large"
              block
              style={{ minHeight: 52, fontSize: 18 }}
              disabled={named && learners.length === 0}
              onClick={() => void save()}
              data-testid="attendance-save"
            >
              {t("attendance.save")}
            </Button>
          </Flex>
        </Card>
      )}
      <Card size="small" title={t("attendance.history")}>
        <List
          size="small"
          dataSource={[
            ...waitingHere.map((e) => ({
              key: e.body.clientKey,
              text: t("attendance.session", {
                date: formatDate(e.body.heldOn),
                count: e.body.marks ? e.body.marks.filter((m) => m.present).length : (e.body.attendees ?? 0),
              }),
              waiting: true,
            })),
            ...sessions.map((s) => ({
              key: String(s.id),
              text: t("attendance.session", { date: formatDate(s.heldOn), count: s.attendees }),
              waiting: false,
            })),
          ]}
          renderItem={(item) => (
            <List.Item data-testid={item.waiting ? "session-waiting" : "session-saved"}>
              <Typography.Text type={item.waiting ? "warning" : undefined}>{item.text}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
