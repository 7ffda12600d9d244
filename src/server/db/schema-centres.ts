/** Kysely table types of the learning centres (TTHTCĐ), their activities and commendations (migrations 0026–). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint đồng, read as a number or a string by the engine. */
type Money = ColumnType<number | string, number | undefined, number>;

export type LearningCentreTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  code: string;
  name: string;
  kind: Generated<"community" | "culture_sport">;
  address: string | null;
  founded_on: string | null;
  phone: string | null;
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  archived_reason: "merged" | "dissolved" | "mistake" | null;
  version: Generated<number>;
};

export type CentreActivityTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  centre_id: number;
  code: string;
  title: string;
  activity_kind: Generated<"class" | "talk" | "club">;
  topic: string;
  starts_on: string;
  ends_on: string | null;
  place: string | null;
  instructor: string | null;
  partner: string | null;
  cost: Money | null;
  funding: "state_budget" | "socialized" | "fund" | "mixed" | null;
  attendance_mode: Generated<"headcount" | "named">;
  class_size: number | null;
  certificate: Generated<"yes" | "no">;
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  version: Generated<number>;
};

export type CentreTables = {
  learning_centres: LearningCentreTable;
  centre_activities: CentreActivityTable;
};
