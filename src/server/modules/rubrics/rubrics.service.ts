/** Criteria sets stored as versioned data: seeded from RULES.md, new versions by admins, never edited in place. */
import { sql } from "kysely";
import {
  type RubricDefinition,
  rubric as rubricSchema,
  type StoredRubric,
  type Title,
} from "../../../shared/rubric";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { UnitLevel } from "../../db/schema";
import { AppError, forbidden, notFound } from "../../errors";
import { validationError } from "../../http/context";
import { recordAudit } from "../audit/audit.repo";
import { canOnUnit } from "../territory/territory.repo";
import { pickRubric } from "./rubric.evaluate";
import { seedRubrics } from "./rubric.seeds";

export type { StoredRubric };

function hasUnconfirmed(value: unknown): boolean {
  return JSON.stringify(value).includes('"unconfirmed":true');
}

async function insertVersion(
  tx: Db,
  input: unknown,
  version: number,
  createdBy: number | null,
  provinceId: number | null,
) {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { meta, definition } = parsed.data;
  return tx
    .insertInto("rubrics")
    .values({
      code: meta.code,
      version,
      title: meta.title,
      name: meta.name,
      legal_number: meta.legalBasis.number,
      legal_date: meta.legalBasis.date,
      legal_issuer: meta.legalBasis.issuer,
      effective_from: meta.effectiveFrom,
      effective_to: meta.effectiveTo,
      province_id: provinceId,
      unit_level: meta.unitLevel ?? null,
      notes: meta.notes ?? null,
      scheme: definition.scheme,
      definition: JSON.stringify(definition),
      deadlines: JSON.stringify(meta.deadlines),
      unconfirmed: hasUnconfirmed(parsed.data),
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Inserts the seed sets that are not there yet (version 1 of each code). Idempotent. */
export async function ensureSeedRubrics(db: Db): Promise<number> {
  const existing = new Set((await db.selectFrom("rubrics").select("code").execute()).map((r) => r.code));
  let added = 0;
  for (const seed of seedRubrics) {
    if (existing.has(seed.meta.code)) continue;
    await insertVersion(db, seed, 1, null, null);
    added++;
  }
  return added;
}

function present(row: {
  id: number;
  code: string;
  version: number;
  title: Title;
  name: string;
  legal_number: string;
  legal_date: string | null;
  legal_issuer: string;
  effective_from: string;
  effective_to: string | null;
  province_id: number | null;
  unit_level: UnitLevel | null;
  notes: string | null;
  scheme: "points" | "levels";
  definition: unknown;
  deadlines: unknown;
  unconfirmed: boolean;
  confirmed_at: Date | string | null;
}): StoredRubric {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: row.title,
    name: row.name,
    legalNumber: row.legal_number,
    legalDate: row.legal_date,
    legalIssuer: row.legal_issuer,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    provinceId: row.province_id,
    unitLevel: row.unit_level,
    notes: row.notes,
    scheme: row.scheme,
    definition: row.definition as RubricDefinition,
    deadlines: row.deadlines as StoredRubric["deadlines"],
    unconfirmed: row.unconfirmed && row.confirmed_at === null,
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
  };
}

export async function loadRubrics(tx: Db, filter: { title?: Title } = {}): Promise<StoredRubric[]> {
  let query = tx.selectFrom("rubrics").selectAll();
  if (filter.title) query = query.where("title", "=", filter.title);
  return (await query.orderBy("title").orderBy("effective_from").orderBy("version").execute()).map(present);
}

export async function loadRubric(tx: Db, id: number): Promise<StoredRubric> {
  const row = await tx.selectFrom("rubrics").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Không tìm thấy bộ tiêu chí");
  return present(row);
}

/** The set in force for a title and year in a province (a provincial variant before the national set). */
export async function rubricForYear(
  tx: Db,
  title: Title,
  year: number,
  provinceId: number,
  unitLevel?: UnitLevel,
) {
  const chosen = pickRubric(await loadRubrics(tx, { title }), title, year, provinceId, unitLevel);
  if (!chosen) throw new AppError("validation", `Chưa có bộ tiêu chí "${title}" có hiệu lực cho năm ${year}`);
  return chosen;
}

export const listRubrics = (db: Db, actor: Actor, title?: Title) =>
  asActor(db, actor, (tx) => loadRubrics(tx, { title }));

/**
 * A new version of a set (same code): system admins for national sets, province admins for their province's
 * variant. Past evaluations keep the version they used.
 */
export async function createRubricVersion(db: Db, actor: Actor, input: unknown, provinceId: number | null) {
  return asActor(db, actor, async (tx) => {
    if (provinceId === null ? !actor.global : !(await canOnUnit(tx, actor, "admin", provinceId)))
      throw forbidden(
        "Chỉ quản trị hệ thống (bộ tiêu chí quốc gia) hoặc quản trị tỉnh (biến thể của tỉnh) được sửa bộ tiêu chí",
      );
    const code = (input as { meta?: { code?: string } }).meta?.code ?? "";
    const { rows } = await sql<{ version: number }>`
      SELECT coalesce(max(version), 0) + 1 AS version FROM rubrics WHERE code = ${code}`.execute(tx);
    // Written as the owner: criteria sets are not scoped rows; the role check above is the gate.
    await sql`RESET ROLE`.execute(tx);
    const { id } = await insertVersion(tx, input, rows[0]!.version, actor.userId, provinceId);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "rubric",
      entityId: id,
      unitId: provinceId,
      after: input,
    });
    return loadRubric(tx, id);
  });
}

export async function confirmRubric(db: Db, actor: Actor, id: number) {
  return asActor(db, actor, async (tx) => {
    const rubric = await loadRubric(tx, id);
    if (
      rubric.provinceId === null ? !actor.global : !(await canOnUnit(tx, actor, "admin", rubric.provinceId))
    )
      throw forbidden("Bạn không có quyền xác nhận bộ tiêu chí này");
    await sql`RESET ROLE`.execute(tx);
    await tx
      .updateTable("rubrics")
      .set({ confirmed_by: actor.userId, confirmed_at: new Date() })
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, actor, {
      action: "confirm",
      entity: "rubric",
      entityId: id,
      unitId: rubric.provinceId,
      after: { confirmed: true },
    });
    return loadRubric(tx, id);
  });
}
