/** Kysely table types of the learning centres' sessions, learners, marks and counters (migration 0028). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint, read as a number or a string by the engine. */
type Count = ColumnType<number | string, number | undefined, number>;

export type ActivitySessionTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  activity_id: number;
  client_key: string;
  held_on: string;
  minutes: number | null;
  note: string | null;
  attendees: Generated<number>;
  women: Generated<number>;
  minorities: Generated<number>;
  elderly: Generated<number>;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type ActivityLearnerTable = {
  commune_id: number;
  activity_id: number;
  citizen_id: number;
  province_id: number;
  female: Generated<boolean>;
  minority: Generated<boolean>;
};

export type AttendanceMarkTable = {
  commune_id: number;
  session_id: number;
  citizen_id: number;
  activity_id: number;
  province_id: number;
  present: boolean;
};

export type CentreCounterTable = {
  commune_id: number;
  year: number;
  metric: string;
  province_id: number;
  value: Count;
};

export type AttendanceTables = {
  activity_sessions: ActivitySessionTable;
  activity_learners: ActivityLearnerTable;
  attendance_marks: AttendanceMarkTable;
  centre_counters: CentreCounterTable;
};
