/**
 * Small typed client of the HTTP API (/api/v1): cookie session (same-origin), CSRF header on every write,
 * errors thrown as ApiRequestError carrying the server's Vietnamese message.
 */
import type {
  AuditEntry,
  ImportReport,
  Me,
  RoleName,
  RowError,
  StaleRecord,
  UnitDetail,
  UnitSearchHit,
  UnitSummary,
  UserSummary,
} from "../../shared/api";

export const BASE = "/api/v1";

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** `details.fields` of a validation error: field name → message. */
  get fieldErrors(): Record<string, string> {
    const d = this.details;
    if (d && typeof d === "object" && "fields" in d) {
      const fields = (d as { fields: unknown }).fields;
      if (fields && typeof fields === "object") {
        const out: Record<string, string> = {};
        for (const [key, value] of Object.entries(fields)) {
          if (typeof value === "string") out[key] = value;
          else if (Array.isArray(value) && typeof value[0] === "string") out[key] = value[0];
        }
        return out;
      }
    }
    return {};
  }

  /**
   * Who changed the record since it was read, when a save was refused as stale (409 with `details.stale`);
   * null for any other error. See useSaveErrors (components/useSubmit.ts) for the dialog that shows it.
   */
  get stale(): StaleRecord | null {
    const d = this.details;
    if (this.status !== 409 || !d || typeof d !== "object" || !("stale" in d)) return null;
    const stale = (d as { stale: unknown }).stale;
    return stale && typeof stale === "object" ? (stale as StaleRecord) : null;
  }

  /** `details.rows` of a file import error. */
  get rowErrors(): RowError[] {
    const d = this.details;
    if (d && typeof d === "object" && "rows" in d) {
      const rows = (d as { rows: unknown }).rows;
      if (Array.isArray(rows)) return rows as RowError[];
    }
    return [];
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request (other than login and /auth/me) answers 401: the session has ended. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * A row named by its id and its commune: the server then looks in that commune alone (one shard when the tables are
 * distributed by commune, docs/SCALE-OUT.md).
 */
export type RowRef = { id: number; communeId: number };
/** The query naming a row's commune. */
export const commune = (row: RowRef) => ({ communeId: row.communeId });

type RequestOptions = { query?: Query; body?: unknown; form?: FormData; quiet401?: boolean };

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(BASE + withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError(0, "network", "");
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const error =
      data && typeof data === "object" && "error" in data
        ? (data as { error: { code?: unknown; message?: unknown; details?: unknown } }).error
        : undefined;
    const err = new ApiRequestError(
      response.status,
      typeof error?.code === "string" ? error.code : `http_${response.status}`,
      typeof error?.message === "string" ? error.message : "",
      error?.details,
    );
    if (response.status === 401 && !options.quiet401 && onUnauthorized) onUnauthorized();
    throw err;
  }
  return data as T;
}

/**
 * A POST answered with a file (a generated .docx or PDF): the file as a Blob, or the API's error as
 * ApiRequestError like `request`.
 */
export async function requestBlob(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError(0, "network", "");
  }
  if (response.ok) return response.blob();
  throw await fileError(response);
}

/** The API's error answered instead of a file, as ApiRequestError (a 401 also ends the session on the page). */
async function fileError(response: Response): Promise<ApiRequestError> {
  const data = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (response.status === 401 && onUnauthorized) onUnauthorized();
  return new ApiRequestError(
    response.status,
    data?.error?.code ?? `http_${response.status}`,
    data?.error?.message ?? "",
    data?.error?.details,
  );
}

/**
 * A GET answered with a large file, read chunk by chunk so the page can show how much has arrived: `onProgress`
 * gets the bytes received and the size the server announced (Content-Length; null when it did not). The API's
 * error is thrown as ApiRequestError like `request`.
 */
export async function downloadWithProgress(
  url: string,
  onProgress: (received: number, total: number | null) => void,
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new ApiRequestError(0, "network", "");
  }
  if (!response.ok) throw await fileError(response);
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? undefined });
}

export type Session = { user: Me; csrfToken: string };

export const api = {
  me: () => request<Session>("GET", "/auth/me", { quiet401: true }),
  login: (username: string, password: string) =>
    request<Session>("POST", "/auth/login", { body: { username, password }, quiet401: true }),
  logout: () => request<unknown>("POST", "/auth/logout", { quiet401: true }),

  unitRoots: (date: string) =>
    request<{ units: UnitSummary[] }>("GET", "/units/roots", { query: { date } }).then((r) => r.units),
  unitChildren: (id: number, date: string) =>
    request<{ units: UnitSummary[] }>("GET", `/units/${id}/children`, { query: { date } }).then(
      (r) => r.units,
    ),
  searchUnits: (q: string, date?: string) =>
    request<{ units: UnitSearchHit[] }>("GET", "/units/search", { query: { q, date } }).then((r) => r.units),
  unit: (id: number) => request<{ unit: UnitDetail }>("GET", `/units/${id}`).then((r) => r.unit),

  createVillage: (communeId: number, body: { code?: string; name: string; kind: string }) =>
    request<{ unit: UnitSummary }>("POST", `/units/${communeId}/villages`, { body }),
  /** `version`: the village's version as shown (UnitDetail.version); a stale one answers 409. */
  renameUnit: (id: number, name: string, version: number) =>
    request<unknown>("PATCH", `/units/${id}`, { body: { name, version } }),
  retireUnit: (id: number, date: string, version: number) =>
    request<unknown>("POST", `/units/${id}/retire`, { body: { date, version } }),
  mergeUnit: (id: number, intoId: number, date: string, version: number) =>
    request<unknown>("POST", `/units/${id}/merge`, { body: { intoId, date, version } }),
  importVillages: (communeId: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<ImportReport>("POST", `/units/${communeId}/villages/import`, {
      query: { dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  villageTemplateUrl: `${BASE}/units/villages/template.xlsx`,

  users: () => request<{ users: UserSummary[] }>("GET", "/users").then((r) => r.users),
  createUser: (body: {
    username: string;
    fullName: string;
    password: string;
    role: RoleName;
    unitId: number | null;
  }) => request<unknown>("POST", "/users", { body }),
  addGrant: (userId: number, role: RoleName, unitId: number | null) =>
    request<unknown>("POST", `/users/${userId}/grants`, { body: { role, unitId } }),
  revokeGrant: (grantId: number) => request<unknown>("DELETE", `/grants/${grantId}`),
  /** `version`: the user's version as listed (UserSummary.version); a stale one answers 409. */
  updateUser: (
    userId: number,
    body: { disabled?: boolean; fullName?: string; password?: string; version: number },
  ) => request<unknown>("PATCH", `/users/${userId}`, { body }),

  audit: (params: { unitId?: number; before?: number; limit?: number }) =>
    request<{ entries: AuditEntry[]; nextBefore: number | null }>("GET", "/audit", {
      query: { unitId: params.unitId, before: params.before, limit: params.limit ?? 50 },
    }),
};
