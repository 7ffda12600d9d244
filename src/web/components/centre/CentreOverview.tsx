/** A centre at a glance: what the registry keeps of it, and its board today (giám đốc, phó giám đốc). */
import { Card, Descriptions, Flex, Typography } from "antd";
import { centres } from "../../../shared/registry/kinds";
import type { RegistryItem } from "../../api/registries";
import { useLang, useT } from "../../i18n/messages";
import { cellText, labelOf } from "../registry/derive";
import type { CentreTabContext } from "./centre-tabs";
import { StaffList } from "./staff-text";

const shown = ["code", "kind", "foundedOn", "address", "phone"] as const;

export function CentreOverview({ centre, history }: CentreTabContext) {
  const t = useT();
  const { lang } = useLang();
  const item = centre as unknown as RegistryItem;
  const board = history.staff.filter(
    (s) => !s.removedAt && (s.role === "director" || s.role === "deputy_director"),
  );
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="centre-overview"
        items={[
          { key: "commune", label: labelOf(centres, "unit", lang), children: history.centre.communeName },
          ...shown.map((key) => ({
            key,
            label: labelOf(centres, key, lang),
            children: cellText(centres, key, item, lang) || "—",
          })),
        ]}
      />
      <Card size="small" title={t("centre.board")} data-testid="centre-board">
        {board.length === 0 ? (
          <Typography.Text type="secondary">{t("centre.noBoard")}</Typography.Text>
        ) : (
          <StaffList staff={board} />
        )}
      </Card>
    </Flex>
  );
}
