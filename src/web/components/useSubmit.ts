import { App, type FormInstance } from "antd";
import { useState } from "react";
import { applyFieldErrors, errorText } from "../errors";
import { useT } from "../i18n/messages";

/** Shared body of the dialogs' forms: run the request, show the server's message on failure. */
export function useSubmit() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async <V>(form: FormInstance<V>, action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
      return true;
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
