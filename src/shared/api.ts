/**
 * Request and response schemas of the HTTP API (/api/v1), shared by the server (validation, OpenAPI) and the
 * web client (types). Dates are ISO strings 'YYYY-MM-DD'; ids are numbers.
 */
import { z } from "zod";

// Messages of the schemas without a message of their own come in Vietnamese too.
z.config(z.locales.vi());

/** True when 'YYYY-MM-DD' names a day of the calendar (2025-02-30 and 2025-13-01 do not). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A real calendar day 'YYYY-MM-DD' (the format alone would accept 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ngày phải có dạng YYYY-MM-DD")
  .refine(isCalendarDay, "Ngày không có trong lịch");

/** Details of a 409 answer to a stale save (optimistic concurrency): who changed the record last, and when. */
export const staleRecord = z.object({
  currentVersion: z.number().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type StaleRecord = z.infer<typeof staleRecord>;

/** The version a save started from; a save of an older version is refused with 409. */
export const recordVersion = z
  .number({ message: "Thiếu phiên bản (version) của dữ liệu đã mở; hãy tải lại trang" })
  .int()
  .positive();

export const unitLevels = ["province", "district", "commune", "village"] as const;
export const roles = [
  "system_admin",
  "unit_admin",
  "data_entry",
  "reviewer",
  "viewer",
  "association_admin",
  "chapter_secretary",
  "treasurer",
  "teacher",
] as const;
export type RoleName = (typeof roles)[number];

export const unitRef = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(unitLevels),
  kind: z.string(),
});
export type UnitRef = z.infer<typeof unitRef>;

export const unitSummary = unitRef.extend({
  parentId: z.number().nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  childCount: z.number(),
});
export type UnitSummary = z.infer<typeof unitSummary>;

export const unitSearchHit = unitSummary.extend({ path: z.string() });
export type UnitSearchHit = z.infer<typeof unitSearchHit>;

export const successionLink = z.object({
  unit: unitRef.extend({ validFrom: isoDate.nullable(), validTo: isoDate.nullable() }),
  kind: z.enum(["merge", "split", "rename"]),
  coverage: z.enum(["full", "partial"]),
  effectiveDate: isoDate,
  /** 1 for a direct link, 2 and more for links through other units. */
  depth: z.number(),
});
export type SuccessionLink = z.infer<typeof successionLink>;

export const unitDetail = unitSummary.extend({
  ancestors: z.array(unitRef),
  predecessors: z.array(successionLink),
  successors: z.array(successionLink),
  /** The caller's permissions here (src/shared/capabilities.ts says which actions each allows). */
  can: z.object({
    read: z.boolean(),
    write: z.boolean(),
    review: z.boolean(),
    admin: z.boolean(),
    /** Manage the Hội Khuyến học's chapters, members and dues here. */
    association: z.boolean(),
    /** Read the Hội's members (personal data) here. */
    association_read: z.boolean(),
    /** Keep the books of a learning-promotion fund here. */
    fund: z.boolean(),
    /** Approve a fund's disbursements here. */
    approve: z.boolean(),
    /** Record a learning centre's sessions and attendance here. */
    attendance: z.boolean(),
  }),
  /** Send it back with a change of a village (PATCH /units/{id}, retire, merge). */
  version: z.number(),
});
export type UnitDetail = z.infer<typeof unitDetail>;

export const unitListResponse = z.object({ units: z.array(unitSummary) });
export const unitSearchResponse = z.object({ units: z.array(unitSearchHit) });
export const unitDetailResponse = z.object({ unit: unitDetail });

export const villageKinds = ["Thôn", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Khu dân cư"] as const;

export const createVillageRequest = z.object({
  code: z.string().trim().min(1).max(20).optional(),
  name: z.string().trim().min(1, "Tên không được để trống").max(200),
  kind: z.enum(villageKinds),
});
export const renameUnitRequest = z.object({
  name: z.string().trim().min(1, "Tên không được để trống").max(200),
  version: recordVersion,
});
export const retireUnitRequest = z.object({ date: isoDate, version: recordVersion });
/** `version` is the merged (ending) village's, as the user saw it. */
export const mergeUnitRequest = z.object({
  intoId: z.number().int().positive(),
  date: isoDate,
  version: recordVersion,
});

export const rowError = z.object({
  row: z.number(),
  column: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

export const importReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(rowError),
});
export type ImportReport = z.infer<typeof importReport>;

/** A row an import updates: its line, its key as written in the file, and each changed column (old → new). */
export const importChange = z.object({
  row: z.number(),
  key: z.string(),
  fields: z.array(z.object({ column: z.string(), from: z.string(), to: z.string() })),
});
export type ImportChange = z.infer<typeof importChange>;

/**
 * The report of a registry import (households, clans, organisations, citizens…) also says which columns were
 * converted from TCVN3 or VNI to Unicode (column key → encoding) and lists the rows it updates with their changes.
 */
export const registryImportReport = importReport.extend({
  converted: z.record(z.string(), z.string()),
  changes: z.array(importChange),
  /** Likely duplicates (members: same name, birth year and village), reported but not refused. */
  warnings: z.array(rowError).optional(),
});
export type RegistryImportReport = z.infer<typeof registryImportReport>;

export const grant = z.object({
  id: z.number(),
  role: z.enum(roles),
  unit: unitRef.nullable(),
  /** A chapter secretary's chapter (of the grant's commune). */
  chapter: z.object({ id: z.number(), code: z.string(), name: z.string() }).optional(),
});
export type Grant = z.infer<typeof grant>;

export const me = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  locale: z.enum(["vi", "en"]),
  grants: z.array(grant),
});
export type Me = z.infer<typeof me>;

// Bounded: the username keys the login counters (an index entry), the password goes to argon2.
export const loginRequest = z.object({
  username: z.string().trim().toLowerCase().min(1, "Nhập tên đăng nhập").max(200, "Tên đăng nhập quá dài"),
  password: z.string().min(1, "Nhập mật khẩu").max(1000, "Mật khẩu quá dài"),
});
export const sessionResponse = z.object({ user: me, csrfToken: z.string() });

export const userSummary = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  disabled: z.boolean(),
  grants: z.array(grant),
  /** Send it back with a change (PATCH /users/{id}); a save of an older version answers 409. */
  version: z.number(),
});
export type UserSummary = z.infer<typeof userSummary>;
export const userListResponse = z.object({ users: z.array(userSummary) });

export const password = z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự").max(200);
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, "Tên đăng nhập 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch");

export const createUserRequest = z.object({
  username,
  fullName: z.string().trim().min(1, "Nhập họ tên").max(200),
  password,
  role: z.enum(roles),
  unitId: z.number().int().positive().nullable(),
  /** For a chapter secretary: the chapter, of the commune `unitId`. */
  chapterId: z.number().int().positive().optional(),
});
export const grantRequest = z.object({
  role: z.enum(roles),
  unitId: z.number().int().positive().nullable(),
  chapterId: z.number().int().positive().optional(),
});

/** A change of a user, from the version the administrator started from. */
export const updateUserRequest = z.object({
  fullName: z.string().trim().min(1).max(200).optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
  version: recordVersion,
});

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unit: unitRef.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditListResponse = z.object({
  entries: z.array(auditEntry),
  nextBefore: z.number().nullable(),
});

export const apiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof apiError>;
