/** The data-subject requests API (/data-requests) and the public holidays. */
import type {
  DataRequest,
  DataRequestCreate,
  DataRequestUpdate,
  PersonMatch,
  PersonSource,
} from "../../shared/privacy-requests";
import { BASE, commune, type RowRef, request, withQuery } from "./client";

export type { DataRequest, PersonMatch };

export const dataRequestApi = {
  list: (unitId: number, status?: string) =>
    request<{ requests: DataRequest[] }>("GET", "/data-requests", { query: { unitId, status } }).then(
      (r) => r.requests,
    ),
  create: (body: DataRequestCreate) =>
    request<{ request: DataRequest }>("POST", "/data-requests", { body }).then((r) => r.request),
  update: (row: RowRef, body: DataRequestUpdate) =>
    request<{ request: DataRequest }>("PATCH", `/data-requests/${row.id}`, {
      query: commune(row),
      body,
    }).then((r) => r.request),
  matches: (row: RowRef, query: { name?: string; birthYear?: number; villageId?: number }) =>
    request<{ matches: PersonMatch[] }>("GET", `/data-requests/${row.id}/matches`, {
      query: { ...commune(row), ...query },
    }).then((r) => r.matches),
  link: (row: RowRef, version: number, records: { source: PersonSource; id: number }[]) =>
    request<{ request: DataRequest }>("PUT", `/data-requests/${row.id}/records`, {
      query: commune(row),
      body: { version, records },
    }).then((r) => r.request),
  erase: (row: RowRef, version: number) =>
    request<{ request: DataRequest }>("POST", `/data-requests/${row.id}/erase`, {
      query: commune(row),
      body: { version },
    }).then((r) => r.request),
  copyUrl: (row: RowRef, format: "xlsx" | "json") =>
    withQuery(`${BASE}/data-requests/${row.id}/copy.${format}`, commune(row)),
};
