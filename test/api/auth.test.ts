import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoApp, type TestApp } from "../helpers/api";
import { describeEachEngine } from "../helpers/db";

describeEachEngine("accounts and sessions", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp(engine);
  });
  afterAll(() => t.close());

  it("logs in with an HttpOnly cookie, stores argon2id hashes, and logs out", async () => {
    const client = t.anonymous();
    const login = await client.post("/api/v1/auth/login", { username: "Tayho", password: "hieuhoc2025" });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/hh_session=.+HttpOnly.+SameSite=Lax/i);
    expect(login.body.user.grants[0]).toMatchObject({ role: "data_entry", unit: { code: "00103" } });
    client.csrfToken = login.body.csrfToken;
    expect((await client.get("/api/v1/auth/me")).status).toBe(200);
    const hash = await t.db
      .selectFrom("app_users")
      .select("password_hash")
      .where("username", "=", "tayho")
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await sql<{ token_hash: string }>`SELECT token_hash FROM sessions`.execute(t.db);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!.split("=")[1]!;
    expect(sessions.rows.map((s) => s.token_hash)).not.toContain(cookie);
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
  });

  // Repeated failures: test/api/login-limits.test.ts (with the server's clock under the test's control).
  it("answers a wrong password in Vietnamese", async () => {
    const client = t.anonymous();
    const wrong = await client.post("/api/v1/auth/login", { username: "hanoi", password: "sai-mat-khau" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("Tên đăng nhập hoặc mật khẩu không đúng");
  });

  it("sets security headers, gives request ids, and never leaks stack traces", async () => {
    const response = await t.anonymous().get("/api/v1/health");
    expect(response.body).toEqual({ status: "ok", database: "ok" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}$/);
    expect((await t.anonymous().get("/api/v1/khong-co")).status).toBe(401);
    const missing = await (await t.as("quantri")).get("/api/v1/khong-co");
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).not.toContain("at ");
  });

  it("publishes an OpenAPI 3 document of every route", async () => {
    const doc = (await t.anonymous().get("/api/v1/openapi.json")).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/auth/login", "/units/{id}", "/users", "/audit"]),
    );
  });
});
