import { PassThrough, Readable } from "node:stream";
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import { apiError } from "../../shared/api";
import type { Actor } from "../auth/scope";
import type { Session } from "../auth/sessions";
import type { Config } from "../config";
import type { Db } from "../db/connection";
import { AppError } from "../errors";
import { writeXlsx, type XlsxCell, type XlsxSheet } from "../lib/xlsx-stream";

export type AppEnv = {
  Variables: {
    db: Db;
    config: Config;
    requestId: string;
    session: Session | null;
    sessionToken: string | null;
  };
};

/** Turns a zod failure into the API's validation error, naming each field in Vietnamese. */
export function validationError(error: ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  const names = Object.keys(fields).join(", ");
  return new AppError("validation", `Dữ liệu không hợp lệ: ${names}`, { fields });
}

/** The path of the first text holding a NUL character (PostgreSQL cannot store one), or null. */
export function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...path, index]);
      if (found) return found;
    }
  } else if (value && typeof value === "object" && !(value instanceof Blob)) {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, [...path, key]) ?? nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A router of one module; validation failures become the API's error shape, and so does a NUL character in any
 * text of the path, query or body (refused naming the field rather than silently stripped).
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as ZodError);
      const path = nulPath(result.data);
      if (path) {
        const field = path.join(".") || result.target;
        const message = "Không được chứa ký tự NUL (\\0)";
        throw new AppError("validation", `Dữ liệu không hợp lệ: ${field}`, { fields: { [field]: message } });
      }
    },
  });
}

export function requireActor(c: Context<AppEnv>): Actor {
  const session = c.get("session");
  if (!session) throw new AppError("unauthenticated", "Bạn cần đăng nhập");
  return session.actor;
}

export const jsonContent = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** The `{id}` of a route's path: a positive integer. */
export const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * A row's commune, optional, beside its id: given, the lookup names the column the large tables are distributed by
 * and reads one shard (docs/SCALE-OUT.md), and a row of another commune is not found. The web always sends it.
 */
export const communeQuery = z.object({
  communeId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "Xã, phường của bản ghi (tùy chọn): cho biết thì chỉ tìm trong xã, phường đó" }),
});

/** The OpenAPI answer of a save refused because the record changed since the caller read it. */
export const staleResponse = {
  409: jsonContent(
    apiError,
    "Dữ liệu vừa được người khác sửa: error.details.stale cho biết ai sửa, lúc nào và phiên bản hiện tại",
  ),
};

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The OpenAPI answer of a workbook written as a stream. */
export const xlsxContent = (description = "Tệp Excel, ghi theo luồng") => ({
  description,
  content: { [xlsxType]: { schema: z.string().openapi({ format: "binary" }) } },
});

/** The OpenAPI answer of a CSV written by the product (docs/IMPORT.md: UTF-8 with BOM, ";", CRLF). */
export const csvContent = (description: string) => ({
  description: `Tệp CSV cho Excel trên Windows tiếng Việt: UTF-8 có BOM, dấu chấm phẩy (;), ${description}`,
  content: { "text/csv": { schema: z.string() } },
});

/** A CSV (lib/csv.ts writeCsv) as an attachment named `fileName`. */
export function csvResponse(c: Context<AppEnv>, text: string, fileName: string) {
  return c.body(text, 200, {
    "Content-Type": "text/csv; charset=utf-8; header=present",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });
}

/** Streams a workbook into the response as it is written (lib/xlsx-stream.ts), as an attachment named `fileName`. */
export function xlsxResponse(
  c: Context<AppEnv>,
  sheet: XlsxSheet,
  rows: Iterable<XlsxCell[]>,
  fileName: string,
) {
  const output = new PassThrough();
  writeXlsx(output, sheet, rows).catch((error: unknown) => output.destroy(error as Error));
  return c.body(Readable.toWeb(output) as ReadableStream<Uint8Array>, 200, {
    "Content-Type": xlsxType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });
}
