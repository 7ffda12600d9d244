/**
 * Keeps a form's unsaved work: while `dirty`, closing or reloading the tab asks first (beforeunload), and so does
 * every navigation inside the app (the router's leave guard). `confirmLeave()` asks the same for a form's own
 * "back" button; it answers true when there is nothing to lose or the user chooses to leave.
 */
import { useCallback, useEffect } from "react";
import { setLeaveGuard } from "../router";

export function useUnsavedChanges(dirty: boolean, question: string): () => boolean {
  const confirmLeave = useCallback(() => !dirty || window.confirm(question), [dirty, question]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    setLeaveGuard(() => window.confirm(question));
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty, question]);
  return confirmLeave;
}
