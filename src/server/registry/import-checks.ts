/**
 * Checks of an import's rows beyond their cells: the kind's rules across fields (the same as the form's), a
 * chapter secretary's rows naming their own chapter, and likely duplicates (warned, not refused).
 */
import type { RowError } from "../../shared/api";
import { importLabel, type KindDeclaration, valueFields } from "../../shared/registry/declaration";
import { foldText } from "../../shared/text";
import type { Actor } from "../auth/scope";
import type { Planned, Stored } from "./import-plan";
import { rulesOf, todayIso } from "./rules";

type Checked = { row: Planned; stored: Stored | null; unitLevel: string };

/** The rules of the kind and, for a secretary, their chapter: one error per refused row. */
export function checkImportRows(
  kind: KindDeclaration,
  actor: Actor,
  asSecretary: boolean,
  rows: Checked[],
  errors: RowError[],
) {
  const rules = rulesOf(kind);
  const fields = valueFields(kind);
  const today = todayIso();
  const chapterKey = kind.access?.chapter;
  for (const { row, stored, unitLevel } of rows) {
    if (asSecretary && chapterKey && !actor.chapters.includes(Number(row.values[chapterKey]))) {
      errors.push({
        row: row.line,
        column: importLabel(kind, chapterKey),
        message: "Bạn chỉ nhập được hội viên của chi hội mình",
      });
      continue;
    }
    if (!rules) continue;
    const before = stored
      ? Object.fromEntries(fields.map(([key, f]) => [key, normal(stored[f.column])]))
      : null;
    const values: Record<string, unknown> = { ...before };
    const given = new Set<string>();
    for (const [key] of fields)
      if (key in row.values && !row.keep.has(key)) {
        values[key] = row.values[key];
        given.add(key);
      }
    const problem = rules({ values, given, before, unitLevel, today });
    if (problem)
      errors.push({ row: row.line, column: importLabel(kind, problem.key), message: problem.message });
  }
  errors.sort((a, b) => a.row - b.row);
}

/** Stored values as the API has them: dates ISO, numbers as numbers. */
function normal(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && /^\d+$/.test(value) && value.length < 16) return value;
  return value ?? null;
}

/**
 * Rows of the file that look like a stored row or an earlier row (the kind's `duplicates` keys, text folded):
 * "trùng họ tên, năm sinh, thôn với …", a warning that writes nothing and stops nothing.
 */
export function duplicateWarnings(
  kind: KindDeclaration,
  rows: Planned[],
  stored: Stored[],
  matched: Map<Planned, Stored>,
): RowError[] | undefined {
  const keys = kind.duplicates;
  if (!keys) return undefined;
  const fields = new Map(valueFields(kind));
  const part = (value: unknown) => (value === null || value === undefined ? "" : foldText(String(value)));
  const keyOf = (get: (key: string) => unknown) => keys.map((k) => part(get(k))).join("\u0000");
  const titleKey = kind.list.title;
  const titleColumn = fields.get(titleKey)!.column;
  const seen = new Map<string, string>();
  for (const s of stored)
    seen.set(
      keyOf((k) => (k === "unit" ? s.unit_id : s[fields.get(k)!.column])),
      `${String(s[titleColumn])} đã có (mã ${String(s.id)})`,
    );
  const warnings: RowError[] = [];
  for (const row of rows) {
    const key = keyOf((k) => (k === "unit" ? row.unitId : row.values[k]));
    if (keys.some((k) => k !== "unit" && (row.values[k] ?? null) === null)) continue;
    const earlier = seen.get(key);
    const self = matched.get(row);
    const isSelf = self && keyOf((k) => (k === "unit" ? self.unit_id : self[fields.get(k)!.column])) === key;
    if (earlier && !isSelf)
      warnings.push({
        row: row.line,
        column: importLabel(kind, titleKey),
        message: `Có thể trùng: cùng họ tên, năm sinh, thôn với ${earlier}`,
      });
    else seen.set(key, `dòng ${row.line}`);
  }
  return warnings;
}
