/**
 * What a registry page shows, derived from the kind's declaration: its texts, its list columns and their cell
 * text, and its form fields with their widgets and rules. Plain functions of the declaration and the language, so
 * that the page needs no code of its own for a new kind (and the derivation is tested without a browser).
 */
import {
  capitalize,
  type Field,
  importLabel,
  type KindDeclaration,
  type Label,
  memberFields,
  valueFields,
  whatOf,
} from "../../../shared/registry/declaration";
import type { RegistryItem } from "../../api/registries";
import { type Lang, type MessageKey, translate } from "../../i18n/messages";

type UnitRef = { id: number; name: string; level: string; communeName?: string | null };

const say = (label: Label, lang: Lang) => label[lang];

/** The placeholders of the catalogue's registry texts for a kind. */
export function nounParams(kind: KindDeclaration, lang: Lang) {
  const noun = lang === "vi" ? kind.noun.vi : kind.noun.en;
  const nouns = lang === "vi" ? kind.noun.vi : kind.noun.enPlural;
  return { noun, nouns, Noun: capitalize(noun), Nouns: capitalize(nouns) };
}

/** The label of a list column, form field or import column key ("unit" or a field). */
export function labelOf(kind: KindDeclaration, key: string, lang: Lang): string {
  if (key === "unit") return say(kind.unit.label, lang);
  const field = kind.fields[key];
  return field ? say(field.label, lang) : key;
}

/** The page's texts, in `lang`. */
export function pageTexts(kind: KindDeclaration, lang: Lang) {
  const params = nounParams(kind, lang);
  const t = (key: MessageKey, more: Record<string, string | number> = {}) =>
    translate(lang, key, { ...params, ...more });
  const fields = kind.search.map((key) => labelOf(kind, key, lang).toLowerCase()).join(", ");
  const columns = kind.import.columns.map((key) => importLabel(kind, key)).join(", ");
  return {
    title: params.Nouns,
    search: t("registry.search", { fields }),
    showArchived: t("registry.showArchived"),
    add: t("registry.add"),
    count: (count: number) => t("registry.count", { count }),
    empty: t("registry.empty"),
    importTitle: t("registry.importTitle"),
    importHelp: t("registry.importHelp", { columns }),
    archiveTitle: (name: string) => t("registry.archiveTitle", { name }),
    archiveHelp: kind.texts?.[lang]?.archiveHelp ?? t("registry.archiveHelp"),
    added: (name: string) => t("registry.added", { name }),
    editTitle: (name: string) => t("registry.editTitle", { name }),
  };
}

export type ColumnSpec = {
  key: string;
  title: string;
  /** title: the main cell (name, detail, archived tag); count: how many members; value: the field's text. */
  role: "title" | "count" | "value";
  align?: "right";
};

export function listColumns(kind: KindDeclaration, lang: Lang): ColumnSpec[] {
  return kind.list.columns.map((key) => {
    const field = kind.fields[key];
    const role = key === kind.list.title ? "title" : field?.type === "members" ? "count" : "value";
    const numeric = field && ["integer", "year", "members"].includes(field.type);
    return { key, title: labelOf(kind, key, lang), role, ...(numeric ? { align: "right" as const } : {}) };
  });
}

/**
 * The text of an item's field (or its unit) as the list shows it; `withCommune` (a list above a commune): a
 * village's unit with its commune's name ("Tổ dân phố số 1, Phường Tây Hồ").
 */
export function cellText(
  kind: KindDeclaration,
  key: string,
  item: RegistryItem,
  lang: Lang,
  withCommune = false,
): string {
  if (key === "unit") {
    const unit = kind.unit.item ? (item[kind.unit.item] as UnitRef | undefined) : undefined;
    if (!unit) return "";
    return withCommune && unit.level !== "commune" && unit.communeName
      ? `${unit.name}, ${unit.communeName}`
      : unit.name;
  }
  const field: Field | undefined = kind.fields[key];
  const value = item[key];
  if (!field || value === null || value === undefined) return "";
  if (field.type === "members") return String((value as number[]).length);
  if (field.type === "choice") return field.options[String(value)]?.[lang] ?? String(value);
  if (field.type === "date") return String(value).split("-").reverse().join("/");
  return String(value);
}

/** An item's name, for titles and messages ("Sửa hộ gia đình Nguyễn Văn An"). */
export const itemName = (kind: KindDeclaration, item: RegistryItem) =>
  String(item[kind.list.title] ?? item.id);

export type Widget =
  | "text"
  | "code"
  | "phone"
  | "number"
  | "year"
  | "date"
  | "choice"
  | "village"
  | "place"
  | "reference"
  | "members";

export type FormFieldSpec = {
  name: string;
  label: string;
  widget: Widget;
  required: boolean;
  requiredMessage: string;
  max?: number;
  min?: number;
  options?: { value: string; label: string }[];
  help?: string;
  /** The kind a reference or members field picks rows of. */
  kind?: string;
  testId: string;
};

/** The form's fields, in the declared order: the unit (a village, or the commune or one of its villages), values. */
export function formFields(kind: KindDeclaration, lang: Lang, adding: boolean): FormFieldSpec[] {
  const specs: FormFieldSpec[] = [];
  for (const key of kind.form.fields) {
    const testId = `${kind.entity}-${key}-input`;
    const label = labelOf(kind, key, lang);
    const declared = kind.fields[key];
    const what = lang === "vi" && declared ? whatOf(declared) : label.toLowerCase();
    const enter = translate(lang, "registry.required", { what });
    const choose = translate(lang, "registry.choose", { what });
    if (key === "unit") {
      // A kind of the commune itself (clans) has no unit to choose: the page's commune is used.
      if (!kind.unit.levels.includes("village")) continue;
      const widget = kind.unit.levels.includes("commune") ? "place" : "village";
      specs.push({ name: kind.unit.field, label, widget, required: true, requiredMessage: choose, testId });
      continue;
    }
    const field = kind.fields[key];
    if (!field || ("form" in field && field.form === false)) continue;
    // A code the commune numbers may be left empty when adding; the hint says so.
    const generated = field.type === "code" && !!field.generate;
    const help = field.help
      ? say(field.help, lang)
      : generated && adding
        ? translate(lang, "registry.codeHint")
        : undefined;
    const base = { name: key, label, testId, ...(help ? { help } : {}) };
    switch (field.type) {
      case "members":
        specs.push({ ...base, widget: "members", required: false, requiredMessage: "", kind: field.kind });
        break;
      case "reference":
        specs.push({
          ...base,
          widget: "reference",
          required: !!field.required,
          requiredMessage: choose,
          kind: field.kind,
        });
        break;
      case "choice":
        specs.push({
          ...base,
          widget: "choice",
          required: !!field.required,
          requiredMessage: choose,
          options: Object.entries(field.options).map(([value, l]) => ({ value, label: say(l, lang) })),
        });
        break;
      case "integer":
      case "year":
        specs.push({
          ...base,
          widget: field.type === "year" ? "year" : "number",
          required: !!field.required,
          requiredMessage: translate(lang, "registry.range", { label, min: field.min, max: field.max }),
          min: field.min,
          max: field.max,
        });
        break;
      case "text":
        specs.push({
          ...base,
          widget: "text",
          required: !!field.required,
          requiredMessage: enter,
          max: field.max,
        });
        break;
      default:
        specs.push({
          ...base,
          widget: field.type,
          required: !!field.required,
          requiredMessage: enter,
          max: field.type === "code" ? 30 : field.type === "phone" ? 15 : undefined,
        });
    }
  }
  return specs;
}

/** The form's starting values: the item's, or for a new row the page's village and the fields' defaults. */
export function initialValues(
  kind: KindDeclaration,
  item: RegistryItem | null,
  place: { villageId: number | null; communeId: number; firstVillageId?: number },
): Record<string, unknown> {
  if (item) {
    const values: Record<string, unknown> = {};
    if (kind.unit.item) values[kind.unit.field] = (item[kind.unit.item] as UnitRef).id;
    for (const key of Object.keys(kind.fields)) values[key] = item[key] ?? undefined;
    return values;
  }
  const values: Record<string, unknown> = {};
  if (kind.unit.levels.includes("village"))
    values[kind.unit.field] =
      place.villageId ?? (kind.unit.levels.includes("commune") ? place.communeId : place.firstVillageId);
  for (const [key, field] of valueFields(kind)) {
    if (field.type === "choice" && field.default !== undefined) values[key] = field.default;
    if (field.type === "integer" && field.required) values[key] = field.min;
  }
  for (const [key] of memberFields(kind)) values[key] = [];
  return values;
}

/**
 * The body of a create or update from the form's values: text trimmed, an empty optional value sent as null
 * (an empty code or a default choice left out, so the server fills it), members left out (saved on their own).
 */
export function bodyOf(kind: KindDeclaration, values: Record<string, unknown>, communeId: number) {
  const body: Record<string, unknown> = {};
  body[kind.unit.field] = kind.unit.levels.includes("village") ? values[kind.unit.field] : communeId;
  for (const [key, field] of valueFields(kind)) {
    if (!kind.form.fields.includes(key) || field.form === false) continue;
    let value = values[key];
    if (typeof value === "string") value = value.trim();
    const empty = value === undefined || value === null || value === "";
    if (!empty) body[key] = value;
    else if ((field.type === "code" && field.generate) || (field.type === "choice" && field.default))
      continue;
    else if (!field.required) body[key] = null;
  }
  return body;
}
