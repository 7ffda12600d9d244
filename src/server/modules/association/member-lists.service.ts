/**
 * Members across chapters: the search over every commune the caller may read members in (the Hội's readers on
 * their units, a chapter secretary in their own chapter), without diacritics through search_name; and a chapter's
 * members on a date, from the membership periods. Both are scoped in the query and run under row-level security.
 */
import { sql } from "kysely";
import type { ChapterMembers, MemberHit, MemberSearch } from "../../../shared/association-lists";
import { members } from "../../../shared/registry/kinds";
import { type Actor, asActor, hasAnyRole } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { rowInScope } from "../../registry/access";
import { readableUnit, searchPattern, underUnit } from "../../registry/units";
import { membersChapter } from "./association.service";

const LIMIT = 50;

/** Whether the caller reads any member at all: the Hội's read permission somewhere, or a chapter of their own. */
const readsMembers = (actor: Actor) => hasAnyRole(actor, "association_read") || actor.chapters.length > 0;

/** A member's birth year, for those who keep the member's list only (its privacy audience is `keepers`). */
const keptBirthYear = (actor: Actor) =>
  sql<number | null>`CASE WHEN ${rowInScope(actor, members, "write", "m")} THEN m.birth_year END`;

/** The members the caller may read (not archived), with their village, commune and chapter. */
function memberRows(tx: Db, actor: Actor) {
  return tx
    .selectFrom("members as m")
    .innerJoin("admin_units as u", "u.id", "m.unit_id")
    .innerJoin("admin_units as cu", "cu.id", "m.commune_id")
    .innerJoin("chapters as c", (j) =>
      j.onRef("c.commune_id", "=", "m.commune_id").onRef("c.id", "=", "m.chapter_id"),
    )
    .select([
      "m.id",
      "m.member_number",
      "m.full_name",
      keptBirthYear(actor).as("birth_year"),
      "m.sex",
      "m.member_kind",
      "m.joined_on",
      "m.left_on",
      "u.id as unit_id",
      "u.name as unit_name",
      "cu.id as commune_id",
      "cu.name as commune_name",
      "c.id as chapter_id",
      "c.code as chapter_code",
      "c.name as chapter_name",
    ])
    .where("m.archived_at", "is", null)
    .where(rowInScope(actor, members, "read", "m"));
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>["execute"]>>[number];

const presentHit = (r: MemberRow): MemberHit => ({
  id: Number(r.id),
  memberNumber: r.member_number,
  fullName: r.full_name,
  birthYear: r.birth_year === null ? null : Number(r.birth_year),
  sex: r.sex,
  memberKind: r.member_kind,
  unit: { id: Number(r.unit_id), name: r.unit_name },
  commune: { id: Number(r.commune_id), name: r.commune_name },
  chapter: { id: Number(r.chapter_id), code: r.chapter_code, name: r.chapter_name },
  joinedOn: r.joined_on,
  leftOn: r.left_on,
});

export type MemberSearchOptions = { q: string; unitId?: number; birthYear?: number };

const refuse = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

/**
 * Members whose folded name holds every word of the folded search text (or whose number is the text), in the
 * caller's scope or under `unitId`: exact names first, then names starting with the text, then by name. At most
 * 50, with `more` when there are others.
 */
export function searchMembers(db: Db, actor: Actor, options: MemberSearchOptions): Promise<MemberSearch> {
  const folded = searchPattern(options.q);
  if (folded.replace(/[^a-z0-9]/g, "").length < 2)
    throw refuse("q", "Nhập ít nhất 2 chữ cái hoặc chữ số của họ tên hoặc số thẻ");
  if (!readsMembers(actor)) throw forbidden("Bạn không có quyền xem hội viên");
  return asActor(db, actor, async (tx) => {
    const unit = options.unitId === undefined ? null : await readableUnit(tx, actor, options.unitId);
    const words = folded.split(" ").filter(Boolean);
    let query = memberRows(tx, actor).where((eb) =>
      eb.or([
        eb.and(words.map((w) => eb("m.search_name", "like", `%${w}%`))),
        eb("m.member_number", "=", options.q.trim()),
      ]),
    );
    if (options.unitId !== undefined) query = query.where(underUnit(options.unitId, "m.unit_id"));
    // Under a commune or a village: the commune's members, one shard (docs/SCALE-OUT.md).
    if (unit?.communeId) query = query.where("m.commune_id", "=", unit.communeId);
    if (options.birthYear !== undefined) query = query.where(keptBirthYear(actor), "=", options.birthYear);
    const rows = await query
      .orderBy(sql`m.search_name = ${folded}`, "desc")
      .orderBy(sql`m.search_name LIKE ${`${folded}%`}`, "desc")
      .orderBy("m.search_name")
      .orderBy("m.id")
      .limit(LIMIT + 1)
      .execute();
    return { members: rows.slice(0, LIMIT).map(presentHit), more: rows.length > LIMIT };
  });
}

/**
 * The members in a chapter on `date` (403 to a caller who reads none of them; 404 outside the scope or, given a
 * commune, in another commune).
 */
export function chapterMembers(
  db: Db,
  actor: Actor,
  chapterId: number,
  date: string,
  communeId?: number,
): Promise<ChapterMembers> {
  return asActor(db, actor, async (tx) => {
    const chapter = await membersChapter(tx, actor, chapterId, communeId);
    // In the chapter on the date: a period [valid_from, valid_to) holding the day.
    const rows = await memberRows(tx, actor)
      .innerJoin("membership_periods as p", (j) =>
        j.onRef("p.commune_id", "=", "m.commune_id").onRef("p.member_id", "=", "m.id"),
      )
      .select("p.valid_from as since")
      .where("m.commune_id", "=", chapter.commune_id)
      .where("p.chapter_id", "=", chapterId)
      .where("p.valid_from", "<=", date)
      .where((eb) => eb.or([eb("p.valid_to", "is", null), eb("p.valid_to", ">", date)]))
      .orderBy("m.member_number")
      .orderBy("m.id")
      .execute();
    return {
      chapter: { id: Number(chapter.id), code: chapter.code, name: chapter.name },
      date,
      members: rows.map((r) => ({ ...presentHit(r), since: r.since })),
    };
  });
}
