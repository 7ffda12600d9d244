/** How a member of a centre's staff reads in a line: role, post, since, the appointing decision. */
import type { CentreStaffMember } from "../../../shared/centre-org";
import { formatDate, formatDateTime } from "../../format";
import type { Translate } from "../../i18n/messages";

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
