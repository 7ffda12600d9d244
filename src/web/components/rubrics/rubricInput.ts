/** A criteria set's version as the editor's form values: prefilled from a stored version, cleaned for the API. */
import type { Rubric, RubricDefinition, StoredRubric } from "../../../shared/rubric";

/** Drops every "chưa xác minh" flag (a confirmed version's flags no longer apply). */
function withoutFlags<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "unconfirmed" ? undefined : v))) as T;
}

const flagged = (value: unknown) => JSON.stringify(value).includes('"unconfirmed":true');

/** The request body of a new version with the values of a stored one. */
export function rubricInputOf(stored: StoredRubric): Rubric {
  const confirmed = !stored.unconfirmed;
  const definition = confirmed ? withoutFlags(stored.definition) : structuredClone(stored.definition);
  const deadlines = confirmed ? withoutFlags(stored.deadlines) : structuredClone(stored.deadlines);
  return {
    meta: {
      code: stored.code,
      title: stored.title,
      unitLevel: stored.unitLevel,
      name: stored.name,
      legalBasis: { number: stored.legalNumber, date: stored.legalDate ?? "", issuer: stored.legalIssuer },
      effectiveFrom: stored.effectiveFrom,
      effectiveTo: stored.effectiveTo,
      deadlines,
      notes: stored.notes ?? undefined,
      // The version's own flag covers its legal details when nothing below is flagged.
      unconfirmed: stored.unconfirmed && !flagged([definition, deadlines]) ? true : undefined,
    },
    definition,
  };
}

/** Empty optional numbers and texts as the API expects them (absent, or null where null is allowed). */
export function cleaned(values: Rubric): Rubric {
  const drop = (o: Record<string, unknown>, key: string) => {
    if (o[key] === null || o[key] === undefined || o[key] === "") delete o[key];
  };
  const copy = structuredClone(values);
  const meta = copy.meta as Rubric["meta"] & Record<string, unknown>;
  if (!meta.effectiveTo) meta.effectiveTo = null;
  drop(meta, "notes");
  const definition = copy.definition as RubricDefinition & Record<string, unknown>;
  if (definition.scheme === "points") {
    for (const criterion of definition.criteria) drop(criterion as Record<string, unknown>, "minPoints");
    for (const threshold of definition.thresholds)
      if (threshold.grade === undefined) (threshold as Record<string, unknown>).grade = null;
  } else {
    drop(definition, "waitMonthsBetweenLevels");
    drop(definition, "validityYears");
    for (const level of definition.levels) drop(level as Record<string, unknown>, "requires");
  }
  return copy;
}
