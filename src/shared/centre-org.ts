/**
 * A learning centre's organisation and history (issue 10, point 1): its decisions (thành lập, bổ nhiệm, sáp nhập,
 * giải thể, khác), its board and staff set as a whole list, and the centres before and after it when centres were
 * merged (across communes since the 2025 reform).
 */
import { z } from "zod";
import { isoDate } from "./api";

export const centreDecisionKinds = ["founding", "appointment", "merger", "dissolution", "other"] as const;
export type CentreDecisionKind = (typeof centreDecisionKinds)[number];

export const centreStaffRoles = [
  "director",
  "deputy_director",
  "teacher",
  "reporter",
  "collaborator",
] as const;
export type CentreStaffRole = (typeof centreStaffRoles)[number];

const text = (max: number, empty: string, long: string) => z.string().trim().min(1, empty).max(max, long);
const optionalText = (max: number, long: string) =>
  z
    .string()
    .trim()
    .max(max, long)
    .nullish()
    .transform((v) => v || null);

export const centreDecisionRequest = z
  .object({
    kind: z.enum(centreDecisionKinds, {
      message: "Loại quyết định: thành lập, bổ nhiệm, sáp nhập, giải thể hoặc khác",
    }),
    number: text(50, "Nhập số, ký hiệu quyết định", "Số, ký hiệu tối đa 50 ký tự"),
    signedOn: isoDate,
    signerName: text(200, "Nhập họ tên người ký", "Họ tên người ký tối đa 200 ký tự"),
    /** "Chủ tịch", "Phó Chủ tịch" (KT. CHỦ TỊCH), "Q. Chủ tịch", or another post. */
    signerTitle: text(100, "Nhập chức vụ người ký", "Chức vụ người ký tối đa 100 ký tự"),
    /** The issuing body: "UBND phường Tây Hồ". */
    issuer: text(200, "Nhập cơ quan ban hành", "Cơ quan ban hành tối đa 200 ký tự"),
    effectiveOn: isoDate.nullish(),
    summary: optionalText(2000, "Trích yếu tối đa 2.000 ký tự"),
    /** A merger's predecessor centres (of this commune or of the communes merged into it). */
    predecessorIds: z.array(z.number().int().positive()).max(50, "Tối đa 50 trung tâm").optional(),
  })
  .refine((d) => !d.effectiveOn || d.effectiveOn >= d.signedOn, {
    message: "Ngày có hiệu lực không được trước ngày ký",
    path: ["effectiveOn"],
  })
  .refine((d) => d.kind !== "merger" || (d.predecessorIds?.length ?? 0) > 0, {
    message: "Quyết định sáp nhập phải chọn ít nhất một trung tâm được sáp nhập",
    path: ["predecessorIds"],
  })
  .refine((d) => d.kind === "merger" || (d.predecessorIds?.length ?? 0) === 0, {
    message: "Chỉ quyết định sáp nhập mới chọn trung tâm được sáp nhập",
    path: ["predecessorIds"],
  });
export type CentreDecisionRequest = z.input<typeof centreDecisionRequest>;

/** A centre as history names it: where it was and whether it was archived, and why. */
export const centreRef = z.object({
  id: z.number(),
  communeId: z.number(),
  communeName: z.string(),
  code: z.string(),
  name: z.string(),
  foundedOn: isoDate.nullable(),
  archivedReason: z.enum(["merged", "dissolved", "mistake"]).nullable(),
});
export type CentreRef = z.infer<typeof centreRef>;

export const centreDecision = z.object({
  id: z.number(),
  centreId: z.number(),
  kind: z.enum(centreDecisionKinds),
  number: z.string(),
  signedOn: isoDate,
  signerName: z.string(),
  signerTitle: z.string(),
  issuer: z.string(),
  /** The signature block as NĐ 30/2020 writes it: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH". */
  signature: z.object({ authority: z.string(), title: z.string() }),
  effectiveOn: isoDate.nullable(),
  summary: z.string().nullable(),
  /** A merger's predecessors. */
  predecessors: z.array(centreRef),
  createdBy: z.string(),
});
export type CentreDecision = z.infer<typeof centreDecision>;

export const centreDecisionsResponse = z.object({ decisions: z.array(centreDecision) });
export const centreDecisionResponse = z.object({ decision: centreDecision });

export const centreStaffInput = z.object({
  role: z.enum(centreStaffRoles, {
    message: "Vai trò: giám đốc, phó giám đốc, giáo viên, báo cáo viên hoặc cộng tác viên",
  }),
  fullName: text(200, "Nhập họ tên", "Họ tên tối đa 200 ký tự"),
  /** Their post elsewhere: "Phó Chủ tịch UBND phường", "Chủ tịch Hội Khuyến học phường", "Giáo viên Trường THCS …". */
  post: optionalText(200, "Chức vụ tối đa 200 ký tự"),
  since: isoDate.nullish(),
  /** The appointing decision, of this centre. */
  decisionId: z.number().int().positive().nullish(),
});
export type CentreStaffInput = z.input<typeof centreStaffInput>;

export const centreStaffRequest = z.object({
  staff: z
    .array(centreStaffInput)
    .max(200, "Tối đa 200 người")
    .refine((list) => list.filter((s) => s.role === "director").length <= 1, {
      message: "Trung tâm chỉ có một giám đốc",
    }),
});

export const centreStaffMember = z.object({
  id: z.number(),
  role: z.enum(centreStaffRoles),
  fullName: z.string(),
  post: z.string().nullable(),
  since: isoDate.nullable(),
  decisionId: z.number().nullable(),
  decisionNumber: z.string().nullable(),
  /** When the person left the list (null: serving now). */
  removedAt: z.string().nullable(),
});
export type CentreStaffMember = z.infer<typeof centreStaffMember>;
export const centreStaffResponse = z.object({ staff: z.array(centreStaffMember) });

/**
 * A centre before or after this one, in a flat list: `depth` 1 is merged directly into (or took in) this centre,
 * 2 one step further; `via` is the centre of the step before (this centre's id at depth 1).
 */
export const centreLink = z.object({
  centre: centreRef,
  decision: z.object({ id: z.number(), number: z.string(), signedOn: isoDate }),
  depth: z.number(),
  via: z.number(),
});
export type CentreLink = z.infer<typeof centreLink>;

export const centreHistory = z.object({
  centre: centreRef,
  decisions: z.array(centreDecision),
  /** Past and present, the present first. */
  staff: z.array(centreStaffMember),
  /** The centres merged into this one, recursively (each with the centres merged into it). */
  predecessors: z.array(centreLink),
  /** The centre this one was merged into, and so on. */
  successors: z.array(centreLink),
});
export type CentreHistory = z.infer<typeof centreHistory>;
