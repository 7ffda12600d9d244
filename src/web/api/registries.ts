/**
 * One client for every registry of candidates (hộ, dòng họ, cơ quan, công dân): they share the same routes on the
 * server (src/server/http/registry-routes.ts): list, get, create, update, archive, import, template and export.
 */
import type { RegistryImportReport } from "../../shared/api";
import type { Citizen } from "../../shared/citizens";
import type { Clan } from "../../shared/clans";
import type { Organization } from "../../shared/organizations";
import type { OrganizationKind, PopulationGroup } from "../constants";
import { BASE, request } from "./client";

export type { RegistryImportReport };

export type RegistryListParams = {
  unitId: number;
  q?: string;
  archived?: boolean;
  offset?: number;
  limit?: number;
};

export type RegistryPage<Item> = { items: Item[]; total: number };

/** The client of the registry under `/{segment}`; `listKey` and `itemKey` name the arrays and items in responses. */
export function registryApi<Item, Fields extends object>(segment: string, listKey: string, itemKey: string) {
  const one = (r: Record<string, unknown>) => r[itemKey] as Item;
  return {
    list: (params: RegistryListParams): Promise<RegistryPage<Item>> =>
      request<Record<string, unknown> & { total: number }>("GET", `/${segment}`, {
        query: {
          unitId: params.unitId,
          q: params.q,
          archived: params.archived ? 1 : 0,
          offset: params.offset,
          limit: params.limit,
        },
      }).then((r) => ({ items: r[listKey] as Item[], total: r.total })),
    get: (id: number) => request<Record<string, unknown>>("GET", `/${segment}/${id}`).then(one),
    create: (body: Fields) => request<Record<string, unknown>>("POST", `/${segment}`, { body }).then(one),
    update: (id: number, body: Partial<Fields>) =>
      request<Record<string, unknown>>("PATCH", `/${segment}/${id}`, { body }).then(one),
    /** Archives the row; households need a body (the reason), the other registries none. */
    archive: (id: number, body?: object) =>
      request<unknown>("POST", `/${segment}/${id}/archive`, body === undefined ? {} : { body }),
    importFile: (communeId: number, file: File, dryRun: boolean) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return request<RegistryImportReport>("POST", `/units/${communeId}/${segment}/import`, {
        query: { dryRun: dryRun ? 1 : 0 },
        form,
      });
    },
    templateUrl: `${BASE}/${segment}/template.xlsx`,
    exportUrl: (unitId: number) => `${BASE}/${segment}/export.xlsx?unitId=${unitId}`,
  };
}

export type RegistryApi<Item, Fields extends object> = ReturnType<typeof registryApi<Item, Fields>>;

export type ClanFields = { communeId: number; name: string; headName: string };
export type OrganizationFields = { unitId: number; code?: string; name: string; kind: OrganizationKind };
export type CitizenFields = {
  villageId: number;
  fullName: string;
  birthYear?: number | null;
  group?: PopulationGroup;
};

export const clanApi = {
  ...registryApi<Clan, ClanFields>("clans", "clans", "clan"),
  /** Sets the member households (households of the same commune). */
  setHouseholds: (id: number, householdIds: number[]) =>
    request<{ clan: Clan }>("PUT", `/clans/${id}/households`, { body: { householdIds } }).then((r) => r.clan),
};
export const organizationApi = registryApi<Organization, OrganizationFields>(
  "organizations",
  "organizations",
  "organization",
);
export const citizenApi = registryApi<Citizen, CitizenFields>("citizens", "citizens", "citizen");
