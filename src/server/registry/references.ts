/**
 * Reference fields in files: an import cell names a row of the referenced kind of the same commune by its code or
 * its name (compared folded), and the export writes the code (or the name) back, so an export imports back
 * unchanged. Only rows the caller may read and that are not archived are found.
 */
import type { KindDeclaration, ReferenceField } from "../../shared/registry/declaration";
import { valueFields } from "../../shared/registry/declaration";
import { kindNamed } from "../../shared/registry/kinds";
import { foldText } from "../../shared/text";
import type { Actor } from "../auth/scope";
import type { Db } from "../db/connection";
import { rowInScope } from "./access";
import { untyped } from "./rows";

export type ReferenceLookup = {
  /** The id a cell names, by folded code or name. */
  byText: Map<string, number>;
  /** What the export writes for an id. */
  textOf: Map<number, string>;
  noun: string;
};

/** The code field of a kind (written to files), else its first text field (clans by name). */
function namingColumns(target: KindDeclaration) {
  const fields = valueFields(target);
  const code = fields.find(([, f]) => f.type === "code")?.[1].column;
  const name = fields.find(([, f]) => f.type === "text")?.[1].column;
  return { shown: code ?? name!, others: [code, name].filter((c): c is string => !!c) };
}

/** Lookups for the imported reference fields of `kind` in one commune. */
export async function referenceLookups(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  communeId: number,
  kinds?: readonly KindDeclaration[],
): Promise<Map<string, ReferenceLookup>> {
  const lookups = new Map<string, ReferenceLookup>();
  for (const [key, field] of valueFields(kind)) {
    if (field.type !== "reference" || !kind.import.columns.includes(key)) continue;
    const target = kindNamed((field as ReferenceField).kind, kinds);
    const { shown, others } = namingColumns(target);
    const rows = await untyped(tx)
      .selectFrom(`${target.table} as r`)
      .select(["r.id", ...others.map((c) => `r.${c}`)])
      .where("r.commune_id", "=", communeId)
      .where("r.archived_at", "is", null)
      .where(rowInScope(actor, target, "read"))
      .execute();
    const lookup: ReferenceLookup = { byText: new Map(), textOf: new Map(), noun: target.noun.vi };
    for (const row of rows) {
      const id = Number(row.id);
      lookup.textOf.set(id, String(row[shown]));
      for (const column of others) if (row[column]) lookup.byText.set(foldText(String(row[column])), id);
    }
    lookups.set(key, lookup);
  }
  return lookups;
}
