/**
 * The records of one title and year in a commune or village, as the year's documents print them: the subject's
 * name (a household by its head), the village, the self-assessment's result, the review's outcome and the
 * decision. One scoped query (registrationQuery: the caller's units), row-level security behind it.
 */
import { sql } from "kysely";
import type { Registration } from "../../../shared/cycle";
import { type Evaluation, type RecognitionTitle, titleLabels } from "../../../shared/rubric";
import type { Actor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { registrationQuery } from "../cycle/registrations.service";
import { initials } from "../fund/award-disclosure";
import { listAncestors, readableUnitRow } from "../territory/territory.repo";

export type YearRecord = {
  id: number;
  kind: string;
  /** As printed: a minor citizen by initials. */
  name: string;
  headSex: "male" | "female" | null;
  village: string;
  status: Registration["status"];
  /** "Đạt (92/100)", "Đạt mức độ 1", or "" before the self-assessment. */
  result: string;
  /** The review meeting that decided on it, or null. */
  reviewId: number | null;
  reviewNote: string | null;
  decision: { number: string; signedOn: string; issued: boolean } | null;
};

export type YearUnit = {
  id: number;
  name: string;
  level: "commune" | "village";
  /** The commune: the unit itself, or the village's. */
  communeId: number;
  commune: string;
  province: string;
};

/** The unit of a list or minutes: a commune or a village in the caller's scope (404 outside it). */
export async function yearUnit(tx: Db, actor: Actor, unitId: number): Promise<YearUnit> {
  const unit = await readableUnitRow(tx, actor, unitId);
  if (unit.level !== "commune" && unit.level !== "village")
    throw new AppError(
      "validation",
      "Danh sách và biên bản lập cho một xã, phường hoặc một thôn, tổ dân phố: chọn đơn vị cấp đó",
      { fields: { id: "Chọn xã, phường hoặc thôn, tổ dân phố" } },
    );
  const ancestors = await listAncestors(tx, unitId);
  const commune = unit.level === "commune" ? unit : ancestors.find((a) => a.level === "commune");
  return {
    id: unit.id,
    name: unit.name,
    level: unit.level,
    communeId: Number(commune?.id ?? unit.id),
    commune: commune?.name ?? unit.name,
    province: ancestors.find((a) => a.level === "province")?.name ?? "",
  };
}

function resultText(result: unknown): string {
  const evaluation = result as Evaluation | null;
  if (!evaluation?.label) return "";
  return evaluation.scheme === "points" && evaluation.total !== undefined
    ? `${evaluation.label} (${evaluation.total}/${evaluation.maxPoints})`
    : evaluation.label;
}

/** A citizen under 18 in the year of the list is never named (initials only). */
const isMinor = (birthYear: number | null, year: number) => birthYear !== null && year - birthYear < 18;

export async function yearRecords(
  tx: Db,
  actor: Actor,
  unit: Pick<YearUnit, "id" | "communeId">,
  filter: { year: number; title: RecognitionTitle; only?: "reviewed" | "recognized" },
): Promise<YearRecord[]> {
  let query = registrationQuery(tx, actor)
    .leftJoin("decisions as d", (join) =>
      join.onRef("d.commune_id", "=", "r.commune_id").onRef("d.id", "=", "r.decision_id"),
    )
    .select([
      "d.number as decision_number",
      "d.signed_on as decision_signed_on",
      "d.status as decision_status",
      sql<
        "male" | "female" | null
      >`CASE WHEN r.subject_kind = 'household' THEN (SELECT head_sex FROM households s
        WHERE s.commune_id = r.commune_id AND s.id = r.subject_id) END`.as("head_sex"),
      sql<number | null>`CASE WHEN r.subject_kind = 'citizen' THEN (SELECT birth_year FROM citizens s
        WHERE s.commune_id = r.commune_id AND s.id = r.subject_id) END`.as("birth_year"),
    ])
    // The unit's commune alone (one shard; docs/SCALE-OUT.md): the unit is that commune or one of its villages.
    .where("r.commune_id", "=", unit.communeId)
    .where("r.year", "=", filter.year)
    .where("r.title", "=", filter.title)
    .where("r.status", "!=", "withdrawn")
    .where(
      sql<boolean>`r.scope_unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unit.id})`,
    );
  if (filter.only === "reviewed") query = query.where("r.review_id", "is not", null);
  if (filter.only === "recognized")
    query = query.where("r.status", "=", "recognized").where("d.status", "=", "issued");
  const rows = await query
    .orderBy("v.name")
    .orderBy(sql`subject_name`)
    .orderBy("r.id")
    .limit(50_000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.subject_kind,
    name: isMinor(r.birth_year, filter.year) ? initials(r.subject_name ?? "") : (r.subject_name ?? ""),
    headSex: r.head_sex,
    village: r.village_name ?? "",
    status: r.status,
    result: resultText(r.result),
    reviewId: r.review_id,
    reviewNote: r.review_note,
    decision:
      r.decision_number && r.decision_signed_on
        ? {
            number: r.decision_number,
            signedOn: String(r.decision_signed_on),
            issued: r.decision_status === "issued",
          }
        : null,
  }));
}

/** Who compiles a unit's lists and holds its review: the Hội's chapter of a village, the Hội of a commune. */
export function agencyOf(unit: YearUnit): { superior: string; issuer: string } {
  return unit.level === "village"
    ? { superior: `Hội Khuyến học ${unit.commune}`, issuer: `Chi hội khuyến học ${unit.name}` }
    : { superior: `Hội Khuyến học ${unit.province}`, issuer: `Hội Khuyến học ${unit.commune}` };
}

/** "Gia đình học tập" as a phrase of a heading: “Gia đình học tập” năm 2025. */
export const titlePhrase = (title: RecognitionTitle, year: number) => `“${titleLabels[title]}” năm ${year}`;
