/**
 * One client for every registry kind (hộ, dòng họ, cơ quan, công dân, …): the server serves each kind through
 * the same routes (src/server/registry/routes.ts): list, get, create, update, archive, import, template, export,
 * and PUT /{name}/{id}/{kind} for a kind's members.
 */
import type { RegistryImportReport } from "../../shared/api";
import type { KindDeclaration } from "../../shared/registry/declaration";
import {
  type Centre,
  type Citizen,
  type Clan,
  centres,
  citizens,
  clans,
  type Household,
  households,
  type Organization,
  organizations,
} from "../../shared/registry/kinds";
import { BASE, commune, type RowRef, request } from "./client";

export type { RegistryImportReport };

/** An item of any kind, as the API returns it; its other keys are the kind's fields. */
export type RegistryItem = Record<string, unknown> & {
  id: number;
  communeId: number;
  archivedAt: string | null;
  archivedReason?: string | null;
  version: number;
};

export type RegistryListParams = {
  unitId: number;
  q?: string;
  archived?: boolean;
  offset?: number;
  limit?: number;
};

export type RegistryPage<Item> = { items: Item[]; total: number };

/** The client of a kind: /{name} and the item under { entity } in responses. */
export function registryApi<Item = RegistryItem>(kind: Pick<KindDeclaration, "name" | "entity">) {
  const segment = kind.name;
  const one = (r: Record<string, unknown>) => r[kind.entity] as Item;
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
      }).then((r) => ({ items: r[segment] as Item[], total: r.total })),
    get: (row: RowRef) =>
      request<Record<string, unknown>>("GET", `/${segment}/${row.id}`, { query: commune(row) }).then(one),
    create: (body: Record<string, unknown>) =>
      request<Record<string, unknown>>("POST", `/${segment}`, { body }).then(one),
    /** Saves changes to the version the user started from; a stale one is refused with 409. */
    update: (row: RowRef, body: Record<string, unknown> & { version: number }) =>
      request<Record<string, unknown>>("PATCH", `/${segment}/${row.id}`, { query: commune(row), body }).then(
        one,
      ),
    /** Archives the row, with the reason when the kind asks for one. */
    archive: (row: RowRef, reason?: string) =>
      request<unknown>("POST", `/${segment}/${row.id}/archive`, {
        query: commune(row),
        ...(reason === undefined ? {} : { body: { reason } }),
      }),
    /** Sets the members of a row (`key`, e.g. householdIds) kept in the kind named `members`. */
    setMembers: (row: RowRef, key: string, members: string, ids: number[]) =>
      request<Record<string, unknown>>("PUT", `/${segment}/${row.id}/${members}`, {
        query: commune(row),
        body: { [key]: ids },
      }).then(one),
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

export type RegistryApi<Item = RegistryItem> = ReturnType<typeof registryApi<Item>>;

export const householdApi = registryApi<Household>(households);
export const clanApi = registryApi<Clan>(clans);
export const organizationApi = registryApi<Organization>(organizations);
export const citizenApi = registryApi<Citizen>(citizens);
export const centreApi = registryApi<Centre>(centres);
