/**
 * The review minutes (biên bản họp bình xét) of a commune or village for a title and year, from what the cycle
 * stored: the meetings (date, participants, their notes) and each reviewed record's outcome. The chair, the
 * secretary, the place and the attendees are inputs of the request, each with a default.
 */
import { subjectKindOfTitle } from "../../../shared/cycle";
import { type ReviewMinutesQuery, reviewMinutesDefaults } from "../../../shared/lists";
import { titleLabels } from "../../../shared/rubric";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { listsVillage } from "../../documents/decision.docx";
import { unitInSentence } from "../../documents/nd30-names";
import { renderReviewMinutes } from "../../documents/review-minutes.docx";
import { AppError } from "../../errors";
import { today } from "../territory/dates";
import { agencyOf, yearRecords, yearUnit } from "./year-records";

/** Participants as the meetings wrote them ("A, B; C" or one a line), each once. */
function attendeeLines(texts: readonly string[]): string[] {
  const lines = texts.flatMap((t) => t.split(/\r?\n|;/u)).map((l) => l.trim().replace(/[.;,]$/u, ""));
  return [...new Set(lines.filter(Boolean))];
}

export async function reviewMinutes(
  db: Db,
  actor: Actor,
  unitId: number,
  query: ReviewMinutesQuery,
): Promise<{ bytes: Buffer; fileName: string }> {
  return asActor(db, actor, async (tx) => {
    const unit = await yearUnit(tx, actor, unitId);
    const all = await yearRecords(tx, actor, unit, { year: query.year, title: query.title });
    const reviewed = all.filter((r) => r.reviewId !== null);
    if (reviewed.length === 0)
      throw new AppError(
        "validation",
        `${unit.name} chưa có cuộc họp bình xét danh hiệu “${titleLabels[query.title]}” năm ${query.year}: ghi kết quả họp ở bước 3 (Bình xét) trước`,
        { fields: { year: "Chưa có cuộc họp bình xét" } },
      );
    // The meetings that decided on these records (held at the unit, or above it for a village): those the caller
    // may read; without any, the defaults stand.
    const meetings = await tx
      .selectFrom("reviews as m")
      .select(["m.held_on", "m.participants", "m.minutes"])
      .where("m.commune_id", "=", unit.communeId)
      .where("m.id", "in", [...new Set(reviewed.map((r) => r.reviewId!))])
      .where(unitInScope(actor, "read", "m.unit_id"))
      .orderBy("m.held_on")
      .orderBy("m.id")
      .execute();
    const kind = subjectKindOfTitle[query.title];
    const proposed = reviewed.filter((r) => r.status !== "not_proposed").length;
    const heldOn = query.heldOn ?? (meetings.length ? String(meetings.at(-1)!.held_on) : today());
    const agency = agencyOf(unit);
    const bytes = await renderReviewMinutes({
      agencyParent: agency.superior,
      agency: agency.issuer,
      unitName: unit.name,
      communeName: unit.commune,
      titleLabel: titleLabels[query.title],
      year: query.year,
      subjectKind: kind,
      heldOn,
      place: query.place || `hội trường ${unitInSentence(unit.name)}`,
      chair: {
        name: query.chairName ?? "",
        title: query.chairTitle || reviewMinutesDefaults.chairTitle,
      },
      secretary: { name: query.secretaryName ?? "", title: reviewMinutesDefaults.secretaryTitle },
      attendees: query.attendees
        ? attendeeLines([query.attendees])
        : attendeeLines(meetings.map((m) => m.participants)),
      discussion: meetings.flatMap((m) =>
        (m.minutes ?? "")
          .split(/\r?\n/u)
          .map((l) => l.trim())
          .filter(Boolean),
      ),
      counts: {
        registered: all.length,
        assessed: all.filter((r) => r.status !== "registered").length,
        reviewed: reviewed.length,
        proposed,
        notProposed: reviewed.length - proposed,
      },
      candidates: reviewed.map((r) => ({
        name: r.name,
        village: listsVillage(kind) ? r.village : "",
        result: r.result,
        proposed: r.status !== "not_proposed",
        note: r.reviewNote ?? "",
      })),
    });
    return { bytes, fileName: `bien-ban-binh-xet-${query.title}-${query.year}.docx` };
  });
}
