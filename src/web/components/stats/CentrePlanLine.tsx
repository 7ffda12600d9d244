/**
 * Under the centres' cards of the dashboard: the approved yearly plans of the year against what was done (all the
 * year's activities, the plan-done rate, lượt người against the expected participants) and the year's
 * learning-needs survey answers. Read from the same roll-up as the cards (the centre counters, migration 0035): no
 * request of its own. Nothing shown when there is no approved plan and no answer.
 */
import { Typography } from "antd";
import { type CentreCounts, planDoneRate } from "../../../shared/centre-stats";
import { useLang, useT } from "../../i18n/messages";
import { formatCount } from "./format";

export function CentrePlanLine({ figures }: { figures: CentreCounts }) {
  const t = useT();
  const { lang } = useLang();
  if (figures.planned === 0 && figures.surveyResponses === 0) return null;
  const n = (v: number) => formatCount(v, lang);
  const rate = planDoneRate(figures);
  return (
    <Typography.Text data-testid="centres-plan-line">
      {t("stats.centres.planLine", {
        done: n(figures.activities),
        planned: n(figures.planned),
        rate: rate === null ? "–" : `${rate.toLocaleString(lang === "vi" ? "vi-VN" : "en")} %`,
        attendees: n(figures.attendees),
        expected: n(figures.plannedParticipants),
        surveys: n(figures.surveyResponses),
      })}
    </Typography.Text>
  );
}
