/** A learning centre's organisation through the API (/api/v1): decisions, staff, history, its classes. */
import type {
  CentreDecision,
  CentreDecisionRequest,
  CentreHistory,
  CentreStaffInput,
  CentreStaffMember,
} from "../../shared/centre-org";
import type { Activity, Centre } from "../../shared/registry/kinds";
import { request } from "./client";

export const centreOrgApi = {
  centre: (id: number) => request<{ centre: Centre }>("GET", `/centres/${id}`).then((r) => r.centre),
  history: (id: number) => request<CentreHistory>("GET", `/centres/${id}/history`),
  addDecision: (id: number, body: CentreDecisionRequest) =>
    request<{ decision: CentreDecision }>("POST", `/centres/${id}/decisions`, { body }),
  setStaff: (id: number, staff: CentreStaffInput[]) =>
    request<{ staff: CentreStaffMember[] }>("PUT", `/centres/${id}/staff`, { body: { staff } }),
  /** The centres of a commune still in activity (not archived). */
  communeCentres: (communeId: number) =>
    request<{ centres: Centre[] }>("GET", "/centres", { query: { unitId: communeId, limit: 500 } }).then(
      (r) => r.centres,
    ),
  /** The centre's classes and talks, through the activities list filtered on the centre (?centreId=). */
  activities: (communeId: number, centreId: number, archived = false) =>
    request<{ activities: Activity[]; total: number }>("GET", "/activities", {
      query: { unitId: communeId, centreId, limit: 500, archived: archived ? 1 : 0 },
    }),
};
