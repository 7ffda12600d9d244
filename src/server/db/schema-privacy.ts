/** Kysely table types of personal data: retention periods (migration 0039), public holidays and data-subject requests (0041). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type PublicHolidayTable = {
  day: string;
  name: string;
  created_by: number | null;
  created_at: Generated<Timestamp>;
};

/** A record of a registry or module linked to a request (`records`). */
export type LinkedRecord = { source: string; id: number; name: string };

export type DataSubjectRequestTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  person_name: string;
  birth_year: number | null;
  village_id: number | null;
  kind: string;
  received_on: string;
  channel: string;
  due_on: string;
  status: Generated<string>;
  refusal_reason: string | null;
  outcome: string | null;
  records: Json<LinkedRecord[]>;
  notes: string | null;
  handled_by: number | null;
  handled_by_name: string | null;
  closed_at: Timestamp | null;
  search_name: ColumnType<string, never, never>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type PrivacyRetentionTable = {
  data_key: string;
  years: number;
  updated_by: number | null;
  updated_by_name: string;
  updated_at: Timestamp;
  version: Generated<number>;
};

/** An award round's list pseudonymised (migration 0045): the list's hash before and after, for the verifier. */
export type FundAwardPseudonymisationTable = {
  commune_id: number;
  id: Generated<number>;
  fund_id: number;
  round_id: number;
  lines: number[];
  pseudonym: string;
  hash_before: string;
  hash_after: string;
  done_by: number | null;
  done_at: Generated<Timestamp>;
};

export type PrivacyTables = {
  fund_award_pseudonymisations: FundAwardPseudonymisationTable;
  privacy_retention: PrivacyRetentionTable;
  public_holidays: PublicHolidayTable;
  data_subject_requests: DataSubjectRequestTable;
};
