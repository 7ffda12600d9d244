/**
 * The class's completion certificates (docs/CENTRES.md, "Giờ học và giấy chứng nhận"): shown for a named class that
 * issues them; disabled with the reason for a caller who does not record attendance.
 */
import { FilePdfOutlined } from "@ant-design/icons";
import { Button, Flex, Tooltip, Typography } from "antd";
import type { AttendanceActivity } from "../../../shared/attendance";
import { learnerEvidenceApi } from "../../api/learner-evidence";
import { useT } from "../../i18n/messages";

export function CompletionButton({
  activity,
  canAttend,
}: {
  activity: AttendanceActivity;
  canAttend: boolean;
}) {
  const t = useT();
  if (activity.certificate !== "yes" || activity.attendanceMode !== "named") return null;
  return (
    <Flex wrap gap={8} align="center">
      <Tooltip title={canAttend ? undefined : t("attendance.mayNot")}>
        <Button
          icon={<FilePdfOutlined />}
          href={canAttend ? learnerEvidenceApi.certificatesUrl(activity) : undefined}
          target="_blank"
          rel="noopener"
          disabled={!canAttend}
          data-testid="completion-certificates"
        >
          {t("completion.download")}
        </Button>
      </Tooltip>
      <Typography.Text type="secondary">{t("completion.help")}</Typography.Text>
    </Flex>
  );
}
