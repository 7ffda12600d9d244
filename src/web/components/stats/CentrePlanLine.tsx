/**
 * Under the centres' cards of the dashboard: the approved yearly plans of the unit's centres against what was done
 * (activities, lượt người, the done rate) and the year's learning-needs survey answers (GET
 * /units/{id}/centre-plans/summary). The nation has no line: the summary is asked per unit.
 */
import { Typography } from "antd";
import { useEffect, useState } from "react";
import type { PlanSummary } from "../../../shared/centre-plan";
import { planApi } from "../../api/centre-plan";
import { useLang, useT } from "../../i18n/messages";
import { formatCount } from "./format";

export function CentrePlanLine({ unitId, year }: { unitId: number; year: number }) {
  const t = useT();
  const { lang } = useLang();
  const [summary, setSummary] = useState<PlanSummary | null>(null);
  useEffect(() => {
    let live = true;
    setSummary(null);
    planApi
      .summary(unitId, year)
      .then((s) => live && setSummary(s))
      .catch(() => live && setSummary(null));
    return () => {
      live = false;
    };
  }, [unitId, year]);
  if (!summary) return null;
  const n = (v: number) => formatCount(v, lang);
  return (
    <Typography.Text data-testid="centres-plan-line">
      {t("stats.centres.planLine", {
        approved: n(summary.approvedPlans),
        done: n(summary.doneCount),
        planned: n(summary.plannedCount),
        rate:
          summary.doneRate === null
            ? "–"
            : `${summary.doneRate.toLocaleString(lang === "vi" ? "vi-VN" : "en")} %`,
        attendees: n(summary.doneParticipants),
        expected: n(summary.plannedParticipants),
        surveys: n(summary.surveyResponses),
      })}
    </Typography.Text>
  );
}
