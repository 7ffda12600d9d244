import type { FormInstance } from "antd";
import { ApiRequestError } from "./api/client";
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
