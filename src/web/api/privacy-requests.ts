/** The data-subject requests API (/data-requests) and the public holidays. */
import type {
  DataRequest,
  DataRequestCreate,
  DataRequestUpdate,
  PersonMatch,
  PersonSource,
} from "../../shared/privacy-requests";
import { BASE, request } from "./client";

export type { DataRequest, PersonMatch };

export const dataRequestApi = {
  list: (unitId: number, status?: string) =>
    request<{ requests: DataRequest[] }>("GET", "/data-requests", { query: { unitId, status } }).then(
      (r) => r.requests,
    ),
  create: (body: DataRequestCreate) =>
    request<{ request: DataRequest }>("POST", "/data-requests", { body }).then((r) => r.request),
  update: (id: number, body: DataRequestUpdate) =>
    request<{ request: DataRequest }>("PATCH", `/data-requests/${id}`, { body }).then((r) => r.request),
  matches: (id: number, query: { name?: string; birthYear?: number; villageId?: number }) =>
    request<{ matches: PersonMatch[] }>("GET", `/data-requests/${id}/matches`, { query }).then(
      (r) => r.matches,
    ),
  link: (id: number, version: number, records: { source: PersonSource; id: number }[]) =>
    request<{ request: DataRequest }>("PUT", `/data-requests/${id}/records`, {
      body: { version, records },
    }).then((r) => r.request),
  erase: (id: number, version: number) =>
    request<{ request: DataRequest }>("POST", `/data-requests/${id}/erase`, { body: { version } }).then(
      (r) => r.request,
    ),
  copyUrl: (id: number, format: "xlsx" | "json") => `${BASE}/data-requests/${id}/copy.${format}`,
};
