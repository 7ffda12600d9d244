/**
 * The fields of a person that several kinds declare alike (a member of the Hội, a beneficiary of the funds, the
 * head of a household): sex, with its spellings in files, and the year of birth. Plain data like the declarations.
 */
import type { ChoiceField, YearField } from "../declaration";

export const sexOptions = { male: { vi: "Nam", en: "Male" }, female: { vi: "Nữ", en: "Female" } } as const;
/** "Ông", "Bà" in files. */
export const sexAliases = [
  ["ong", "male"],
  ["ba", "female"],
] as const;

export const sexField = {
  type: "choice",
  column: "sex",
  label: { vi: "Giới tính", en: "Sex" },
  options: sexOptions,
  aliases: sexAliases,
  import: { label: "Giới tính", aliases: ["Nam/Nữ"] },
} as const satisfies ChoiceField;

export const birthYearField = {
  type: "year",
  column: "birth_year",
  min: 1900,
  max: 2100,
  label: { vi: "Năm sinh", en: "Year of birth" },
  import: { label: "Năm sinh", aliases: ["Sinh năm"] },
} as const satisfies YearField;
