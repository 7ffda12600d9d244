/**
 * The public check of a class's completion certificate (docs/CENTRES.md, "Giờ học và giấy chứng nhận"): the
 * learner's name (none for a learner under 16), the activity, its centre and dates; nothing else.
 */
import { z } from "zod";

export const completionCheck = z.object({
  code: z.string(),
  /** Null for a learner whose birth year says under 16: a minor is never named publicly. */
  holderName: z.string().nullable(),
  activity: z.string(),
  centre: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  /** False once the activity was archived (the certificate no longer stands). */
  valid: z.boolean(),
});
export type CompletionCheck = z.infer<typeof completionCheck>;

/** The share of an activity's sessions a named learner attends to get its completion certificate. */
export const completionShare = 0.8;
