/**
 * Commendations (khen thưởng): the forms and levels as data, the subject kinds a commendation links to, and the
 * API's request and response schemas (the register, the proposal rules, the proposal list and the figures).
 * docs/CENTRES.md, "Khen thưởng".
 */
import { z } from "zod";
import { isoDate, recordVersion } from "./api";
import type { Action } from "./capabilities";
import { type Title, titleLabels } from "./rubric";

export const commendationLevels = [
  "central",
  "ministry",
  "province",
  "commune",
  "association_central",
  "association_province",
  "association_commune",
] as const;
export type CommendationLevel = (typeof commendationLevels)[number];

export const levelLabels: Record<CommendationLevel, { vi: string; en: string }> = {
  central: { vi: "Trung ương", en: "Central" },
  ministry: { vi: "Bộ, ngành", en: "Ministry" },
  province: { vi: "Tỉnh", en: "Province" },
  commune: { vi: "Xã", en: "Commune" },
  association_central: { vi: "Trung ương Hội Khuyến học", en: "Central association" },
  association_province: { vi: "Hội Khuyến học cấp tỉnh", en: "Provincial association" },
  association_commune: { vi: "Hội Khuyến học cấp xã", en: "Commune association" },
};

export type CommendationForm = {
  code: string;
  vi: string;
  en: string;
  /** The levels a decision of this form is taken at; the first is the default. */
  levels: readonly CommendationLevel[];
  /** A form of the Hội Khuyến học: its `association` permission records it too (else `write` only). */
  association: boolean;
};

/** The forms, in the order of the list and of the figures. A new form is one line here. */
export const commendationForms = [
  {
    code: "pm_merit",
    vi: "Bằng khen của Thủ tướng Chính phủ",
    en: "Prime Minister's certificate of merit",
    levels: ["central"],
    association: false,
  },
  {
    code: "ministry_merit",
    vi: "Bằng khen của Bộ",
    en: "Ministry's certificate of merit",
    levels: ["ministry"],
    association: false,
  },
  {
    code: "province_merit",
    vi: "Bằng khen của UBND tỉnh",
    en: "Provincial People's Committee's certificate of merit",
    levels: ["province"],
    association: false,
  },
  {
    code: "commune_commendation",
    vi: "Giấy khen của UBND xã",
    en: "Commune People's Committee's certificate of commendation",
    levels: ["commune"],
    association: false,
  },
  {
    code: "association_commendation",
    vi: "Giấy khen của Hội Khuyến học",
    en: "Association's certificate of commendation",
    levels: ["association_commune", "association_province"],
    association: true,
  },
  {
    code: "association_merit",
    vi: "Bằng khen của Hội Khuyến học",
    en: "Association's certificate of merit",
    levels: ["association_province", "association_central"],
    association: true,
  },
  {
    code: "association_medal",
    vi: "Kỷ niệm chương “Vì sự nghiệp khuyến học”",
    en: "Medal “For the cause of learning promotion”",
    levels: ["association_central"],
    association: true,
  },
  { code: "other", vi: "Khác", en: "Other", levels: commendationLevels, association: false },
] as const satisfies readonly CommendationForm[];

export type CommendationFormCode = (typeof commendationForms)[number]["code"];
export const formCodes = commendationForms.map((f) => f.code) as [
  CommendationFormCode,
  ...CommendationFormCode[],
];
export const formOf = (code: string): CommendationForm | undefined =>
  (commendationForms as readonly CommendationForm[]).find((f) => f.code === code);

/** The action a form is recorded with: a form of the Hội also with `association`, the others with `write`. */
export const actionOfForm = (form: string): Action =>
  formOf(form)?.association ? "commendation.association" : "registry.edit";

/** What a commendation may name: a row of one of these registry kinds (singular here, the kind's `entity`). */
export const commendationSubjectKinds = [
  "household",
  "clan",
  "organization",
  "citizen",
  "chapter",
  "member",
  "centre",
] as const;
export type CommendationSubjectKind = (typeof commendationSubjectKinds)[number];
/** The registry kind (its `name`, the list API /api/v1/<name>) of each subject kind. */
export const subjectRegistry: Record<CommendationSubjectKind, string> = {
  household: "households",
  clan: "clans",
  organization: "organizations",
  citizen: "citizens",
  chapter: "chapters",
  member: "members",
  centre: "centres",
};
export const subjectKindLabels: Record<CommendationSubjectKind, { vi: string; en: string }> = {
  household: { vi: "Hộ gia đình", en: "Household" },
  clan: { vi: "Dòng họ", en: "Clan" },
  organization: { vi: "Cơ quan, đơn vị", en: "Organisation" },
  citizen: { vi: "Công dân", en: "Citizen" },
  chapter: { vi: "Chi hội", en: "Chapter" },
  member: { vi: "Hội viên", en: "Member" },
  centre: { vi: "Trung tâm học tập cộng đồng", en: "Learning centre" },
};
/** A citizen is commended as a person, the others of the list as a collective (a member may be either). */
export const recipientOfKind: Record<CommendationSubjectKind, "collective" | "individual" | null> = {
  household: "collective",
  clan: "collective",
  organization: "collective",
  citizen: "individual",
  chapter: "collective",
  member: null,
  centre: "collective",
};

export const recipients = ["collective", "individual"] as const;
const optionalText = (max: number, what: string) =>
  z.string().trim().max(max, `${what} tối đa ${max} ký tự`).nullable().optional();

const commendationFields = {
  year: z.number().int().min(1945, "Năm khen thưởng từ 1945").max(2100),
  recipient: z.enum(recipients, { message: "Chọn tập thể hoặc cá nhân" }),
  /** A registry row of the commune; null with `subjectName` for a free-text subject. */
  subject: z
    .object({ kind: z.enum(commendationSubjectKinds), id: z.number().int().positive() })
    .nullable()
    .optional(),
  subjectName: optionalText(300, "Tên đối tượng"),
  form: z.enum(formCodes, { message: "Hình thức khen thưởng không có trong danh mục" }),
  level: z.enum(commendationLevels, { message: "Cấp khen thưởng không có trong danh mục" }),
  decisionNumber: z.string().trim().min(1, "Nhập số quyết định").max(60, "Số quyết định tối đa 60 ký tự"),
  decisionDate: isoDate,
  issuer: optionalText(300, "Cơ quan ban hành"),
  reason: optionalText(2000, "Lý do khen thưởng"),
};

export const commendationCreate = z.object({
  /** The commune that keeps the record: the subject's commune. */
  communeId: z.number().int().positive(),
  ...commendationFields,
});
export type CommendationCreate = z.infer<typeof commendationCreate>;

export const commendationUpdate = z.object(commendationFields).partial().extend({ version: recordVersion });
export type CommendationUpdate = z.infer<typeof commendationUpdate>;

export const commendation = z.object({
  id: z.number(),
  communeId: z.number(),
  communeName: z.string(),
  year: z.number(),
  recipient: z.enum(recipients),
  subject: z.object({ kind: z.enum(commendationSubjectKinds), id: z.number() }).nullable(),
  subjectName: z.string(),
  form: z.string(),
  level: z.enum(commendationLevels),
  decisionNumber: z.string(),
  decisionDate: z.string(),
  issuer: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.number(),
});
export type Commendation = z.infer<typeof commendation>;

export const commendationFilter = z.object({
  unitId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(1945).max(2100).optional(),
  form: z.enum(formCodes).optional(),
  level: z.enum(commendationLevels).optional(),
  subjectKind: z.enum([...commendationSubjectKinds, "text"]).optional(),
});
export type CommendationFilter = z.infer<typeof commendationFilter>;

/** The titles a rule may name: those of a registry kind a commendation links to. */
export const ruleTitles = [
  "learning_family",
  "learning_clan",
  "learning_organization",
  "learning_citizen",
] as const;
export type RuleTitle = (typeof ruleTitles)[number] & Title;
export const ruleTitleSubject: Record<RuleTitle, CommendationSubjectKind> = {
  learning_family: "household",
  learning_clan: "clan",
  learning_organization: "organization",
  learning_citizen: "citizen",
};
export const ruleKinds = ["consecutive_title", "membership_years"] as const;

export const ruleCreate = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(ruleKinds),
  title: z.enum(ruleTitles, { message: "Danh hiệu không có trong danh mục" }).nullable().optional(),
  years: z.number().int().min(1, "Số năm từ 1").max(60, "Số năm tối đa 60"),
  form: z.enum(formCodes, { message: "Hình thức khen thưởng không có trong danh mục" }),
});
export type RuleCreate = z.infer<typeof ruleCreate>;

export const commendationRule = z.object({
  id: z.number(),
  unit: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  kind: z.enum(ruleKinds),
  title: z.enum(ruleTitles).nullable(),
  years: z.number(),
  form: z.string(),
  /** The rule in words ("Ba năm liền đạt danh hiệu Gia đình học tập → Giấy khen của UBND xã"). */
  text: z.string(),
});
export type CommendationRule = z.infer<typeof commendationRule>;

export const proposalCandidate = z.object({
  ruleId: z.number(),
  subject: z.object({ kind: z.enum(commendationSubjectKinds), id: z.number() }),
  subjectName: z.string(),
  village: z.string().nullable(),
  form: z.string(),
  reason: z.string(),
});
export type ProposalCandidate = z.infer<typeof proposalCandidate>;

export const proposalList = z.object({
  commune: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  rules: z.array(commendationRule),
  candidates: z.array(proposalCandidate),
});
export type ProposalList = z.infer<typeof proposalList>;

/** A unit's commendations of a year: in all, by recipient, by form (the list's, then any other) and by level. */
export const commendationFigures = z.object({
  total: z.number(),
  collective: z.number(),
  individual: z.number(),
  byForm: z.array(z.object({ form: z.string(), count: z.number() })),
  byLevel: z.array(z.object({ level: z.enum(commendationLevels), count: z.number() })),
});
export type CommendationFigures = z.infer<typeof commendationFigures>;

export const commendationStats = z
  .object({ unitId: z.number(), year: z.number() })
  .extend(commendationFigures.shape);
export type CommendationStats = z.infer<typeof commendationStats>;

const countWords = ["", "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"];
/** "Ba năm liền đạt danh hiệu Gia đình học tập 2024, 2025, 2026". */
export function consecutiveReason(title: RuleTitle, years: number[]): string {
  const n = countWords[years.length] ?? String(years.length);
  return `${n} năm liền đạt danh hiệu ${titleLabels[title]} ${years.join(", ")}`;
}

/** The rule in words, for the list of rules and the exported file. */
export function ruleText(rule: { kind: string; title: string | null; years: number; form: string }): string {
  const form = formOf(rule.form)?.vi ?? rule.form;
  const n = countWords[rule.years] ?? String(rule.years);
  const who =
    rule.kind === "consecutive_title" && rule.title
      ? `${n} năm liền đạt danh hiệu ${titleLabels[rule.title as Title]}`
      : `Hội viên Hội Khuyến học từ ${rule.years} năm trở lên`;
  return `${who} → ${form}`;
}
