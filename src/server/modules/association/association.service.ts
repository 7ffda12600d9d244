/**
 * The Hội Khuyến học beyond its registry kinds: a chapter's executive committee (read by whoever reads the
 * chapter's members; set by the Hội or the chapter's secretary, audited) and a member's chapters over time (the
 * membership periods the database keeps on every change of chapter or leaving).
 */
import { sql } from "kysely";
import type { MemberChapters, Officer, OfficerPost } from "../../../shared/association";
import { chapters, members } from "../../../shared/registry/kinds";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { forbidden, notFound } from "../../errors";
import { rowInScope } from "../../registry/access";
import { unitRule } from "../../registry/service";
import { writableUnit } from "../../registry/units";
import { recordAudit } from "../audit/audit.repo";

/**
 * A chapter the caller may read (404 otherwise). Given its commune, it is looked for there alone (one shard,
 * docs/SCALE-OUT.md): a chapter of another commune is not found.
 */
export async function readableChapter(tx: Db, actor: Actor, chapterId: number, communeId?: number) {
  let query = tx
    .selectFrom("chapters as r")
    .select(["r.id", "r.commune_id", "r.province_id", "r.unit_id", "r.code", "r.name"])
    .where("r.id", "=", chapterId)
    .where(rowInScope(actor, chapters, "read"));
  if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
  const chapter = await query.executeTakeFirst();
  if (!chapter) throw notFound("Không tìm thấy chi hội, hoặc chi hội nằm ngoài phạm vi của bạn");
  return chapter;
}

/**
 * A chapter whose members (and committee and dues) the caller may read: the Hội's readers of its unit or its own
 * secretary; 403 to anyone else who sees the chapter (a government clerk), 404 outside the scope.
 */
export async function membersChapter(tx: Db, actor: Actor, chapterId: number, communeId?: number) {
  const chapter = await readableChapter(tx, actor, chapterId, communeId);
  const reader = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", chapter.unit_id)
    .where(unitInScope(actor, "association_read", "u.id"))
    .executeTakeFirst();
  if (!reader && !actor.chapters.includes(chapterId))
    throw forbidden(
      "Chỉ Hội Khuyến học, người xem của đơn vị và thư ký chi hội xem được hội viên của chi hội",
    );
  return chapter;
}

/** Officers are read like the chapter's members: the Hội's readers and the chapter's secretary. */
const officersVisible = (actor: Actor) => rowInScope(actor, members, "read", "o");

async function currentOfficers(tx: Db, actor: Actor, communeId: number, chapterId: number) {
  const rows = await tx
    .selectFrom("chapter_officers as o")
    .select(["o.id", "o.full_name", "o.post", "o.term_from", "o.term_to"])
    .where("o.commune_id", "=", communeId)
    .where("o.chapter_id", "=", chapterId)
    .where("o.removed_at", "is", null)
    .where(officersVisible(actor))
    .orderBy(sql`array_position(ARRAY['chair', 'vice_chair', 'member'], o.post)`)
    .orderBy("o.id")
    .execute();
  return rows.map(
    (o): Officer => ({
      id: o.id,
      fullName: o.full_name,
      post: o.post,
      termFrom: o.term_from,
      termTo: o.term_to,
    }),
  );
}

export const getCommittee = (db: Db, actor: Actor, chapterId: number, communeId?: number) =>
  asActor(db, actor, async (tx) => {
    const chapter = await membersChapter(tx, actor, chapterId, communeId);
    return { officers: await currentOfficers(tx, actor, chapter.commune_id, chapterId) };
  });

export type OfficerInput = { fullName: string; post: OfficerPost; termFrom: string; termTo?: string | null };

/** Sets the committee to exactly `officers`: the ones no longer listed are kept as removed (history). */
export function setCommittee(
  db: Db,
  actor: Actor,
  chapterId: number,
  officers: OfficerInput[],
  communeId?: number,
) {
  return asActor(db, actor, async (tx) => {
    const chapter = await readableChapter(tx, actor, chapterId, communeId);
    // The Hội on the chapter's unit, or the chapter's own secretary.
    await writableUnit(tx, actor, chapter.unit_id, {
      ...unitRule(chapters),
      permission: "association",
      secretary: actor.chapters.includes(chapterId),
    });
    const before = await currentOfficers(tx, actor, chapter.commune_id, chapterId);
    await tx
      .updateTable("chapter_officers")
      .set({ removed_at: new Date() })
      .where("commune_id", "=", chapter.commune_id)
      .where("chapter_id", "=", chapterId)
      .where("removed_at", "is", null)
      .execute();
    if (officers.length > 0)
      await tx
        .insertInto("chapter_officers")
        .values(
          officers.map((o) => ({
            commune_id: chapter.commune_id,
            province_id: chapter.province_id,
            chapter_id: chapterId,
            unit_id: chapter.unit_id,
            full_name: o.fullName.replace(/\s+/g, " ").trim(),
            post: o.post,
            term_from: o.termFrom,
            term_to: o.termTo ?? null,
          })),
        )
        .execute();
    const after = await currentOfficers(tx, actor, chapter.commune_id, chapterId);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "chapter_committee",
      entityId: chapterId,
      unitId: chapter.unit_id,
      before: { officers: before },
      after: { officers: after },
    });
    return { officers: after };
  });
}

/**
 * A member's chapters over time, and the one on `date` (none before joining or from the day of leaving). Given the
 * member's commune, the member is looked for there alone (one shard).
 */
export function memberChapters(
  db: Db,
  actor: Actor,
  memberId: number,
  date: string,
  communeId?: number,
): Promise<MemberChapters> {
  return asActor(db, actor, async (tx) => {
    let query = tx
      .selectFrom("members as r")
      .select(["r.id", "r.commune_id"])
      .where("r.id", "=", memberId)
      .where(rowInScope(actor, members, "read"));
    if (communeId !== undefined) query = query.where("r.commune_id", "=", communeId);
    const member = await query.executeTakeFirst();
    if (!member) throw notFound("Không tìm thấy hội viên, hoặc hội viên nằm ngoài phạm vi của bạn");
    // A chapter secretary sees the periods in their own chapter only (row-level security on the periods).
    const rows = await tx
      .selectFrom("membership_periods as p")
      .innerJoin("chapters as c", (j) =>
        j.onRef("c.commune_id", "=", "p.commune_id").onRef("c.id", "=", "p.chapter_id"),
      )
      .select(["p.chapter_id", "c.code", "c.name", "p.valid_from", "p.valid_to"])
      .where("p.commune_id", "=", member.commune_id)
      .where("p.member_id", "=", memberId)
      .orderBy("p.valid_from")
      .orderBy("p.id")
      .execute();
    const periods = rows.map((r) => ({
      chapter: { id: r.chapter_id, code: r.code, name: r.name },
      from: r.valid_from,
      to: r.valid_to,
    }));
    const on = periods.find((p) => p.from <= date && (p.to === null || p.to > date));
    return { memberId, date, chapter: on?.chapter ?? null, periods };
  });
}
