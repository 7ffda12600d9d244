/**
 * The to-do page's card of breaches not yet notified, with the hours left or overdue: shown to the units'
 * administrators only (the register is theirs), nothing when there is none.
 */
import { Card, Flex, List, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Breach } from "../../../shared/readlog";
import { readlogApi } from "../../api/readlog";
import { useT } from "../../i18n/messages";
import { Link, paths } from "../../router";
import { hasRole, useMe } from "../../session";
import { BreachClockTag } from "./BreachClockTag";

export function BreachTodo() {
  const t = useT();
  const me = useMe();
  const admin = hasRole(me, "system_admin", "unit_admin");
  const [breaches, setBreaches] = useState<Breach[]>([]);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    readlogApi.breaches({ open: true }).then(
      (list) =>
        live && setBreaches(list.filter((b) => b.clock.state === "open" || b.clock.state === "overdue")),
      () => live && setBreaches([]),
    );
    return () => {
      live = false;
    };
  }, [admin]);
  if (breaches.length === 0) return null;
  return (
    <Card
      size="small"
      title={t("breach.todo")}
      extra={<Link to={paths.breaches}>{t("breach.openList")}</Link>}
      data-testid="breach-todo"
    >
      <List
        size="small"
        dataSource={breaches}
        renderItem={(b) => (
          <List.Item>
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{b.title}</Typography.Text>
              <span>{b.unit?.name ?? ""}</span>
              <BreachClockTag clock={b.clock} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
