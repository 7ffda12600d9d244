/**
 * The one import path of every registry kind, from Excel or CSV into one commune, the way officers keep their
 * lists (title rows, headers without diacritics, TCVN3/VNI text, dotted thousands). Each row is read with the
 * declaration's cell readers and checked with the API's schemas; rows repeated in the file are refused naming
 * both lines; then the plan (insert new keys, update changed rows, count the unchanged) is written in batches with
 * one audit entry. A dry run does all of it, writes included, and rolls the transaction back: it reports exactly
 * what the real run does, and the real run differs only in committing. A file with any error writes nothing.
 */
import type { ImportChange, RegistryImportReport, RowError } from "../../shared/api";
import {
  capitalize,
  importLabel,
  type KindDeclaration,
  type ValueField,
  valueFields,
} from "../../shared/registry/declaration";
import { foldText } from "../../shared/text";
import { type Actor, asActor } from "../auth/scope";
import type { Db } from "../db/connection";
import { detectColumnEncoding } from "../lib/legacy-detect";
import { tcvn3ToUnicode, vniToUnicode } from "../lib/legacy-vietnamese";
import { readTable } from "../lib/spreadsheet";
import { writePermission } from "./access";
import { cellReader, cellText, importColumns } from "./cells";
import { checkImportRows, duplicateWarnings } from "./import-checks";
import { applyPlan, type Planned, type Stored } from "./import-plan";
import { referenceLookups } from "./references";
import { nextCode, storedColumn, storedValue, untyped } from "./rows";
import { rulesOf } from "./rules";
import { communeVillages, importCommune, villageMessage } from "./units";

export type ImportFile = { bytes: Uint8Array; name: string };

/** Thrown inside the import's transaction to undo it: a dry run, or a file with errors. */
class Rollback extends Error {}

export async function importItems(
  db: Db,
  actor: Actor,
  kind: KindDeclaration,
  communeId: number,
  file: ImportFile,
  dryRun: boolean,
  kinds?: readonly KindDeclaration[],
): Promise<RegistryImportReport> {
  const report: RegistryImportReport = {
    dryRun,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    converted: {},
    changes: [],
  };
  try {
    await asActor(db, actor, async (tx) => {
      await importInto(tx, actor, kind, communeId, file, report, kinds);
      if (dryRun || report.errors.length > 0) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (report.errors.length > 0) Object.assign(report, { created: 0, updated: 0, unchanged: 0, changes: [] });
  return report;
}

/** Values that are the same once stored: numbers as numbers, nothing as nothing. */
const sameValue = (a: unknown, b: unknown) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : String(a) === String(b);

async function importInto(
  tx: Db,
  actor: Actor,
  kind: KindDeclaration,
  communeId: number,
  file: ImportFile,
  report: RegistryImportReport,
  kinds?: readonly KindDeclaration[],
) {
  const secretary = !!kind.access?.chapter && actor.chapters.length > 0;
  const what = `danh sách ${kind.noun.vi}`;
  const commune = await importCommune(tx, actor, communeId, what, writePermission(kind), secretary);
  // The file is read only once the caller may write here: nothing about it is reported to anyone else.
  const records = await readTable(file.bytes, file.name, importColumns(kind));
  report.total = records.length;
  const fields = new Map(valueFields(kind));
  const imported = kind.import.columns.filter((key) => key !== "unit");
  for (const key of kind.import.columns) {
    if (key !== "unit" && !fields.get(key)?.legacy) continue;
    // Decided per column (one vote per cell), as a whole file is typed in one font.
    const encoding = detectColumnEncoding(records.map((r) => r.values[key] ?? ""));
    if (!encoding) continue;
    const convert = encoding === "tcvn3" ? tcvn3ToUnicode : vniToUnicode;
    for (const record of records) record.values[key] = convert(record.values[key] ?? "");
    report.converted[key] = encoding;
  }
  const villages = kind.import.columns.includes("unit") ? await communeVillages(tx, communeId) : null;
  const unitNames = villages ? await unitNamesOf(tx, communeId) : new Map<number, string>();
  const readers = new Map(imported.map((key) => [key, cellReader(fields.get(key)!)]));
  const references = await referenceLookups(tx, actor, kind, communeId, kinds);
  for (const [key, lookup] of references)
    readers.set(key, (text: string) => {
      if (text === "")
        return fields.get(key)!.required
          ? { ok: false, message: `Thiếu ${lookup.noun}` }
          : { ok: true, value: null };
      const id = lookup.byText.get(foldText(text));
      return id === undefined
        ? { ok: false, message: `Không có ${lookup.noun} "${text}" trong xã, phường` }
        : { ok: true, value: id };
    });
  const label = (key: string) => importLabel(kind, key);
  const error = (row: number, key: string, message: string) =>
    report.errors.push({ row, column: label(key), message } satisfies RowError);

  const rows: (Planned & { failed: Set<string> })[] = [];
  for (const { line, values } of records) {
    const failed = new Set<string>();
    const row: Planned & { failed: Set<string> } = {
      line,
      unitId: communeId,
      values: {},
      keep: new Set(),
      generate: new Set(),
      failed,
    };
    for (const key of kind.import.columns) {
      const text = values[key] ?? "";
      if (key === "unit") {
        // An empty village cell means the commune itself where the kind's rows may belong to it.
        const village = villages?.get(foldText(text));
        if (text === "" && !kind.unit.import?.required) row.unitId = communeId;
        else if (village) row.unitId = village.id;
        else {
          error(line, key, villageMessage(text));
          failed.add(key);
        }
        continue;
      }
      const read = readers.get(key)!(text);
      if (!read.ok) {
        error(line, key, read.message);
        failed.add(key);
      } else if ("keep" in read) row.keep.add(key);
      else if ("generate" in read) row.generate.add(key);
      else row.values[key] = storedValue(fields.get(key)!, read.value);
    }
    rows.push(row);
  }
  refuseRepeats(kind, rows, label, report.errors);
  // Rows with a refused cell are left out; the others are still matched and checked, so that a file's every
  // error is reported at once. Nothing is written while there is any.
  if (report.errors.length > 0 && !rulesOf(kind)) return;

  const keyOf = (unitId: unknown, value: (key: string) => unknown) =>
    kind.import.key.map((key) => (key === "unit" ? String(unitId) : String(value(key) ?? ""))).join("\u0000");
  const updatable = kind.import.columns.filter((key) => !kind.import.key.includes(key));
  const stored = await storedRows(tx, kind, communeId);
  const existing = new Map<string, Stored>();
  for (const row of stored) {
    const key = keyOf(row.unit_id, (k) => row[fields.get(k)!.column]);
    if (!existing.has(key)) existing.set(key, row);
  }
  const display = (key: string, value: unknown) =>
    key === "unit"
      ? (unitNames.get(Number(value)) ?? String(value))
      : references.has(key) && value !== null && value !== undefined
        ? (references.get(key)!.textOf.get(Number(value)) ?? String(value))
        : cellText(fields.get(key)!, value);
  const matched = new Map<Planned, Stored>();

  const inserts: Planned[] = [];
  const updates: { row: Planned; stored: Stored }[] = [];
  for (const row of rows) {
    if (row.failed.size > 0) continue;
    // A row without its key (an empty code the commune numbers) is always new.
    const keyless = kind.import.key.some((k) => row.generate.has(k));
    const match = keyless ? undefined : existing.get(keyOf(row.unitId, (k) => row.values[k]));
    if (!match) {
      inserts.push(row);
      continue;
    }
    matched.set(row, match);
    // An existing row keeps its code where the file leaves it empty.
    for (const key of row.generate) row.keep.add(key);
    row.generate.clear();
    const change: ImportChange = {
      row: row.line,
      key: kind.import.key.map((k) => display(k, k === "unit" ? row.unitId : row.values[k])).join(", "),
      fields: [],
    };
    for (const key of updatable) {
      if (row.keep.has(key)) continue;
      const before = key === "unit" ? match.unit_id : match[fields.get(key)!.column];
      const after = key === "unit" ? row.unitId : row.values[key];
      if (!sameValue(before, after))
        change.fields.push({ column: label(key), from: display(key, before), to: display(key, after) });
    }
    if (change.fields.length === 0) report.unchanged++;
    else {
      updates.push({ row, stored: match });
      report.changes.push(change);
    }
  }
  const levels = await unitLevelsOf(tx, communeId);
  const checked = rows
    .filter((row) => row.failed.size === 0)
    .map((row) => ({
      row,
      stored: matched.get(row) ?? null,
      unitLevel: levels.get(row.unitId) ?? "commune",
    }));
  checkImportRows(kind, actor, commune.asSecretary, checked, report.errors);
  if (report.errors.length > 0) return;
  const warnings = duplicateWarnings(kind, rows, stored, matched);
  if (warnings) report.warnings = warnings;
  await assignCodes(tx, kind, communeId, inserts, rows, fields);
  report.created = inserts.length;
  report.updated = updates.length;
  await applyPlan(tx, actor, kind, { commune, inserts, updates, updatable, fileName: file.name, report });
}

/** A key twice in the file (whatever else the rows hold): the later row is refused, naming the earlier one. */
function refuseRepeats(
  kind: KindDeclaration,
  rows: (Planned & { failed: Set<string> })[],
  label: (key: string) => string,
  errors: RowError[],
) {
  const seen = new Map<string, number>();
  const shown = kind.import.key.filter((k) => k !== "unit");
  const column = shown[0] ?? "unit";
  for (const row of rows) {
    if (kind.import.key.some((k) => row.generate.has(k) || row.failed.has(k))) continue;
    const parts = kind.import.key.map((k) =>
      k === "unit" ? String(row.unitId) : String(row.values[k] ?? ""),
    );
    const key = parts.join("\u0000");
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row.line);
      continue;
    }
    const text = shown
      .map((k) => row.values[k] ?? "")
      .filter((v) => v !== "")
      .join(", ");
    errors.push({
      row: row.line,
      column: label(column),
      message: `${capitalize(kind.noun.vi)} "${text}" trùng với dòng ${first}`,
    });
  }
  errors.sort((a, b) => a.row - b.row);
}

/** The commune's rows an import row may match: by key, archived ones too when the key is the unique code. */
async function storedRows(tx: Db, kind: KindDeclaration, communeId: number): Promise<Stored[]> {
  const fields = new Map(valueFields(kind));
  const keyIsUnique = kind.import.key.every((k) => k !== "unit" && fields.get(k)?.unique);
  // A value kept only with a consent is compared (and reported) as the lists show it: null without one.
  const columns = kind.import.columns
    .filter((k) => k !== "unit")
    .map((k) => storedColumn(kind, fields.get(k)!, fields.get(k)!.column));
  let query = untyped(tx)
    .selectFrom(`${kind.table} as r`)
    .select(["r.id", "r.version", `r.${kind.unit.column} as unit_id`, ...columns])
    .where("r.commune_id", "=", communeId);
  if (!keyIsUnique) query = query.where("r.archived_at", "is", null);
  return (await query.orderBy("r.id").execute()) as Stored[];
}

/** New rows with an empty code get the next free numbers, after the codes the commune and the file use. */
async function assignCodes(
  tx: Db,
  kind: KindDeclaration,
  communeId: number,
  inserts: Planned[],
  rows: Planned[],
  fields: Map<string, ValueField>,
) {
  for (const [key, field] of fields) {
    if (field.type !== "code" || !field.generate || !inserts.some((row) => row.generate.has(key))) continue;
    const code = await nextCode(tx, kind, field.column, communeId, field.generate.pad);
    let next = code.next;
    for (const row of rows) {
      const given = String(row.values[key] ?? "");
      if (/^[0-9]{1,15}$/.test(given)) next = Math.max(next, Number(given) + 1);
    }
    for (const row of inserts)
      if (row.generate.has(key)) {
        row.values[key] = code.format(next++);
        row.generate.delete(key);
      }
  }
}

/** The levels of the commune and its villages. */
async function unitLevelsOf(tx: Db, communeId: number) {
  const rows = await tx
    .selectFrom("admin_units")
    .select(["id", "level"])
    .where((eb) => eb.or([eb("parent_id", "=", communeId), eb("id", "=", communeId)]))
    .execute();
  return new Map<number, string>(rows.map((r) => [Number(r.id), r.level]));
}

/** The names of the commune and all its villages (retired ones too: a stored row may still name one). */
async function unitNamesOf(tx: Db, communeId: number) {
  const rows = await tx
    .selectFrom("admin_units")
    .select(["id", "name"])
    .where((eb) => eb.or([eb("parent_id", "=", communeId), eb("id", "=", communeId)]))
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
