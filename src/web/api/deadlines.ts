/** The programme's calendar of deadlines and the "Ai trễ hạn" table (/deadlines, docs/DEADLINES.md). */
import type { DeadlineKey, DeadlineStatus, DeadlineStatusTable } from "../../shared/deadlines";
import { BASE, request } from "./client";

export type { DeadlineKey, DeadlineStatus, DeadlineStatusTable };

export type StatusFilter = { unitId?: number; year: number; key?: DeadlineKey; status?: DeadlineStatus };

const query = (filter: StatusFilter) =>
  new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const deadlineApi = {
  status: (filter: StatusFilter) =>
    request<DeadlineStatusTable>("GET", "/deadlines/status", { query: filter }),
  csvUrl: (filter: StatusFilter) => `${BASE}/deadlines/status.csv?${query(filter)}`,
};
