/**
 * Official reports from live data (issue 11): report templates as versioned data (an ordered outline of sections,
 * each with a narrative prompt and live blocks), the preview request and what it answers. Used by the server
 * (validation, OpenAPI) and the web (the /bao-cao page). Rules: docs/REPORTS.md.
 */
import { z } from "zod";
import { isoDate } from "./api";
import { planTargets } from "./plan-targets";
import { recognitionTitles } from "./rubric";

/** In the order the report page offers them: the annual report first. */
export const reportKinds = ["year", "midterm", "summary", "week", "plan"] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportKindLabels: Record<ReportKind, { vi: string; en: string }> = {
  year: { vi: "Báo cáo năm", en: "Annual report" },
  midterm: { vi: "Báo cáo sơ kết", en: "Mid-term report" },
  summary: { vi: "Báo cáo tổng kết", en: "Summary report" },
  week: { vi: "Báo cáo Tuần lễ hưởng ứng học tập suốt đời", en: "Lifelong Learning Week report" },
  plan: { vi: "Kế hoạch", en: "Plan" },
};

/** Who issues the report: the commune's or province's people's committee, or the Hội Khuyến học at either. */
export const reportLevels = ["commune", "province", "association"] as const;
export type ReportLevel = (typeof reportLevels)[number];
export const reportLevelLabels: Record<ReportLevel, { vi: string; en: string }> = {
  commune: { vi: "Cấp xã", en: "Commune" },
  province: { vi: "Cấp tỉnh", en: "Province" },
  association: { vi: "Hội Khuyến học", en: "Learning Promotion Association" },
};

/** The live blocks a section may hold: their code lives in src/server/modules/reports/blocks/. */
export const blockIds = [
  "titles.overview",
  "titles.sentences",
  "titles.children",
  "titles.series",
  "association.overview",
  "fund.overview",
  "centres.overview",
  "commendations.overview",
] as const;
export type BlockId = (typeof blockIds)[number];
export const blockLabels: Record<BlockId, string> = {
  "titles.overview": "Bảng kết quả các danh hiệu học tập (tổng số, đăng ký, đạt, tỷ lệ, kỳ trước, chỉ tiêu)",
  "titles.sentences": "Câu số liệu từng danh hiệu (đạt / tổng số, tỷ lệ, kỳ trước, chỉ tiêu)",
  "titles.children": "Bảng danh hiệu theo đơn vị trực thuộc (thôn, tổ dân phố hoặc xã, phường)",
  "titles.series": "Bảng tỷ lệ đạt danh hiệu qua các năm của kỳ báo cáo",
  "association.overview": "Hội Khuyến học: chi hội, hội viên, hộ có hội viên",
  "fund.overview": "Quỹ khuyến học: thu, chi, học bổng, tồn quỹ",
  "centres.overview": "Trung tâm học tập cộng đồng: lớp, chuyên đề, buổi học, lượt người",
  "commendations.overview": "Khen thưởng: tập thể, cá nhân, theo hình thức và cấp",
};

export const reportTitles = recognitionTitles;
export const blockParams = z
  .object({
    /** The titles shown (default: those of the unit's level). */
    titles: z.array(z.enum(recognitionTitles)).min(1).max(6).optional(),
  })
  .strict();
export const blockRef = z.object({ id: z.enum(blockIds), params: blockParams.optional() }).strict();
export type BlockRef = z.infer<typeof blockRef>;

export const templateSection = z
  .object({
    key: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, "Mã mục chỉ gồm chữ thường không dấu, số, gạch dưới (tối đa 40)"),
    heading: z.string().trim().min(1, "Nhập tên mục").max(300),
    prompt: z.string().max(2000).default(""),
    required: z.boolean().default(false),
    blocks: z.array(blockRef).max(12).default([]),
  })
  .strict();
export type TemplateSection = z.infer<typeof templateSection>;

export const templateOutline = z
  .object({
    /** Trích yếu without the period ("Kết quả xây dựng xã hội học tập"); the period is added when generated. */
    subject: z.string().trim().min(1, "Nhập trích yếu").max(300),
    sections: z.array(templateSection).min(1, "Mẫu cần ít nhất một mục").max(40),
  })
  .strict()
  .superRefine((outline, ctx) => {
    const seen = new Set<string>();
    outline.sections.forEach((section, i) => {
      if (seen.has(section.key))
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, "key"],
          message: `Mã mục "${section.key}" bị lặp`,
        });
      seen.add(section.key);
    });
  });
export type TemplateOutline = z.infer<typeof templateOutline>;

export const templateInput = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "Mã mẫu chỉ gồm chữ thường không dấu, số, gạch ngang, gạch dưới"),
    kind: z.enum(reportKinds),
    level: z.enum(reportLevels),
    name: z.string().trim().min(1, "Nhập tên mẫu").max(300),
    validFrom: isoDate,
    /** The unit (a province) whose template this is; null for a national template (system administrators). */
    ownerUnitId: z.number().int().positive().nullable(),
    outline: templateOutline,
  })
  .strict();
export type TemplateInput = z.infer<typeof templateInput>;

export const reportTemplate = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  kind: z.enum(reportKinds),
  level: z.enum(reportLevels),
  name: z.string(),
  validFrom: z.string(),
  ownerUnitId: z.number().nullable(),
  outline: templateOutline,
  /** The newest version of its code and owner in force today (what the page offers first). */
  current: z.boolean(),
  createdAt: z.string(),
});
export type ReportTemplate = z.infer<typeof reportTemplate>;

/** The header and signature of the document; every field optional (defaults from the unit and template). */
export const documentFields = z
  .object({
    number: z.string().trim().max(50).optional(),
    date: isoDate.optional(),
    signerName: z.string().trim().max(200).optional(),
    signerTitle: z.string().trim().max(100).optional(),
    recipients: z.array(z.string().trim().min(1).max(300)).max(30).optional(),
    /** A plan's targets (kind `plan` only): the unit's local targets once the plan is issued. */
    planTargets: planTargets.optional(),
  })
  .strict();

/**
 * Where a province's title figures come from: the live statistics, or the snapshots of its communes' accepted
 * reports for the same period (docs/REPORTS.md, "Nguồn số liệu của báo cáo tỉnh").
 */
export const reportSources = ["live", "accepted"] as const;
export type ReportSource = (typeof reportSources)[number];
export const reportSource = z.enum(reportSources, {
  message: "Nguồn số liệu là live (trực tiếp) hoặc accepted (từ báo cáo xã đã tiếp nhận)",
});

export const previewRequest = z
  .object({
    templateId: z.number({ message: "Chọn mẫu báo cáo (templateId)" }).int().positive(),
    period: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((p) => p.from <= p.to, {
        message: "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc",
        path: ["from"],
      }),
    /** The officer's text for each section key; blank lines separate paragraphs. */
    narratives: z.record(z.string(), z.string().max(20000)).default({}),
    document: documentFields.default({}),
    /** Only a province's report may take "accepted". */
    source: reportSource.default("live"),
  })
  .strict();
export type PreviewRequest = z.input<typeof previewRequest>;

export const blockTable = z.object({
  columns: z.array(z.object({ title: z.string(), align: z.enum(["left", "center", "right"]) })),
  rows: z.array(z.object({ cells: z.array(z.string()), bold: z.boolean().optional() })),
});
export type BlockTable = z.infer<typeof blockTable>;

/** A computed block: its sentences and table, or why it could not be computed (the report still opens). */
export const blockResult = z.object({
  id: z.enum(blockIds),
  label: z.string(),
  ok: z.boolean(),
  reason: z.string().optional(),
  sentences: z.array(z.string()),
  table: blockTable.optional(),
  notes: z.array(z.string()),
});
export type BlockResult = z.infer<typeof blockResult>;

export const reportPreview = z.object({
  template: reportTemplate,
  unit: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), label: z.string(), years: z.array(z.number()) }),
  typeName: z.string(),
  summary: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      heading: z.string(),
      prompt: z.string(),
      required: z.boolean(),
      narrative: z.string(),
      blocks: z.array(blockResult),
    }),
  ),
});
export type ReportPreview = z.infer<typeof reportPreview>;
