import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { csrfMatches, resolveSession, sessionCookie } from "../auth/sessions";
import type { Config } from "../config";
import type { Db } from "../db/connection";
import { AppError } from "../errors";
import { MAX_FILE_BYTES } from "../lib/sheet-limits";
import type { AppEnv } from "./context";
import { bodyTooLarge, MAX_JSON_BODY_BYTES } from "./error-response";

export function contextMiddleware(db: Db, config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID().slice(0, 8);
    c.set("db", db);
    c.set("config", config);
    c.set("requestId", requestId);
    c.set("session", null);
    c.set("sessionToken", null);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    if (config.logLevel !== "silent")
      console.log(
        `${new Date().toISOString()} ${requestId} ${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
      );
  };
}

/** A file form carries the file (20 MB at most) and a few fields. */
export const MAX_FORM_BODY_BYTES = MAX_FILE_BYTES + 1_000_000;

const jsonLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw bodyTooLarge(MAX_JSON_BODY_BYTES);
  },
});
const formLimit = bodyLimit({
  maxSize: MAX_FORM_BODY_BYTES,
  onError: () => {
    throw bodyTooLarge(MAX_FORM_BODY_BYTES);
  },
});

/**
 * Request bodies are limited while they stream in: a Content-Length above the limit is refused (413) before
 * any byte is read, and a body without one is counted chunk by chunk and refused as soon as it passes the limit,
 * so no request holds more than the limit in memory.
 */
export const bodyLimits: MiddlewareHandler<AppEnv> = (c, next) =>
  /^multipart\/form-data/i.test(c.req.header("content-type") ?? "") ? formLimit(c, next) : jsonLimit(c, next);

/** No answer of the API is kept by a browser or a proxy: most carry personal data. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
};

/** Routes open without a session (and /api/v1/public/*); every other API route answers 401 before validating. */
export const publicPaths = new Set([
  "/api/v1/health",
  "/api/v1/auth/login",
  "/api/v1/auth/logout",
  "/api/v1/openapi.json",
]);

/** Reads the session cookie; refuses cookie-authenticated writes without the CSRF token or from another origin. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, sessionCookie);
  if (token) {
    c.set("sessionToken", token);
    c.set("session", await resolveSession(c.get("db"), token, c.get("requestId")));
  }
  const pathname = new URL(c.req.url).pathname;
  if (!c.get("session") && !publicPaths.has(pathname) && !pathname.startsWith("/api/v1/public/"))
    throw new AppError("unauthenticated", "Bạn cần đăng nhập");
  if (!["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin)
      throw new AppError("csrf", "Yêu cầu đến từ trang khác bị từ chối");
    const session = c.get("session");
    if (session && !csrfMatches(session.csrfToken, c.req.header("x-csrf-token")))
      throw new AppError("csrf", "Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang.");
  }
  await next();
};

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "same-origin");
  c.header("Cross-Origin-Opener-Policy", "same-origin");
  c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  c.header(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  if (c.get("config").secureCookies) c.header("Strict-Transport-Security", "max-age=31536000");
};
