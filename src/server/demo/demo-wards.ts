/**
 * The people and places of one demo ward across the 2025 reform. Before it, the families lived in groups of the
 * old wards and were on those wards' lists; at the reform the old lists were closed (households "moved") and the
 * new ward drew up its own, with a few families gone and a few new ones. The same family keeps its key, so its
 * habits (and its place in the statistics) carry across.
 */
import type { SubjectKindName } from "../../shared/cycle";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { clans as clanNames, hash, type Person, people, random } from "./demo-names";
import type { DemoWardPlan } from "./demo-plan";
import {
  archiveOldRegistry,
  type HouseholdRow,
  importCitizenList,
  importClanList,
  importHouseholdList,
  importOrganizationList,
} from "./demo-registry";
import { communeId, ensureOldVillage, reassignVillage, villageByName } from "./demo-territory";

export type Subject = { key: string; kind: SubjectKindName; id: number };

/** The units of one era: the old wards' groups (before 2025) or the new ward's (from 2025). */
export type Side = {
  villages: {
    communeId: number;
    villageId: number;
    name: string;
    households: Subject[];
    citizens: Subject[];
  }[];
  /** The ward itself and its ward-level lists; before 2025 only when one old ward merged whole into it. */
  ward: { communeId: number; clans: Subject[]; organizations: Subject[] } | null;
};

type Family = {
  key: string;
  head: Person;
  members: number;
  address: string;
  before: boolean;
  after: boolean;
};
type Citizen = { key: string; person: Person; birthYear: number; group: string };

export type Ward = {
  plan: DemoWardPlan;
  communeId: number;
  name: string;
  before: Side;
  /** Filled in by the reform. */
  after: Side | null;
  /** Old communes whose counters this ward's history touches. */
  oldCommuneIds: number[];
  families: Family[][];
  citizens: Citizen[][];
  oldVillageIds: number[];
  newVillageIds: number[];
};

/** A group's families: most stay through the reform, a few leave before it and a few arrive after it. */
function familiesOf(plan: DemoWardPlan, index: number): Family[] {
  const count = plan.villages[index]!.households;
  const arriving = Math.round(count * 0.1);
  const leaving = Math.round(count * 0.07);
  const next = random(hash(`homes:${plan.commune}:${index}`));
  const lane = plan.commune.startsWith("27") ? "hẻm" : "ngõ";
  return people(hash(`households:${plan.commune}:${index}`), count + leaving).map((head, j) => ({
    key: `${plan.commune}:${index}:${j}`,
    head,
    members: 2 + Math.floor(next() * 5),
    address: `Số ${3 + Math.floor(next() * 120)}, ${lane} ${1 + Math.floor(next() * 40)}`,
    before: j < count - arriving || j >= count,
    after: j < count,
  }));
}

function citizensOf(plan: DemoWardPlan, index: number): Citizen[] {
  const next = random(hash(`citizen-years:${plan.commune}:${index}`));
  const groups = ["Cán bộ, công chức", "Công nhân", "Khác", "Nông dân"];
  // Adults only: the demo never names a minor.
  return people(hash(`citizens:${plan.commune}:${index}`), plan.citizensPerVillage, 0.5).map((person, j) => ({
    key: `${plan.commune}:${index}:c${j}`,
    person,
    birthYear: 1962 + Math.floor(next() * 38),
    group: groups[Math.floor(next() * groups.length)]!,
  }));
}

const code = (n: number) => String(n).padStart(4, "0");

/** Household rows of a commune's list, numbered in the commune, and the family key of each code. */
function householdRows(entries: { village: string; family: Family }[]) {
  const keyByCode = new Map<string, string>();
  const rows: HouseholdRow[] = entries.map(({ village, family }, i) => {
    keyByCode.set(code(i + 1), family.key);
    return {
      code: code(i + 1),
      village,
      headName: family.head.name,
      headSex: family.head.sex,
      members: family.members,
      address: family.address,
    };
  });
  return { rows, keyByCode };
}

async function idsByColumn(
  tx: Db,
  table: "households" | "clans" | "organizations",
  column: "code" | "name",
  commune: number,
) {
  const rows = await tx
    .selectFrom(table)
    .select(["id", `${column} as key`])
    .where("commune_id", "=", commune)
    .where("archived_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [String(r.key), Number(r.id)]));
}

async function citizenIds(tx: Db, villageId: number) {
  const rows = await tx
    .selectFrom("citizens")
    .select(["id", "full_name"])
    .where("village_id", "=", villageId)
    .where("archived_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.full_name, Number(r.id)]));
}

/**
 * Writes one side's lists through the registry imports (one file per list and commune, as an officer would) and
 * returns the subjects with their ids.
 */
async function drawUpLists(
  tx: Db,
  actor: Actor,
  ward: Ward,
  era: "before" | "after",
  places: { communeId: number; villageId: number; name: string }[],
  wardCommuneId: number | null,
): Promise<Side> {
  const { plan } = ward;
  const byCommune = new Map<number, { village: string; family: Family }[]>();
  places.forEach((place, index) => {
    const list = byCommune.get(place.communeId) ?? [];
    for (const family of ward.families[index]!) if (family[era]) list.push({ village: place.name, family });
    byCommune.set(place.communeId, list);
  });
  const householdKeys = new Map<number, Map<string, string>>();
  for (const [commune, entries] of byCommune) {
    const { rows, keyByCode } = householdRows(entries);
    await importHouseholdList(tx, actor, commune, rows);
    householdKeys.set(commune, keyByCode);
  }
  for (const [commune, entries] of groupBy(places, ward.citizens))
    if (entries.length > 0) await importCitizenList(tx, actor, commune, entries);
  let wardSide: Side["ward"] = null;
  const wardClans = clanNames(hash(`clans:${plan.commune}`), plan.clans);
  if (wardCommuneId !== null) {
    if (wardClans.length > 0) await importClanList(tx, actor, wardCommuneId, wardClans);
    if (plan.organizations.length > 0)
      await importOrganizationList(tx, actor, wardCommuneId, plan.organizations);
    const clanIds = await idsByColumn(tx, "clans", "name", wardCommuneId);
    const orgIds = await idsByColumn(tx, "organizations", "code", wardCommuneId);
    wardSide = {
      communeId: wardCommuneId,
      clans: wardClans.map((c) => ({
        key: `clan:${plan.commune}:${c.name}`,
        kind: "clan",
        id: clanIds.get(c.name)!,
      })),
      organizations: plan.organizations.map((o) => ({
        key: `org:${plan.commune}:${o.code}`,
        kind: "organization",
        id: orgIds.get(o.code)!,
      })),
    };
  }
  const villages: Side["villages"] = [];
  for (const [index, place] of places.entries()) {
    const ids = await idsByColumn(tx, "households", "code", place.communeId);
    const keyByCode = householdKeys.get(place.communeId)!;
    const households: Subject[] = [...keyByCode]
      .filter(([, key]) => key.startsWith(`${plan.commune}:${index}:`))
      .map(([c, key]) => ({ key, kind: "household", id: ids.get(c)! }));
    const people = await citizenIds(tx, place.villageId);
    const citizens: Subject[] = ward.citizens[index]!.map((c) => ({
      key: c.key,
      kind: "citizen",
      id: people.get(c.person.name)!,
    }));
    villages.push({ ...place, households, citizens });
  }
  return { villages, ward: wardSide };
}

/** Citizens' rows grouped by commune (one import per commune). */
function groupBy(places: { communeId: number; name: string }[], citizens: Citizen[][]) {
  const out = new Map<number, { village: string; fullName: string; birthYear: number; group: string }[]>();
  places.forEach((place, index) => {
    const list = out.get(place.communeId) ?? [];
    for (const c of citizens[index]!)
      list.push({ village: place.name, fullName: c.person.name, birthYear: c.birthYear, group: c.group });
    out.set(place.communeId, list);
  });
  return out;
}

/** The ward before the reform: its old groups created and the old wards' lists drawn up. */
export async function setUpWard(tx: Db, plan: DemoWardPlan, actor: Actor): Promise<Ward> {
  const ward = await tx
    .selectFrom("admin_units")
    .select(["id", "name"])
    .where("level", "=", "commune")
    .where("code", "=", plan.commune)
    .where("valid_to", "is", null)
    .executeTakeFirstOrThrow();
  const places: { communeId: number; villageId: number; name: string }[] = [];
  const newVillageIds: number[] = [];
  for (const village of plan.villages) {
    const oldCommune = await communeId(tx, village.from.commune, true);
    const villageId = await ensureOldVillage(tx, oldCommune, village.from.name, village.kind);
    places.push({ communeId: oldCommune, villageId, name: village.from.name });
    const current = await villageByName(tx, Number(ward.id), village.name);
    if (!current) throw new Error(`Dữ liệu dùng thử: thiếu ${village.name} của ${ward.name}`);
    newVillageIds.push(current.id);
  }
  const merged = plan.mergedWhole === null ? null : await communeId(tx, plan.mergedWhole, true);
  const state: Ward = {
    plan,
    communeId: Number(ward.id),
    name: ward.name,
    before: { villages: [], ward: null },
    after: null,
    oldCommuneIds: [...new Set([...places.map((p) => p.communeId), ...(merged === null ? [] : [merged])])],
    families: plan.villages.map((_, index) => familiesOf(plan, index)),
    citizens: plan.villages.map((_, index) => citizensOf(plan, index)),
    oldVillageIds: places.map((p) => p.villageId),
    newVillageIds,
  };
  state.before = await drawUpLists(tx, actor, state, "before", places, merged);
  return state;
}

/**
 * 1 July 2025: the old lists are closed, the new ward draws up its own and every old group goes into its new
 * group. The archive comes first: it names the household's group, which must still be the old one.
 */
export async function reform(tx: Db, ward: Ward, actor: Actor) {
  const { before } = ward;
  await archiveOldRegistry(tx, actor, {
    households: before.villages.flatMap((v) => v.households.map((s) => s.id)),
    clans: before.ward?.clans.map((s) => s.id) ?? [],
    organizations: before.ward?.organizations.map((s) => s.id) ?? [],
    citizens: before.villages.flatMap((v) => v.citizens.map((s) => s.id)),
  });
  for (const [index, oldId] of ward.oldVillageIds.entries())
    await reassignVillage(tx, oldId, ward.newVillageIds[index]!);
  const places = ward.plan.villages.map((v, index) => ({
    communeId: ward.communeId,
    villageId: ward.newVillageIds[index]!,
    name: v.name,
  }));
  ward.after = await drawUpLists(tx, actor, ward, "after", places, ward.communeId);
}
