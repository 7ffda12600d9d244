import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import { apiError } from "../../shared/api";
import type { Actor } from "../auth/scope";
import type { Session } from "../auth/sessions";
import type { Config } from "../config";
import type { Db } from "../db/connection";
import { AppError } from "../errors";

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

/** A router of one module; validation failures become the API's error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as ZodError);
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

/** The OpenAPI answer of a save refused because the record changed since the caller read it. */
export const staleResponse = {
  409: jsonContent(
    apiError,
    "Dữ liệu vừa được người khác sửa: error.details.stale cho biết ai sửa, lúc nào và phiên bản hiện tại",
  ),
};
