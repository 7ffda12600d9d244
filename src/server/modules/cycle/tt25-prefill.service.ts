/**
 * Suggestions for the centre-related items of a commune's self-assessment (Cộng đồng học tập cấp xã: TT 25/2023's
 * "Trung tâm học tập cộng đồng hoạt động hiệu quả, được đánh giá đạt" at both levels, TT 44/2014's "… được xếp
 * loại tốt"), from the issued ratings (`centre_rating`) of the commune's centres for the registration's year.
 * Read only: nothing is written, the score sheet applies a suggestion when the officer asks (docs/CENTRES.md,
 * "Gợi ý cho hồ sơ TT 25").
 */
import { sql } from "kysely";
import { type Grade, gradeLabels, type RubricDefinition } from "../../../shared/rubric";
import { foldText } from "../../../shared/text";
import { centreGradeMet, type ItemSuggestion, type SuggestionsResponse } from "../../../shared/tt25-prefill";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { citizenHoursSuggestions, shortCentre } from "../learner-evidence/hours.service";
import { loadRubric } from "../rubrics/rubrics.service";
import { loadRegistration } from "./registrations.service";

/** An item is centre-related when its text names the community learning centre (any set, provincial ones too). */
const centreItem = (text: string) => foldText(text).includes("trung tam hoc tap cong dong");

/** The items of a set about the centre, with their maximum for a points set. */
function centreItems(definition: RubricDefinition): { key: string; maxPoints: number | null }[] {
  if (definition.scheme === "points")
    return definition.criteria.flatMap((c) =>
      c.items.filter((i) => centreItem(i.text)).map((i) => ({ key: i.key, maxPoints: i.maxPoints })),
    );
  return definition.levels.flatMap((l) =>
    l.criteria.flatMap((c) =>
      c.items.filter((i) => centreItem(i.text)).map((i) => ({ key: i.key, maxPoints: null })),
    ),
  );
}

const dayMonthYear = (iso: string) => {
  const [year, month, day] = String(iso).slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
};

type CentreRating = {
  name: string;
  grade: string | null;
  number: string | null;
  signed_on: string | null;
};

/**
 * The commune's centres that count for the year, each with its issued rating of that year if any: centres not
 * archived by the end of the year (a row archived as a mistake never counts) and founded by then, and any centre
 * rated that year whatever became of it since.
 */
async function centreRatings(tx: Db, actor: Actor, communeId: number, year: number) {
  const yearEnd = `${year}-12-31`;
  const nextYear = `${year + 1}-01-01T00:00:00+07:00`;
  return tx
    .selectFrom("learning_centres as c")
    .leftJoin("registrations as r", (join) =>
      join
        .onRef("r.commune_id", "=", "c.commune_id")
        .onRef("r.subject_id", "=", "c.id")
        .on("r.subject_kind", "=", "centre")
        .on("r.title", "=", "centre_rating")
        .on("r.year", "=", year)
        .on("r.status", "=", "recognized"),
    )
    .leftJoin("decisions as d", (join) =>
      join
        .onRef("d.commune_id", "=", "r.commune_id")
        .onRef("d.id", "=", "r.decision_id")
        .on("d.status", "=", "issued"),
    )
    .select(["c.name", "r.grade", "d.number", "d.signed_on"])
    .where("c.commune_id", "=", communeId)
    .where(unitInScope(actor, "read", "c.commune_id"))
    .where((eb) =>
      eb.or([
        eb("d.id", "is not", null),
        eb.and([
          eb.or([
            eb("c.archived_at", "is", null),
            eb("c.archived_at", ">=", sql<Date>`${nextYear}::timestamptz`),
          ]),
          eb.or([eb("c.archived_reason", "is", null), eb("c.archived_reason", "<>", "mistake")]),
          eb.or([eb("c.founded_on", "is", null), eb("c.founded_on", "<=", yearEnd)]),
        ]),
      ]),
    )
    .orderBy("c.code")
    .orderBy("c.id")
    .execute() as Promise<CentreRating[]>;
}

/** One line per centre, and what they suggest: đạt when every centre is rated tốt, chưa đạt when one is rated lower. */
function suggestFrom(centres: CentreRating[], communeName: string, year: number) {
  if (centres.length === 0)
    return {
      met: null,
      sources: [`${communeName}: sổ theo dõi chưa có trung tâm học tập cộng đồng hoạt động năm ${year}`],
    };
  const rated = (c: CentreRating) => c.grade !== null && c.number !== null;
  const sources = centres.map((c) =>
    rated(c)
      ? `${shortCentre(c.name)}: xếp loại ${gradeLabels[c.grade as Grade] ?? c.grade}, QĐ ${c.number} ngày ${dayMonthYear(c.signed_on!)}`
      : `${shortCentre(c.name)}: chưa xếp loại năm ${year}`,
  );
  const met = centres.some((c) => rated(c) && c.grade !== centreGradeMet)
    ? false
    : centres.every(rated)
      ? true
      : null;
  return { met, sources };
}

/** With `communeId` (always from the web) the registration is looked for in that commune alone (one shard). */
export async function registrationSuggestions(
  db: Db,
  actor: Actor,
  registrationId: number,
  communeId?: number,
): Promise<SuggestionsResponse> {
  return asActor(db, actor, async (tx) => {
    const registration = await loadRegistration(tx, actor, registrationId, communeId);
    const locked = !["registered", "assessed"].includes(registration.status);
    if (registration.title === "learning_citizen") {
      const { definition } = await loadRubric(tx, registration.rubric.id);
      return { suggestions: await citizenHoursSuggestions(tx, actor, registration, definition), locked };
    }
    if (registration.title !== "learning_community_commune") return { suggestions: [], locked };
    const items = centreItems((await loadRubric(tx, registration.rubric.id)).definition);
    if (items.length === 0) return { suggestions: [], locked };
    const centres = await centreRatings(tx, actor, registration.communeId, registration.year);
    const { met, sources } = suggestFrom(centres, registration.subject.name, registration.year);
    const note = sources.join("; ").slice(0, 2000);
    const suggestions: ItemSuggestion[] = items.map((item) => ({
      itemKey: item.key,
      met,
      points: item.maxPoints === null || met === null ? null : met ? item.maxPoints : 0,
      sources,
      note,
    }));
    return { suggestions, locked };
  });
}
