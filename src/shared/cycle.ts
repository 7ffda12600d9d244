/** The yearly cycle of a learning title: request and response schemas shared by server and web. */
import { z } from "zod";
import { isoDate, recordVersion, unitRef } from "./api";
import { deadlineKeys, deadlineStatuses, missingReason } from "./deadlines";
import { requestKinds } from "./privacy-requests";
import { titles } from "./rubric";

export const subjectKinds = [
  "household",
  "clan",
  "village",
  "organization",
  "citizen",
  "commune",
  "centre",
] as const;
export type SubjectKindName = (typeof subjectKinds)[number];

/** Who can hold each title. */
export const subjectKindOfTitle: Record<(typeof titles)[number], SubjectKindName> = {
  learning_family: "household",
  learning_clan: "clan",
  learning_community_village: "village",
  learning_community_commune: "commune",
  learning_organization: "organization",
  learning_citizen: "citizen",
  centre_rating: "centre",
};

export const registrationStatuses = [
  "registered",
  "assessed",
  "proposed",
  "not_proposed",
  "recognized",
  "revoked",
  "withdrawn",
] as const;

export const registration = z.object({
  id: z.number(),
  communeId: z.number(),
  village: unitRef.nullable(),
  year: z.number(),
  title: z.enum(titles),
  subject: z.object({
    kind: z.enum(subjectKinds),
    id: z.number(),
    name: z.string(),
    code: z.string().nullable(),
  }),
  rubric: z.object({ id: z.number(), name: z.string(), version: z.number(), unconfirmed: z.boolean() }),
  status: z.enum(registrationStatuses),
  assessment: z.unknown(),
  result: z.unknown(),
  passed: z.boolean().nullable(),
  grade: z.string().nullable(),
  level: z.number().nullable(),
  registeredAt: z.string(),
  assessedAt: z.string().nullable(),
  reviewId: z.number().nullable(),
  reviewNote: z.string().nullable(),
  decisionId: z.number().nullable(),
  certificateCode: z.string().nullable(),
  /** Send it back with the self-assessment (and with a review outcome); an older version answers 409. */
  version: z.number(),
});
export type Registration = z.infer<typeof registration>;
export const registrationListResponse = z.object({ registrations: z.array(registration) });

export const registerRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.enum(titles),
  subjects: z
    .array(z.object({ kind: z.enum(subjectKinds), id: z.number().int().positive() }))
    .min(1, "Chọn ít nhất một đối tượng")
    .max(5000),
});

/** What a self-assessment holds (stored as the registration's `assessment`). */
export const assessmentContent = z.object({
  scores: z.record(z.string(), z.number().nullable()).optional(),
  items: z.record(z.string(), z.boolean().nullable()).optional(),
  /** Evidence notes per item (minh chứng). */
  notes: z.record(z.string(), z.string().max(2000)).optional(),
});
/** A save of the score sheet names the registration's version it started from. */
export const assessRequest = assessmentContent.extend({ version: recordVersion });

export const reviewRequest = z.object({
  unitId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  title: z.enum(titles),
  heldOn: isoDate,
  participants: z.string().trim().min(1, "Ghi thành phần tham dự").max(2000),
  minutes: z.string().trim().max(20000).optional(),
  outcomes: z
    .array(
      z.object({
        registrationId: z.number().int().positive(),
        proposed: z.boolean(),
        note: z.string().max(1000).optional(),
        /** The registration as the meeting saw it: refused (409) when it changed since (optional). */
        version: recordVersion.optional(),
      }),
    )
    .min(1, "Chưa có kết quả bình xét"),
});

export const decisionRequest = z.object({
  communeId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  title: z.enum(titles),
  kind: z.enum(["recognition", "revocation"]).default("recognition"),
  number: z.string().trim().min(1, "Nhập số quyết định").max(50),
  signedOn: isoDate,
  agencyName: z.string().trim().min(1, "Nhập cơ quan ban hành").max(200),
  signerTitle: z.string().trim().min(1, "Nhập chức vụ người ký").max(100),
  signerName: z.string().trim().min(1, "Nhập họ tên người ký").max(200),
  reason: z.string().trim().max(2000).optional(),
  registrationIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một hồ sơ").max(20000),
});

export const decision = z.object({
  id: z.number(),
  communeId: z.number(),
  year: z.number(),
  title: z.enum(titles),
  kind: z.enum(["recognition", "revocation"]),
  number: z.string(),
  signedOn: isoDate,
  agencyName: z.string(),
  signerTitle: z.string(),
  signerName: z.string(),
  reason: z.string().nullable(),
  status: z.enum(["draft", "issued"]),
  createdBy: z.string(),
  /** The drafter's user id (null when drafted from the command line): they may not issue it themselves. */
  createdById: z.number().nullable(),
  issuedBy: z.string().nullable(),
  issuedAt: z.string().nullable(),
  registrationCount: z.number(),
  /** Send it back when issuing or cancelling the draft; an older version answers 409. */
  version: z.number(),
});
export type Decision = z.infer<typeof decision>;

/** What the public verification page shows: the minimum to confirm a certificate. */
export const certificateCheck = z.object({
  code: z.string(),
  holderName: z.string(),
  place: z.string(),
  title: z.enum(titles),
  titleLabel: z.string(),
  year: z.number(),
  decisionNumber: z.string(),
  decisionDate: isoDate,
  valid: z.boolean(),
});
export type CertificateCheck = z.infer<typeof certificateCheck>;

/** What a registration's `assessment` holds: the last request body of the self-assessment. */
export type Assessment = z.infer<typeof assessmentContent>;
export type ReviewRequest = z.infer<typeof reviewRequest>;
/** A decision request as sent (`kind` defaults to a recognition). */
export type DecisionRequest = z.input<typeof decisionRequest>;

/** A file or note attached to an item of a self-assessment (minh chứng). */
export const evidenceSummary = z.object({
  id: z.number(),
  itemKey: z.string(),
  note: z.string().nullable(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  createdAt: z.string(),
});
export type EvidenceSummary = z.infer<typeof evidenceSummary>;

/** What carrying last year's registrations forward did; `archived` counts by reason (moved, merged, dissolved). */
export const carryForwardResult = z.object({
  created: z.number(),
  skipped: z.number(),
  archived: z.record(z.string(), z.number()),
});
export type CarryForwardResult = z.infer<typeof carryForwardResult>;

export const todoSteps = [
  "self_assessment",
  "review",
  "decision",
  "issue",
  "fund_disclosure",
  "fund_approve",
  "fund_pay",
  "data_request",
  "deadline",
] as const;

/**
 * One line of the to-do list (GET /todo): a step of a title's cycle (`title`), or a fund's (`fund`): its year to
 * disclose by 31/03 (step "fund_disclosure", from 01/02), or its disbursements and award rounds waiting for the
 * caller to approve ("fund_approve") or to pay ("fund_pay"); or a deadline of the programme's calendar not met yet
 * ("deadline": the caller's commune, or a province's or the nation's communes counted).
 */
export const todoItem = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  title: z.enum(titles).nullable(),
  titleLabel: z.string().nullable(),
  fund: z
    .object({
      id: z.number(),
      name: z.string(),
      year: z.number().describe("Năm cần công khai (năm trước); với việc duyệt, chi: năm đang xem"),
      closed: z.boolean().describe("Năm đó đã khóa sổ (công khai cần khóa sổ trước)"),
      waiting: z
        .object({ disbursements: z.number(), rounds: z.number() })
        .nullable()
        .describe("Duyệt, chi: số khoản chi và số đợt trao học bổng đang chờ người gọi"),
    })
    .nullable(),
  /** A data subject's request to answer (step "data_request"), due 2 working days after receipt. */
  request: z
    .object({ id: z.number(), kind: z.enum(requestKinds), personName: z.string() })
    .nullable()
    .optional(),
  step: z.enum(todoSteps),
  deadline: z
    .object({
      key: z.enum(deadlineKeys),
      dataYear: z.number(),
      status: z.enum(deadlineStatuses),
      missing: z.array(z.string()),
      reasons: z.array(missingReason),
      communes: z
        .object({ late: z.number(), missing: z.number(), total: z.number() })
        .nullable()
        .describe("Cấp tỉnh, toàn quốc: số xã, phường trễ hạn, chưa xong trên tổng số (bảng Ai trễ hạn)"),
    })
    .optional()
    .describe("Step deadline: một hạn của lịch (docs/DEADLINES.md) chưa xong, với những gì còn thiếu"),
  label: z.string(),
  count: z.number(),
  due: z.string().nullable(),
  overdue: z.boolean(),
});
export type TodoItem = z.infer<typeof todoItem>;
