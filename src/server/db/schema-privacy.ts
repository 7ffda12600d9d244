/** Kysely table types of the personal-data retention periods (migration 0039). */
import type { ColumnType, Generated } from "kysely";

export type PrivacyRetentionTable = {
  data_key: string;
  years: number;
  updated_by: number | null;
  updated_by_name: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
};

export type PrivacyTables = { privacy_retention: PrivacyRetentionTable };
