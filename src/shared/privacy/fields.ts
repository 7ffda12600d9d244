/** Field privacy declarations that several kinds share (a person's name, sex, birth year, phone; a row's code). */
import type { FieldPrivacy } from "./declaration";

export const rowCode = {
  purpose: { vi: "Số hiệu của dòng trong sổ", en: "The row's number in the list" },
  category: "not_personal",
  audience: "readers",
} as const satisfies FieldPrivacy;

/** Facts about an organisation, a place or an activity, not a person. */
export const notPersonal = (vi: string, en: string) =>
  ({ purpose: { vi, en }, category: "not_personal", audience: "readers" }) as const satisfies FieldPrivacy;

/** Basic personal data every reader of the list sees (a member's chapter, a household's size). */
export const personFact = (vi: string, en: string) =>
  ({ purpose: { vi, en }, category: "basic", audience: "readers" }) as const satisfies FieldPrivacy;

/** An adult's name: on public lists with the village only (certificates, disclosures). */
export const adultName = (vi: string, en: string) =>
  ({ purpose: { vi, en }, category: "basic", audience: "public" }) as const satisfies FieldPrivacy;

export const personSex = {
  purpose: {
    vi: "Xưng hô (ông, bà) trên giấy tờ; số liệu nữ",
    en: "Addressing (Mr, Ms) on papers; counts of women",
  },
  category: "basic",
  audience: "readers",
} as const satisfies FieldPrivacy;

export const personBirthYear = (minors = false) =>
  ({
    purpose: {
      vi: "Phân biệt người trùng tên; tính tuổi cho số liệu (và để không nêu tên trẻ em)",
      en: "Telling namesakes apart; ages for statistics (and never naming a child)",
    },
    category: "basic",
    audience: "keepers",
    ...(minors ? { minors: true } : {}),
  }) as const satisfies FieldPrivacy;

export const personPhone = {
  purpose: { vi: "Liên hệ khi cần", en: "Contact when needed" },
  category: "basic",
  audience: "keepers",
  basis: "consent",
} as const satisfies FieldPrivacy;

export const personAddress = {
  purpose: { vi: "Tìm đến hộ khi bình xét, trao giấy", en: "Finding the home for reviews and awards" },
  category: "basic",
  audience: "keepers",
} as const satisfies FieldPrivacy;

export const householdLink = {
  purpose: {
    vi: "Quan hệ với hộ gia đình (số liệu hộ có người học, hội viên)",
    en: "The person's household",
  },
  category: "basic",
  audience: "readers",
} as const satisfies FieldPrivacy;
