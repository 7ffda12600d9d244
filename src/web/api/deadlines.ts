/** The programme's calendar of deadlines and the "Ai trễ hạn" table (/deadlines, docs/DEADLINES.md). */
import type {
  DeadlineKey,
  DeadlineLevel,
  DeadlineStatus,
  DeadlineStatusTable,
  EffectiveDeadline,
} from "../../shared/deadlines";
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
  own: (provinceId: number) =>
    request<{ province: { id: number; name: string }; mayEdit: boolean; versions: EffectiveDeadline[] }>(
      "GET",
      "/deadlines/own",
      { query: { provinceId } },
    ),
  set: (body: {
    provinceId: number;
    key: DeadlineKey;
    level: DeadlineLevel;
    day: number;
    month: number;
    yearOffset: number;
    validFrom: number;
    startDay?: number | null;
    startMonth?: number | null;
  }) => request<{ deadline: EffectiveDeadline }>("POST", "/deadlines", { body }),
  remove: (id: number) => request<void>("DELETE", `/deadlines/${id}`),
};
