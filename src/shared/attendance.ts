/**
 * Sessions and attendance of a learning centre's activities (issue 10, point 4): a session with its head counts
 * (lượt người, women, ethnic minorities, elderly), the named learners of an activity and each session's marks.
 * Shared by the server (validation, OpenAPI) and the phone page.
 */
import { z } from "zod";
import { isoDate, recordVersion } from "./api";

const count = (label: string) =>
  z
    .number({ message: `${label} phải là một số` })
    .int(`${label} phải là số nguyên`)
    .min(0, `${label} không được âm`)
    .max(100000, `${label} tối đa 100.000`);

const counts = {
  attendees: count("Số lượt người").default(0),
  women: count("Số nữ").default(0),
  minorities: count("Số người dân tộc thiểu số").default(0),
  elderly: count("Số người cao tuổi").default(0),
};

const sessionFields = {
  heldOn: isoDate,
  minutes: z
    .number({ message: "Thời lượng phải là một số phút" })
    .int("Thời lượng phải là số phút nguyên")
    .min(1, "Thời lượng ít nhất 1 phút")
    .max(1440, "Thời lượng tối đa 1.440 phút")
    .nullable()
    .optional(),
  note: z.string().trim().max(500, "Ghi chú tối đa 500 ký tự").nullable().optional(),
};

/** POST /activities/{id}/sessions: `clientKey` is made by the client before the first try; a retry sends it again. */
export const sessionCreate = z.object({
  clientKey: z.uuid({ message: "Mã gửi (clientKey) phải là một UUID" }),
  ...sessionFields,
  ...counts,
});
export type SessionCreate = z.input<typeof sessionCreate>;

/** PATCH /sessions/{id}: the fields to change and the version the user started from. */
export const sessionUpdate = z.object({
  heldOn: isoDate.optional(),
  minutes: sessionFields.minutes,
  note: sessionFields.note,
  attendees: counts.attendees.unwrap().optional(),
  women: counts.women.unwrap().optional(),
  minorities: counts.minorities.unwrap().optional(),
  elderly: counts.elderly.unwrap().optional(),
  version: recordVersion,
});
export type SessionUpdate = z.infer<typeof sessionUpdate>;

export const session = z.object({
  id: z.number(),
  activityId: z.number(),
  clientKey: z.string(),
  heldOn: z.string(),
  minutes: z.number().nullable(),
  note: z.string().nullable(),
  attendees: z.number().describe("Lượt người (nhóm điểm danh: số học viên có mặt)"),
  women: z.number(),
  minorities: z.number().describe("Người dân tộc thiểu số"),
  elderly: z.number().describe("Người cao tuổi (từ 60 tuổi)"),
  marks: z
    .array(z.object({ citizenId: z.number(), present: z.boolean() }))
    .describe("Điểm danh từng học viên (lớp có danh sách học viên)"),
  version: z.number(),
});
export type Session = z.infer<typeof session>;

/** PUT /sessions/{id}/marks: the whole list (idempotent); learners left out are absent. */
export const marksPut = z.object({
  marks: z
    .array(z.object({ citizenId: z.number().int().positive(), present: z.boolean() }))
    .max(1000, "Tối đa 1.000 học viên một buổi"),
});
export type MarksPut = z.infer<typeof marksPut>;

export const learner = z.object({
  citizenId: z.number(),
  fullName: z.string(),
  birthYear: z.number().nullable(),
  female: z.boolean(),
  /** Null to a reader who does not keep the class list (an ethnic mark is sensitive data). */
  minority: z.boolean().nullable(),
});
export type Learner = z.infer<typeof learner>;

/** PUT /activities/{id}/learners: the whole enrolment list. */
export const learnersPut = z.object({
  learners: z
    .array(
      z.object({
        citizenId: z.number().int().positive(),
        female: z.boolean().default(false),
        minority: z.boolean().default(false),
      }),
    )
    .max(1000, "Tối đa 1.000 học viên một lớp"),
});
export type LearnersPut = z.input<typeof learnersPut>;

/** An activity as the attendance page shows it. */
export const attendanceActivity = z.object({
  id: z.number(),
  communeId: z.number(),
  code: z.string(),
  title: z.string(),
  activityKind: z.enum(["class", "talk", "club"]),
  topic: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  place: z.string().nullable(),
  attendanceMode: z.enum(["headcount", "named"]),
  classSize: z.number().nullable(),
  /** Whether the class issues completion certificates (docs/CENTRES.md, "Giờ học và giấy chứng nhận"). */
  certificate: z.enum(["yes", "no"]),
  centreName: z.string(),
  sessions: z.number(),
  lastHeldOn: z.string().nullable(),
  /** Whether today has a session already. */
  heldToday: z.boolean(),
});
export type AttendanceActivity = z.infer<typeof attendanceActivity>;

export const attendanceDetail = z.object({
  activity: attendanceActivity,
  today: z.string(),
  /** Whether the caller may record sessions of this activity (`centre.attend` on its commune). */
  canAttend: z.boolean(),
  sessions: z.array(session),
  learners: z.array(learner),
});
export type AttendanceDetail = z.infer<typeof attendanceDetail>;
