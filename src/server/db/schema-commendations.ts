/** Kysely table types of the commendations register and its proposal rules (migration 0030). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type CommendationTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  year: number;
  recipient: "collective" | "individual";
  subject_kind: string | null;
  subject_id: number | null;
  subject_name: string;
  form: string;
  level: string;
  decision_number: string;
  decision_date: string;
  issuer: string | null;
  reason: string | null;
  search_name: ColumnType<string, never, never>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type CommendationRuleTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  kind: "consecutive_title" | "membership_years";
  title: string | null;
  years: number;
  form: string;
  created_by: number | null;
  created_at: Generated<Timestamp>;
};

export type CommendationTables = {
  commendations: CommendationTable;
  commendation_rules: CommendationRuleTable;
};
