/** Households of a commune: list, add, edit, archive, Excel import and export. */
import type { ImportReport } from "../../shared/api";
import type { Household } from "../../shared/registries";
import type { ArchiveReason } from "../constants";
import { BASE, request } from "./client";

/** A household import report also says which columns were converted from a legacy encoding. */
export type HouseholdImportReport = ImportReport & { converted?: Record<string, string> };

export type HouseholdFields = {
  villageId: number;
  code?: string;
  headName: string;
  address?: string | null;
  members: number;
  phone?: string | null;
};

export const householdApi = {
  list: (params: { unitId: number; q?: string; archived?: boolean; offset?: number; limit?: number }) =>
    request<{ households: Household[]; total: number }>("GET", "/households", {
      query: {
        unitId: params.unitId,
        q: params.q,
        archived: params.archived ? 1 : 0,
        offset: params.offset,
        limit: params.limit,
      },
    }),
  get: (id: number) => request<{ household: Household }>("GET", `/households/${id}`).then((r) => r.household),
  create: (body: HouseholdFields) =>
    request<{ household: Household }>("POST", "/households", { body }).then((r) => r.household),
  update: (id: number, body: Partial<HouseholdFields>) =>
    request<{ household: Household }>("PATCH", `/households/${id}`, { body }).then((r) => r.household),
  archive: (id: number, reason: ArchiveReason) =>
    request<unknown>("POST", `/households/${id}/archive`, { body: { reason } }),
  importFile: (communeId: number, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<HouseholdImportReport>("POST", `/units/${communeId}/households/import`, {
      query: { dryRun: dryRun ? 1 : 0 },
      form,
    });
  },
  templateUrl: `${BASE}/households/template.xlsx`,
  exportUrl: (unitId: number) => `${BASE}/households/export.xlsx?unitId=${unitId}`,
};
