/**
 * The OpenAPI document, completed in one place rather than on every route: the server base (/api/v1, paths are
 * relative to it), the session cookie and the CSRF header as security schemes with each operation's security
 * (public routes `security: []`), a stable camelCase operationId for every operation, and the error answers
 * every operation can give, each with the one error schema (`{ error: { code, message, details } }`).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { apiError } from "../../shared/api";
import { sessionCookie } from "../auth/sessions";
import type { AppEnv } from "./context";
import { publicPaths } from "./middleware";

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export const API_BASE = "/api/v1";

/** The error answers, shared by every operation (components.responses). */
const errorResponses = {
  BadRequest: [400, "Nội dung gửi lên không đọc được (JSON hoặc biểu mẫu hỏng)"],
  Unauthenticated: [401, "Chưa đăng nhập, phiên đã hết hạn, hoặc sai tên đăng nhập / mật khẩu"],
  Forbidden: [403, "Không có quyền trên đơn vị này, hoặc thiếu mã CSRF / yêu cầu từ trang khác"],
  NotFound: [404, "Không tìm thấy, hoặc ngoài phạm vi của người dùng"],
  Conflict: [409, "Xung đột với dữ liệu hiện có hoặc trạng thái của hồ sơ"],
  PayloadTooLarge: [413, "Dữ liệu gửi lên quá lớn (JSON tối đa 2 MB, biểu mẫu tệp tối đa 21 MB)"],
  UnsupportedMediaType: [415, "Kiểu nội dung (Content-Type) không được nhận"],
  Unprocessable: [422, "Dữ liệu không hợp lệ: error.details.fields nêu từng trường"],
  Unavailable: [503, "Cơ sở dữ liệu tạm thời không trả lời; thử lại sau"],
} as const;
type ErrorName = keyof typeof errorResponses;

/** 'GET /units/{id}/children' → getUnitsChildren; a path ending in a parameter → …ById (stable, unique). */
export function operationIdOf(method: string, path: string): string {
  const segments = path.split("/").filter(Boolean);
  const words = [method.toLowerCase()];
  segments.forEach((segment, index) => {
    const parameter = /^\{(.+)\}$/.exec(segment);
    if (parameter) {
      if (index === segments.length - 1) words.push("by", parameter[1]!);
    } else words.push(...segment.split(/[^A-Za-z0-9]+/).filter(Boolean));
  });
  return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join("");
}

const isPublic = (path: string) => publicPaths.has(`${API_BASE}${path}`) || path.startsWith("/public/");

/** Which errors an operation can answer, from what it takes and who may call it. */
function errorsOf(method: string, path: string, operation: Operation): ErrorName[] {
  const write = method !== "get" && method !== "head";
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  const names: ErrorName[] = [];
  if (operation.requestBody) names.push("BadRequest");
  if (!isPublic(path)) names.push("Unauthenticated", "Forbidden", "NotFound");
  else if (path === "/auth/login")
    names.push("Unauthenticated", "Forbidden"); // a wrong password: 401
  else if (write) names.push("Forbidden");
  if (isPublic(path) && path.includes("{")) names.push("NotFound");
  if (write) names.push("Conflict", "PayloadTooLarge");
  if (operation.requestBody) names.push("UnsupportedMediaType");
  if (takesInput) names.push("Unprocessable");
  names.push("Unavailable");
  return names;
}

function securityOf(method: string, path: string): Record<string, string[]>[] {
  const write = method !== "get" && method !== "head";
  if (path === "/auth/logout") return [{}, { sessionCookie: [], csrfToken: [] }];
  if (isPublic(path)) return [];
  return write ? [{ sessionCookie: [], csrfToken: [] }] : [{ sessionCookie: [] }];
}

/** Adds the servers, security, operationIds and error answers to a generated document (in place). */
export function completeDocument(document: Document): Document {
  document.servers = [{ url: API_BASE, description: "Hiếu Học API, phiên bản 1" }];
  document.components ??= {};
  const components = document.components;
  components.securitySchemes = {
    sessionCookie: {
      type: "apiKey",
      in: "cookie",
      name: sessionCookie,
      description: "Cookie phiên đăng nhập (HttpOnly), do POST /auth/login đặt",
    },
    csrfToken: {
      type: "apiKey",
      in: "header",
      name: "X-CSRF-Token",
      description: "Mã CSRF trả về khi đăng nhập (csrfToken), bắt buộc với mọi yêu cầu ghi có cookie phiên",
    },
  };
  const { $schema: _, ...errorSchema } = z.toJSONSchema(apiError);
  components.schemas = { ...components.schemas, Error: errorSchema };
  components.responses = Object.fromEntries(
    Object.entries(errorResponses).map(([name, [, description]]) => [
      name,
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      operation.operationId ??= operationIdOf(method, path);
      operation.security = securityOf(method, path);
      for (const name of errorsOf(method, path, operation)) {
        const status = String(errorResponses[name][0]);
        operation.responses[status] ??= { $ref: `#/components/responses/${name}` };
      }
    }
  return document;
}

/** Serves the completed document at /openapi.json of the API router (built once, on first request). */
export function serveDocument(api: OpenAPIHono<AppEnv>, info: { title: string; description: string }) {
  let document: Document | undefined;
  api.get("/openapi.json", (c) => {
    document ??= completeDocument(
      api.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { ...info, version: "1", license: { name: "MIT", url: "https://opensource.org/license/mit" } },
      }) as unknown as Document,
    );
    return c.json(document);
  });
}
