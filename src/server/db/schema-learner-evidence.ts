/** Kysely table types of the activities' completion certificates (migration 0034). */
import type { ColumnType, Generated } from "kysely";

export type ActivityCertificateTable = {
  commune_id: number;
  id: Generated<number>;
  activity_id: number;
  citizen_id: number;
  province_id: number;
  code: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
};

export type LearnerEvidenceTables = { activity_certificates: ActivityCertificateTable };
