/**
 * Writing an import's plan: new rows inserted and changed rows updated, 2,000 a statement, and one audit entry
 * for the file. An update names the version the import read: a row someone saved meanwhile is not overwritten,
 * the whole file is refused instead (409) and can be imported again.
 */
import { sql } from "kysely";
import type { RegistryImportReport } from "../../shared/api";
import { type KindDeclaration, type ValueField, valueFields } from "../../shared/registry/declaration";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { AppError } from "../errors";
import { recordAudit } from "../modules/audit/audit.repo";
import { untyped } from "./rows";

/** A valid row of the file: its unit, its values by field key, the keys kept as stored, the codes to number. */
export type Planned = {
  line: number;
  unitId: number;
  values: Record<string, unknown>;
  keep: Set<string>;
  generate: Set<string>;
};
/** A row of the table an import row matched, by column. */
export type Stored = Record<string, unknown> & { id: number; version: number; unit_id: number };

const BATCH = 2000;

const castOf = (field: ValueField | undefined) => {
  if (!field || field.type === "reference") return sql`bigint`;
  if (field.type === "integer" || field.type === "year") return sql`integer`;
  if (field.type === "date") return sql`date`;
  return sql`text`;
};

export async function applyPlan(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  plan: {
    commune: { communeId: number; provinceId: number };
    inserts: Planned[];
    updates: { row: Planned; stored: Stored }[];
    /** Import columns ("unit" or field keys) that an update writes. */
    updatable: string[];
    fileName: string;
    report: RegistryImportReport;
  },
) {
  const fields = new Map(valueFields(kind));
  const { communeId, provinceId } = plan.commune;
  const imported = kind.import.columns.filter((key) => key !== "unit");
  const columnOf = (key: string) => (key === "unit" ? kind.unit.column : fields.get(key)!.column);
  // A kept cell of a new row: the field's default, else nothing.
  const fresh = (key: string) => {
    const field = fields.get(key)!;
    return field.type === "choice" && field.default !== undefined ? field.default : null;
  };

  for (let start = 0; start < plan.inserts.length; start += BATCH) {
    const rows = plan.inserts.slice(start, start + BATCH).map((row) => {
      const values: Record<string, unknown> = { commune_id: communeId, province_id: provinceId };
      values[kind.unit.column] = row.unitId;
      for (const key of imported) values[columnOf(key)] = row.keep.has(key) ? fresh(key) : row.values[key];
      return values;
    });
    await untyped(tx).insertInto(kind.table).values(rows).execute();
  }

  const columns = plan.updatable.map(columnOf);
  const aliases = columns.map((_, i) => sql.raw(`c${i}`));
  const sets = sql.join(columns.map((column, i) => sql`${sql.ref(column)} = v.${aliases[i]!}`));
  const touch = kind.updatedAt ? sql`, updated_at = now()` : sql``;
  for (let start = 0; start < plan.updates.length; start += BATCH) {
    const batch = plan.updates.slice(start, start + BATCH);
    const tuples = batch.map(({ row, stored }) => {
      const values = plan.updatable.map((key) => {
        const value = row.keep.has(key)
          ? stored[columnOf(key)]
          : key === "unit"
            ? row.unitId
            : row.values[key];
        return sql`${value ?? null}::${castOf(fields.get(key))}`;
      });
      return sql`(${stored.id}::bigint, ${stored.version}::integer, ${sql.join(values)})`;
    });
    const result = await sql`UPDATE ${sql.table(kind.table)} t SET ${sets}${touch}
      FROM (VALUES ${sql.join(tuples)}) AS v (id, version, ${sql.join(aliases)})
      WHERE t.commune_id = ${communeId} AND t.id = v.id AND t.version = v.version`.execute(tx);
    if (Number(result.numAffectedRows ?? 0) !== batch.length)
      throw new AppError(
        "conflict",
        "Trong lúc nhập, có dòng vừa được người khác sửa. Không có gì được ghi; hãy nhập lại tệp.",
      );
  }

  const { report } = plan;
  if (report.created + report.updated > 0)
    await recordAudit(tx, actor, {
      action: "import",
      entity: kind.entity,
      unitId: communeId,
      after: {
        file: plan.fileName,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        converted: report.converted,
      },
    });
}
