import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { AttendanceTables } from "./schema-attendance";
import type { CentreOrgTables } from "./schema-centre-org";
import type { CentrePlanTables } from "./schema-centre-plan";
import type { CentreTables } from "./schema-centres";
import type { CommendationStatsTables } from "./schema-commendation-stats";
import type { CommendationTables } from "./schema-commendations";
import type { ConsentTables } from "./schema-consent";
import type { DeadlineTables } from "./schema-deadlines";
import type { FundTables } from "./schema-fund";
import type { LearnerEvidenceTables } from "./schema-learner-evidence";
import type { PlanTargetTables } from "./schema-plan-targets";
import type { PrivacyTables } from "./schema-privacy";
import type { ReadlogTables } from "./schema-readlog";
import type { ReportReviewTables } from "./schema-report-review";
import type { ReportTables } from "./schema-reports";
import type { RetentionTables } from "./schema-retention";
import type { SubmissionTables } from "./schema-submissions";
import type { YearCloseTables } from "./schema-year-close";

/** ISO date 'YYYY-MM-DD' (DATE columns are read as strings, see connection.ts). */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type UnitLevel = "province" | "district" | "commune" | "village";
export type SuccessionKind = "merge" | "split" | "rename";
export type SuccessionCoverage = "full" | "partial";
export type Role =
  | "system_admin"
  | "unit_admin"
  | "data_entry"
  | "reviewer"
  | "viewer"
  | "association_admin"
  | "chapter_secretary"
  | "treasurer"
  | "teacher";

export type AdminUnitTable = {
  id: Generated<number>;
  level: UnitLevel;
  code: string;
  name: string;
  kind: string;
  search_name: ColumnType<string, never, never>;
  parent_id: number | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
  created_at: Generated<Date>;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type AdminUnitPathTable = {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
};

export type UnitSuccessionTable = {
  id: Generated<number>;
  predecessor_id: number;
  successor_id: number;
  kind: SuccessionKind;
  coverage: SuccessionCoverage;
  effective_date: IsoDate;
  note: string | null;
  created_at: Generated<Date>;
};

export type AppUserTable = {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  locale: Generated<"vi" | "en">;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  created_by: number | null;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type RoleGrantTable = {
  id: Generated<number>;
  user_id: number;
  role: Role;
  unit_id: number | null;
  /** The chapter of a chapter secretary's grant (a chapter of the grant's commune). */
  chapter_id: number | null;
  granted_by: number | null;
  granted_at: Generated<Date>;
  revoked_by: number | null;
  revoked_at: Timestamp | null;
};

export type SessionTable = {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
};

export type LoginAttemptTable = {
  id: Generated<number>;
  username: string;
  ip: string;
  succeeded: boolean;
  at: Generated<Date>;
};

/** Login limits (migration 0010): one row per username ('user:…') and per client address ('address:…'). */
export type LoginThrottleTable = {
  key: string;
  failures: Generated<number>;
  window_start: Timestamp | null;
  retry_at: Timestamp | null;
  last_failure_at: Timestamp | null;
};

export type AuditLogTable = {
  id: Generated<number>;
  province_id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  before: unknown | null;
  after: unknown | null;
  request_id: string | null;
};

type Created = Generated<Date>;
export type TitleCode =
  | "learning_family"
  | "learning_clan"
  | "learning_community_village"
  | "learning_community_commune"
  | "learning_organization"
  | "learning_citizen"
  | "centre_rating";
export type SubjectKind =
  | "household"
  | "clan"
  | "village"
  | "organization"
  | "citizen"
  | "commune"
  | "centre";
export type RegistrationStatus =
  | "registered"
  | "assessed"
  | "proposed"
  | "not_proposed"
  | "recognized"
  | "revoked"
  | "withdrawn";

export type HouseholdTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  village_id: number;
  code: string;
  head_name: string;
  head_sex: "male" | "female" | null;
  search_name: ColumnType<string, never, never>;
  address: string | null;
  members: number;
  phone: string | null;
  clan_id: number | null;
  archived_at: Timestamp | null;
  archived_reason: "moved" | "merged" | "dissolved" | null;
  created_at: Created;
  updated_at: Generated<Date>;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type ClanTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  name: string;
  head_name: string;
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  created_at: Created;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type OrganizationTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  unit_id: number;
  code: string;
  name: string;
  kind: "agency" | "school" | "enterprise" | "other";
  search_name: ColumnType<string, never, never>;
  archived_at: Timestamp | null;
  created_at: Created;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type CitizenTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  village_id: number;
  full_name: string;
  search_name: ColumnType<string, never, never>;
  birth_year: number | null;
  population_group: Generated<"farmer" | "worker" | "official" | "other">;
  household_id: number | null;
  archived_at: Timestamp | null;
  created_at: Created;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type RubricTable = {
  id: Generated<number>;
  code: string;
  version: number;
  title: TitleCode;
  name: string;
  legal_number: string;
  legal_date: IsoDate | null;
  legal_issuer: string;
  effective_from: IsoDate;
  effective_to: IsoDate | null;
  province_id: number | null;
  unit_level: UnitLevel | null;
  notes: string | null;
  scheme: "points" | "levels";
  definition: unknown;
  deadlines: unknown;
  unconfirmed: Generated<boolean>;
  confirmed_by: number | null;
  confirmed_at: Timestamp | null;
  created_by: number | null;
  created_at: Created;
};

export type ReviewTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  unit_id: number;
  year: number;
  title: TitleCode;
  held_on: IsoDate;
  participants: string;
  minutes: string | null;
  created_by: number;
  created_at: Created;
};

export type DecisionTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  year: number;
  title: TitleCode;
  kind: "recognition" | "revocation";
  number: string;
  signed_on: IsoDate;
  agency_name: string;
  signer_title: string;
  signer_name: string;
  reason: string | null;
  status: Generated<"draft" | "issued">;
  created_by: number;
  created_by_name: string;
  created_at: Created;
  issued_by: number | null;
  issued_by_name: string | null;
  issued_at: Timestamp | null;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type RegistrationTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  village_id: number | null;
  year: number;
  title: TitleCode;
  subject_kind: SubjectKind;
  subject_id: number;
  rubric_id: number;
  status: Generated<RegistrationStatus>;
  registered_by: number | null;
  registered_at: Created;
  assessment: unknown | null;
  result: unknown | null;
  passed: boolean | null;
  grade: string | null;
  level: number | null;
  assessed_by: number | null;
  assessed_at: Timestamp | null;
  review_id: number | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  decision_id: number | null;
  certificate_code: string | null;
  revocation_id: number | null;
  scope_unit_id: ColumnType<number, never, never>;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

export type EvidenceTable = {
  commune_id: number;
  id: Generated<number>;
  registration_id: number;
  item_key: string;
  note: string | null;
  file_name: string | null;
  content_type: string | null;
  content: Uint8Array | null;
  created_by: number | null;
  created_at: Created;
};

export type TargetBasisTable = {
  id: Generated<number>;
  unit_id: number | null;
  number: string;
  signed_on: IsoDate | null;
  issuer: string;
  name: Generated<string>;
  confirmed: Generated<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Created;
};

export type TargetTable = {
  id: Generated<number>;
  basis_id: number;
  unit_id: number | null;
  title: string;
  metric: "recognizedRate" | "registeredRate" | "householdShare";
  year: number;
  /** numeric(5,2): read as a string by pg, a number on input. */
  value: ColumnType<string, number | string, number | string>;
  variant: Generated<"standard" | "difficult">;
  indicator: Generated<string>;
  note: string | null;
  created_by: number | null;
  created_at: Created;
  updated_by: number | null;
  updated_at: Generated<Date>;
  /** Raised by the database on every update (optimistic concurrency, migration 0007). */
  version: Generated<number>;
};

/** Hội Khuyến học (migration 0012): chapters, their committees, members and their chapters over time. */
export type ChapterTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  unit_id: number;
  code: string;
  name: string;
  search_name: ColumnType<string, never, never>;
  kind: "village" | "clan" | "school" | "agency" | "enterprise" | "committee";
  clan_id: number | null;
  organization_id: number | null;
  founded_on: string | null;
  dissolved_on: string | null;
  archived_at: Timestamp | null;
  archived_reason: string | null;
  version: Generated<number>;
};

export type ChapterOfficerTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  chapter_id: number;
  unit_id: number;
  full_name: string;
  post: "chair" | "vice_chair" | "member";
  term_from: string;
  term_to: string | null;
  removed_at: Timestamp | null;
};

export type MemberTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  unit_id: number;
  member_number: string;
  member_kind: Generated<"individual" | "collective">;
  full_name: string;
  search_name: ColumnType<string, never, never>;
  sex: "male" | "female" | null;
  birth_year: number | null;
  household_id: number | null;
  organization_id: number | null;
  chapter_id: number;
  joined_on: string;
  chapter_since: string | null;
  member_role: Generated<"member" | "officer" | "honorary">;
  left_on: string | null;
  left_reason: string | null;
  phone: string | null;
  archived_at: Timestamp | null;
  archived_reason: string | null;
  version: Generated<number>;
};

export type MembershipPeriodTable = {
  commune_id: number;
  id: Generated<number>;
  member_id: number;
  chapter_id: number;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
};

/** Hội phí (migration 0013): a chapter's yearly amount and the payments ledger (append-only). */
export type ChapterDuesTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  chapter_id: number;
  unit_id: number;
  year: number;
  amount: ColumnType<number | string, number, number>;
  version: Generated<number>;
};

export type DuesPaymentTable = {
  commune_id: number;
  id: Generated<number>;
  province_id: number;
  member_id: number;
  chapter_id: number;
  unit_id: number;
  year: number;
  amount: ColumnType<number | string, number, never>;
  paid_on: string;
  collector: string | null;
  reverses: number | null;
  recorded_by: number | null;
  recorded_at: Created;
};

export type Database = {
  chapter_dues: ChapterDuesTable;
  dues_payments: DuesPaymentTable;
  chapters: ChapterTable;
  chapter_officers: ChapterOfficerTable;
  members: MemberTable;
  membership_periods: MembershipPeriodTable;
  households: HouseholdTable;
  clans: ClanTable;
  organizations: OrganizationTable;
  citizens: CitizenTable;
  rubrics: RubricTable;
  reviews: ReviewTable;
  decisions: DecisionTable;
  registrations: RegistrationTable;
  evidence: EvidenceTable;
  target_bases: TargetBasisTable;
  targets: TargetTable;
  admin_units: AdminUnitTable;
  admin_unit_paths: AdminUnitPathTable;
  unit_successions: UnitSuccessionTable;
  app_users: AppUserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  login_throttles: LoginThrottleTable;
  audit_log: AuditLogTable;
} & FundTables &
  PlanTargetTables &
  CentreTables &
  CommendationTables &
  CentreOrgTables &
  AttendanceTables &
  CentrePlanTables &
  CommendationStatsTables &
  PrivacyTables &
  LearnerEvidenceTables &
  ReportTables &
  ReadlogTables &
  ConsentTables &
  DeadlineTables &
  SubmissionTables &
  RetentionTables &
  ReportReviewTables &
  YearCloseTables;

export type AdminUnit = Selectable<AdminUnitTable>;
export type NewAdminUnit = Insertable<AdminUnitTable>;
export type AppUser = Selectable<AppUserTable>;
