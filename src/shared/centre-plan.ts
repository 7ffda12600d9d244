/**
 * A learning centre's yearly plan (kế hoạch hoạt động năm): items by quarter, activity kind and topic with the
 * planned count and expected participants, edited as a whole list while a draft, approved by the commune (which
 * locks it) and reopened with a reason; plan vs done by quarter; and the totals over a unit's subtree.
 */
import { z } from "zod";
import { recordVersion } from "./api";
import { type Topic, topics } from "./registry/kinds/topics";

export const activityKinds = ["class", "talk", "club"] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const planStatuses = ["draft", "approved"] as const;
export const quarters = [1, 2, 3, 4] as const;

const topicCode = z.enum(topics as [Topic, ...Topic[]], { message: "Chủ đề không có trong danh sách" });

export const planItemInput = z.object({
  quarter: z.number({ message: "Chọn quý" }).int().min(1, "Quý từ 1 đến 4").max(4, "Quý từ 1 đến 4"),
  activityKind: z.enum(activityKinds, { message: "Chọn hình thức" }),
  topic: topicCode,
  plannedCount: z
    .number({ message: "Thiếu số lớp, buổi dự kiến" })
    .int()
    .min(1, "Số lớp, buổi ít nhất là 1")
    .max(1000, "Số lớp, buổi tối đa 1.000"),
  expectedParticipants: z
    .number({ message: "Thiếu số người dự kiến" })
    .int()
    .min(0, "Số người dự kiến không âm")
    .max(1_000_000, "Số người dự kiến tối đa 1.000.000"),
  note: z.string().trim().max(500, "Ghi chú tối đa 500 ký tự").nullable().optional(),
});
export type PlanItemInput = z.infer<typeof planItemInput>;

export const planSave = z.object({
  note: z.string().trim().max(2000, "Ghi chú tối đa 2.000 ký tự").nullable().optional(),
  items: z.array(planItemInput).max(200, "Kế hoạch tối đa 200 mục"),
  /** The version the list was opened at; absent when the plan does not exist yet. */
  version: recordVersion.optional(),
});
export type PlanSave = z.infer<typeof planSave>;

export const planReopen = z.object({
  reason: z.string({ message: "Thiếu lý do mở lại" }).trim().min(1, "Thiếu lý do mở lại").max(500),
  version: recordVersion,
});
export const planApprove = z.object({ version: recordVersion });

export const planItem = planItemInput.extend({
  line: z.number(),
  note: z.string().nullable(),
  demand: z.number().describe("Số người muốn học chủ đề này theo khảo sát nhu cầu của năm"),
});
export type PlanItem = z.infer<typeof planItem>;

export const centrePlan = z.object({
  id: z.number().nullable().describe("null: chưa lập kế hoạch năm này"),
  centreId: z.number(),
  centreName: z.string(),
  communeId: z.number(),
  year: z.number(),
  status: z.enum(planStatuses),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(planItem),
  /** The year's survey of the commune: how many answered; null when there is none. */
  surveyResponses: z.number().nullable(),
  version: z.number().nullable(),
});
export type CentrePlan = z.infer<typeof centrePlan>;

const planDoneCounts = {
  plannedCount: z.number(),
  doneCount: z.number(),
  plannedParticipants: z.number(),
  doneParticipants: z.number(),
};

export const planProgress = z.object({
  centreId: z.number(),
  year: z.number(),
  rows: z.array(
    z.object({
      quarter: z.number(),
      activityKind: z.enum(activityKinds),
      topic: topicCode,
      ...planDoneCounts,
    }),
  ),
  quarters: z.array(z.object({ quarter: z.number(), ...planDoneCounts })),
  total: z.object(planDoneCounts),
});
export type PlanProgress = z.infer<typeof planProgress>;

export const planSummary = z.object({
  unitId: z.number(),
  year: z.number(),
  centres: z.number().describe("Trung tâm đang hoạt động"),
  plans: z.number().describe("Kế hoạch đã lập"),
  approvedPlans: z.number(),
  plannedCount: z.number().describe("Số lớp, buổi theo các kế hoạch đã duyệt"),
  doneCount: z.number().describe("Số lớp, buổi đã tổ chức của các trung tâm có kế hoạch đã duyệt"),
  plannedParticipants: z.number(),
  doneParticipants: z.number(),
  doneRate: z
    .number()
    .nullable()
    .describe("Tỉ lệ thực hiện kế hoạch (%), một chữ số thập phân; null: chưa có kế hoạch"),
  surveyResponses: z.number().describe("Số phiếu khảo sát nhu cầu học tập của năm"),
});
export type PlanSummary = z.infer<typeof planSummary>;
