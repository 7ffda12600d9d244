/**
 * The zod schemas of a registry kind, derived from its declaration: the item the API returns, the create body, the
 * update body (every field optional, `version` required), the list page and the archive body. The import checks
 * each cell with the same field schemas, so a file cannot hold what the form refuses.
 */
import { z } from "zod";
import { isCalendarDay, recordVersion, unitRef } from "../api";
import {
  alwaysFilled,
  type ChoiceField,
  type Field,
  type KindDeclaration,
  memberFields,
  type ValueField,
  valueFields,
  whatOf,
} from "./declaration";

const codePattern = /^[0-9A-Za-z._/-]{1,30}$/;
export const phonePattern = /^[0-9 +.]{8,15}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const enumOf = (field: ChoiceField) => z.enum(Object.keys(field.options) as [string, ...string[]]);

/** The schema of one value in a create or update body (before optional/nullable). */
export function fieldSchema(field: ValueField): z.ZodType {
  const what = whatOf(field);
  const label = field.label.vi;
  switch (field.type) {
    case "text": {
      const text = z.string().trim();
      return (field.required ? text.min(1, `Nhập ${what}`) : text).max(
        field.max,
        `${label} tối đa ${field.max} ký tự`,
      );
    }
    case "code":
      return z
        .string()
        .trim()
        .regex(codePattern, `${label} gồm chữ không dấu, số, . _ / - (tối đa 30 ký tự)`);
    case "phone":
      return z.string().trim().regex(phonePattern, `${label} không hợp lệ`);
    case "integer":
      return z
        .number()
        .int()
        .min(field.min, `${label} ít nhất là ${field.min}`)
        .max(field.max, `${label} tối đa ${field.max}`);
    case "year":
      return z
        .number()
        .int()
        .min(field.min, `${label} từ ${field.min}`)
        .max(field.max, `${label} không hợp lệ`);
    case "date":
      return z
        .string()
        .regex(isoDate, `${label}: ngày phải có dạng YYYY-MM-DD`)
        .refine(isCalendarDay, `${label}: ngày không có trong lịch`);
    case "choice":
      return enumOf(field);
    case "reference":
      return z.number().int().positive();
  }
}

/** The schema of one value in the item the API returns. */
function itemFieldSchema(field: Field): z.ZodType {
  if (field.type === "members") return z.array(z.number());
  const value =
    field.type === "choice"
      ? enumOf(field)
      : ["integer", "year", "reference"].includes(field.type)
        ? z.number()
        : z.string();
  return alwaysFilled(field) ? value : value.nullable();
}

/** A body value: required, or optional (nullable too unless the field is always filled). */
function inputFieldSchema(field: ValueField): z.ZodType {
  const schema = fieldSchema(field);
  if (field.required) return schema;
  return alwaysFilled(field) ? schema.optional() : schema.nullable().optional();
}

/** A row's unit, with the name of its commune (a list above a commune names villages of several). */
export const itemUnitRef = unitRef.extend({
  communeName: z.string().nullable().describe("Tên xã/phường của đơn vị (null nếu người xem không được đọc)"),
});

/** Rows may move between villages of their commune; a row of the commune itself stays there. */
export const movable = (kind: KindDeclaration) => kind.unit.levels.includes("village");

export function registrySchemas(kind: KindDeclaration) {
  const itemShape: Record<string, z.ZodType> = { id: z.number(), communeId: z.number() };
  if (kind.unit.item) itemShape[kind.unit.item] = itemUnitRef;
  for (const [key, field] of Object.entries(kind.fields)) itemShape[key] = itemFieldSchema(field);
  itemShape.archivedAt = z.string().nullable();
  const reasons = kind.archive ? (Object.keys(kind.archive.reasons) as [string, ...string[]]) : null;
  if (reasons) itemShape.archivedReason = z.enum(reasons).nullable();
  itemShape.version = z.number();
  const item = z.object(itemShape);

  const unitId = z.number().int().positive();
  const inputShape: Record<string, z.ZodType> = { [kind.unit.field]: unitId };
  for (const [key, field] of valueFields(kind)) inputShape[key] = inputFieldSchema(field);
  const input = z.object(inputShape);
  const { [kind.unit.field]: _unit, ...fixedShape } = inputShape;
  const update = z
    .object(movable(kind) ? inputShape : fixedShape)
    .partial()
    .extend({ version: recordVersion });
  const list = z.object({ [kind.name]: z.array(item), total: z.number() });
  const archive = reasons ? z.object({ reason: z.enum(reasons) }) : null;
  const members = Object.fromEntries(
    memberFields(kind).map(([key, field]) => [
      key,
      z.object({ [key]: z.array(z.number().int().positive()).max(field.max, field.maxMessage) }),
    ]),
  );
  return { item, input, update, list, archive, members };
}

// ---------------------------------------------------------------------------------------------------------------
// Types of a kind's item, from its declaration (declared `as const`).

type ValueOf<F> = F extends { type: "choice"; options: infer O }
  ? Extract<keyof O, string>
  : F extends { type: "members" }
    ? number[]
    : F extends { type: "integer" | "year" | "reference" }
      ? number
      : string;
type Filled<F> = F extends
  | { required: true }
  | { generate: object }
  | { default: string }
  | { type: "members" }
  ? true
  : false;
type FieldValues<Fields> = {
  -readonly [P in keyof Fields]: Filled<Fields[P]> extends true
    ? ValueOf<Fields[P]>
    : ValueOf<Fields[P]> | null;
};
type UnitRefShape = z.infer<typeof itemUnitRef>;
type UnitPart<U> = U extends { item: infer N extends string } ? { [P in N]: UnitRefShape } : unknown;
type ReasonPart<K> = K extends { archive: { reasons: infer R } }
  ? { archivedReason: Extract<keyof R, string> | null }
  : unknown;

/** The item of a kind as the API returns it. */
export type ItemOf<K extends KindDeclaration> = {
  id: number;
  communeId: number;
  archivedAt: string | null;
  version: number;
} & UnitPart<K["unit"]> &
  FieldValues<K["fields"]> &
  ReasonPart<K>;
