/** Kysely table types of the consent register (migration 0040). */
import type { ColumnType, Generated } from "kysely";
import type { ConsentKind, ConsentMethod, ConsentPurpose } from "../../shared/consent";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ConsentTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  subject_kind: ConsentKind;
  subject_id: number;
  purpose: ConsentPurpose;
  given_at: ColumnType<string, string, string>;
  method: ConsentMethod;
  notice_version: string;
  minor: Generated<boolean>;
  guardian_name: string | null;
  guardian_relation: "father" | "mother" | "guardian" | "other" | null;
  recorded_by: number | null;
  recorded_by_name: string;
  recorded_at: Generated<Timestamp>;
  withdrawn_at: Timestamp | null;
  withdrawn_by: number | null;
  withdrawn_by_name: string | null;
  withdrawn_reason: string | null;
};

export type ConsentTables = { consents: ConsentTable };
