-- Learning titles: registries (households, clans, organisations, citizens), versioned criteria sets (rubrics),
-- and the yearly cycle (registration, self-assessment, review meeting, proposal, decision, certificate).
-- Large tables carry province_id and commune_id; commune_id is the distribution column and is part of every
-- primary and unique key, so each table can become a co-located Citus table.

-- Row-level security for tables scoped by a unit column: read for every role, insert for data entry, update for
-- the listed permissions (reviewers update the records of the decisions they issue).
-- The scalar sub-selects make the caller's roots an InitPlan, computed once per statement, not per row.
CREATE FUNCTION hieuhoc_scope_policies(target regclass, unit_column text, update_permissions text[] DEFAULT ARRAY['write'])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  condition text := format(
    '(SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = %I '
    'AND p.ancestor_id = ANY ((SELECT hieuhoc_roots(%L))::bigint[]))', unit_column, '%s');
  can_update text;
BEGIN
  SELECT string_agg(format('(' || condition || ')', permission), ' OR ') INTO can_update
  FROM unnest(update_permissions) AS permission;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY scope_read ON %s FOR SELECT USING (%s)', target, format(condition, 'read'));
  EXECUTE format('CREATE POLICY scope_insert ON %s FOR INSERT WITH CHECK (%s)', target, format(condition, 'write'));
  EXECUTE format('CREATE POLICY scope_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', target, can_update, can_update);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO hieuhoc_app', target);
END $$;

CREATE TABLE clans (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  name text NOT NULL CHECK (name <> ''),
  head_name text NOT NULL CHECK (head_name <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name || ' ' || head_name)) STORED,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, name)
);

CREATE TABLE households (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  village_id bigint NOT NULL REFERENCES admin_units (id),
  -- The commune's own household code (sổ hộ), unique within the commune.
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  head_name text NOT NULL CHECK (head_name <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(head_name)) STORED,
  address text,
  members smallint NOT NULL CHECK (members BETWEEN 1 AND 99),
  phone text CHECK (phone ~ '^[0-9 +.]{8,15}$'),
  clan_id bigint,
  -- moved (chuyển đi), merged (nhập hộ), dissolved (giải thể, không còn)
  archived_at timestamptz,
  archived_reason text CHECK (archived_reason IN ('moved', 'merged', 'dissolved')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code),
  FOREIGN KEY (commune_id, clan_id) REFERENCES clans (commune_id, id)
);
CREATE INDEX households_village ON households (village_id) WHERE archived_at IS NULL;
CREATE INDEX households_search ON households (commune_id, search_name text_pattern_ops);

CREATE TABLE organizations (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  -- The village or the commune the organisation belongs to.
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL CHECK (kind IN ('agency', 'school', 'enterprise', 'other')),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name)) STORED,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code)
);

-- Citizens (Công dân học tập) are optional: name, village, birth year and group only.
CREATE TABLE citizens (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  village_id bigint NOT NULL REFERENCES admin_units (id),
  full_name text NOT NULL CHECK (full_name <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(full_name)) STORED,
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  population_group text NOT NULL DEFAULT 'other' CHECK (population_group IN ('farmer', 'worker', 'official', 'other')),
  household_id bigint,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id)
);

-- Criteria sets: versioned data. Editing a set creates a new version; evaluations keep the version they used.
CREATE TABLE rubrics (
  id bigserial PRIMARY KEY,
  code text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL CHECK (title IN ('learning_family', 'learning_clan', 'learning_community_village',
    'learning_community_commune', 'learning_organization', 'learning_citizen')),
  name text NOT NULL,
  legal_number text NOT NULL,
  legal_date date,
  legal_issuer text NOT NULL,
  effective_from date NOT NULL,
  effective_to date,
  -- A provincial variant; NULL for a national set.
  province_id bigint REFERENCES admin_units (id),
  -- The administrative level the set applies to when a title has several (e.g. commune or province units).
  unit_level text CHECK (unit_level IN ('province', 'district', 'commune', 'village')),
  notes text,
  scheme text NOT NULL CHECK (scheme IN ('points', 'levels')),
  definition jsonb NOT NULL,
  deadlines jsonb NOT NULL DEFAULT '[]',
  -- Values marked UNCONFIRMED in the legal research, shown "chưa xác minh" until an admin confirms them.
  unconfirmed boolean NOT NULL DEFAULT false,
  confirmed_by bigint REFERENCES app_users (id),
  confirmed_at timestamptz,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version),
  CHECK (effective_to IS NULL OR effective_from < effective_to)
);
-- Versions are immutable once created; only the confirmation may be recorded.
CREATE FUNCTION rubrics_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.definition, NEW.scheme, NEW.title, NEW.code, NEW.version, NEW.effective_from, NEW.legal_number)
     IS DISTINCT FROM (OLD.definition, OLD.scheme, OLD.title, OLD.code, OLD.version, OLD.effective_from, OLD.legal_number) THEN
    RAISE EXCEPTION 'a criteria set version cannot change; create a new version';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rubrics_immutable BEFORE UPDATE ON rubrics FOR EACH ROW EXECUTE FUNCTION rubrics_immutable();

CREATE TABLE reviews (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  -- Where the meeting was held: a village (households, clans) or the commune.
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  title text NOT NULL,
  held_on date NOT NULL,
  participants text NOT NULL CHECK (participants <> ''),
  minutes text,
  created_by bigint NOT NULL REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id)
);

CREATE TABLE decisions (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('recognition', 'revocation')),
  number text NOT NULL CHECK (number <> ''),
  signed_on date NOT NULL,
  -- e.g. "UBND PHƯỜNG TÂY HỒ" / "CHỦ TỊCH" / "Nguyễn Văn A"
  agency_name text NOT NULL,
  signer_title text NOT NULL,
  signer_name text NOT NULL,
  reason text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  created_by bigint NOT NULL REFERENCES app_users (id),
  -- Names as they were when acting: other users' accounts are not readable to every role.
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  issued_by bigint REFERENCES app_users (id),
  issued_by_name text,
  issued_at timestamptz,
  -- The person who approves is not the one who entered.
  CHECK (issued_by IS NULL OR issued_by <> created_by),
  CHECK ((status = 'issued') = (issued_by IS NOT NULL)),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, kind, number, signed_on)
);

CREATE TABLE registrations (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  -- The village of a household, clan, village or citizen; NULL for commune-level candidates.
  village_id bigint REFERENCES admin_units (id),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('household', 'clan', 'village', 'organization', 'citizen', 'commune')),
  subject_id bigint NOT NULL,
  rubric_id bigint NOT NULL REFERENCES rubrics (id),
  status text NOT NULL DEFAULT 'registered' CHECK (status IN
    ('registered', 'assessed', 'proposed', 'not_proposed', 'recognized', 'revoked', 'withdrawn')),
  registered_by bigint REFERENCES app_users (id),
  registered_at timestamptz NOT NULL DEFAULT now(),
  -- Self-assessment: item results (points or met) and the evaluation of the set in force for the year.
  assessment jsonb,
  result jsonb,
  passed boolean,
  grade text,
  level smallint,
  assessed_by bigint REFERENCES app_users (id),
  assessed_at timestamptz,
  review_id bigint,
  review_note text,
  reviewed_by bigint REFERENCES app_users (id),
  reviewed_at timestamptz,
  decision_id bigint,
  certificate_code text,
  revocation_id bigint,
  -- Where access is checked: the village when there is one, so that village users see their own candidates.
  scope_unit_id bigint GENERATED ALWAYS AS (coalesce(village_id, commune_id)) STORED,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, year, title, subject_kind, subject_id),
  UNIQUE (commune_id, certificate_code),
  FOREIGN KEY (commune_id, review_id) REFERENCES reviews (commune_id, id),
  FOREIGN KEY (commune_id, decision_id) REFERENCES decisions (commune_id, id),
  FOREIGN KEY (commune_id, revocation_id) REFERENCES decisions (commune_id, id)
);
CREATE INDEX registrations_year ON registrations (commune_id, year, title, status);
CREATE INDEX registrations_village ON registrations (village_id, year);
CREATE INDEX registrations_certificate ON registrations (certificate_code) WHERE certificate_code IS NOT NULL;

-- After the decision a record is locked: only a revocation (status, revocation_id) may follow.
CREATE FUNCTION registrations_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('recognized', 'revoked')
     AND (NEW.assessment, NEW.result, NEW.passed, NEW.grade, NEW.level, NEW.review_id, NEW.decision_id,
          NEW.certificate_code, NEW.rubric_id, NEW.year, NEW.subject_id)
     IS DISTINCT FROM (OLD.assessment, OLD.result, OLD.passed, OLD.grade, OLD.level, OLD.review_id, OLD.decision_id,
          OLD.certificate_code, OLD.rubric_id, OLD.year, OLD.subject_id) THEN
    RAISE EXCEPTION 'registration % is locked by its decision', OLD.id;
  END IF;
  IF OLD.status = 'revoked' AND NEW.status <> 'revoked' THEN
    RAISE EXCEPTION 'registration % was revoked', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER registrations_lock BEFORE UPDATE ON registrations FOR EACH ROW EXECUTE FUNCTION registrations_lock();

CREATE TABLE evidence (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  registration_id bigint NOT NULL,
  item_key text NOT NULL,
  note text,
  file_name text,
  content_type text,
  content bytea,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (note IS NOT NULL OR content IS NOT NULL),
  CHECK (content IS NULL OR octet_length(content) <= 5000000),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, registration_id) REFERENCES registrations (commune_id, id)
);

SELECT hieuhoc_scope_policies('clans', 'commune_id');
SELECT hieuhoc_scope_policies('households', 'village_id');
SELECT hieuhoc_scope_policies('organizations', 'unit_id');
SELECT hieuhoc_scope_policies('citizens', 'village_id');
SELECT hieuhoc_scope_policies('reviews', 'unit_id');
SELECT hieuhoc_scope_policies('decisions', 'commune_id', ARRAY['write', 'review']);
SELECT hieuhoc_scope_policies('registrations', 'scope_unit_id', ARRAY['write', 'review']);
SELECT hieuhoc_scope_policies('evidence', 'commune_id');

-- Criteria sets are read by everyone signed in; they are written by the command line and system or province
-- admins through the service (which checks the role), never by row-level scope.
GRANT SELECT ON rubrics TO hieuhoc_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hieuhoc_app;
