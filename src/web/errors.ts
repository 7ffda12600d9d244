import type { App, FormInstance } from "antd";
import type { StaleRecord } from "../shared/api";
import { ApiRequestError } from "./api/client";
import { formatDateTime } from "./format";
import type { Translate } from "./i18n/messages";

/** The text to show for a failed request: the server's message, else a generic one. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiRequestError) {
    if (error.message) return error.message;
    if (error.status === 0) return t("error.network");
    return t("error.generic", { status: error.status });
  }
  return t("error.generic", { status: "?" });
}

/** Puts `details.fields` of a validation error on the matching form fields; true when some were set. */
export function applyFieldErrors<V>(form: FormInstance<V>, error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return false;
  const fields = Object.entries(error.fieldErrors);
  if (fields.length === 0) return false;
  (form as FormInstance).setFields(fields.map(([name, message]) => ({ name, errors: [message] })));
  return true;
}

/** Who changed the record, when a save was refused because someone saved it first (409); else null. */
export function staleOf(error: unknown): StaleRecord | null {
  return error instanceof ApiRequestError ? error.stale : null;
}

type ModalApi = ReturnType<typeof App.useApp>["modal"];

/** "Đã được Nguyễn Văn A (tayho) sửa lúc 05/03/2026 09:12." */
export function staleText(stale: StaleRecord, t: Translate): string {
  if (!stale.changedBy || !stale.changedAt) return t("stale.changedBySomeone");
  return t("stale.changedBy", { who: stale.changedBy, when: formatDateTime(stale.changedAt) });
}

/**
 * The one dialog for a stale save, used by every form: who changed the record and when, the user's own changes
 * not saved, and "Tải lại" (reload the record, then edit again) or "Đóng" (keep the form as it is, e.g. to copy
 * what was typed). Without `reload` only "Đóng" is offered.
 */
export function showStaleDialog(
  modal: ModalApi,
  t: Translate,
  stale: StaleRecord,
  reload?: () => unknown,
): void {
  const content = `${staleText(stale, t)} ${t("stale.notSaved")}`;
  if (!reload) {
    void modal.warning({ title: t("stale.title"), content, okText: t("stale.close") });
    return;
  }
  void modal.confirm({
    title: t("stale.title"),
    content,
    okText: t("stale.reload"),
    cancelText: t("stale.close"),
    okButtonProps: { "data-testid": "stale-reload" } as { "data-testid": string },
    onOk: () => reload(),
  });
}
