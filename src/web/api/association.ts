/**
 * The Hội Khuyến học through the API (/api/v1): search, a chapter's members, the tree, a chapter with its committee
 * and dues, a member's payment. A chapter or a member is named with its commune (`RowRef`): the server then looks
 * in that commune alone (docs/SCALE-OUT.md).
 */
import type { DuesList, Officer, OfficerPost } from "../../shared/association";
import type { ChapterMembers, ChapterSummary, MemberSearch } from "../../shared/association-lists";
import type { Chapter } from "../../shared/registry/kinds";
import { BASE, commune, type RowRef, request, withQuery } from "./client";

export type OfficerDraft = { fullName: string; post: OfficerPost; termFrom: string; termTo: string | null };

export const associationApi = {
  searchMembers: (query: { q: string; unitId?: number | null; birthYear?: number | null }) =>
    request<MemberSearch>("GET", "/members/search", { query }),
  /** One chapter; its commune when the page's address gave it (an older link names the id alone). */
  chapter: (id: number, communeId?: number) =>
    request<{ chapter: Chapter }>("GET", `/chapters/${id}`, { query: { communeId } }).then((r) => r.chapter),
  chapterMembers: (chapter: RowRef, date?: string) =>
    request<ChapterMembers>("GET", `/chapters/${chapter.id}/members`, {
      query: { ...commune(chapter), date },
    }),
  chapterSummary: (communeId: number, date?: string) =>
    request<ChapterSummary>("GET", `/units/${communeId}/chapters/summary`, { query: { date } }),
  committee: (chapter: RowRef) =>
    request<{ officers: Officer[] }>("GET", `/chapters/${chapter.id}/committee`, { query: commune(chapter) }),
  setCommittee: (chapter: RowRef, officers: OfficerDraft[]) =>
    request<{ officers: Officer[] }>("PUT", `/chapters/${chapter.id}/committee`, {
      query: commune(chapter),
      body: { officers },
    }),
  dues: (chapter: RowRef, year: number) =>
    request<DuesList>("GET", `/chapters/${chapter.id}/dues`, { query: { year, ...commune(chapter) } }),
  setDues: (chapter: RowRef, year: number, amount: number) =>
    request<{ year: number; amount: number }>("PUT", `/chapters/${chapter.id}/dues/${year}`, {
      query: commune(chapter),
      body: { amount },
    }),
  duesXlsxUrl: (chapter: RowRef, year: number) =>
    withQuery(`${BASE}/chapters/${chapter.id}/dues.xlsx`, { year, ...commune(chapter) }),
  /** Records a member's dues for a year (the chapter's amount when none is given). */
  payDues: (member: RowRef, body: { year: number; paidOn: string; amount?: number; collector?: string }) =>
    request<unknown>("POST", `/members/${member.id}/dues`, { query: commune(member), body }),
};
