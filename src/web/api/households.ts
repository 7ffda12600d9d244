/** Households of a commune: list, add, edit, archive, Excel import and export (the shared registry client). */
import type { Household } from "../../shared/registries";
import type { ArchiveReason } from "../constants";
import { type RegistryImportReport, registryApi } from "./registries";

/** A household import report also says which columns were converted from a legacy encoding. */
export type HouseholdImportReport = RegistryImportReport;

export type HouseholdFields = {
  villageId: number;
  code?: string;
  headName: string;
  address?: string | null;
  members: number;
  phone?: string | null;
};

const base = registryApi<Household, HouseholdFields>("households", "households", "household");

export const householdApi = {
  ...base,
  /** A household is archived with a reason (moved away, merged, no longer exists). */
  archive: (id: number, reason: ArchiveReason) => base.archive(id, { reason }),
};
