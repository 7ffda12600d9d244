/**
 * Enumerations of the API, repeated here so that the web bundle does not pull in zod through src/shared/api.
 * The checks below fail to type-check if a list drifts from the shared schema.
 */
import type { RoleName, villageKinds as sharedVillageKinds } from "../shared/api";

export type VillageKind = (typeof sharedVillageKinds)[number];

export const roleList = [
  "system_admin",
  "unit_admin",
  "data_entry",
  "reviewer",
  "viewer",
] as const satisfies readonly RoleName[];

export const villageKindList = [
  "Thôn",
  "Tổ dân phố",
  "Khu phố",
  "Ấp",
  "Bản",
  "Khu dân cư",
] as const satisfies readonly VillageKind[];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesComplete: Same<(typeof roleList)[number], RoleName> = true;
const villageKindsComplete: Same<(typeof villageKindList)[number], VillageKind> = true;
void rolesComplete;
void villageKindsComplete;
