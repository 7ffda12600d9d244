/**
 * The registry kinds the platform serves, in menu order. Adding a kind is a declaration file here (and its
 * migration): the server mounts its routes and the web shows its page from this list.
 */
import type { KindDeclaration } from "../declaration";
import { type Activity, activities } from "./activities";
import { type Beneficiary, beneficiaries } from "./beneficiaries";
import { type Centre, centres } from "./centres";
import { type Chapter, chapters } from "./chapters";
import { type Citizen, citizens } from "./citizens";
import { type Clan, clans } from "./clans";
import { type Donor, donors } from "./donors";
import { type Household, households } from "./households";
import { type Member, members } from "./members";
import { type Organization, organizations } from "./organizations";

export type { Activity, Beneficiary, Centre, Chapter, Citizen, Clan, Donor, Household, Member, Organization };
export {
  activities,
  beneficiaries,
  centres,
  chapters,
  citizens,
  clans,
  donors,
  households,
  members,
  organizations,
};

export const registryKinds: readonly KindDeclaration[] = [
  households,
  clans,
  organizations,
  citizens,
  chapters,
  members,
  donors,
  beneficiaries,
  centres,
  activities,
];

/** The kind named `name` among `kinds` (a reference field names the kind it points at). */
export function kindNamed(name: string, kinds: readonly KindDeclaration[] = registryKinds): KindDeclaration {
  const kind = kinds.find((k) => k.name === name);
  if (!kind) throw new Error(`unknown registry kind ${name}`);
  return kind;
}
