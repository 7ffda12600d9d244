/**
 * The visible line of the attendance outbox: how many sessions wait for the server (kept on this device, sent again
 * automatically), a "Gửi lại" button, and each session the server refused with its reason and a way to drop it.
 */
import { CloudUploadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex } from "antd";
import type { useOutbox } from "../../api/attendance";
import { formatDate } from "../../format";
import { useT } from "../../i18n/messages";

/** The page's outbox (its `useOutbox()`), so that the line and the page see the same entries. */
export function OutboxLine({ outbox }: { outbox: ReturnType<typeof useOutbox> }) {
  const { entries, retry, discard } = outbox;
  const t = useT();
  const waiting = entries.filter((e) => !e.refused);
  const refused = entries.filter((e) => e.refused);
  return (
    <Flex vertical gap={8}>
      {waiting.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="attendance-waiting"
          title={t("attendance.waiting", { count: waiting.length })}
          action={
            <Button
              icon={<CloudUploadOutlined />}
              onClick={() => void retry()}
              style={{ minHeight: 44 }}
              data-testid="attendance-resend"
            >
              {t("attendance.resend")}
            </Button>
          }
        />
      )}
      {refused.map((e) => (
        <Alert
          key={e.body.clientKey}
          type="error"
          showIcon
          title={t("attendance.refused", {
            date: formatDate(e.body.heldOn),
            title: e.activityTitle,
            message: e.refused ?? "",
          })}
          action={
            <Button danger onClick={() => discard(e.body.clientKey)} style={{ minHeight: 44 }}>
              {t("attendance.discard")}
            </Button>
          }
        />
      ))}
    </Flex>
  );
}
