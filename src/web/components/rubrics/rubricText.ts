import type { StoredRubric } from "../../api/cycle";
import { formatDate } from "../../format";
import type { Translate } from "../../i18n/messages";

export function effectiveText(rubric: StoredRubric, t: Translate): string {
  const from = formatDate(rubric.effectiveFrom);
  return rubric.effectiveTo
    ? t("rubrics.effectiveRange", { from, to: formatDate(rubric.effectiveTo) })
    : t("rubrics.effectiveOpen", { from });
}

export function legalText(rubric: StoredRubric, t: Translate): string {
  return t("rubrics.legalValue", {
    number: rubric.legalNumber,
    date: formatDate(rubric.legalDate) || "?",
    issuer: rubric.legalIssuer,
  });
}
