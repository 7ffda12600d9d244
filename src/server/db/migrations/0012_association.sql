-- Hội Khuyến học: its chapters (chi hội) with their executive committees, its members (hội viên) with the
-- periods they spent in each chapter, and the association's two roles.
--
-- Roles. `association_admin` is the Hội at a unit (a commune: all its chapters; a grant higher up covers the
-- communes below). `chapter_secretary` is granted on a commune together with one chapter of it (chapter_id): the
-- secretary reads the commune's territory and registries like a viewer, and reads and writes the members of that
-- chapter only. Two new permissions keep the association's data apart from the government's:
--   association       manage chapters, members and dues: system_admin, unit_admin, association_admin
--   association_read  read members (personal data):       the above and viewer (province reads through a viewer)
-- The fund's migration (0015) re-states the whole role list when it adds `treasurer`.

ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('system_admin', 'unit_admin',
  'data_entry', 'reviewer', 'viewer', 'association_admin', 'chapter_secretary'));
ALTER TABLE role_grants ADD COLUMN chapter_id bigint;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_chapter_check
  CHECK ((role = 'chapter_secretary') = (chapter_id IS NOT NULL));

CREATE OR REPLACE FUNCTION hieuhoc_roles_for(permission text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE permission
    WHEN 'read' THEN ARRAY['system_admin', 'unit_admin', 'data_entry', 'reviewer', 'viewer', 'association_admin',
      'chapter_secretary']
    WHEN 'write' THEN ARRAY['system_admin', 'unit_admin', 'data_entry']
    WHEN 'review' THEN ARRAY['system_admin', 'unit_admin', 'reviewer']
    WHEN 'admin' THEN ARRAY['system_admin', 'unit_admin']
    WHEN 'association' THEN ARRAY['system_admin', 'unit_admin', 'association_admin']
    WHEN 'association_read' THEN ARRAY['system_admin', 'unit_admin', 'association_admin', 'viewer']
    ELSE ARRAY[]::text[] END
$$;

-- The chapters a user is secretary of (grants not revoked, account not disabled).
CREATE FUNCTION hieuhoc_chapters_for(user_id bigint) RETURNS bigint[] LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(g.chapter_id ORDER BY g.chapter_id), ARRAY[]::bigint[])
  FROM role_grants g JOIN app_users u ON u.id = g.user_id
  WHERE g.user_id = hieuhoc_chapters_for.user_id AND g.role = 'chapter_secretary' AND g.revoked_at IS NULL
    AND u.disabled_at IS NULL
$$;
CREATE FUNCTION hieuhoc_chapters() RETURNS bigint[] LANGUAGE sql STABLE AS $$
  SELECT hieuhoc_chapters_for(hieuhoc_user_id())
$$;

-- Row-level security for the association's tables: read with association_read on the unit (or, when
-- chapter_column is given, as the secretary of the row's chapter), write with association (or as that secretary).
CREATE FUNCTION hieuhoc_association_policies(target regclass, unit_column text, chapter_column text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  on_unit text := format(
    '(SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = %I '
    'AND p.ancestor_id = ANY ((SELECT hieuhoc_roots(%L))::bigint[]))', unit_column, '%s');
  as_secretary text := CASE WHEN chapter_column IS NULL THEN '' ELSE
    format(' OR %I = ANY ((SELECT hieuhoc_chapters())::bigint[])', chapter_column) END;
  can_read text := format(on_unit, 'association_read') || as_secretary;
  can_write text := format(on_unit, 'association') || as_secretary;
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY association_read ON %s FOR SELECT USING (%s)', target, can_read);
  EXECUTE format('CREATE POLICY association_insert ON %s FOR INSERT WITH CHECK (%s)', target, can_write);
  EXECUTE format('CREATE POLICY association_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', target,
    can_write, can_write);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO hieuhoc_app', target);
END $$;

-- Chapters (chi hội, ban khuyến học): a registry kind of the commune; a village chapter belongs to its village,
-- the others to the commune. A clan chapter names its clan, a school/agency/enterprise chapter or a "ban khuyến
-- học" its organisation.
CREATE TABLE chapters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  name text NOT NULL CHECK (name <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name)) STORED,
  kind text NOT NULL CHECK (kind IN ('village', 'clan', 'school', 'agency', 'enterprise', 'committee')),
  clan_id bigint,
  organization_id bigint,
  founded_on date,
  dissolved_on date,
  archived_at timestamptz,
  archived_reason text CHECK (archived_reason IN ('dissolved', 'merged', 'mistake')),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code),
  UNIQUE (commune_id, name),
  FOREIGN KEY (commune_id, clan_id) REFERENCES clans (commune_id, id),
  FOREIGN KEY (commune_id, organization_id) REFERENCES organizations (commune_id, id),
  CHECK (kind <> 'clan' OR clan_id IS NOT NULL),
  CHECK (kind NOT IN ('school', 'agency', 'enterprise', 'committee') OR organization_id IS NOT NULL),
  CHECK (dissolved_on IS NULL OR founded_on IS NULL OR dissolved_on >= founded_on)
);
CREATE INDEX chapters_unit ON chapters (unit_id);
CREATE INDEX chapters_search ON chapters (commune_id, search_name text_pattern_ops);
CREATE TRIGGER chapters_version BEFORE UPDATE ON chapters FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
-- Chapters are the Hội's organisation, not personal data: every role reading the unit sees them.
ALTER TABLE chapters ENABLE ROW LEVEL SECURITY;
CREATE POLICY chapters_read ON chapters FOR SELECT USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
CREATE POLICY chapters_insert ON chapters FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('association'))::bigint[])));
CREATE POLICY chapters_update ON chapters FOR UPDATE
  USING ((SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('association'))::bigint[])))
  WITH CHECK ((SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p
    WHERE p.descendant_id = unit_id AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('association'))::bigint[])));
GRANT SELECT, INSERT, UPDATE ON chapters TO hieuhoc_app;
GRANT USAGE ON SEQUENCE chapters_id_seq TO hieuhoc_app;

-- A grant's chapter is a chapter of the grant's commune.
ALTER TABLE role_grants ADD CONSTRAINT role_grants_chapter_fk
  FOREIGN KEY (unit_id, chapter_id) REFERENCES chapters (commune_id, id);

-- The executive committee (ban chấp hành) of a chapter: names, posts and terms. Set as a whole list.
CREATE TABLE chapter_officers (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  chapter_id bigint NOT NULL,
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  full_name text NOT NULL CHECK (full_name <> ''),
  post text NOT NULL CHECK (post IN ('chair', 'vice_chair', 'member')),
  term_from date NOT NULL,
  term_to date,
  removed_at timestamptz,
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, chapter_id) REFERENCES chapters (commune_id, id),
  CHECK (term_to IS NULL OR term_to > term_from)
);
CREATE INDEX chapter_officers_chapter ON chapter_officers (commune_id, chapter_id) WHERE removed_at IS NULL;
SELECT hieuhoc_association_policies('chapter_officers', 'unit_id', 'chapter_id');
GRANT USAGE ON SEQUENCE chapter_officers_id_seq TO hieuhoc_app;

-- Members (hội viên): individuals (name, sex, birth year, village, household when known) or collective members
-- (an organisation). member_number is unique in the commune. chapter_since is the day the member came to the
-- current chapter (NULL: since joining); left_on ends the membership.
CREATE TABLE members (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  member_number text NOT NULL CHECK (member_number ~ '^[0-9A-Za-z._/-]{1,30}$'),
  member_kind text NOT NULL DEFAULT 'individual' CHECK (member_kind IN ('individual', 'collective')),
  full_name text NOT NULL CHECK (full_name <> ''),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(full_name)) STORED,
  sex text CHECK (sex IN ('male', 'female')),
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  household_id bigint,
  organization_id bigint,
  chapter_id bigint NOT NULL,
  joined_on date NOT NULL,
  chapter_since date,
  member_role text NOT NULL DEFAULT 'member' CHECK (member_role IN ('member', 'officer', 'honorary')),
  left_on date,
  left_reason text CHECK (left_reason IN ('moved', 'died', 'resigned', 'other')),
  archived_at timestamptz,
  archived_reason text CHECK (archived_reason IN ('mistake', 'duplicate')),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, member_number),
  FOREIGN KEY (commune_id, chapter_id) REFERENCES chapters (commune_id, id),
  FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id),
  FOREIGN KEY (commune_id, organization_id) REFERENCES organizations (commune_id, id),
  CHECK (left_on IS NULL OR left_on >= joined_on),
  CHECK (chapter_since IS NULL OR chapter_since >= joined_on),
  CHECK (birth_year IS NULL OR birth_year <= extract(year FROM joined_on))
);
CREATE INDEX members_chapter ON members (commune_id, chapter_id);
CREATE INDEX members_unit ON members (unit_id);
CREATE INDEX members_search ON members (commune_id, search_name text_pattern_ops);
CREATE TRIGGER members_version BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_association_policies('members', 'unit_id', 'chapter_id');
GRANT USAGE ON SEQUENCE members_id_seq TO hieuhoc_app;

-- The chapters a member belonged to: [valid_from, valid_to), valid_to NULL while the member is there. Kept by
-- triggers on members, so every path (form, import, command line) keeps the history.
CREATE TABLE membership_periods (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  member_id bigint NOT NULL,
  chapter_id bigint NOT NULL,
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  valid_from date NOT NULL,
  valid_to date,
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, member_id) REFERENCES members (commune_id, id),
  FOREIGN KEY (commune_id, chapter_id) REFERENCES chapters (commune_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX membership_periods_member ON membership_periods (commune_id, member_id, valid_from);
CREATE INDEX membership_periods_chapter ON membership_periods (commune_id, chapter_id, valid_from);
SELECT hieuhoc_association_policies('membership_periods', 'unit_id', 'chapter_id');
GRANT USAGE ON SEQUENCE membership_periods_id_seq TO hieuhoc_app;

-- A change of chapter without its date is a transfer today.
CREATE FUNCTION members_transfer_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.chapter_id <> OLD.chapter_id AND NEW.chapter_since IS NOT DISTINCT FROM OLD.chapter_since THEN
    NEW.chapter_since := current_date;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER members_transfer_date BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION members_transfer_date();

CREATE FUNCTION members_periods() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  latest bigint;
  periods integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO membership_periods (commune_id, member_id, chapter_id, unit_id, valid_from, valid_to)
    VALUES (NEW.commune_id, NEW.id, NEW.chapter_id, NEW.unit_id, coalesce(NEW.chapter_since, NEW.joined_on),
      NEW.left_on);
    RETURN NULL;
  END IF;
  SELECT id INTO latest FROM membership_periods
  WHERE commune_id = NEW.commune_id AND member_id = NEW.id ORDER BY valid_from DESC, id DESC LIMIT 1;
  IF NEW.chapter_id <> OLD.chapter_id THEN
    IF NEW.chapter_since <= (SELECT valid_from FROM membership_periods WHERE commune_id = NEW.commune_id
                             AND id = latest) THEN
      RAISE EXCEPTION 'transfer date % is not after the current chapter''s start', NEW.chapter_since
        USING ERRCODE = '23514', CONSTRAINT = 'members_chapter_since_check';
    END IF;
    UPDATE membership_periods SET valid_to = NEW.chapter_since WHERE commune_id = NEW.commune_id AND id = latest;
    INSERT INTO membership_periods (commune_id, member_id, chapter_id, unit_id, valid_from, valid_to)
    VALUES (NEW.commune_id, NEW.id, NEW.chapter_id, NEW.unit_id, NEW.chapter_since, NEW.left_on);
  ELSIF (NEW.left_on, NEW.joined_on, NEW.chapter_since, NEW.unit_id)
        IS DISTINCT FROM (OLD.left_on, OLD.joined_on, OLD.chapter_since, OLD.unit_id) THEN
    SELECT count(*) INTO periods FROM membership_periods WHERE commune_id = NEW.commune_id AND member_id = NEW.id;
    UPDATE membership_periods
    SET valid_to = NEW.left_on, unit_id = NEW.unit_id,
        valid_from = CASE WHEN periods = 1 THEN coalesce(NEW.chapter_since, NEW.joined_on) ELSE valid_from END
    WHERE commune_id = NEW.commune_id AND id = latest;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER members_periods AFTER INSERT OR UPDATE ON members FOR EACH ROW EXECUTE FUNCTION members_periods();

-- The highest numeric code of a commune in a registry table, whoever may see the rows: a chapter secretary sees
-- only their chapter's members, yet a new member number must follow every number of the commune. Returns a number
-- only; the table and column must be a registry table's code column (checked against the catalogue).
CREATE FUNCTION hieuhoc_max_code(target regclass, code_column text, commune bigint) RETURNS bigint LANGUAGE plpgsql
STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  result bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = target AND a.attname = code_column)
     OR NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = target AND a.attname = 'commune_id') THEN
    RAISE EXCEPTION 'not a registry code column: %.%', target, code_column;
  END IF;
  EXECUTE format('SELECT max(%I::bigint) FROM %s WHERE commune_id = $1 AND %I ~ ''^[0-9]{1,15}$''',
    code_column, target, code_column) INTO result USING commune;
  RETURN coalesce(result, 0);
END $$;
