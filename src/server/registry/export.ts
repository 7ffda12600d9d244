/**
 * The template and the export of a kind, in the import's columns, so that an exported file can be edited and
 * imported back unchanged. The export streams page by page through the shared XLSX writer (formula guard, plain text cells).
 */
import { PassThrough } from "node:stream";
import type { UnitRef } from "../../shared/api";
import { capitalize, type KindDeclaration } from "../../shared/registry/declaration";
import { type Actor, asActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { writeTemplate } from "../lib/spreadsheet";
import { writeXlsx } from "../lib/xlsx-stream";
import { unitContext } from "../modules/territory/territory.repo";
import { cellText, importColumns } from "./cells";
import { listItems } from "./list";
import { type ReferenceLookup, referenceLookups } from "./references";
import type { Item } from "./rows";

export function templateOf(kind: KindDeclaration) {
  const columns = importColumns(kind);
  const example = kind.import.example.map((row) => columns.map((c) => row[c.key] ?? ""));
  return writeTemplate(`DANH SÁCH ${kind.noun.vi.toUpperCase()}`, columns, example);
}

/**
 * An item as a row of the file: the village by name (empty for the commune itself), choices by label, references
 * by the code (or name) of the row they name.
 */
function fileRow(
  kind: KindDeclaration,
  item: Item,
  references: Map<string, ReferenceLookup>,
): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const key of kind.import.columns) {
    if (key === "unit") {
      const unit = kind.unit.item ? (item[kind.unit.item] as UnitRef) : null;
      row.unit = unit?.level === "village" ? unit.name : "";
      continue;
    }
    const field = kind.fields[key]!;
    if (field.type === "members") continue;
    const value = item[key];
    const reference = references.get(key);
    if (reference) {
      row[key] = value === null ? "" : (reference.textOf.get(Number(value)) ?? "");
      continue;
    }
    row[key] =
      (field.type === "integer" || field.type === "year") && value !== null
        ? Number(value)
        : cellText(field, value);
  }
  return row;
}

/** The lookups of the imported references, in the commune of `unitId` (none for a kind without any). */
async function exportReferences(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  unitId: number,
  kinds?: readonly KindDeclaration[],
) {
  const hasReferences = kind.import.columns.some((key) => kind.fields[key]?.type === "reference");
  if (!hasReferences) return new Map<string, ReferenceLookup>();
  return asActor(db, actor, async (tx) => {
    const unit = await unitContext(tx, unitId);
    if (!unit?.communeId) return new Map<string, ReferenceLookup>();
    return referenceLookups(tx, actor, kind, unit.communeId, kinds);
  });
}

/**
 * The file of a unit's rows, and the ids written (for the processing log). `exportedBy` is the footer line of a kind
 * with personal data ("Xuất bởi … lúc …").
 */
export async function exportItems(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  unitId: number,
  kinds?: readonly KindDeclaration[],
  exportedBy?: string,
): Promise<{ bytes: Buffer; ids: number[] }> {
  const wide = kind.import.wide ?? [];
  const columns = importColumns(kind);
  const references = await exportReferences(db, actor, kind, unitId, kinds);
  const ids: number[] = [];
  async function* rows() {
    for (let offset = 0; ; offset += 500) {
      const page = await listItems(db, actor, kind, { unitId, offset, limit: 500 }, kinds);
      const items = page[kind.name] as Item[];
      for (const item of items) {
        ids.push(item.id);
        const row = fileRow(kind, item, references);
        yield columns.map((c) => row[c.key] ?? null);
      }
      if (items.length < 500) break;
    }
  }
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  // The shared writer: text through the formula guard as plain strings, numbers as numbers.
  await writeXlsx(
    stream,
    {
      name: capitalize(kind.noun.vi),
      columns: columns.map((c) => ({ header: c.label, width: wide.includes(c.key) ? 32 : 18 })),
      exportedBy,
    },
    rows(),
  );
  return { bytes: Buffer.concat(chunks), ids };
}
