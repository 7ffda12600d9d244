/** Completion certificates of a centre's class (PDF) and their public check. */
import type { CompletionCheck } from "../../shared/learner-evidence";
import { ApiRequestError, BASE, commune, type RowRef, request, withQuery } from "./client";

export type { CompletionCheck };

export const learnerEvidenceApi = {
  certificatesUrl: (activity: RowRef) =>
    withQuery(`${BASE}/activities/${activity.id}/certificates.pdf`, commune(activity)),
  /** The public check of a completion certificate's code; null when there is none. */
  check: (code: string) =>
    request<{ certificate: CompletionCheck }>(
      "GET",
      `/public/completion-certificates/${encodeURIComponent(code)}`,
      {
        quiet401: true,
      },
    ).then(
      (r) => r.certificate,
      (err: unknown) => {
        if (err instanceof ApiRequestError && err.status === 404) return null;
        throw err;
      },
    ),
};
