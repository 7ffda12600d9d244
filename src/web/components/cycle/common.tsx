/** Small pieces shared by the steps of the titles cycle. */
import { Tag } from "antd";
import { useEffect, useState } from "react";
import type { Registration } from "../../../shared/cycle";
import type { Title } from "../../../shared/rubric";
import { cycleApi, resultOf, type StoredRubric } from "../../api/cycle";
import type { RegistrationStatus } from "../../constants";
import { errorText } from "../../errors";
import { useT } from "../../i18n/messages";
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

/** The result of a registration's self-assessment as one short text. */
export function resultText(registration: Registration): string {
  const result = resultOf(registration);
  if (!result?.label) return "";
  if (result.scheme === "points" && result.total !== undefined && result.maxPoints !== undefined)
    return `${result.label} (${result.total}/${result.maxPoints})`;
  return result.label;
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
