import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "csrf"
  | "not_found"
  | "validation"
  | "conflict"
  | "bad_request"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The one error type of the API: a code, a Vietnamese message for the user, details naming fields or rows. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what = "Không tìm thấy dữ liệu") => new AppError("not_found", what);
export const forbidden = (why = "Bạn không có quyền thực hiện thao tác này") =>
  new AppError("forbidden", why);
