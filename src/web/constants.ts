/**
 * Enumerations of the API, repeated here so that the web bundle does not pull in zod through src/shared/api.
 * The checks below fail to type-check if a list drifts from the shared schema.
 */
import type { RoleName, villageKinds as sharedVillageKinds } from "../shared/api";
import type { Registration } from "../shared/cycle";
import type { Title } from "../shared/rubric";

export type VillageKind = (typeof sharedVillageKinds)[number];

export const roleList = [
  "system_admin",
  "unit_admin",
  "data_entry",
  "reviewer",
  "viewer",
  "association_admin",
  "chapter_secretary",
  "treasurer",
  "teacher",
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

/** Learning titles (shared/rubric `titles`), in the order of the menu. */
export const titleList = [
  "learning_family",
  "learning_clan",
  "learning_community_village",
  "learning_community_commune",
  "learning_organization",
  "learning_citizen",
  "centre_rating",
] as const satisfies readonly Title[];

export type RegistrationStatus = Registration["status"];
export const registrationStatusList = [
  "registered",
  "assessed",
  "proposed",
  "not_proposed",
  "recognized",
  "revoked",
  "withdrawn",
] as const satisfies readonly RegistrationStatus[];

/** Who holds each title (shared/cycle `subjectKindOfTitle`). */
export const subjectKindOfTitle = {
  learning_family: "household",
  learning_clan: "clan",
  learning_community_village: "village",
  learning_community_commune: "commune",
  learning_organization: "organization",
  learning_citizen: "citizen",
  centre_rating: "centre",
} as const satisfies Record<Title, Registration["subject"]["kind"]>;

const titlesComplete: Same<(typeof titleList)[number], Title> = true;
const statusesComplete: Same<(typeof registrationStatusList)[number], RegistrationStatus> = true;
void titlesComplete;
void statusesComplete;
