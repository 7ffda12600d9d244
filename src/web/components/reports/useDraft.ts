/**
 * The saved draft of the /bao-cao page: the unit's report for the chosen template and period (its newest version),
 * and the autosave of each text box: debounced while typing, at once on blur and when the tab is hidden, with the
 * section's version so that a stale save is refused (409) instead of overwriting someone else's text.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { type SavedReport, submissionApi } from "../../api/report-submissions";

export type SaveState = { kind: "saved"; at: string } | { kind: "unsaved" } | { kind: "saving" };

const debounceMs = 1500;

export function useDraft(
  unitId: number | null,
  templateId: number | null,
  period: { from: string; to: string },
  onError: (err: unknown) => void,
) {
  const [report, setReport] = useState<SavedReport | null>(null);
  const [state, setState] = useState<SaveState>({ kind: "unsaved" });
  const pending = useRef(new Map<string, string>());
  const versions = useRef(new Map<string, number>());
  const timer = useRef<number | null>(null);

  const adopt = useCallback((r: SavedReport | null) => {
    setReport(r);
    versions.current = new Map(r?.sections.map((s) => [s.key, s.version]) ?? []);
    const last = r?.sections
      .map((s) => s.savedAt)
      .sort()
      .pop();
    setState(last ? { kind: "saved", at: last } : { kind: "unsaved" });
  }, []);

  const reload = useCallback(() => {
    if (!unitId || !templateId) return adopt(null);
    submissionApi.list(unitId).then((list) => {
      const mine = list.filter(
        (r) => r.templateId === templateId && r.period.from === period.from && r.period.to === period.to,
      );
      adopt(mine.sort((a, b) => b.version - a.version)[0] ?? null);
    }, onError);
  }, [unitId, templateId, period.from, period.to, adopt, onError]);
  useEffect(reload, [reload]);

  const flush = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (report?.status !== "draft" || pending.current.size === 0) return;
    const batch = [...pending.current];
    pending.current.clear();
    setState({ kind: "saving" });
    try {
      let at = "";
      for (const [key, text] of batch) {
        const saved = await submissionApi.saveSection(report, key, text, versions.current.get(key) ?? 1);
        versions.current.set(key, saved.version);
        at = saved.savedAt;
      }
      setState({ kind: "saved", at });
    } catch (err) {
      for (const [key, text] of batch) if (!pending.current.has(key)) pending.current.set(key, text);
      setState({ kind: "unsaved" });
      onError(err);
    }
  }, [report, onError]);

  const change = useCallback(
    (key: string, text: string) => {
      if (report?.status !== "draft") return;
      pending.current.set(key, text);
      setState({ kind: "unsaved" });
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), debounceMs);
    },
    [report, flush],
  );

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    const leaving = (e: BeforeUnloadEvent) => {
      if (pending.current.size > 0) {
        void flush();
        e.preventDefault();
      }
    };
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("beforeunload", leaving);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("beforeunload", leaving);
    };
  }, [flush]);

  return { report, state, adopt, reload, change, flush };
}
