/** The 72-hour clock of a breach as a tag: hours left, overdue, or notified (in time or late). */
import { Tag } from "antd";
import type { BreachClock } from "../../../shared/readlog";
import { useT } from "../../i18n/messages";

const colours = { open: "orange", overdue: "red", notified: "green", notified_late: "gold" } as const;

export function BreachClockTag({ clock }: { clock: BreachClock }) {
  const t = useT();
  const hours = Math.abs(clock.remainingHours ?? 0);
  return (
    <Tag color={colours[clock.state]} data-testid="breach-clock">
      {t(`breach.state.${clock.state}`, { hours })}
    </Tag>
  );
}
