import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { apiError, loginRequest, sessionResponse } from "../../../shared/api";
import { describeUser, login, logout, sessionCookie } from "../../auth/sessions";
import { AppError } from "../../errors";
import { clientAddress } from "../../http/client-address";
import { createRouter, jsonContent, requireActor } from "../../http/context";

export const authRoutes = createRouter();

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/auth/login",
    tags: ["Tài khoản"],
    summary: "Đăng nhập: đặt cookie phiên (HttpOnly) và trả mã CSRF",
    request: { body: { content: { "application/json": { schema: loginRequest } }, required: true } },
    responses: {
      200: jsonContent(sessionResponse, "Đã đăng nhập"),
      429: jsonContent(apiError, "Sai quá nhiều lần: thử lại sau số giây trong Retry-After"),
    },
  }),
  async (c) => {
    const { username, password } = c.req.valid("json");
    const config = c.get("config");
    const db = c.get("db");
    const now = config.now();
    const result = await login(
      db,
      { username, password, ip: clientAddress(c) },
      {
        hours: config.sessionHours,
        limits: {
          addressLimit: config.loginAddressLimit,
          addressWindowMinutes: config.loginAddressWindowMinutes,
        },
        now,
      },
    ).catch((error: unknown) => {
      // Tell well-behaved clients (and proxies) how long to wait.
      if (error instanceof AppError && error.code === "rate_limited")
        c.header("Retry-After", String((error.details as { retryAfter: number }).retryAfter));
      throw error;
    });
    setCookie(c, sessionCookie, result.token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: config.secureCookies,
      path: "/",
      maxAge: config.sessionHours * 3600,
    });
    return c.json({ user: await describeUser(db, result.userId), csrfToken: result.csrfToken }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/auth/logout",
    tags: ["Tài khoản"],
    summary: "Đăng xuất",
    responses: { 204: { description: "Đã đăng xuất" } },
  }),
  async (c) => {
    const token = c.get("sessionToken");
    if (token) await logout(c.get("db"), token);
    deleteCookie(c, sessionCookie, { path: "/" });
    return c.body(null, 204);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/auth/me",
    tags: ["Tài khoản"],
    summary: "Người dùng hiện tại, quyền và mã CSRF",
    responses: { 200: jsonContent(sessionResponse, "Phiên hiện tại") },
  }),
  async (c) => {
    requireActor(c);
    const session = c.get("session");
    if (!session) throw new AppError("unauthenticated", "Bạn cần đăng nhập");
    return c.json(
      { user: await describeUser(c.get("db"), session.userId), csrfToken: session.csrfToken },
      200,
    );
  },
);

export const healthRoutes = createRouter();
healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/health",
    tags: ["Hệ thống"],
    summary: "Máy chủ và cơ sở dữ liệu sẵn sàng",
    responses: { 200: jsonContent(z.object({ status: z.literal("ok"), database: z.string() }), "Sẵn sàng") },
  }),
  async (c) => {
    await c
      .get("db")
      .selectNoFrom((eb) => eb.lit(1).as("one"))
      .execute();
    return c.json({ status: "ok" as const, database: "ok" }, 200);
  },
);
