import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** ISO date 'YYYY-MM-DD' (DATE columns are read as strings, see connection.ts). */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type UnitLevel = "province" | "district" | "commune" | "village";
export type SuccessionKind = "merge" | "split" | "rename";
export type SuccessionCoverage = "full" | "partial";
export type Role = "system_admin" | "unit_admin" | "data_entry" | "reviewer" | "viewer";

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
};

export type RoleGrantTable = {
  id: Generated<number>;
  user_id: number;
  role: Role;
  unit_id: number | null;
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

export type Database = {
  admin_units: AdminUnitTable;
  admin_unit_paths: AdminUnitPathTable;
  unit_successions: UnitSuccessionTable;
  app_users: AppUserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
};

export type AdminUnit = Selectable<AdminUnitTable>;
export type NewAdminUnit = Insertable<AdminUnitTable>;
export type AppUser = Selectable<AppUserTable>;
