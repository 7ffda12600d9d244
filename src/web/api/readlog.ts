/** The processing log (/processing-log) and the breach register (/data-breaches). */
import type {
  Breach,
  BreachCreate,
  BreachUpdate,
  ProcessingFilter,
  ProcessingList,
} from "../../shared/readlog";
import { BASE, request } from "./client";

export type { Breach, ProcessingList };

export const readlogApi = {
  log: (filter: ProcessingFilter) => request<ProcessingList>("GET", "/processing-log", { query: filter }),
  readers: (kind: string, id: number, communeId: number | undefined) =>
    request<ProcessingList>("GET", `/processing-log/records/${kind}/${id}`, { query: { communeId } }),
  breaches: (query: { unitId?: number; open?: boolean }) =>
    request<{ breaches: Breach[] }>("GET", "/data-breaches", {
      query: { unitId: query.unitId, open: query.open ? "1" : undefined },
    }).then((r) => r.breaches),
  createBreach: (body: BreachCreate) =>
    request<{ breach: Breach }>("POST", "/data-breaches", { body }).then((r) => r.breach),
  updateBreach: (id: number, body: BreachUpdate) =>
    request<{ breach: Breach }>("PATCH", `/data-breaches/${id}`, { body }).then((r) => r.breach),
  letterUrl: (id: number) => `${BASE}/data-breaches/${id}/letter.docx`,
};
