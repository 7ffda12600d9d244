/**
 * The review of the saved report on /bao-cao: the level above's comments (of this version and the earlier ones),
 * marking one handled, and "Làm mới số liệu" of a draft with what changed since its previous refresh.
 */
import { useCallback, useEffect, useState } from "react";
import { type RefreshResult, type ReportComment, reviewApi } from "../../api/report-review";
import type { SavedReport } from "../../api/report-submissions";

export function useReview(report: SavedReport | null, onError: (err: unknown) => void) {
  const [comments, setComments] = useState<ReportComment[]>([]);
  const [refreshed, setRefreshed] = useState<RefreshResult | null>(null);
  // The version named with its unit: the server looks in that unit alone.
  const id = report?.id ?? null;
  const unitId = report?.unitId ?? null;
  // A newly loaded, submitted or revised version: its comments; the previous refresh's result no longer applies.
  useEffect(() => {
    setComments([]);
    setRefreshed(null);
    if (id !== null && report) reviewApi.comments(report).then(setComments, onError);
  }, [id, report, onError]);

  const resolve = useCallback(
    async (commentId: number) => {
      if (id === null || unitId === null) return;
      try {
        const done = await reviewApi.resolve({ id, unitId }, commentId);
        setComments((list) => list.map((c) => (c.id === done.id ? done : c)));
      } catch (err) {
        onError(err);
      }
    },
    [id, unitId, onError],
  );

  /** The draft's live blocks recomputed and remembered; the preview to show. */
  const refresh = useCallback(async () => {
    if (id === null || unitId === null) throw new Error("no saved report");
    const result = await reviewApi.refresh({ id, unitId });
    setRefreshed(result);
    return result.preview;
  }, [id, unitId]);

  return { comments, refreshed, resolve, refresh };
}
export type Review = ReturnType<typeof useReview>;
