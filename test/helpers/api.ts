import type { Hono } from "hono";
import { type AppOptions, createApp } from "../../src/server/app";
import { readConfig } from "../../src/server/config";
import type { Connection, Db } from "../../src/server/db/connection";
import { demoPassword } from "../../src/server/demo/demo";
import { type Engine, freshDatabase } from "./db";

export type TestResponse = { status: number; body: any; headers: Headers };

/** A caller of the API through the real app (no socket), keeping the session cookie and the CSRF token. */
export class ApiClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;
  constructor(private readonly app: Hono<any>) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== "GET") h["x-csrf-token"] ??= this.csrfToken;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      h["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await this.app.request(`http://localhost${path}`, init);
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const type = response.headers.get("content-type") ?? "";
    const parsed = type.includes("json") ? await response.json() : await response.arrayBuffer();
    return { status: response.status, body: parsed, headers: response.headers };
  }
  /** Sends a body as it is (a string or a stream), with the given content type (none when null). */
  async send(
    method: string,
    path: string,
    body: BodyInit,
    contentType: string | null,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken) h["x-csrf-token"] = this.csrfToken;
    if (contentType) h["content-type"] = contentType;
    const init: RequestInit & { duplex?: string } = { method, headers: h, body };
    if (body instanceof ReadableStream) init.duplex = "half";
    const response = await this.app.request(`http://localhost${path}`, init);
    const type = response.headers.get("content-type") ?? "";
    const parsed = type.includes("json") ? await response.json() : await response.arrayBuffer();
    return { status: response.status, body: parsed, headers: response.headers };
  }
  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body);
  patch = (path: string, body?: unknown) => this.request("PATCH", path, body);
  delete = (path: string) => this.request("DELETE", path);

  async login(username: string, password = demoPassword): Promise<this> {
    const response = await this.post("/api/v1/auth/login", { username, password });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    this.csrfToken = response.body.csrfToken;
    return this;
  }
}

export type TestApp = {
  app: Hono<any>;
  connection: Connection;
  db: Db;
  as: (username: string) => Promise<ApiClient>;
  anonymous: () => ApiClient;
  unitId: (code: string, options?: { old?: boolean; level?: string }) => Promise<number>;
  close: () => Promise<void>;
};

/**
 * A fresh database with the demo data, and the app over it. `prepare` runs on the database first (a test's own
 * tables); `app` are the app's options (a test's own registry kinds).
 */
export async function demoApp(
  engine: Engine,
  options: { prepare?: (db: Db) => Promise<void>; app?: AppOptions } = {},
): Promise<TestApp> {
  const connection = await freshDatabase(engine, { demo: true });
  await options.prepare?.(connection.db);
  const app = createApp(connection.db, { ...readConfig({}), logLevel: "silent" }, options.app);
  return {
    app,
    connection,
    db: connection.db,
    as: (username) => new ApiClient(app).login(username),
    anonymous: () => new ApiClient(app),
    unitId: async (code, options = {}) => {
      let query = connection.db.selectFrom("admin_units").select("id").where("code", "=", code);
      query = options.old ? query.where("valid_to", "is not", null) : query.where("valid_to", "is", null);
      if (options.level) query = query.where("level", "=", options.level as "commune");
      return (await query.executeTakeFirstOrThrow()).id;
    },
    close: () => connection.close(),
  };
}
