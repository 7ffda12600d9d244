/**
 * A learning centre's organisation through the API (/api/v1): decisions, staff, history, its classes. Each call on
 * one centre names its commune (`?communeId=`): the server looks there alone (docs/SCALE-OUT.md).
 */
import type {
  CentreDecision,
  CentreDecisionRequest,
  CentreHistory,
  CentreStaffInput,
  CentreStaffMember,
} from "../../shared/centre-org";
import type { Activity, Centre } from "../../shared/registry/kinds";
import { commune, type RowRef, request } from "./client";

export const centreOrgApi = {
  /** One centre; its commune when known (an old link to the centre's page names none: then by id alone). */
  centre: (id: number, communeId?: number) =>
    request<{ centre: Centre }>("GET", `/centres/${id}`, { query: { communeId } }).then((r) => r.centre),
  history: (centre: RowRef) =>
    request<CentreHistory>("GET", `/centres/${centre.id}/history`, { query: commune(centre) }),
  addDecision: (centre: RowRef, body: CentreDecisionRequest) =>
    request<{ decision: CentreDecision }>("POST", `/centres/${centre.id}/decisions`, {
      query: commune(centre),
      body,
    }),
  setStaff: (centre: RowRef, staff: CentreStaffInput[]) =>
    request<{ staff: CentreStaffMember[] }>("PUT", `/centres/${centre.id}/staff`, {
      query: commune(centre),
      body: { staff },
    }),
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
