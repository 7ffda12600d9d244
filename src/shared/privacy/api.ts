/** The API of the personal-data inventory: GET /privacy/inventory, PUT /privacy/retention/{key}. */
import { z } from "@hono/zod-openapi";
import { roles } from "../api";
import { audiences, categories, legalBases, sensitiveKinds } from "./declaration";

const label = z.object({ vi: z.string(), en: z.string() });
const keys = <T extends Record<string, unknown>>(record: T) => Object.keys(record) as [keyof T & string];

export const inventoryField = z.object({
  key: z.string(),
  label,
  purpose: label,
  category: z.enum(keys(categories)),
  sensitive: z.enum(keys(sensitiveKinds)).nullable(),
  minors: z.boolean(),
  audience: z.enum(keys(audiences)),
  basis: z.enum(keys(legalBases)),
  /** The roles that see the field; "all" for public fields. */
  roles: z.union([z.literal("all"), z.array(z.enum(roles))]),
});

export const inventoryRetention = z.object({
  years: z.number().int(),
  defaultYears: z.number().int(),
  minimum: z.object({ years: z.number().int(), source: z.string() }).nullable(),
  from: label,
  /** Who set the period, when it is not the default. */
  changed: z.object({ by: z.string(), at: z.string(), version: z.number().int() }).nullable(),
});

export const inventoryEntry = z.object({
  key: z.string(),
  name: label,
  registry: z.boolean(),
  tables: z.array(z.string()),
  purpose: label,
  basis: z.enum(keys(legalBases)),
  subjects: label,
  retention: inventoryRetention,
  fields: z.array(inventoryField),
});
export type InventoryEntryItem = z.infer<typeof inventoryEntry>;

export const inventoryAnswer = z.object({
  entries: z.array(inventoryEntry),
  /** The caller may change retention periods (a system administrator). */
  canEdit: z.boolean(),
});
export type InventoryAnswer = z.infer<typeof inventoryAnswer>;

export const retentionBody = z.object({
  years: z
    .number({ message: "Nhập thời hạn lưu trữ (số năm)" })
    .int({ message: "Thời hạn lưu trữ là số năm nguyên" })
    .min(1, { message: "Thời hạn lưu trữ ít nhất 1 năm" })
    .max(100, { message: "Thời hạn lưu trữ nhiều nhất 100 năm" }),
});
