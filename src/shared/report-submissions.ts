/**
 * Report drafts, autosave, snapshot on submission and submission up the levels (issue 11, items 2, 4, 5): the
 * requests and answers of the /reports routes, used by the server (validation, OpenAPI) and the /bao-cao page.
 * Rules: docs/REPORTS.md, "Nộp báo cáo".
 */
import { z } from "zod";
import { isoDate, recordVersion } from "./api";
import { documentFields, reportKinds, reportLevels, reportSource } from "./reports";

export const reportStatuses = ["draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatus | "missing", { vi: string; en: string }> = {
  missing: { vi: "Chưa nộp", en: "Not submitted" },
  draft: { vi: "Đang soạn (chưa nộp)", en: "Draft (not submitted)" },
  submitted: { vi: "Đã nộp", en: "Submitted" },
  returned: { vi: "Trả lại", en: "Returned" },
  accepted: { vi: "Đã tiếp nhận", en: "Accepted" },
};

const period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc", path: ["from"] });

export const createReportRequest = z
  .object({
    templateId: z.number({ message: "Chọn mẫu báo cáo (templateId)" }).int().positive(),
    period,
    document: documentFields.default({}),
    /** A province's: its title figures live or from the accepted commune reports. */
    source: reportSource.default("live"),
  })
  .strict();

export const saveSectionRequest = z.object({ text: z.string().max(20000), version: recordVersion }).strict();
export const saveDocumentRequest = z
  .object({ document: documentFields, source: reportSource.optional() })
  .strict();
export const submitRequest = z
  .object({
    /** Required when the previous version was accepted. */
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();
export const returnRequest = z
  .object({ reason: z.string({ message: "Nhập lý do trả lại (reason)" }).trim().max(2000) })
  .strict();

/** One difference between two versions: a section's text, or one line of a live block (sentence or table row). */
export const reportChange = z.object({
  section: z.string(),
  heading: z.string(),
  kind: z.enum(["text", "figure"]),
  before: z.string(),
  after: z.string(),
});
export type ReportChange = z.infer<typeof reportChange>;

export const savedReport = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  templateId: z.number(),
  templateName: z.string(),
  level: z.enum(reportLevels),
  kind: z.enum(reportKinds),
  period: z.object({ from: z.string(), to: z.string() }),
  version: z.number(),
  previousId: z.number().nullable(),
  status: z.enum(reportStatuses),
  document: documentFields,
  /** Where a province's title figures come from (a submitted version: as frozen in its snapshot). */
  source: reportSource,
  sections: z.array(
    z.object({ key: z.string(), text: z.string(), version: z.number(), savedAt: z.string() }),
  ),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  resubmitReason: z.string().nullable(),
  sha256: z.string().nullable(),
  changes: z.array(reportChange).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type SavedReport = z.infer<typeof savedReport>;

export const statusQuery = z.object({
  /** The receiving unit (a province); without it, the provinces (the nation: system administrators). */
  unitId: z.coerce.number().int().positive().optional(),
  level: z.enum(reportLevels),
  kind: z.enum(reportKinds),
  from: isoDate,
  to: isoDate,
  /** The due date; without it, the deadlines calendar's for the kind and period, else the period's last day. */
  due: isoDate.optional(),
});

export const statusRow = z.object({
  unitId: z.number(),
  unitName: z.string(),
  status: z.enum([...reportStatuses, "missing"]),
  reportId: z.number().nullable(),
  version: z.number().nullable(),
  submittedAt: z.string().nullable(),
  /** null while not submitted and the due date is ahead. */
  onTime: z.boolean().nullable(),
  returnReasons: z.array(z.string()),
});
export type StatusRow = z.infer<typeof statusRow>;

/**
 * Where the status table's due date comes from: the `due` parameter, the deadlines calendar (a province's own date
 * or the national one, for the annual report and the learning week), or the period's last day when the calendar
 * has no date for the report's kind.
 */
export const dueSources = ["param", "province", "national", "period_end"] as const;
export const statusDue = z.object({
  date: z.string(),
  source: z.enum(dueSources),
  /** The calendar row used (docs/DEADLINES.md), when the date comes from the calendar. */
  deadlineId: z.number().nullable(),
  /** In Vietnamese: "Hạn riêng của Thành phố Hà Nội: 30/11/2025 (lịch hạn)". */
  text: z.string(),
});
export type StatusDue = z.infer<typeof statusDue>;
export const statusResponse = z.object({ due: z.string(), dueFrom: statusDue, units: z.array(statusRow) });
