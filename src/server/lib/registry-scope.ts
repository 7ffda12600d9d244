/** Scope checks and list filters shared by the registries (households, clans, organisations, citizens). */
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { foldText } from "../../shared/text";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError, forbidden, notFound } from "../errors";
import { recordAudit } from "../modules/audit/audit.repo";
import { canOnUnit, unitContext } from "../modules/territory/territory.repo";

/** SQL condition: the unit in `column` lies under (or is) `unitId`. */
export const underUnit = (unitId: number, column: string) =>
  sql<SqlBool>`${sql.ref(column)} IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = ${unitId})`;

/** The folded search text for a LIKE on search_name, without LIKE's wildcards ("" when there is nothing to find). */
export const searchPattern = (q: string | undefined) => foldText(q ?? "").replace(/[%_\\]/g, "");

/** Throws 404 unless the caller may read the unit a list is asked for. */
export async function readableUnit(tx: Db, actor: Actor, unitId: number) {
  if (!(await canOnUnit(tx, actor, "read", unitId)))
    throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
}

/**
 * A unit of one of `levels` that the caller may write, with its commune and province: 404 outside the caller's
 * read scope, 422 at another level (naming `field`), 403 where the caller may only read.
 */
export async function writableUnit(
  tx: Db,
  actor: Actor,
  unitId: number,
  options: { levels: ("commune" | "village")[]; field: string; message: string },
) {
  const context = await unitContext(tx, unitId);
  if (!context || !(await canOnUnit(tx, actor, "read", unitId)))
    throw notFound("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn");
  if (!options.levels.includes(context.level as "commune") || context.communeId === null)
    throw new AppError("validation", options.message, { fields: { [options.field]: options.message } });
  if (!(await canOnUnit(tx, actor, "write", unitId)))
    throw forbidden("Bạn không có quyền nhập liệu ở đơn vị này");
  return { ...context, communeId: context.communeId };
}

/** An ISO timestamp or null, from what the driver returns for timestamptz. */
export const isoOrNull = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

/**
 * Archives one registry row (kept, never deleted: codes and history stay) and audits it. The caller has loaded the
 * row and checked that it may write where the row lives.
 */
export async function archiveRegistryRow(
  tx: Db,
  actor: Actor,
  row: {
    table: "clans" | "organizations" | "citizens";
    entity: string;
    id: number;
    communeId: number;
    unitId: number;
    archivedAt: string | null;
    alreadyArchived: string;
  },
) {
  if (row.archivedAt) throw new AppError("validation", row.alreadyArchived);
  await tx
    .updateTable(row.table)
    .set({ archived_at: new Date() })
    .where("commune_id", "=", row.communeId)
    .where("id", "=", row.id)
    .execute();
  await recordAudit(tx, actor, {
    action: "archive",
    entity: row.entity,
    entityId: row.id,
    unitId: row.unitId,
    before: { archivedAt: null },
    after: { archived: true },
  });
}

// biome-ignore lint/suspicious/noExplicitAny: one helper serves the four registries' differently shaped queries
type AnySelect = SelectQueryBuilder<any, any, any>;

export type RegistryListOptions = {
  unitId: number;
  q?: string;
  archived?: boolean;
  offset?: number;
  limit?: number;
};

/**
 * One page of a registry list under a unit the caller may read: the rows under `unitId` (through `unitColumn`),
 * archived or not, matching the folded search on `<alias>.search_name` (or the exact code when `searchCode`),
 * with the total before paging. `select` adds the columns and the order. Pages hold at most 500 rows.
 */
export async function registryPage<Row>(
  tx: Db,
  actor: Actor,
  query: AnySelect,
  options: RegistryListOptions,
  shape: { alias: string; unitColumn: string; searchCode?: boolean; select: (query: AnySelect) => AnySelect },
): Promise<{ rows: Row[]; total: number }> {
  await readableUnit(tx, actor, options.unitId);
  const a = shape.alias;
  let filtered = query
    .where(underUnit(options.unitId, shape.unitColumn))
    .where(`${a}.archived_at`, options.archived ? "is not" : "is", null);
  const folded = searchPattern(options.q);
  if (folded)
    filtered = filtered.where((eb) => {
      const byName = eb(`${a}.search_name`, "like", `%${folded}%`);
      return shape.searchCode ? eb.or([byName, eb(`${a}.code`, "=", options.q!.trim())]) : byName;
    });
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await shape
    .select(filtered)
    .offset(options.offset ?? 0)
    .limit(Math.min(options.limit ?? 50, 500))
    .execute();
  return { rows: rows as Row[], total: Number(total.n) };
}
