/**
 * /diem-danh: the classes and talks under way in the communes where the user records attendance, today's first, as
 * big cards for a phone. The line of sessions waiting to be sent (kept on this device) is shown here too.
 */
import { CheckCircleFilled, RightOutlined } from "@ant-design/icons";
import { Alert, Card, Empty, Flex, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { AttendanceActivity } from "../../shared/attendance";
import { topicOptions } from "../../shared/registry/kinds/topics";
import { attendanceApi, useOutbox } from "../api/attendance";
import { OutboxLine } from "../components/attendance/OutboxLine";
import { attendancePath } from "../components/centre/links";
import { PageLoading } from "../components/PageLoading";
import { PageTitle } from "../components/PageTitle";
import { errorText } from "../errors";
import { formatDate } from "../format";
import { useLang, useT } from "../i18n/messages";
import { navigate } from "../router";

export default function AttendanceListPage() {
  const t = useT();
  const { lang } = useLang();
  const outbox = useOutbox();
  const [state, setState] = useState<
    { today: string; activities: AttendanceActivity[] } | { error: string }
  >();
  useEffect(() => {
    attendanceApi.activities().then(setState, (err) => setState({ error: errorText(err, t) }));
  }, [t]);
  if (!state) return <PageLoading />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, width: "100%", margin: "0 auto" }}>
      <PageTitle>{t("attendance.title")}</PageTitle>
      <Typography.Text type="secondary">{t("attendance.intro")}</Typography.Text>
      <OutboxLine outbox={outbox} />
      {"error" in state ? (
        <Alert type="warning" showIcon title={state.error} />
      ) : state.activities.length === 0 ? (
        <Empty description={t("attendance.none")} />
      ) : (
        state.activities.map((a) => {
          const running = (a.endsOn ?? a.startsOn) >= state.today;
          return (
            <Card
              key={a.id}
              hoverable
              size="small"
              onClick={() => navigate(attendancePath(a))}
              data-testid={`attendance-activity-${a.id}`}
              styles={{ body: { minHeight: 64, padding: 12 } }}
            >
              <Flex align="center" gap={12}>
                <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {a.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {topicOptions[a.topic as keyof typeof topicOptions]?.[lang] ?? a.topic} ·{" "}
                    {a.endsOn
                      ? `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`
                      : formatDate(a.startsOn)}
                    {a.place ? ` · ${a.place}` : ""}
                  </Typography.Text>
                  <Flex wrap gap={4}>
                    {running && !a.heldToday && <Tag color="blue">{t("attendance.today")}</Tag>}
                    {a.heldToday && (
                      <Tag color="green" icon={<CheckCircleFilled />}>
                        {t("attendance.heldToday")}
                      </Tag>
                    )}
                    <Tag>{t("attendance.sessions", { count: a.sessions })}</Tag>
                  </Flex>
                </Flex>
                <RightOutlined />
              </Flex>
            </Card>
          );
        })
      )}
    </Flex>
  );
}
