/**
 * The centre's classes, talks and clubs, from the activities register filtered on the centre (GET /activities
 * ?centreId=), archived ones after; a link to the commune's whole register.
 */
import { Flex, List, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { rolesWith } from "../../../shared/capabilities";
import type { Activity } from "../../../shared/registry/kinds";
import { activities } from "../../../shared/registry/kinds";
import { centreOrgApi } from "../../api/centre-org";
import type { RegistryItem } from "../../api/registries";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import { Link } from "../../router";
import { hasRole, useMe } from "../../session";
import { cellText } from "../registry/derive";
import type { CentreTabContext } from "./centre-tabs";
import { attendancePath } from "./links";

export function CentreActivities({ centre }: CentreTabContext) {
  const t = useT();
  const { lang } = useLang();
  const attends = hasRole(useMe(), ...rolesWith("attendance"));
  const [list, setList] = useState<Activity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      centreOrgApi.activities(centre.communeId, centre.id),
      centreOrgApi.activities(centre.communeId, centre.id, true),
    ])
      .then(([open, archived]) => live && setList([...open.activities, ...archived.activities]))
      .catch((e) => live && setError(errorText(e, t)));
    return () => {
      live = false;
    };
  }, [centre.communeId, centre.id, t]);
  const text = (a: Activity, key: string) => cellText(activities, key, a as unknown as RegistryItem, lang);
  return (
    <Flex vertical gap={8}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {list && list.length === 0 && (
        <Typography.Text type="secondary">{t("centre.activities.none")}</Typography.Text>
      )}
      {list && list.length > 0 && (
        <List
          size="small"
          dataSource={list}
          data-testid="centre-activities"
          renderItem={(a) => (
            <List.Item>
              <Flex vertical style={{ minWidth: 0 }}>
                <Flex gap={8} wrap align="center">
                  <strong style={{ overflowWrap: "anywhere" }}>{a.title}</strong>
                  <Tag>{text(a, "activityKind")}</Tag>
                  {a.archivedAt && <Tag>{t("registry.archivedTag")}</Tag>}
                  {attends && !a.archivedAt && (
                    <Link to={attendancePath(a)} data-testid={`centre-attend-${a.id}`}>
                      {t("centre.activities.attend")}
                    </Link>
                  )}
                </Flex>
                <Typography.Text type="secondary">
                  {[
                    text(a, "topic"),
                    [text(a, "startsOn"), text(a, "endsOn")].filter(Boolean).join(" – "),
                    a.place,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Link to={activities.web.path}>{t("centre.activities.all")}</Link>
    </Flex>
  );
}
