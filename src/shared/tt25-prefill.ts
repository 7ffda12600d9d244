/**
 * Suggestions (gợi ý) for the centre-related items of a commune's self-assessment (TT 25/2023, and TT 44/2014 for
 * the years it applied), computed from the yearly rating of the commune's learning centres. A suggestion is shown,
 * never applied by itself: the officer applies it with one click (docs/CENTRES.md, "Gợi ý cho hồ sơ TT 25").
 */
import { z } from "zod";

/** The grade of a centre's issued rating that counts as "đạt" (TT 44/2014: "được xếp loại tốt"; to be confirmed). */
export const centreGradeMet = "good";

export const itemSuggestion = z.object({
  itemKey: z.string(),
  /** Đạt / chưa đạt; null when nothing is suggested (a centre not rated for the year, or no centre at all). */
  met: z.boolean().nullable(),
  /** For a points set: the score suggested (the item's maximum when met, 0 when not); null for a levels set. */
  points: z.number().nullable(),
  /** One line per centre: its grade and the decision's number and date, or "chưa xếp loại". */
  sources: z.array(z.string()),
  /** The evidence note the suggestion offers for the item (the source lines joined). */
  note: z.string(),
  /**
   * Evidence only (a citizen's attended hours, docs/CENTRES.md "Giờ học và giấy chứng nhận"): "Dùng gợi ý" puts the
   * source into the note and leaves the item's choice or score as it is.
   */
  noteOnly: z.boolean().optional(),
});
export type ItemSuggestion = z.infer<typeof itemSuggestion>;

export const suggestionsResponse = z.object({
  suggestions: z.array(itemSuggestion),
  /**
   * The registration is past its self-assessment (reviewed or decided): the suggestion is for reading only and
   * nothing of the record changes with it.
   */
  locked: z.boolean(),
});
export type SuggestionsResponse = z.infer<typeof suggestionsResponse>;
