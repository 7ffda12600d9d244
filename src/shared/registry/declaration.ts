/**
 * A registry kind (households, clans, organisations, citizens, and next the association's members and chapters,
 * the fund's donors and beneficiaries, the learning centres' learners) is declared once, as plain data: its table,
 * fields with types, labels, limits, list and form layout, unit, search, import/export mapping and archive reasons.
 * One engine serves every kind from its declaration: the API schemas and routes (server/registry), the import and
 * export, and the web page (web/components/registry). The declarations hold no code and no zod, so the web bundles
 * them as they are; src/shared/registry/schemas.ts derives the zod schemas from them.
 */

import type { KindPrivacy } from "../privacy/declaration";
import type { Title } from "../rubric";

/** A text shown to users, in Vietnamese and English. */
export type Label = { readonly vi: string; readonly en: string };

/** Where a field is read from in an import file and written to in an export. */
export type ImportSpec = {
  /** The column's header in the template and the export. */
  readonly label: string;
  /** Other headers officers write for it (compared without diacritics, case or punctuation). */
  readonly aliases?: readonly string[];
  /** An empty cell keeps the stored value (a new row gets the default); otherwise an empty cell clears it. */
  readonly blank?: "keep";
};

type FieldCommon = {
  readonly label: Label;
  /** The column of the kind's table. */
  readonly column: string;
  /** Required when creating, and in every import row. */
  readonly required?: boolean;
  /** The noun phrase of the messages "Nhập …" and "Thiếu …"; the label in lower case by default. */
  readonly what?: string;
  /** Unique within the commune (the table has the UNIQUE key): a second row with the value answers 409. */
  readonly unique?: boolean;
  /** Read from and written to import files. */
  readonly import?: ImportSpec;
  /** In an import, text typed in TCVN3 or VNI is converted to Unicode. */
  readonly legacy?: boolean;
  /** Shown in the add/edit form (default true). */
  readonly form?: boolean;
  /** A hint under the form field. */
  readonly help?: Label;
  /**
   * A consent purpose (src/shared/consent.ts): the value is read, listed and exported only while the row's person
   * has consented to it; without one (or once withdrawn) the item carries null (registry/rows.ts).
   */
  readonly consent?: string;
};

/** Free text, stored with single spaces (names, addresses). */
export type TextField = FieldCommon & { readonly type: "text"; readonly max: number };
/** The commune's own code of a row: letters without diacritics, digits, `. _ / -`, at most 30 characters. */
export type CodeField = FieldCommon & {
  readonly type: "code";
  /** An empty code is filled with the next free number of the commune, this many digits wide (form and import). */
  readonly generate?: { readonly pad: number };
};
/** A phone number: 8–15 digits, spaces, dots or +. */
export type PhoneField = FieldCommon & { readonly type: "phone" };
export type IntegerField = FieldCommon & {
  readonly type: "integer";
  readonly min: number;
  readonly max: number;
};
export type YearField = FieldCommon & { readonly type: "year"; readonly min: number; readonly max: number };
/** A date, ISO 'YYYY-MM-DD' in the API, dd/mm/yyyy in files. */
export type DateField = FieldCommon & { readonly type: "date" };
/** One of a few codes, each with its label; files may carry the label or another spelling (`aliases`). */
export type ChoiceField = FieldCommon & {
  readonly type: "choice";
  readonly options: Readonly<Record<string, Label>>;
  /** Other spellings (already folded: lower case, no diacritics or punctuation) → code. */
  readonly aliases?: readonly (readonly [string, string])[];
  /** What a new row gets when the field is not given. */
  readonly default?: string;
};
/** A row of another kind of the same commune (a household's clan): refused with 422 when it is not. */
export type ReferenceField = FieldCommon & { readonly type: "reference"; readonly kind: string };
/**
 * The rows of another kind that point at this one through their reference field `via` (a clan's member
 * households): listed in the item, set with PUT /{name}/{id}/{kind}, never part of the create/update body.
 */
export type MembersField = {
  readonly type: "members";
  readonly label: Label;
  readonly kind: string;
  readonly via: string;
  /** How many may be set at once, and the message when more are sent. */
  readonly max: number;
  readonly maxMessage: string;
  readonly help?: Label;
  /** The summary of the PUT route in the API document. */
  readonly summary?: string;
};

export type ValueField =
  | TextField
  | CodeField
  | PhoneField
  | IntegerField
  | YearField
  | DateField
  | ChoiceField
  | ReferenceField;
export type Field = ValueField | MembersField;
export type FieldType = Field["type"];

/** The administrative unit a row belongs to: a village, the commune, or either. */
export type UnitDeclaration = {
  /** The key of the unit in the create/update body ("villageId"). */
  readonly field: string;
  /** The table's column ("village_id"); "commune_id" when the row belongs to the commune itself. */
  readonly column: string;
  readonly levels: readonly ("village" | "commune")[];
  /** The key of the unit in the item ({ id, code, name, level, kind }); absent when only communeId is given. */
  readonly item?: string;
  readonly label: Label;
  /** The village column of import files; when not required, an empty cell means the commune itself. */
  readonly import?: { readonly required: boolean };
};

/** The unit of a kind whose rows live in a village (households, citizens, …), named in files by village. */
export const inVillage = {
  field: "villageId",
  column: "village_id",
  levels: ["village"],
  item: "village",
  label: { vi: "Thôn, tổ dân phố", en: "Village" },
  import: { required: true },
} as const satisfies UnitDeclaration;

/** The unit of a kind whose rows live in a village or the commune itself (an empty village cell: the commune). */
export const inVillageOrCommune = {
  field: "unitId",
  column: "unit_id",
  levels: ["village", "commune"],
  item: "unit",
  label: { vi: "Thôn, tổ dân phố", en: "Village" },
  import: { required: false },
} as const satisfies UnitDeclaration;

/** The API operations of a kind, for the summaries of the API document. */
export type Operation = "list" | "template" | "export" | "get" | "create" | "update" | "archive" | "import";

/** Page texts a declaration may set instead of the ones made from its noun. */
export type KindTexts = { archiveHelp: string };

export type KindDeclaration = {
  /** Path segment and list key of the API: /households, { households: [...] }. */
  readonly name: string;
  /** Item key of the API, audit entity and test id prefix: { household }, "household". */
  readonly entity: string;
  readonly table: string;
  /** What one row is called, for titles and messages: "hộ gia đình" / "household" / "households". */
  readonly noun: { readonly vi: string; readonly en: string; readonly enPlural: string };
  readonly unit: UnitDeclaration;
  /** In this order in the item, the body and the form. */
  readonly fields: Readonly<Record<string, Field>>;
  /**
   * What the list's search box finds: text fields through the table's `search_name` (generated by the migration
   * as hieuhoc_fold of those columns), code fields by the exact code.
   */
  readonly search: readonly string[];
  /** List order: field keys, or "unit" for the unit's name; the id breaks ties. */
  readonly order: readonly string[];
  /**
   * The learning title whose "tổng số" (title_totals, migration 0003) counts this kind's rows not archived, by the
   * unit column: a list without search, filter or archive reads its total there (a few rows per village) instead
   * of counting the rows. The migration's trigger must name the same title and column (test/api/list-totals.test.ts).
   */
  readonly totals?: Title;
  readonly list: {
    /** The main cell: bold name, archived tag; on a phone the other columns fold under it. */
    readonly title: string;
    readonly columns: readonly string[];
    /** A field shown in small type under the title (a household's address). */
    readonly detail?: string;
  };
  readonly form: {
    /** Field keys and "unit", in the form's order. */
    readonly fields: readonly string[];
    /** A notice above the form (what personal data is kept, and why). */
    readonly notice?: Label;
  };
  readonly import: {
    /** Field keys and "unit", in the template's column order. */
    readonly columns: readonly string[];
    /** What identifies a row of the file among the commune's rows ("unit" may be part of it). */
    readonly key: readonly string[];
    /** Example rows of the template, by column. */
    readonly example: readonly Readonly<Record<string, string>>[];
    /** Columns the export writes wide. */
    readonly wide?: readonly string[];
  };
  /**
   * Who reads and writes the rows: by default the government's `read` and `write`; the Hội Khuyến học's kinds
   * name its permissions. `chapter` is a reference field to chapters whose secretary also reads and writes the row.
   */
  readonly access?: {
    readonly read: "read" | "association_read";
    readonly write: "write" | "association";
    readonly chapter?: string;
  };
  /** Import rows matching a stored row (or each other) on all these keys are reported as likely duplicates. */
  readonly duplicates?: readonly string[];
  /** Reasons an archive must give (stored in archived_reason); without them, archiving takes no body. */
  readonly archive?: { readonly reasons: Readonly<Record<string, Label>> };
  /** The table has updated_at, set on every write. */
  readonly updatedAt?: boolean;
  /** `detail`: each row has its own page at `${path}/${id}` (a chapter's committee, members and dues). */
  readonly web: { readonly path: string; readonly icon?: string; readonly detail?: boolean };
  /** Texts of the API document; made from the noun when absent. */
  readonly api?: {
    readonly tag?: string;
    readonly summaries?: Partial<Readonly<Record<Operation, string>>>;
    readonly descriptions?: { readonly list?: string; readonly item?: string };
  };
  readonly texts?: { readonly vi?: Partial<KindTexts>; readonly en?: Partial<KindTexts> };
  /**
   * Purpose, legal basis, retention and, per field, category and audience (src/shared/privacy/declaration.ts).
   * Every kind of registryKinds has one (src/shared/privacy/inventory.test.ts); fields whose audience is
   * `keepers` come back null to the other readers.
   */
  readonly privacy?: KindPrivacy;
};

/** "hộ gia đình" → "Hộ gia đình". */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The value fields of a kind (not the member lists), with their keys, in declaration order. */
export function valueFields(kind: KindDeclaration): [string, ValueField][] {
  return Object.entries(kind.fields).filter((e): e is [string, ValueField] => e[1].type !== "members");
}

export function memberFields(kind: KindDeclaration): [string, MembersField][] {
  return Object.entries(kind.fields).filter((e): e is [string, MembersField] => e[1].type === "members");
}

/** The noun phrase of a field in messages ("họ tên chủ hộ"). */
export const whatOf = (field: Field) => ("what" in field && field.what) || field.label.vi.toLowerCase();

/** A value field always has a value in the item: required, generated or with a default. */
export const alwaysFilled = (field: ValueField) =>
  !!field.required ||
  (field.type === "code" && !!field.generate) ||
  (field.type === "choice" && field.default !== undefined);

/** The label of an import column: the unit's village column, or a field's header. */
export function importLabel(kind: KindDeclaration, key: string): string {
  if (key === "unit") return "Thôn, tổ dân phố";
  const field = kind.fields[key];
  return field && "import" in field && field.import ? field.import.label : key;
}

/** The page's file names: "mau-danh-sach-ho-gia-dinh.xlsx" and "danh-sach-ho-gia-dinh.xlsx". */
export function fileNames(kind: KindDeclaration) {
  const slug = kind.web.path.replace(/^\//, "");
  return { template: `mau-danh-sach-${slug}.xlsx`, export: `danh-sach-${slug}.xlsx` };
}
