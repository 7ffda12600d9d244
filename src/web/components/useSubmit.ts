import { App, type FormInstance } from "antd";
import { useCallback, useState } from "react";
import { applyFieldErrors, errorText, showStaleDialog, staleOf } from "../errors";
import { useT } from "../i18n/messages";

export type SaveErrorOptions = {
  /** Where to put `details.fields` of a validation error. */
  form?: FormInstance;
  /** Reloads the record after a stale save (409): offered as "Tải lại" in the dialog. */
  reload?: () => unknown;
};

/**
 * The one handling of a failed save, for every form: a save refused because someone else saved the record first
 * (409 with details.stale) opens the dialog "Đã được <ai> sửa lúc <khi nào>" with "Tải lại"; field errors go on
 * the form; anything else is shown as the server's message.
 */
export function useSaveErrors() {
  const t = useT();
  const { message, modal } = App.useApp();
  return useCallback(
    (err: unknown, options: SaveErrorOptions = {}) => {
      const stale = staleOf(err);
      if (stale) showStaleDialog(modal, t, stale, options.reload);
      else if (!options.form || !applyFieldErrors(options.form, err)) void message.error(errorText(err, t));
    },
    [t, message, modal],
  );
}

/** Shared body of the dialogs' forms: run the request, show the server's message (or the 409 dialog) on failure. */
export function useSubmit() {
  const { message } = App.useApp();
  const saveFailed = useSaveErrors();
  const [busy, setBusy] = useState(false);
  const run = async <V>(
    form: FormInstance<V>,
    action: () => Promise<unknown>,
    done: string,
    options: Pick<SaveErrorOptions, "reload"> = {},
  ) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
      return true;
    } catch (err) {
      saveFailed(err, { form: form as FormInstance, reload: options.reload });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
