/**
 * The learning-needs survey (khảo sát nhu cầu học tập) of a commune and year: its answers, one per household or
 * citizen of the registry or unnamed (no name is ever typed in), with an age group, the sex when given, topics of
 * the fixed list (kinds/topics.ts) and free topics; and its results by topic × village and topic × age group.
 */
import { z } from "zod";
import { importReport, recordVersion } from "./api";
import { type Topic, topics } from "./registry/kinds/topics";

/** The age groups the survey counts by (codes stored; labels as officers write them; aliases folded). */
export const ageGroupOptions = {
  under_15: { vi: "Dưới 15 tuổi", en: "Under 15" },
  from_15_to_35: { vi: "Từ 15 đến 35 tuổi", en: "15 to 35" },
  from_36_to_60: { vi: "Từ 36 đến 60 tuổi", en: "36 to 60" },
  over_60: { vi: "Trên 60 tuổi", en: "Over 60" },
} as const;
export type AgeGroup = keyof typeof ageGroupOptions;
export const ageGroups = Object.keys(ageGroupOptions) as AgeGroup[];
export const ageGroupAliases = [
  ["duoi 15", "under_15"],
  ["< 15", "under_15"],
  ["15 35", "from_15_to_35"],
  ["tu 15 35", "from_15_to_35"],
  ["36 60", "from_36_to_60"],
  ["tu 36 60", "from_36_to_60"],
  ["tren 60", "over_60"],
  ["> 60", "over_60"],
  ["nguoi cao tuoi", "over_60"],
] as const;

/** The age group of someone born in `birthYear`, in `year`. */
export function ageGroupOf(birthYear: number, year: number): AgeGroup {
  const age = year - birthYear;
  return age < 15 ? "under_15" : age <= 35 ? "from_15_to_35" : age <= 60 ? "from_36_to_60" : "over_60";
}

export const surveyStatuses = ["open", "closed"] as const;
const topicCode = z.enum(topics as [Topic, ...Topic[]], { message: "Chủ đề không có trong danh sách" });

export const needsSurveyCreate = z.object({
  communeId: z.number({ message: "Chọn xã, phường" }).int().positive(),
  year: z.number({ message: "Thiếu năm" }).int().min(2000, "Năm từ 2000").max(2100, "Năm đến 2100"),
  title: z
    .string({ message: "Thiếu tên đợt khảo sát" })
    .trim()
    .min(1, "Thiếu tên đợt khảo sát")
    .max(300, "Tên tối đa 300 ký tự"),
});
export type NeedsSurveyCreate = z.infer<typeof needsSurveyCreate>;

export const needsSurveyUpdate = z.object({
  title: needsSurveyCreate.shape.title.optional(),
  status: z.enum(surveyStatuses).optional(),
  version: recordVersion,
});
export type NeedsSurveyUpdate = z.infer<typeof needsSurveyUpdate>;

export const needsSurvey = z.object({
  id: z.number(),
  communeId: z.number(),
  year: z.number(),
  title: z.string(),
  status: z.enum(surveyStatuses),
  responseCount: z.number(),
  version: z.number(),
});
export type NeedsSurvey = z.infer<typeof needsSurvey>;

const responseFields = {
  villageId: z.number({ message: "Chọn thôn, tổ dân phố" }).int().positive(),
  householdId: z.number().int().positive().nullable().optional(),
  citizenId: z.number().int().positive().nullable().optional(),
  ageGroup: z.enum(ageGroups as [AgeGroup, ...AgeGroup[]], { message: "Chọn nhóm tuổi" }),
  sex: z.enum(["male", "female"]).nullable().optional(),
  topics: z.array(topicCode).max(topics.length, "Chủ đề lặp lại").default([]),
  freeTopics: z.string().trim().max(500, "Chủ đề khác tối đa 500 ký tự").nullable().optional(),
};
const oneRespondent = (r: { householdId?: number | null; citizenId?: number | null }) =>
  !(r.householdId && r.citizenId);
const someTopic = (r: { topics?: string[]; freeTopics?: string | null }) =>
  (r.topics?.length ?? 0) > 0 || Boolean(r.freeTopics);

export const surveyResponseCreate = z
  .object(responseFields)
  .refine(oneRespondent, {
    message: "Người trả lời là một hộ hoặc một công dân, không cả hai",
    path: ["citizenId"],
  })
  .refine(someTopic, { message: "Chọn ít nhất một chủ đề hoặc ghi chủ đề khác", path: ["topics"] });
export type SurveyResponseCreate = z.infer<typeof surveyResponseCreate>;
export type SurveyResponseInput = z.input<typeof surveyResponseCreate>;

export const surveyResponseUpdate = z
  .object({ ...responseFields, version: recordVersion })
  .refine(oneRespondent, {
    message: "Người trả lời là một hộ hoặc một công dân, không cả hai",
    path: ["citizenId"],
  })
  .refine(someTopic, { message: "Chọn ít nhất một chủ đề hoặc ghi chủ đề khác", path: ["topics"] });
export type SurveyResponseUpdate = z.infer<typeof surveyResponseUpdate>;

export const surveyResponse = z.object({
  id: z.number(),
  surveyId: z.number(),
  villageId: z.number(),
  villageName: z.string(),
  householdId: z.number().nullable(),
  citizenId: z.number().nullable(),
  /** The registry reference as officers read it: a household's code and head, a citizen's name; null: unnamed. */
  respondent: z.string().nullable(),
  ageGroup: z.enum(ageGroups as [AgeGroup, ...AgeGroup[]]),
  sex: z.enum(["male", "female"]).nullable(),
  topics: z.array(topicCode),
  freeTopics: z.string().nullable(),
  version: z.number(),
});
export type SurveyResponse = z.infer<typeof surveyResponse>;

const countRow = z.object({ topic: z.enum(topics as [Topic, ...Topic[]]), count: z.number() });

export const surveyResults = z.object({
  surveyId: z.number(),
  responses: z.number().describe("Số phiếu trả lời"),
  byTopic: z.array(countRow).describe("Số người muốn học mỗi chủ đề"),
  byVillage: z.array(
    z.object({
      villageId: z.number(),
      villageName: z.string(),
      responses: z.number(),
      topics: z.array(countRow),
    }),
  ),
  byAgeGroup: z.array(
    z.object({
      ageGroup: z.enum(ageGroups as [AgeGroup, ...AgeGroup[]]),
      responses: z.number(),
      topics: z.array(countRow),
    }),
  ),
  freeTopics: z
    .array(z.object({ text: z.string(), count: z.number() }))
    .describe("Chủ đề khác, hay gặp trước"),
});
export type SurveyResults = z.infer<typeof surveyResults>;

export const surveyImportReport = importReport.extend({
  converted: z.record(z.string(), z.string()).describe("Cột đã chuyển từ TCVN3 hoặc VNI sang Unicode"),
});
export type SurveyImportReport = z.infer<typeof surveyImportReport>;
