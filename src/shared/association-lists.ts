/**
 * The Hội Khuyến học's lists across its chapters: member search over the caller's scope, a chapter's members on a
 * date, and the chapter tree of a commune with its counts on a date.
 */
import { z } from "zod";
import { isoDate } from "./api";
import { chapterRef } from "./association";

export const chapterKinds = ["village", "clan", "school", "agency", "enterprise", "committee"] as const;
export type ChapterKindName = (typeof chapterKinds)[number];

const place = z.object({ id: z.number(), name: z.string() });

/** A member as a search hit or a chapter's list row: no more than the member book shows. */
export const memberHit = z.object({
  id: z.number(),
  memberNumber: z.string(),
  fullName: z.string(),
  birthYear: z.number().nullable(),
  sex: z.enum(["male", "female"]).nullable(),
  memberKind: z.enum(["individual", "collective"]),
  /** The member's village (or the commune, when none is recorded). */
  unit: place,
  commune: place,
  /** The member's chapter now (for one who left: the last one). */
  chapter: chapterRef,
  joinedOn: isoDate,
  leftOn: isoDate.nullable(),
});
export type MemberHit = z.infer<typeof memberHit>;

/** Folded search text: at least 2 letters or digits once diacritics are taken away. */
export const memberSearchQuery = z.object({
  q: z
    .string({ message: "Nhập họ tên hoặc số thẻ cần tìm" })
    .max(200, "Nội dung tìm tối đa 200 ký tự")
    .describe("Họ tên (không dấu cũng được) hoặc số thẻ; ít nhất 2 ký tự"),
  unitId: z.coerce
    .number({ message: "Đơn vị không hợp lệ" })
    .int("Đơn vị không hợp lệ")
    .positive("Đơn vị không hợp lệ")
    .optional()
    .describe("Chỉ tìm trong đơn vị này (mặc định: cả phạm vi của bạn)"),
  birthYear: z.coerce
    .number({ message: "Năm sinh phải là một số" })
    .int("Năm sinh phải là một số nguyên")
    .min(1900, "Năm sinh từ 1900")
    .max(2100, "Năm sinh không hợp lệ")
    .optional(),
});

export const memberSearchResponse = z.object({
  members: z.array(memberHit),
  /** More members match than the 50 returned: narrow the search. */
  more: z.boolean(),
});
export type MemberSearch = z.infer<typeof memberSearchResponse>;

export const chapterMembersResponse = z.object({
  chapter: chapterRef,
  date: isoDate,
  /** The members in the chapter on `date`, with the day they came to it. */
  members: z.array(memberHit.extend({ since: isoDate })),
});
export type ChapterMembers = z.infer<typeof chapterMembersResponse>;

export const chapterCounts = z.object({
  /** Members in the chapter on the date (individuals and collective members). */
  members: z.number(),
  women: z.number(),
  collective: z.number(),
  /** Members who paid the year's dues to the chapter by the date, and the net amount (đồng). */
  duesPaid: z.number(),
  duesCollected: z.number(),
});
export type ChapterCounts = z.infer<typeof chapterCounts>;

export const chapterSummaryRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(chapterKinds),
  /** A village chapter's village; the commune for the others. */
  unit: place,
  foundedOn: isoDate.nullable(),
  /** Archived (dissolved, merged) since, but it had members on the date. */
  archived: z.boolean(),
  counts: chapterCounts,
});
export type ChapterSummaryRow = z.infer<typeof chapterSummaryRow>;

export const chapterSummaryResponse = z.object({
  commune: place,
  date: isoDate,
  /** The year whose dues are counted (the date's). */
  year: z.number(),
  /** Only the caller's own chapter (a chapter secretary), not the whole commune. */
  ownChaptersOnly: z.boolean(),
  groups: z.array(
    z.object({ kind: z.enum(chapterKinds), chapters: z.array(chapterSummaryRow), totals: chapterCounts }),
  ),
  totals: chapterCounts.extend({ chapters: z.number() }),
});
export type ChapterSummary = z.infer<typeof chapterSummaryResponse>;
