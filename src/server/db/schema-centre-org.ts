/** Kysely table types of a learning centre's organisation: decisions, board and staff, successions (migration 0027). */
import type { ColumnType, Generated } from "kysely";
import type { IsoDate } from "./schema";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type CentreDecisionKind = "founding" | "appointment" | "merger" | "dissolution" | "other";
export type CentreStaffRole = "director" | "deputy_director" | "teacher" | "reporter" | "collaborator";

export type CentreDecisionTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  centre_id: number;
  kind: CentreDecisionKind;
  number: string;
  signed_on: IsoDate;
  signer_name: string;
  signer_title: string;
  issuer: string;
  effective_on: IsoDate | null;
  summary: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
};

export type CentreStaffTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  centre_id: number;
  role: CentreStaffRole;
  full_name: string;
  post: string | null;
  since: IsoDate | null;
  decision_id: number | null;
  removed_at: Timestamp | null;
};

export type CentreSuccessionTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  successor_id: number;
  predecessor_commune_id: number;
  predecessor_id: number;
  decision_id: number;
};

export type CentreOrgTables = {
  centre_decisions: CentreDecisionTable;
  centre_staff: CentreStaffTable;
  centre_successions: CentreSuccessionTable;
};
