/**
 * Where a centre came from and went: the centres merged into it (also those of the old communes before the 2025
 * reform, indented by how far back), the centre it was merged into, and its former staff.
 */
import { Card, Flex, List, Tag, Typography } from "antd";
import type { CentreLink } from "../../../shared/centre-org";
import { formatDate } from "../../format";
import { type MessageKey, useT } from "../../i18n/messages";
import { Link } from "../../router";
import type { CentreTabContext } from "./centre-tabs";
import { centrePath } from "./links";
import { StaffList } from "./staff-text";

function Links({ links, testId }: { links: CentreLink[]; testId: string }) {
  const t = useT();
  if (links.length === 0)
    return <Typography.Text type="secondary">{t("centre.history.none")}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={links}
      data-testid={testId}
      renderItem={(l) => (
        <List.Item style={{ paddingInlineStart: 8 + 16 * (l.depth - 1) }}>
          <Flex vertical style={{ minWidth: 0 }}>
            <Flex gap={8} wrap align="center">
              <Link to={centrePath(l.centre)}>{l.centre.name}</Link>
              {l.centre.archivedReason && (
                <Tag>{t(`centre.archived.${l.centre.archivedReason}` as MessageKey)}</Tag>
              )}
            </Flex>
            <Typography.Text type="secondary">
              {l.centre.communeName} ·{" "}
              {t("centre.history.by", { number: l.decision.number, date: formatDate(l.decision.signedOn) })}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

export function CentreHistoryTab({ history }: CentreTabContext) {
  const t = useT();
  const past = history.staff.filter((s) => s.removedAt);
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t("centre.history.predecessors")}>
        <Links links={history.predecessors} testId="centre-predecessors" />
      </Card>
      <Card size="small" title={t("centre.history.successors")}>
        <Links links={history.successors} testId="centre-successors" />
      </Card>
      <Card size="small" title={t("centre.history.pastStaff")}>
        {past.length === 0 ? (
          <Typography.Text type="secondary">{t("centre.history.none")}</Typography.Text>
        ) : (
          <StaffList staff={past} />
        )}
      </Card>
    </Flex>
  );
}
