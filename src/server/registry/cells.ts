/**
 * Cells of registry files, by field type: what officers write (officer-style numbers and dates, a choice by its
 * label or another spelling, phone numbers with separators) read into the value the API takes, then checked with
 * the very schema the API uses; and values written back as officers read them (the export, the dry-run report).
 */
import type { z } from "zod";
import type { ChoiceField, KindDeclaration, ValueField } from "../../shared/registry/declaration";
import { whatOf } from "../../shared/registry/declaration";
import { fieldSchema, phonePattern } from "../../shared/registry/schemas";
import { foldText } from "../../shared/text";
import { type CellResult, parseInteger, parseVietnameseDate } from "../lib/cell-values";

/** "Cán bộ, công chức" → "can bo cong chuc": no diacritics, case or punctuation. */
export const choiceKey = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Reads a choice from its code, its Vietnamese or English label, or another spelling of the declaration. */
export function choiceLookup(field: ChoiceField): (text: string) => string | undefined {
  const byKey = new Map<string, string>(field.aliases?.map(([alias, code]) => [choiceKey(alias), code]));
  for (const [code, label] of Object.entries(field.options))
    for (const spelling of [code, label.vi, label.en]) byKey.set(choiceKey(spelling), code);
  return (text) => byKey.get(choiceKey(text));
}

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });

/** A non-empty cell as the value of the field, or why not. */
function parse(
  field: ValueField,
  text: string,
  lookup?: (text: string) => string | undefined,
): CellResult<unknown> {
  switch (field.type) {
    case "integer":
    case "year":
      return parseInteger(text);
    case "date":
      return parseVietnameseDate(text);
    case "phone": {
      // As written when the form would take it (so an export imports back unchanged), else its digits.
      const written = text.trim().replace(/\s+/g, " ");
      return ok(phonePattern.test(written) ? written : text.replace(/[^0-9+]/g, ""));
    }
    case "choice": {
      const code = lookup?.(text);
      if (code) return ok(code);
      const labels = Object.values(field.options).map((o) => o.vi);
      return { ok: false, message: `${field.label.vi} "${text}" không có: ghi ${labels.join("; ")}` };
    }
    default:
      return ok(text);
  }
}

/** The first message of a failed check, as the API would give it. */
const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "Giá trị không hợp lệ";

/**
 * A cell reader for each imported field: an empty cell is null ("Thiếu …" when required, `keep` when the field
 * keeps its stored value, `generate` for a code the commune numbers); anything else is parsed, then checked with
 * the field's API schema (length limits, ranges, patterns).
 */
export function cellReader(field: ValueField) {
  const schema = fieldSchema(field);
  const lookup = field.type === "choice" ? choiceLookup(field) : undefined;
  return (text: string): CellResult<unknown> | { ok: true; keep: true } | { ok: true; generate: true } => {
    if (text === "") {
      if (field.type === "code" && field.generate) return { ok: true, generate: true };
      if (field.import?.blank === "keep") return { ok: true, keep: true };
      if (field.required) return { ok: false, message: `Thiếu ${whatOf(field)}` };
      return ok(null);
    }
    const parsed = parse(field, text, lookup);
    if (!parsed.ok) return parsed;
    const checked = schema.safeParse(parsed.value);
    return checked.success ? ok(checked.data) : { ok: false, message: firstIssue(checked.error) };
  };
}

/** A stored value as officers write it: the label of a choice, numbers and text as they are, "" for none. */
export function cellText(field: ValueField, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (field.type === "choice") return field.options[String(value)]?.vi ?? String(value);
  if (field.type === "date") {
    const [y, m, d] = String(value).split("-");
    return `${d}/${m}/${y}`;
  }
  return String(value);
}

/** The import columns of a kind for the file reader: header, spellings, and whether the header must be there. */
export function importColumns(kind: KindDeclaration) {
  return kind.import.columns.map((key) => {
    if (key === "unit")
      return {
        key,
        label: "Thôn, tổ dân phố",
        aliases: ["Thôn", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Thôn/Tổ dân phố", "Tên thôn", "Khu dân cư"],
        ...(kind.unit.import?.required ? { required: true } : {}),
      };
    const field = kind.fields[key];
    if (!field || field.type === "members" || !field.import)
      throw new Error(`${kind.name}: import column ${key} is not an imported field`);
    const generated = field.type === "code" && !!field.generate;
    return {
      key,
      label: field.import.label,
      aliases: [...(field.import.aliases ?? [])],
      ...(field.required && !generated ? { required: true } : {}),
    };
  });
}
