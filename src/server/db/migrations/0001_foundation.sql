-- Foundation: territory (temporal administrative units and successions), accounts, role grants on units,
-- sessions, the append-only audit log, and row-level security keyed on the caller's unit scope.

-- The application role: requests run as it (SET LOCAL ROLE), so row-level security applies to them.
DO $$
BEGIN
  CREATE ROLE hieuhoc_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- Search key: lower case without Vietnamese diacritics ("Tây Hồ" -> "tay ho"). Mirrors foldText() in src/shared/text.ts.
CREATE FUNCTION hieuhoc_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(translate(value,
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹABCDEFGHIJKLMNOPQRSTUVWXYZ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyabcdefghijklmnopqrstuvwxyz'), '\s+', ' ', 'g'))
$$;

CREATE TABLE admin_units (
  id bigserial PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
  code text NOT NULL CHECK (code <> ''),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL CHECK (kind <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name)) STORED,
  parent_id bigint REFERENCES admin_units (id),
  -- valid_from inclusive (NULL: before records), valid_to exclusive (NULL: in force).
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to),
  CHECK ((level = 'province') = (parent_id IS NULL))
);
-- Official codes are never reused within a level; a unit re-created under the same code (Mạo Khê, 2025) is a
-- new version with a later valid_from.
CREATE UNIQUE INDEX admin_units_code_version ON admin_units (level, code, (coalesce(valid_from, '-infinity'::date)))
  WHERE level <> 'village';
-- Villages have no official list: their codes are unique within their commune.
CREATE UNIQUE INDEX admin_units_village_code ON admin_units (parent_id, code) WHERE level = 'village';
CREATE INDEX admin_units_parent ON admin_units (parent_id);
CREATE INDEX admin_units_search ON admin_units (search_name text_pattern_ops);

-- Closure table: one row per (ancestor, descendant), self included at depth 0. A unit's parent never changes
-- (a structural change is a new unit version plus a succession), so rows are only ever added.
CREATE TABLE admin_unit_paths (
  ancestor_id bigint NOT NULL REFERENCES admin_units (id),
  descendant_id bigint NOT NULL REFERENCES admin_units (id),
  depth smallint NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX admin_unit_paths_descendant ON admin_unit_paths (descendant_id, ancestor_id);

CREATE FUNCTION admin_units_check_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_level text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
    RAISE EXCEPTION 'admin_units.parent_id cannot change; create a new unit version and a succession';
  END IF;
  IF NEW.parent_id IS NOT NULL THEN
    SELECT level INTO parent_level FROM admin_units WHERE id = NEW.parent_id;
    IF NOT ((NEW.level = 'district' AND parent_level = 'province')
         OR (NEW.level = 'commune' AND parent_level IN ('province', 'district'))
         OR (NEW.level = 'village' AND parent_level = 'commune')) THEN
      RAISE EXCEPTION 'a % cannot be placed under a %', NEW.level, parent_level;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER admin_units_check_parent BEFORE INSERT OR UPDATE ON admin_units
  FOR EACH ROW EXECUTE FUNCTION admin_units_check_parent();

CREATE FUNCTION admin_units_add_paths() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO admin_unit_paths (ancestor_id, descendant_id, depth)
  SELECT NEW.id, NEW.id, 0
  UNION ALL
  SELECT p.ancestor_id, NEW.id, p.depth + 1 FROM admin_unit_paths p WHERE p.descendant_id = NEW.parent_id;
  RETURN NULL;
END $$;
CREATE TRIGGER admin_units_add_paths AFTER INSERT ON admin_units
  FOR EACH ROW EXECUTE FUNCTION admin_units_add_paths();

CREATE TABLE unit_successions (
  id bigserial PRIMARY KEY,
  predecessor_id bigint NOT NULL REFERENCES admin_units (id),
  successor_id bigint NOT NULL REFERENCES admin_units (id),
  kind text NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
  -- full: the whole predecessor went into the successor; partial: part of its territory did.
  coverage text NOT NULL CHECK (coverage IN ('full', 'partial')),
  effective_date date NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (predecessor_id <> successor_id),
  UNIQUE (predecessor_id, successor_id)
);
CREATE INDEX unit_successions_successor ON unit_successions (successor_id);

CREATE TABLE app_users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  full_name text NOT NULL CHECK (full_name <> ''),
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES app_users (id)
);

CREATE TABLE role_grants (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_users (id),
  role text NOT NULL CHECK (role IN ('system_admin', 'unit_admin', 'data_entry', 'reviewer', 'viewer')),
  -- NULL only for a nation-wide system administrator.
  unit_id bigint REFERENCES admin_units (id),
  granted_by bigint REFERENCES app_users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_by bigint REFERENCES app_users (id),
  revoked_at timestamptz,
  CHECK (unit_id IS NOT NULL OR role = 'system_admin')
);
CREATE INDEX role_grants_user ON role_grants (user_id) WHERE revoked_at IS NULL;
CREATE INDEX role_grants_unit ON role_grants (unit_id);

-- Sessions store only a hash of the cookie value.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_recent ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Append-only. province_id (0 for nation-wide events) is the distribution column on Citus.
CREATE TABLE audit_log (
  id bigserial,
  province_id bigint NOT NULL DEFAULT 0,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id bigint REFERENCES app_users (id),
  actor_name text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  unit_id bigint REFERENCES admin_units (id),
  before jsonb,
  after jsonb,
  request_id text,
  PRIMARY KEY (province_id, id)
);
CREATE INDEX audit_log_unit ON audit_log (unit_id, at DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- ---------------------------------------------------------------------------------------------------------
-- Scope. A grant on a unit covers its subtree and the subtrees of its predecessors (transitively), so that a
-- grant on a 2025 commune also reads the history of the old communes merged into it.
-- Permissions: read (every role), write (data entry), review (reviewer), admin (unit admin).

CREATE FUNCTION hieuhoc_user_id() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('hieuhoc.user_id', true), '')::bigint
$$;

CREATE FUNCTION hieuhoc_roles_for(permission text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE permission
    WHEN 'read' THEN ARRAY['system_admin', 'unit_admin', 'data_entry', 'reviewer', 'viewer']
    WHEN 'write' THEN ARRAY['system_admin', 'unit_admin', 'data_entry']
    WHEN 'review' THEN ARRAY['system_admin', 'unit_admin', 'reviewer']
    WHEN 'admin' THEN ARRAY['system_admin', 'unit_admin']
    ELSE ARRAY[]::text[] END
$$;

CREATE FUNCTION hieuhoc_is_global_for(user_id bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM role_grants g JOIN app_users u ON u.id = g.user_id
    WHERE g.user_id = hieuhoc_is_global_for.user_id AND g.role = 'system_admin' AND g.unit_id IS NULL
      AND g.revoked_at IS NULL AND u.disabled_at IS NULL)
$$;

CREATE FUNCTION hieuhoc_roots_for(user_id bigint, permission text) RETURNS bigint[] LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public AS $$
  WITH RECURSIVE granted AS (
    SELECT g.unit_id AS id FROM role_grants g JOIN app_users u ON u.id = g.user_id
    WHERE g.user_id = hieuhoc_roots_for.user_id AND g.unit_id IS NOT NULL AND g.revoked_at IS NULL
      AND u.disabled_at IS NULL AND g.role = ANY (hieuhoc_roles_for(permission))
    UNION
    SELECT s.predecessor_id FROM unit_successions s JOIN granted ON s.successor_id = granted.id
  )
  SELECT coalesce(array_agg(id ORDER BY id), ARRAY[]::bigint[]) FROM granted
$$;

CREATE FUNCTION hieuhoc_is_global() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(hieuhoc_is_global_for(hieuhoc_user_id()), false)
$$;

CREATE FUNCTION hieuhoc_roots(permission text) RETURNS bigint[] LANGUAGE sql STABLE AS $$
  SELECT hieuhoc_roots_for(hieuhoc_user_id(), permission)
$$;

-- Whether the current user holds the permission on a unit (through its subtree or a predecessor's).
CREATE FUNCTION hieuhoc_can(permission text, unit bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT hieuhoc_is_global() OR EXISTS (
    SELECT 1 FROM admin_unit_paths p
    WHERE p.descendant_id = unit AND p.ancestor_id = ANY (hieuhoc_roots(permission)))
$$;

-- Units a user can read rows of: subtree of the roots, the roots' ancestors (names for the breadcrumb) and
-- the direct successors of the roots (names for the history page).
CREATE FUNCTION hieuhoc_unit_visible(unit bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT hieuhoc_can('read', unit)
    OR EXISTS (SELECT 1 FROM admin_unit_paths p
               WHERE p.ancestor_id = unit AND p.descendant_id = ANY (hieuhoc_roots('read')))
    OR EXISTS (SELECT 1 FROM unit_successions s
               WHERE s.successor_id = unit AND s.predecessor_id = ANY (hieuhoc_roots('read')))
$$;

ALTER TABLE admin_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE unit_successions ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;

-- The scalar sub-selects make PostgreSQL compute the caller's roots once per statement (an InitPlan).
CREATE POLICY admin_units_read ON admin_units FOR SELECT USING (
  (SELECT hieuhoc_is_global())
  -- parent_id too: a village being inserted has no closure rows yet when INSERT ... RETURNING is checked.
  OR EXISTS (SELECT 1 FROM admin_unit_paths p
             WHERE p.descendant_id IN (admin_units.id, admin_units.parent_id)
               AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[]))
  OR EXISTS (SELECT 1 FROM admin_unit_paths p
             WHERE p.ancestor_id = admin_units.id AND p.descendant_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[]))
  OR EXISTS (SELECT 1 FROM unit_successions s
             WHERE s.successor_id = admin_units.id AND s.predecessor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[]))
);
-- Official units change only through the import command; in the app, users manage villages.
CREATE POLICY admin_units_insert ON admin_units FOR INSERT WITH CHECK (
  level = 'village' AND hieuhoc_can('write', parent_id));
CREATE POLICY admin_units_update ON admin_units FOR UPDATE
  USING (level = 'village' AND hieuhoc_can('write', id))
  WITH CHECK (level = 'village' AND hieuhoc_can('write', id));

CREATE POLICY unit_successions_read ON unit_successions FOR SELECT USING (
  hieuhoc_unit_visible(predecessor_id) OR hieuhoc_unit_visible(successor_id));
CREATE POLICY unit_successions_insert ON unit_successions FOR INSERT WITH CHECK (
  hieuhoc_can('write', predecessor_id) AND hieuhoc_can('write', successor_id));

CREATE POLICY app_users_read ON app_users FOR SELECT USING (
  id = hieuhoc_user_id() OR created_by = hieuhoc_user_id()
  OR (SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM role_grants g JOIN admin_unit_paths p ON p.descendant_id = g.unit_id
             WHERE g.user_id = app_users.id AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY app_users_insert ON app_users FOR INSERT WITH CHECK (
  hieuhoc_is_global() OR cardinality(hieuhoc_roots('admin')) > 0);
CREATE POLICY app_users_update ON app_users FOR UPDATE USING (
  (SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM role_grants g JOIN admin_unit_paths p ON p.descendant_id = g.unit_id
             WHERE g.user_id = app_users.id AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));

CREATE POLICY role_grants_read ON role_grants FOR SELECT USING (
  user_id = hieuhoc_user_id() OR (SELECT hieuhoc_is_global()) OR hieuhoc_can('admin', unit_id));
CREATE POLICY role_grants_insert ON role_grants FOR INSERT WITH CHECK (
  hieuhoc_is_global() OR (role <> 'system_admin' AND hieuhoc_can('admin', unit_id)));
CREATE POLICY role_grants_update ON role_grants FOR UPDATE
  USING (hieuhoc_is_global() OR (role <> 'system_admin' AND hieuhoc_can('admin', unit_id)))
  WITH CHECK (hieuhoc_is_global() OR (role <> 'system_admin' AND hieuhoc_can('admin', unit_id)));

CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR actor_id = hieuhoc_user_id()
  OR (unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id)));
CREATE POLICY audit_log_insert ON audit_log FOR INSERT WITH CHECK (actor_id IS NOT DISTINCT FROM hieuhoc_user_id());

GRANT USAGE ON SCHEMA public TO hieuhoc_app;
GRANT SELECT ON admin_units, admin_unit_paths, unit_successions, role_grants, audit_log TO hieuhoc_app;
GRANT SELECT (id, username, full_name, locale, disabled_at, created_at, created_by) ON app_users TO hieuhoc_app;
GRANT INSERT, UPDATE ON admin_units, role_grants TO hieuhoc_app;
GRANT INSERT ON unit_successions, audit_log TO hieuhoc_app;
GRANT INSERT ON app_users TO hieuhoc_app;
GRANT UPDATE (full_name, locale, disabled_at, password_hash) ON app_users TO hieuhoc_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hieuhoc_app;
