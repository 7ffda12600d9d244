/**
 * Every call the demo makes into the yearly cycle, in one place: the same service functions the API routes call,
 * as the demo users. When the cycle services change (a `version` on the assessment save, a signer's post on
 * decisions), this is the one file to adapt.
 */
import type { SubjectKindName } from "../../shared/cycle";
import type { RubricDefinition, Title } from "../../shared/rubric";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { draftDecision, holdReview, issueDecision } from "../modules/cycle/decisions.service";
import { assessRegistration, registerSubjects } from "../modules/cycle/registrations.service";

export type Sheet = { scores?: Record<string, number>; items?: Record<string, boolean> };

/** POST /registrations: one call for the whole list. */
export const register = (
  tx: Db,
  actor: Actor,
  year: number,
  title: Title,
  subjects: { kind: SubjectKindName; id: number }[],
) => registerSubjects(tx, actor, { year, title, subjects });

/** POST /registrations/{id}/assessment. */
export const assess = (tx: Db, actor: Actor, registrationId: number, sheet: Sheet) =>
  assessRegistration(tx, actor, registrationId, sheet);

/** POST /reviews: one meeting of a village or the ward, with its outcome for each form. */
export const review = (
  tx: Db,
  actor: Actor,
  input: {
    unitId: number;
    year: number;
    title: Title;
    heldOn: string;
    participants: string;
    minutes?: string;
    outcomes: { registrationId: number; proposed: boolean; note?: string }[];
  },
) => holdReview(tx, actor, input);

/** POST /decisions: a recognition decision for a proposal list, drafted by one person. */
export const draft = (
  tx: Db,
  actor: Actor,
  input: {
    communeId: number;
    year: number;
    title: Title;
    number: string;
    signedOn: string;
    agencyName: string;
    signerTitle: string;
    signerName: string;
    registrationIds: number[];
  },
) => draftDecision(tx, actor, { ...input, kind: "recognition" });

/** POST /decisions/{id}/issue: signed by a reviewer who did not draft it; records get certificates. */
export const issue = (tx: Db, actor: Actor, decisionId: number) => issueDecision(tx, actor, decisionId);

/** The registrations of a year and title in some communes, by subject, with the criteria set each one uses. */
export async function registrationsBySubject(
  tx: Db,
  communeIds: number[],
  year: number,
  title: Title,
): Promise<Map<number, { id: number; definition: RubricDefinition; passed: boolean | null }>> {
  const rows = await tx
    .selectFrom("registrations as r")
    .innerJoin("rubrics as b", "b.id", "r.rubric_id")
    .select(["r.id", "r.subject_id", "r.passed", "b.definition"])
    .where("r.commune_id", "in", communeIds)
    .where("r.year", "=", year)
    .where("r.title", "=", title)
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.subject_id),
      { id: Number(r.id), definition: r.definition as RubricDefinition, passed: r.passed },
    ]),
  );
}
