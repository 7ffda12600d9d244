/**
 * The one place where anything thrown while answering becomes the API's error body
 * `{ error: { code, message, details } }`: our AppError as it is, zod failures as 422 naming the fields, the
 * framework's refusals of a body (malformed JSON or form 400, too large 413, wrong content type 415) and a lost
 * database connection (503) in Vietnamese, and anything else as a 500 without a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError } from "../errors";
import { type AppEnv, validationError } from "./context";

/** The largest JSON body (2 MB: a criteria set, 5,000 member ids); files have their own limit. */
export const MAX_JSON_BODY_BYTES = 2_000_000;

export const bodyTooLarge = (maxBytes: number) =>
  new AppError(
    "payload_too_large",
    `Dữ liệu gửi lên quá lớn (tối đa ${(maxBytes / 1_000_000).toLocaleString("vi-VN")} MB)`,
    { maxBytes },
  );

function fromFramework(error: HTTPException): AppError {
  switch (error.status) {
    case 400:
      return /json/i.test(error.message)
        ? new AppError("bad_request", "Nội dung gửi lên không phải JSON hợp lệ", {
            fields: { body: "JSON không hợp lệ" },
          })
        : new AppError("bad_request", "Không đọc được biểu mẫu gửi lên: chọn lại tệp rồi gửi lại", {
            fields: { body: "Biểu mẫu không hợp lệ" },
          });
    case 413:
      return bodyTooLarge(MAX_JSON_BODY_BYTES);
    case 415:
      return new AppError(
        "unsupported_media_type",
        "Kiểu nội dung (Content-Type) không được nhận ở địa chỉ này: gửi JSON (application/json) hoặc biểu mẫu tệp (multipart/form-data) như tài liệu API mô tả",
      );
    default:
      return new AppError(
        error.status === 401 ? "unauthenticated" : error.status === 403 ? "forbidden" : "bad_request",
        "Yêu cầu không hợp lệ",
      );
  }
}

/** The known error an exception stands for, or null for a fault of ours. */
export function knownError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (error instanceof HTTPException) return fromFramework(error);
  if (isDatabaseUnavailable(error))
    return new AppError(
      "unavailable",
      "Cơ sở dữ liệu tạm thời không trả lời. Dữ liệu của yêu cầu này chưa được lưu; hãy thử lại sau ít phút.",
    );
  return null;
}

export function errorResponse(error: Error, c: Context<AppEnv>) {
  const requestId = c.get("requestId");
  const known = knownError(error);
  if (known) {
    if (known.code === "unavailable")
      console.error(`${requestId} cơ sở dữ liệu không trả lời (503): ${error.message}`);
    return c.json(
      { error: { code: known.code, message: known.message, details: known.details } },
      known.status,
    );
  }
  console.error(`${requestId} unexpected error`, error);
  return c.json(
    {
      error: {
        code: "internal",
        message: `Lỗi hệ thống. Mã yêu cầu: ${requestId}`,
        details: { requestId },
      },
    },
    500,
  );
}
