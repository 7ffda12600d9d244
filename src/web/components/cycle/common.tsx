/** Small pieces shared by the steps of the titles cycle. */
import { Tag } from "antd";
import { useEffect, useState } from "react";
import type { Registration } from "../../../shared/cycle";
import type { Title } from "../../../shared/rubric";
import { cycleApi, type EvaluationSummary, resultOf, type StoredRubric } from "../../api/cycle";
import type { RegistrationStatus } from "../../constants";
import { errorText } from "../../errors";
import { useLang, useT } from "../../i18n/messages";
import type { UnitScope } from "../UnitScope";

/** What every step needs: the unit, year and title chosen on the page, and the unit's registrations. */
export type CycleContext = {
  scope: Extract<UnitScope, { status: "ready" }>;
  year: number;
  title: Title;
  registrations: Registration[];
  /** Changes after every write; steps that load their own data reload on it. */
  version: number;
  /** Reloads the registrations (and bumps `version`); a registration the server returned is shown at once. */
  changed: (updated?: Registration) => void;
};

const statusColors: Record<RegistrationStatus, string> = {
  registered: "default",
  assessed: "blue",
  proposed: "gold",
  not_proposed: "orange",
  recognized: "green",
  revoked: "red",
  withdrawn: "default",
};

export function StatusTag({ status }: { status: RegistrationStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} data-testid="registration-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** The "chưa xác minh" mark of criteria contents not yet checked against the legal text. */
export function UnconfirmedTag() {
  const t = useT();
  return (
    <Tag color="orange" data-testid="unconfirmed-tag">
      {t("sheet.unconfirmed")}
    </Tag>
  );
}

type T = ReturnType<typeof useT>;

/** A result's label in English, from its fields (the server words it in Vietnamese, after the criteria set). */
function englishLabel(result: EvaluationSummary, t: T): string {
  if (result.invalidItems?.length) return t("result.invalid");
  if (result.complete === false) return t("result.incomplete");
  if (result.scheme === "levels")
    return result.levelReached ? t("result.level", { level: result.levelReached }) : t("result.notReached");
  if (!result.recognized) return t("result.notRecognized");
  return result.grade
    ? t("result.recognizedGrade", { grade: t(`rubrics.grade.${result.grade}`) })
    : t("result.recognized");
}

/**
 * A result's label in the reader's language: in Vietnamese the server's own wording (the criteria set's
 * thresholds), in English one made from the result's fields.
 */
export function useResultLabel(): (result: EvaluationSummary | null) => string {
  const t = useT();
  const { lang } = useLang();
  return (result) => (!result?.label ? "" : lang === "vi" ? result.label : englishLabel(result, t));
}

/** The result of a registration's self-assessment as one short text, in the reader's language. */
export function useResultText(): (registration: Registration) => string {
  const label = useResultLabel();
  return (registration) => {
    const result = resultOf(registration);
    const text = label(result);
    if (text && result?.scheme === "points" && result.total !== undefined && result.maxPoints !== undefined)
      return `${text} (${result.total}/${result.maxPoints})`;
    return text;
  };
}

/** The subject of a registration: name, with the code when there is one. */
export function subjectText(registration: Registration): string {
  const { name, code } = registration.subject;
  return code ? `${name} (${code})` : name;
}

/** Whether a sheet's answers differ from what was stored (empty notes and unanswered items count as nothing). */
export function changedFrom(
  stored: Record<string, unknown> | undefined,
  now: Record<string, unknown>,
): boolean {
  const meaningful = (record: Record<string, unknown> | undefined) =>
    JSON.stringify(
      Object.entries(record ?? {})
        .filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return meaningful(stored) !== meaningful(now);
}

const rubricCache = new Map<number, Promise<StoredRubric>>();

export function forgetRubric(id: number): void {
  rubricCache.delete(id);
}

/** A criteria set, loaded once per page load. */
export function useRubric(id: number): { rubric: StoredRubric | null; error: string | null } {
  const t = useT();
  const [state, setState] = useState<{ rubric: StoredRubric | null; error: string | null }>({
    rubric: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    let pending = rubricCache.get(id);
    if (!pending) {
      pending = cycleApi.rubric(id);
      rubricCache.set(id, pending);
      pending.catch(() => rubricCache.delete(id));
    }
    pending.then(
      (rubric) => {
        if (live) setState({ rubric, error: null });
      },
      (err: unknown) => {
        if (live) setState({ rubric: null, error: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, t]);
  return state;
}
