/**
 * The chapter tree of a commune on a date: each chapter, grouped by kind (village chapters by their village), with
 * its members on that day counted from the membership periods (in the chapter when valid_from <= date < valid_to),
 * its women and collective members, and the year's dues paid to it by that day; totals per kind and for the
 * commune. The Hội's readers of the commune see every chapter; a chapter secretary their own chapter only. The
 * counts run as the caller under row-level security, on members they may read.
 */
import { sql } from "kysely";
import {
  type ChapterCounts,
  type ChapterKindName,
  type ChapterSummary,
  type ChapterSummaryRow,
  chapterKinds,
} from "../../../shared/association-lists";
import { members } from "../../../shared/registry/kinds";
import { type Actor, asActor, unitInScope } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError, forbidden } from "../../errors";
import { rowInScope } from "../../registry/access";
import { readableUnitRow } from "../territory/territory.repo";

type Row = {
  id: number | string;
  code: string;
  name: string;
  kind: ChapterKindName;
  unit_id: number | string;
  unit_name: string;
  founded_on: string | null;
  archived: boolean;
  members: number | string;
  women: number | string;
  collective: number | string;
  dues_paid: number | string;
  dues_collected: number | string;
};

const zero = (): ChapterCounts => ({ members: 0, women: 0, collective: 0, duesPaid: 0, duesCollected: 0 });

function add(total: ChapterCounts, counts: ChapterCounts) {
  for (const key of Object.keys(total) as (keyof ChapterCounts)[]) total[key] += counts[key];
  return total;
}

/** The commune (404 unseen, 422 not a commune) and whether the caller reads all its chapters' members. */
async function communeOf(tx: Db, actor: Actor, unitId: number) {
  const unit = await readableUnitRow(tx, actor, unitId);
  if (unit.level !== "commune") {
    const message = "Chọn một xã, phường để xem các chi hội";
    throw new AppError("validation", message, { fields: { id: message } });
  }
  const whole = await tx
    .selectFrom("admin_units as u")
    .select("u.id")
    .where("u.id", "=", unitId)
    .where(unitInScope(actor, "association_read", "u.id"))
    .executeTakeFirst();
  return { id: unit.id, name: unit.name, whole: whole !== undefined };
}

export function chapterSummary(db: Db, actor: Actor, unitId: number, date: string): Promise<ChapterSummary> {
  return asActor(db, actor, async (tx) => {
    const commune = await communeOf(tx, actor, unitId);
    // A chapter secretary's chapters in this commune.
    const own =
      commune.whole || actor.chapters.length === 0
        ? []
        : (
            await tx
              .selectFrom("chapters")
              .select("id")
              .where("commune_id", "=", commune.id)
              .where("id", "in", actor.chapters)
              .execute()
          ).map((c) => Number(c.id));
    if (!commune.whole && own.length === 0)
      throw forbidden(
        "Chỉ Hội Khuyến học, người xem của xã, phường và thư ký chi hội xem được số hội viên các chi hội",
      );
    const year = Number(date.slice(0, 4));
    const visible = commune.whole ? sql`true` : sql`c.id = ANY (${own}::bigint[])`;
    // A chapter shows when it stood on the date, or, archived since, when it had members then.
    const { rows } = await sql<Row>`
      WITH active AS (
        SELECT p.chapter_id, m.sex, m.member_kind
        FROM membership_periods p
        JOIN members m ON m.commune_id = p.commune_id AND m.id = p.member_id
        WHERE p.commune_id = ${commune.id} AND p.valid_from <= ${date}::date
          AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
          AND m.archived_at IS NULL AND ${rowInScope(actor, members, "read", "m")}
      ), counts AS (
        SELECT chapter_id, count(*) AS members,
          count(*) FILTER (WHERE member_kind = 'individual' AND sex = 'female') AS women,
          count(*) FILTER (WHERE member_kind = 'collective') AS collective
        FROM active GROUP BY chapter_id
      ), paid AS (
        SELECT chapter_id, member_id, sum(amount) AS net
        FROM dues_payments
        WHERE commune_id = ${commune.id} AND year = ${year} AND paid_on <= ${date}::date
        GROUP BY chapter_id, member_id
      ), dues AS (
        SELECT chapter_id, count(*) FILTER (WHERE net > 0) AS paid, sum(net) AS collected
        FROM paid GROUP BY chapter_id
      )
      SELECT c.id, c.code, c.name, c.kind, u.id AS unit_id, u.name AS unit_name, c.founded_on,
        c.archived_at IS NOT NULL AS archived,
        coalesce(n.members, 0) AS members, coalesce(n.women, 0) AS women,
        coalesce(n.collective, 0) AS collective,
        coalesce(d.paid, 0) AS dues_paid, coalesce(d.collected, 0) AS dues_collected
      FROM chapters c
      JOIN admin_units u ON u.id = c.unit_id
      LEFT JOIN counts n ON n.chapter_id = c.id
      LEFT JOIN dues d ON d.chapter_id = c.id
      WHERE c.commune_id = ${commune.id} AND ${visible}
        AND (c.founded_on IS NULL OR c.founded_on <= ${date}::date)
        AND (c.dissolved_on IS NULL OR c.dissolved_on > ${date}::date)
        AND (c.archived_at IS NULL OR (c.archived_reason <> 'mistake' AND n.members > 0))
      ORDER BY u.code, c.code, c.id`.execute(tx);
    const chapters = rows.map(
      (r): ChapterSummaryRow => ({
        id: Number(r.id),
        code: r.code,
        name: r.name,
        kind: r.kind,
        unit: { id: Number(r.unit_id), name: r.unit_name },
        foundedOn: r.founded_on,
        archived: r.archived,
        counts: {
          members: Number(r.members),
          women: Number(r.women),
          collective: Number(r.collective),
          duesPaid: Number(r.dues_paid),
          duesCollected: Number(r.dues_collected),
        },
      }),
    );
    const groups = chapterKinds
      .map((kind) => {
        const of = chapters.filter((c) => c.kind === kind);
        // Village chapters in the order of their villages; the others by code.
        if (kind !== "village") of.sort((a, b) => a.code.localeCompare(b.code) || a.id - b.id);
        return { kind, chapters: of, totals: of.reduce((t, c) => add(t, c.counts), zero()) };
      })
      .filter((g) => g.chapters.length > 0);
    return {
      commune: { id: commune.id, name: commune.name },
      date,
      year,
      ownChaptersOnly: !commune.whole,
      groups,
      totals: { ...groups.reduce((t, g) => add(t, g.totals), zero()), chapters: chapters.length },
    };
  });
}
