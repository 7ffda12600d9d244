/**
 * The demo ward's list of beneficiaries (registry kind `beneficiaries`), added by the ward officer through the
 * registry's service: the ward's pupils at school in the current school year (with their class of that year), the
 * four teachers who take turns for the teacher's prize, and the pupils of the Hội's last scholarship ceremony who are
 * still at the ward's schools (a third with their household). A proposal of the demo names a beneficiary of the list
 * when the list has them as the award says (kind, name, school and class: what the proposal copies); the earlier
 * years' pupils, in the classes of those years, and the schools' prize lists stay typed.
 */
import { beneficiaries as beneficiaryKind } from "../../shared/registry/kinds";
import { registrySchemas } from "../../shared/registry/schemas";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { createItem } from "../registry/service";
import { type Award, primarySchool, pupilClass, secondarySchool, teacherSchool } from "./demo-fund-awards";
import type { FundPlan } from "./demo-fund-plan";
import { hash } from "./demo-names";

export type ListedPlan = {
  kind: "student" | "teacher";
  fullName: string;
  sex: "male" | "female" | null;
  birthYear: number | null;
  school: string;
  class: string | null;
  /** A household of the ward by its code, else a village by name, else the ward itself. */
  household: string | null;
  village: string | null;
};

/** What a proposal copies from the list: the key an award finds its beneficiary by. */
export const listedKey = (b: { kind: string; name: string; school: string | null; class: string | null }) =>
  [b.kind, b.name, b.school ?? "", b.class ?? ""].join("\u0000");

/** The list as the ward keeps it on `today`, from the fund's plan and households (code and village). */
export function listedPlan(
  plan: FundPlan,
  today: string,
  homes: { code: string; village: string }[],
): ListedPlan[] {
  const year = Number(today.slice(0, 4));
  const schoolYear = today.slice(5) >= "09-01" ? year : year - 1;
  const villageOf = (name: string) =>
    homes.length ? homes[hash(`listed:${name}`) % homes.length]!.village : null;
  const pupils = plan.school.pupils.flatMap((p): ListedPlan[] => {
    const place = pupilClass(p, schoolYear);
    if (!place) return [];
    const { school, class: className } = place;
    const birthYear = 2015 - p.firstGrade;
    return [
      {
        kind: "student",
        fullName: p.name,
        sex: p.sex,
        birthYear,
        school,
        class: className,
        household: null,
        village: villageOf(p.name),
      },
    ];
  });
  const teachers = plan.school.teachers.map(
    (name, i): ListedPlan => ({
      kind: "teacher",
      fullName: name,
      sex: null,
      birthYear: null,
      school: teacherSchool(i),
      class: null,
      household: null,
      village: null,
    }),
  );
  const ceremony = plan.years.flatMap((y) => y.steps).find((s) => s.step === "award");
  const ceremonyPupils =
    ceremony?.step === "award"
      ? ceremony.recipients.flatMap((r): ListedPlan[] => {
          const grade = Number.parseInt(r.class, 10) + schoolYear - ceremony.schoolYear;
          if (grade > 9) return [];
          const school = grade <= 5 ? primarySchool : secondarySchool;
          return [
            {
              kind: "student",
              fullName: r.name,
              sex: r.sex === "Nam" ? "male" : "female",
              birthYear: r.birthYear,
              school,
              class: `${grade}${r.class.replace(/^\d+/, "")}`,
              household: r.household,
              village: r.village,
            },
          ];
        })
      : [];
  return [...teachers, ...pupils, ...ceremonyPupils];
}

/** Adds the list as `officer` (the registry's `write`); returns the ids by `listedKey`. */
export async function addListed(tx: Db, officer: Actor, ward: number, list: ListedPlan[]) {
  const villages = new Map(
    (
      await tx
        .selectFrom("admin_units")
        .select(["id", "name"])
        .where("parent_id", "=", ward)
        .where("valid_to", "is", null)
        .execute()
    ).map((v) => [v.name, v.id]),
  );
  const households = new Map(
    (
      await tx
        .selectFrom("households")
        .select(["id", "code", "village_id"])
        .where("commune_id", "=", ward)
        .execute()
    ).map((h) => [h.code, h]),
  );
  const input = registrySchemas(beneficiaryKind).input;
  const ids = new Map<string, number>();
  for (const b of list) {
    const home = b.household ? households.get(b.household) : undefined;
    const body = input.parse({
      unitId: home?.village_id ?? (b.village && villages.get(b.village)) ?? ward,
      fullName: b.fullName,
      kind: b.kind,
      sex: b.sex,
      birthYear: b.birthYear,
      school: b.school,
      class: b.class,
      householdId: home?.id ?? null,
    });
    const made = await createItem(tx, officer, beneficiaryKind, body);
    ids.set(listedKey({ kind: b.kind, name: b.fullName, school: b.school, class: b.class }), made.id);
  }
  return ids;
}

/** The beneficiary of the list an award names, if the list has them as the award says. */
export const listedFor = (ids: Map<string, number>, a: Award) => ids.get(listedKey(a));
