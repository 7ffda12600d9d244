/** The commendations API: the register (/commendations), proposal rules and the proposal list of a commune. */
import type {
  Commendation,
  CommendationCreate,
  CommendationFilter,
  CommendationRule,
  CommendationStats,
  CommendationUpdate,
  ProposalList,
  RuleCreate,
} from "../../shared/commendations";
import { BASE, commune, type RowRef, request } from "./client";

export type { Commendation, CommendationRule, CommendationStats, ProposalList };

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const commendationApi = {
  list: (filter: CommendationFilter) =>
    request<{ commendations: Commendation[]; more: boolean }>("GET", "/commendations", { query: filter }),
  exportUrl: (filter: CommendationFilter) => `${BASE}/commendations/export.xlsx?${query(filter)}`,
  stats: (unitId: number, year: number) =>
    request<CommendationStats>("GET", "/commendations/stats", { query: { unitId, year } }),
  create: (body: CommendationCreate) =>
    request<{ commendation: Commendation }>("POST", "/commendations", { body }).then((r) => r.commendation),
  update: (row: RowRef, body: CommendationUpdate) =>
    request<{ commendation: Commendation }>("PATCH", `/commendations/${row.id}`, {
      query: commune(row),
      body,
    }).then((r) => r.commendation),
  remove: (row: RowRef, version: number) =>
    request<{ deleted: boolean }>("DELETE", `/commendations/${row.id}`, {
      query: { ...commune(row), version },
    }),
  rules: (unitId: number) =>
    request<{ rules: CommendationRule[] }>("GET", "/commendation-rules", { query: { unitId } }).then(
      (r) => r.rules,
    ),
  addRule: (body: RuleCreate) =>
    request<{ rule: CommendationRule }>("POST", "/commendation-rules", { body }).then((r) => r.rule),
  /** The rule is named with its unit (a commune, or the province for its rules): looked for there alone. */
  removeRule: (rule: Pick<CommendationRule, "id" | "unit">) =>
    request<{ deleted: boolean }>("DELETE", `/commendation-rules/${rule.id}`, {
      query: commune({ id: rule.id, communeId: rule.unit.id }),
    }),
  proposals: (communeId: number, year: number) =>
    request<ProposalList>("GET", `/units/${communeId}/commendation-proposals`, { query: { year } }),
  proposalsUrl: (communeId: number, year: number) =>
    `${BASE}/units/${communeId}/commendation-proposals.xlsx?year=${year}`,
};
