/**
 * Report templates as versioned data (migration 0036): the national seeds inserted at start when missing, a new
 * version by a system administrator (national) or a province's administrator (the province's own), never an edit
 * in place (a trigger refuses it). Like the criteria sets (modules/rubrics).
 */
import { type Selectable, sql } from "kysely";
import {
  type ReportTemplate,
  type TemplateInput,
  type TemplateOutline,
  templateInput,
} from "../../../shared/reports";
import { type Actor, asActor } from "../../auth/scope";
import type { Db } from "../../db/connection";
import type { ReportTemplateTable } from "../../db/schema-reports";
import { AppError, forbidden, notFound } from "../../errors";
import { validationError } from "../../http/context";
import { recordAudit } from "../audit/audit.repo";
import { today } from "../territory/dates";
import { canOnUnit, readableUnitRow } from "../territory/territory.repo";
import { seedTemplates } from "./templates.seeds";

type Row = Selectable<ReportTemplateTable>;

function present(row: Row, current: boolean): ReportTemplate {
  return {
    id: Number(row.id),
    code: row.code,
    version: row.version,
    kind: row.kind,
    level: row.level,
    name: row.name,
    validFrom: String(row.valid_from),
    ownerUnitId: row.owner_unit_id === null ? null : Number(row.owner_unit_id),
    outline: row.outline as TemplateOutline,
    current,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Marks, per code and owner, the newest version in force today as current. */
function withCurrent(rows: Row[]): ReportTemplate[] {
  const now = today();
  const newest = new Map<string, number>();
  for (const row of rows) {
    if (String(row.valid_from) > now) continue;
    const key = `${row.code}:${row.owner_unit_id ?? ""}`;
    const best = newest.get(key);
    if (best === undefined || row.version > rows.find((r) => r.id === best)!.version) newest.set(key, row.id);
  }
  const currentIds = new Set(newest.values());
  return rows.map((row) => present(row, currentIds.has(row.id)));
}

async function insertTemplate(tx: Db, input: TemplateInput, version: number, createdBy: number | null) {
  return tx
    .insertInto("report_templates")
    .values({
      code: input.code,
      version,
      kind: input.kind,
      level: input.level,
      name: input.name,
      valid_from: input.validFrom,
      owner_unit_id: input.ownerUnitId,
      outline: JSON.stringify(input.outline),
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Inserts the national seed templates not there yet (version 1 of each code). Idempotent. */
export async function ensureSeedReportTemplates(db: Db): Promise<number> {
  const existing = new Set(
    (await db.selectFrom("report_templates").select("code").execute()).map((r) => r.code),
  );
  let added = 0;
  for (const seed of seedTemplates) {
    if (existing.has(seed.code)) continue;
    await insertTemplate(db, templateInput.parse(seed), 1, null);
    added++;
  }
  return added;
}

/** One template version the caller may read (row-level security: national, or of a unit above or below theirs). */
export async function loadTemplate(tx: Db, id: number): Promise<ReportTemplate> {
  const rows = await tx.selectFrom("report_templates").selectAll().orderBy("id").execute();
  const found = withCurrent(rows).find((t) => t.id === id);
  if (!found) throw notFound("Không tìm thấy mẫu báo cáo (templateId)");
  return found;
}

/**
 * The templates a unit may use (national, and those of the unit or a unit above it), or every template the caller
 * reads when no unit is named; all versions, the current ones marked.
 */
export function listTemplates(db: Db, actor: Actor, unitId?: number): Promise<ReportTemplate[]> {
  return asActor(db, actor, async (tx) => {
    if (unitId !== undefined) await readableUnitRow(tx, actor, unitId);
    let query = tx
      .selectFrom("report_templates as t")
      .selectAll("t")
      .orderBy("t.level")
      .orderBy("t.kind")
      .orderBy("t.code")
      .orderBy("t.version");
    if (unitId !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb("t.owner_unit_id", "is", null),
          eb(
            "t.owner_unit_id",
            "in",
            eb
              .selectFrom("admin_unit_paths as p")
              .select("p.ancestor_id")
              .where("p.descendant_id", "=", unitId),
          ),
        ]),
      );
    return withCurrent(await query.execute());
  });
}

export const getTemplate = (db: Db, actor: Actor, id: number) =>
  asActor(db, actor, (tx) => loadTemplate(tx, id));

/**
 * A new version of a template (the next version of its code): national templates by system administrators, a
 * unit's own by that unit's administrators. Reports already made keep the version they used.
 */
export async function createTemplateVersion(db: Db, actor: Actor, body: unknown): Promise<ReportTemplate> {
  const parsed = templateInput.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  return asActor(db, actor, async (tx) => {
    if (
      input.ownerUnitId === null ? !actor.global : !(await canOnUnit(tx, actor, "admin", input.ownerUnitId))
    )
      throw forbidden(
        "Chỉ quản trị hệ thống (mẫu toàn quốc) hoặc quản trị đơn vị (mẫu của tỉnh, đơn vị mình) được thêm phiên bản mẫu báo cáo",
      );
    if (input.ownerUnitId !== null) {
      const owner = await tx
        .selectFrom("admin_units")
        .select("level")
        .where("id", "=", input.ownerUnitId)
        .executeTakeFirstOrThrow();
      if (owner.level === "village")
        throw new AppError("validation", "Mẫu báo cáo thuộc một tỉnh hoặc xã, không thuộc thôn", {
          fields: { ownerUnitId: "Chọn tỉnh hoặc xã" },
        });
    }
    // The next number of the code across owners: versions are unique per code, as for the criteria sets.
    const { rows } = await sql<{ version: number }>`
      SELECT hieuhoc_next_report_template_version(${input.code}) AS version`.execute(tx);
    const { id } = await insertTemplate(tx, input, Number(rows[0]!.version), actor.userId);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "report_template",
      entityId: id,
      unitId: input.ownerUnitId,
      after: input,
    });
    return loadTemplate(tx, Number(id));
  });
}
