/**
 * The targets a plan (kế hoạch) carries (issue 11, item 3): per title (or the Hội) and year, a rate the officer
 * enters in the plan's draft. When the plan is issued they become the unit's local targets in the statistics
 * (docs/REPORTS.md, "Chỉ tiêu của kế hoạch"). The percent rule is the one of every target (POST /targets).
 */
import { z } from "zod";
import { subjectLabels, subjectMetrics, targetMetrics, targetSubjects } from "./stats";

/** A target's value: a percent from 0 to 100 with at most two decimals. */
export const targetPercent = z
  .number({ message: "Chỉ tiêu phải là một số" })
  .min(0, "Chỉ tiêu từ 0 đến 100 (%)")
  .max(100, "Chỉ tiêu từ 0 đến 100 (%)")
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "Chỉ tiêu có tối đa 2 chữ số thập phân");

export const planTarget = z
  .object({
    title: z.enum(targetSubjects, { message: "Danh hiệu không hợp lệ" }),
    /** Default: the subject's first metric (tỷ lệ đạt; the Hội: tỷ lệ hộ có hội viên). */
    metric: z.enum(targetMetrics, { message: "Chỉ số không hợp lệ" }).optional(),
    year: z
      .number({ message: "Năm phải là một số" })
      .int("Năm phải là số nguyên")
      .min(2000, "Năm từ 2000 đến 2100")
      .max(2100, "Năm từ 2000 đến 2100"),
    value: targetPercent,
  })
  .strict();
export type PlanTarget = z.infer<typeof planTarget>;

export const planMetric = (t: PlanTarget) => t.metric ?? subjectMetrics(t.title)[0]!;

export const planTargets = z
  .array(planTarget)
  .max(60, "Kế hoạch có tối đa 60 chỉ tiêu")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const metric = planMetric(t);
      if (!subjectMetrics(t.title).includes(metric))
        ctx.addIssue({
          code: "custom",
          path: [i, "metric"],
          message: `Chỉ tiêu ${subjectLabels[t.title]} không đo bằng chỉ số này`,
        });
      const key = `${t.title}:${metric}:${t.year}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: [i, "year"],
          message: `Chỉ tiêu ${subjectLabels[t.title]} năm ${t.year} bị lặp`,
        });
      seen.add(key);
    });
  });
