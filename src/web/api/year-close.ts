/** Closing a year's figures (GET/POST /stats/year-close, POST /stats/year-close/reopen). */
import type { YearCloseStatus } from "../../shared/year-close";
import { request } from "./client";

export type { YearCloseStatus };
export type YearCloseResult = YearCloseStatus & {
  closedNow: number[];
  skipped: { id: number; name: string; reason: string }[];
};

export const yearCloseApi = {
  status: (unitId: number, year: number) =>
    request<YearCloseStatus>("GET", "/stats/year-close", { query: { unitId, year } }),
  close: (unitId: number, year: number) =>
    request<YearCloseResult>("POST", "/stats/year-close", { body: { unitId, year } }),
  reopen: (unitId: number, year: number, reason: string) =>
    request<YearCloseStatus>("POST", "/stats/year-close/reopen", { body: { unitId, year, reason } }),
};
