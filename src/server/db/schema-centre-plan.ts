/** Kysely table types of the learning-needs surveys and the centres' yearly plans (migration 0029). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type NeedsSurveyTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  year: number;
  title: string;
  status: Generated<"open" | "closed">;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type SurveyResponseTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  survey_id: number;
  village_id: number;
  household_id: number | null;
  citizen_id: number | null;
  age_group: "under_15" | "from_15_to_35" | "from_36_to_60" | "over_60";
  sex: "male" | "female" | null;
  topics: string[];
  free_topics: string | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type CentrePlanTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  centre_id: number;
  year: number;
  status: Generated<"draft" | "approved">;
  approved_by: number | null;
  approved_by_name: string | null;
  approved_at: Timestamp | null;
  note: string | null;
  version: Generated<number>;
};

export type CentrePlanItemTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  plan_id: number;
  line: number;
  quarter: number;
  activity_kind: "class" | "talk" | "club";
  topic: string;
  planned_count: number;
  expected_participants: number;
  note: string | null;
};

export type CentrePlanTables = {
  needs_surveys: NeedsSurveyTable;
  survey_responses: SurveyResponseTable;
  centre_plans: CentrePlanTable;
  centre_plan_items: CentrePlanItemTable;
};
