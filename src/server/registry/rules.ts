/**
 * Rules across the fields of a row that a declaration cannot state (a join date after the birth year, a village
 * chapter in a village): checked by the service on every create and update and by the import on every row, with
 * a Vietnamese message naming the field. A kind without rules has none to check.
 */
import type { KindDeclaration } from "../../shared/registry/declaration";
import { chapterRules, memberRules } from "../modules/association/rules";
import { beneficiaryRules } from "../modules/fund/beneficiaries";
import { today } from "../modules/territory/dates";

/** A refused value: the field key and why. */
export type RuleProblem = { key: string; message: string };

export type RowContext = {
  /** The row's values by field key: the stored ones with the body's over them. */
  values: Record<string, unknown>;
  /** The keys the body or the file row gives. */
  given: ReadonlySet<string>;
  /** The stored row, when updating. */
  before: Record<string, unknown> | null;
  /** The level of the row's unit. */
  unitLevel: string;
  /** Today, ISO (the import and the service pass the same day to every row). */
  today: string;
};

export type KindRules = (row: RowContext) => RuleProblem | null;

const rulesByKind: Record<string, KindRules> = {
  chapters: chapterRules,
  members: memberRules,
  beneficiaries: beneficiaryRules,
};

export const rulesOf = (kind: KindDeclaration): KindRules | undefined => rulesByKind[kind.name];

/** Today in Việt Nam (UTC+7), ISO. */
/** Today in Vietnam: one definition (territory/dates.ts). */
export const todayIso = today;
