/**
 * A declaration's own consistency, checked when its router is built (at start-up, and in every API test): a key
 * that names no field, a field a file cannot carry, a members list whose `via` is not a reference to this kind.
 * A mistake stops the server with the kind and the key named, rather than answering 500 on some request later.
 */
import type { KindDeclaration } from "../../shared/registry/declaration";
import { kindNamed } from "../../shared/registry/kinds";

export function checkDeclaration(kind: KindDeclaration, kinds?: readonly KindDeclaration[]): void {
  const problems: string[] = [];
  const field = (key: string) => kind.fields[key];
  const known = (where: string, keys: readonly string[], unit: boolean) => {
    for (const key of keys)
      if (!(unit && key === "unit") && !field(key))
        problems.push(`${where} names ${key}, which is not a field`);
  };
  known("search", kind.search, false);
  known("order", kind.order, true);
  known("list.columns", kind.list.columns, true);
  known("list.title", [kind.list.title], false);
  known("form.fields", kind.form.fields, true);
  known("import.columns", kind.import.columns, true);
  known("import.key", kind.import.key, true);
  for (const key of kind.import.columns) {
    const f = field(key);
    if (f && (f.type === "members" || !f.import))
      problems.push(`import.columns names ${key}, which has no import`);
  }
  for (const key of kind.import.key)
    if (!kind.import.columns.includes(key)) problems.push(`import.key names ${key}, which is not imported`);
  if (!kind.unit.levels.includes("commune") && !kind.import.columns.includes("unit"))
    problems.push("rows belong to a village, so import.columns must include unit");
  if (
    kind.unit.levels.includes("commune") &&
    !kind.unit.levels.includes("village") &&
    kind.unit.column !== "commune_id"
  )
    problems.push("rows of the commune itself have commune_id as their unit column");
  for (const [key, f] of Object.entries(kind.fields)) {
    if (f.type !== "reference" && f.type !== "members") continue;
    let target: KindDeclaration | undefined;
    try {
      target = kindNamed(f.kind, kinds);
    } catch {
      problems.push(`${key} points at ${f.kind}, which is not a served kind`);
      continue;
    }
    if (f.type === "members") {
      const via = target.fields[f.via];
      if (via?.type !== "reference" || via.kind !== kind.name)
        problems.push(`${key}: ${f.kind}.${f.via} is not a reference to ${kind.name}`);
    }
  }
  const chapter = kind.access?.chapter;
  if (chapter) {
    const f = field(chapter);
    if (f?.type !== "reference" || f.kind !== "chapters")
      problems.push(`access.chapter names ${chapter}, which is not a reference to chapters`);
  }
  if (problems.length > 0) throw new Error(`registry kind ${kind.name}: ${problems.join("; ")}`);
}
