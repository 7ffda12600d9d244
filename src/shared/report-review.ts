/**
 * The review of a report version by the level above and the refresh of a draft's live blocks (issue 11, item 2):
 * comments beside one section (append-only; the commune marks them handled), a return carrying section comments,
 * and "Làm mới số liệu" with what changed since the previous refresh. Rules: docs/REPORTS.md.
 */
import { z } from "zod";
import { reportChange, returnRequest } from "./report-submissions";
import { reportPreview } from "./reports";

export const commentInput = z
  .object({
    section: z
      .string({ message: "Chọn mục được góp ý (section)" })
      .regex(/^[a-z0-9_]{1,40}$/, "Mã mục không hợp lệ (section)"),
    text: z
      .string({ message: "Nhập nội dung góp ý (text)" })
      .trim()
      .min(1, "Nhập nội dung góp ý (text)")
      .max(2000, "Góp ý dài tối đa 2000 ký tự (text)"),
  })
  .strict();
export type CommentInput = z.infer<typeof commentInput>;

/** Returning a report: the reason, and optionally comments on its sections. */
export const returnWithComments = returnRequest.extend({
  comments: z.array(commentInput).max(40, "Tối đa 40 góp ý một lần (comments)").optional(),
});

/** A comment, on the version it was written on (the draft of a later version shows its predecessors'). */
export const reportComment = z.object({
  id: z.number(),
  reportId: z.number(),
  version: z.number(),
  section: z.string(),
  heading: z.string(),
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type ReportComment = z.infer<typeof reportComment>;

/** The live blocks recomputed, and their changes since the previous refresh (null: the first refresh). */
export const refreshResult = z.object({
  preview: reportPreview,
  changes: z.array(reportChange).nullable(),
  previousAt: z.string().nullable(),
  refreshedAt: z.string(),
});
export type RefreshResult = z.infer<typeof refreshResult>;
