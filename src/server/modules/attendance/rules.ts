/** The rules a session's date and counts follow (issue 10, "Bad input"): 422 naming the field, nothing written. */
import { AppError } from "../../errors";
import { today } from "../territory/dates";

/** An activity as the attendance service reads it (with its centre's name). */
export type ScopedActivity = {
  id: number;
  commune_id: number;
  province_id: number;
  code: string;
  title: string;
  activity_kind: "class" | "talk" | "club";
  topic: string;
  starts_on: string;
  ends_on: string | null;
  place: string | null;
  attendance_mode: "headcount" | "named";
  class_size: number | null;
  certificate: "yes" | "no";
  archived_at: Date | string | null;
  centre_name: string;
};

export type CountInput = { attendees: number; women: number; minorities: number; elderly: number };

export const badField = (field: string, message: string) =>
  new AppError("validation", message, { fields: { [field]: message } });

const dayText = (iso: string) => iso.split("-").reverse().join("/");

/** A session is held within the activity's dates (its one day when it has no end) and not after today. */
export function checkHeldOn(activity: ScopedActivity, heldOn: string) {
  if (heldOn > today())
    throw badField("heldOn", `Ngày học ${dayText(heldOn)} chưa đến: chỉ ghi buổi học đã diễn ra`);
  const last = activity.ends_on ?? activity.starts_on;
  if (heldOn < activity.starts_on || heldOn > last)
    throw badField(
      "heldOn",
      activity.ends_on
        ? `Ngày học phải trong thời gian của lớp, từ ${dayText(activity.starts_on)} đến ${dayText(last)}`
        : `Ngày học phải là ngày tổ chức ${dayText(activity.starts_on)}`,
    );
}

const parts = [
  ["women", "Số nữ"],
  ["minorities", "Số người dân tộc thiểu số"],
  ["elderly", "Số người cao tuổi"],
] as const;

/** Attendance within the class size; women, minorities and elderly within the attendance. */
export function checkCounts(activity: ScopedActivity, counts: CountInput) {
  if (activity.class_size !== null && counts.attendees > activity.class_size)
    throw badField(
      "attendees",
      `Số lượt người (${counts.attendees}) vượt sĩ số lớp (${activity.class_size})`,
    );
  for (const [key, label] of parts)
    if (counts[key] > counts.attendees)
      throw badField(key, `${label} (${counts[key]}) lớn hơn số lượt người (${counts.attendees})`);
}
