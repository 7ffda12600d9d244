/** How a centre's staff reads: one line per person (role, post, since, the appointing decision), and the list. */
import { Flex, List, Typography } from "antd";
import type { CentreStaffMember } from "../../../shared/centre-org";
import { formatDate, formatDateTime } from "../../format";
import { type Translate, useT } from "../../i18n/messages";

export function staffLine(s: CentreStaffMember, t: Translate): string {
  return [
    t(`centre.staff.role.${s.role}`),
    s.post,
    s.since ? `${t("centre.staff.since")} ${formatDate(s.since)}` : null,
    s.decisionNumber ? `${t("centre.staff.decision")} ${s.decisionNumber}` : null,
    s.removedAt ? t("centre.staff.removedAt", { date: formatDateTime(s.removedAt).slice(0, 10) }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** People of a centre, one a line: their name, and their role and post under it. */
export function StaffList({ staff, testId }: { staff: CentreStaffMember[]; testId?: string }) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={staff}
      style={{ alignSelf: "stretch" }}
      data-testid={testId}
      renderItem={(s) => (
        <List.Item>
          <Flex vertical style={{ minWidth: 0 }}>
            <strong>{s.fullName}</strong>
            <Typography.Text type="secondary">{staffLine(s, t)}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
