/**
 * Closing a year's figures (docs/STATISTICS.md, "Closing a year"; migration 0050). A commune closes its year once
 * its decisions of that year are issued (at least one recognition decision issued, no decision of the year left a
 * draft); a province, or any unit above communes, closes for every commune of its subtree in force that may be
 * closed and is not yet, and is told which were left and why. Closing copies the commune's totals (title_totals:
 * per unit and title) into year_totals, so the year's rates no longer follow today's registries (frozen-totals.ts).
 * Reopening takes a reason; the closure and its frozen rows stay as history. Both are audited per commune.
 */
import { sql } from "kysely";
import type {
  YearCloseCommune,
  YearCloseEvent,
  YearCloseRequest,
  YearCloseStatus,
  YearReopenRequest,
} from "../../../shared/year-close";
import { mayOnUnit, requireOnUnit } from "../../auth/capabilities";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/audit.repo";
import { today, vietnamTime } from "../territory/dates";
import { readableUnitRow } from "../territory/territory.repo";

type UnitRow = { id: number; code: string; name: string; level: string };

const iso = (at: Date | string) => new Date(at).toISOString();

async function unitOf(tx: Db, actor: Actor, unitId: number): Promise<UnitRow> {
  const { id, code, name, level } = await readableUnitRow(tx, actor, unitId);
  if (level === "village")
    throw new AppError(
      "validation",
      "Số liệu năm được khóa theo xã, phường (hoặc tỉnh khóa cho các xã): chọn xã, phường hoặc tỉnh",
      { fields: { unitId: "Chọn xã, phường hoặc tỉnh, không chọn thôn, tổ dân phố" } },
    );
  return { id, code, name, level };
}

/** Why a commune's year cannot be closed, or null. */
function blockerOf(c: Omit<YearCloseCommune, "blocker">, year: number): string | null {
  if (c.closure) return null;
  if (c.draftDecisions > 0)
    return `${c.name} còn ${c.draftDecisions} dự thảo quyết định năm ${year} chưa ban hành: ban hành hoặc hủy dự thảo trước khi khóa số liệu năm`;
  if (c.issuedDecisions === 0)
    return `${c.name} chưa ban hành quyết định công nhận nào của năm ${year}: số liệu năm được khóa sau khi ban hành quyết định`;
  return null;
}

/**
 * The communes of the unit (itself for a commune; those of its subtree in force, or closed for the year, above),
 * their decisions of the year and their closure in force, in one query.
 */
async function communesOf(tx: Db, unit: UnitRow, year: number): Promise<YearCloseCommune[]> {
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    issued: number;
    drafts: number;
    closure_id: number | null;
    closed_at: Date | string | null;
    closed_by_name: string | null;
  }>`
    SELECT c.id, c.code, c.name,
      (SELECT count(*)::int FROM decisions d WHERE d.commune_id = c.id AND d.year = ${year}
        AND d.kind = 'recognition' AND d.status = 'issued') AS issued,
      (SELECT count(*)::int FROM decisions d WHERE d.commune_id = c.id AND d.year = ${year}
        AND d.status = 'draft') AS drafts,
      k.id AS closure_id, k.closed_at, k.closed_by_name
    FROM admin_units c
    LEFT JOIN year_closures k ON k.commune_id = c.id AND k.year = ${year} AND k.reopened_at IS NULL
    WHERE c.level = 'commune' AND c.id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unit.id})
      AND (c.id = ${unit.id} OR k.id IS NOT NULL OR (c.valid_to IS NULL OR c.valid_to > ${today()}))
    ORDER BY c.name, c.id`.execute(tx);
  return rows.map((r) => {
    const commune = {
      id: Number(r.id),
      code: r.code,
      name: r.name,
      issuedDecisions: Number(r.issued),
      draftDecisions: Number(r.drafts),
      closure:
        r.closure_id === null
          ? null
          : { id: Number(r.closure_id), closedAt: iso(r.closed_at!), closedByName: r.closed_by_name ?? "" },
    };
    return { ...commune, blocker: blockerOf(commune, year) };
  });
}

async function historyOf(tx: Db, unitId: number, year: number): Promise<YearCloseEvent[]> {
  const rows = await tx
    .selectFrom("year_closures as k")
    .innerJoin("admin_units as c", "c.id", "k.commune_id")
    .select([
      "k.commune_id",
      "c.name",
      "k.closed_at",
      "k.closed_by_name",
      "k.reopened_at",
      "k.reopened_by_name",
      "k.reopen_reason",
    ])
    .where("k.year", "=", year)
    .where(
      "k.commune_id",
      "in",
      tx.selectFrom("admin_unit_paths").select("descendant_id").where("ancestor_id", "=", unitId),
    )
    .orderBy(sql`coalesce(k.reopened_at, k.closed_at)`, "desc")
    .orderBy("k.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    communeId: Number(r.commune_id),
    communeName: r.name,
    closedAt: iso(r.closed_at),
    closedByName: r.closed_by_name,
    reopenedAt: r.reopened_at === null ? null : iso(r.reopened_at),
    reopenedByName: r.reopened_by_name,
    reopenReason: r.reopen_reason,
  }));
}

async function statusIn(tx: Db, actor: Actor, unit: UnitRow, year: number): Promise<YearCloseStatus> {
  const communes = await communesOf(tx, unit, year);
  const closed = communes.filter((c) => c.closure).length;
  return {
    unit,
    year,
    state: closed === 0 ? "open" : closed === communes.length ? "closed" : "partly",
    communes,
    history: await historyOf(tx, unit.id, year),
    canClose: await mayOnUnit(tx, actor, "stats.year.close", unit.id),
  };
}

export function yearCloseStatus(db: Db, actor: Actor, query: YearCloseRequest): Promise<YearCloseStatus> {
  return asActor(db, actor, async (tx) =>
    statusIn(tx, actor, await unitOf(tx, actor, query.unitId), query.year),
  );
}

const totalsByTitle = (rows: { commune_id: number; title: string; total: number }[], communeId: number) =>
  Object.fromEntries(
    rows.filter((r) => Number(r.commune_id) === communeId).map((r) => [r.title, Number(r.total)]),
  );

/**
 * Closes the year for the commune, or for every commune of the unit that may be closed. 409 when none may (the
 * reason of each); the result lists the communes closed now and those left with their reason.
 */
export async function closeYear(
  db: Db,
  actor: Actor,
  input: YearCloseRequest,
): Promise<
  YearCloseStatus & { closedNow: number[]; skipped: { id: number; name: string; reason: string }[] }
> {
  return asActor(db, actor, async (tx) => {
    const unit = await unitOf(tx, actor, input.unitId);
    await requireOnUnit(tx, actor, "stats.year.close", unit.id, unit.name);
    if (input.year > Number(today().slice(0, 4)))
      throw new AppError(
        "validation",
        `Năm ${input.year} chưa đến: chỉ khóa số liệu của năm đã qua hoặc năm nay`,
        {
          fields: { year: "Năm chưa đến" },
        },
      );
    const communes = await communesOf(tx, unit, input.year);
    const eligible = communes.filter((c) => !c.closure && !c.blocker);
    const skipped = communes
      .filter((c) => c.closure || c.blocker)
      .map((c) => ({
        id: c.id,
        name: c.name,
        reason:
          c.blocker ??
          `Số liệu năm ${input.year} của ${c.name} đã khóa lúc ${vietnamTime(c.closure!.closedAt)} (${c.closure!.closedByName})`,
      }));
    if (eligible.length === 0)
      throw new AppError(
        "conflict",
        communes.length === 0
          ? `${unit.name} không có xã, phường nào để khóa số liệu năm ${input.year}`
          : unit.level === "commune"
            ? skipped[0]!.reason
            : `Chưa khóa được số liệu năm ${input.year} của xã, phường nào thuộc ${unit.name}: ${skipped
                .slice(0, 5)
                .map((s) => s.reason)
                .join("; ")}${skipped.length > 5 ? `; và ${skipped.length - 5} xã, phường khác` : ""}`,
        { communes: skipped },
      );
    const ids = eligible.map((c) => c.id);
    // A closing at the same moment for the same commune and year: the unique index keeps one, the other skips it.
    const closures = await sql<{ id: number; commune_id: number }>`
      INSERT INTO year_closures AS k (commune_id, province_id, year, closed_by, closed_by_name)
      SELECT c.id, coalesce((SELECT p.ancestor_id FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
          WHERE p.descendant_id = c.id AND a.level = 'province' LIMIT 1), c.id),
        ${input.year}, ${actor.userId}, ${actor.name}
      FROM admin_units c WHERE c.id = ANY (${ids}::bigint[])
      ON CONFLICT (commune_id, year) WHERE reopened_at IS NULL DO NOTHING
      RETURNING k.id, k.commune_id`.execute(tx);
    const closureIds = closures.rows.map((r) => Number(r.id));
    const frozen = await sql<{ commune_id: number; title: string; total: number }>`
      WITH inserted AS (
        INSERT INTO year_totals (commune_id, closure_id, unit_id, title, province_id, total)
        SELECT k.commune_id, k.id, t.unit_id, t.title, t.province_id, t.total
        FROM year_closures k JOIN title_totals t ON t.commune_id = k.commune_id
        WHERE k.id = ANY (${closureIds}::bigint[]) AND t.total <> 0
        RETURNING commune_id, title, total
      )
      SELECT commune_id, title, sum(total)::int AS total FROM inserted GROUP BY 1, 2`.execute(tx);
    for (const closure of closures.rows)
      await recordAudit(tx, actor, {
        action: "close",
        entity: "year_closure",
        entityId: `${closure.commune_id}:${closure.id}`,
        unitId: Number(closure.commune_id),
        after: { year: input.year, totals: totalsByTitle(frozen.rows, Number(closure.commune_id)) },
      });
    return {
      ...(await statusIn(tx, actor, unit, input.year)),
      closedNow: closures.rows.map((r) => Number(r.commune_id)),
      skipped,
    };
  });
}

/** Reopens the year of the commune, or of every closed commune of the unit, with a reason (audited). */
export async function reopenYear(
  db: Db,
  actor: Actor,
  input: YearReopenRequest,
): Promise<YearCloseStatus & { reopenedNow: number[] }> {
  return asActor(db, actor, async (tx) => {
    const unit = await unitOf(tx, actor, input.unitId);
    await requireOnUnit(tx, actor, "stats.year.close", unit.id, unit.name);
    const reopened = await sql<{ id: number; commune_id: number; closed_at: Date | string }>`
      UPDATE year_closures SET reopened_at = now(), reopened_by = ${actor.userId},
        reopened_by_name = ${actor.name}, reopen_reason = ${input.reason}
      WHERE year = ${input.year} AND reopened_at IS NULL
        AND commune_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unit.id})
      RETURNING id, commune_id, closed_at`.execute(tx);
    if (reopened.rows.length === 0)
      throw new AppError(
        "conflict",
        `Số liệu năm ${input.year} của ${unit.name} chưa khóa: không có gì để mở lại`,
      );
    for (const row of reopened.rows)
      await recordAudit(tx, actor, {
        action: "reopen",
        entity: "year_closure",
        entityId: `${row.commune_id}:${row.id}`,
        unitId: Number(row.commune_id),
        before: { year: input.year, closedAt: iso(row.closed_at) },
        after: { year: input.year, reason: input.reason },
      });
    return {
      ...(await statusIn(tx, actor, unit, input.year)),
      reopenedNow: reopened.rows.map((r) => Number(r.commune_id)),
    };
  });
}
