/** The Hội Khuyến học's lists and committee through the API (/api/v1): search, a chapter's members, the tree. */
import type { Officer, OfficerPost } from "../../shared/association";
import type { ChapterMembers, ChapterSummary, MemberSearch } from "../../shared/association-lists";
import { request } from "./client";

export type OfficerDraft = { fullName: string; post: OfficerPost; termFrom: string; termTo: string | null };

export const associationApi = {
  searchMembers: (query: { q: string; unitId?: number | null; birthYear?: number | null }) =>
    request<MemberSearch>("GET", "/members/search", { query }),
  chapterMembers: (chapterId: number, date?: string) =>
    request<ChapterMembers>("GET", `/chapters/${chapterId}/members`, { query: { date } }),
  chapterSummary: (communeId: number, date?: string) =>
    request<ChapterSummary>("GET", `/units/${communeId}/chapters/summary`, { query: { date } }),
  setCommittee: (chapterId: number, officers: OfficerDraft[]) =>
    request<{ officers: Officer[] }>("PUT", `/chapters/${chapterId}/committee`, { body: { officers } }),
};
