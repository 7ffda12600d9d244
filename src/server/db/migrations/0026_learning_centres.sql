-- Learning centres (trung tâm học tập cộng đồng, TTHTCĐ; issue 10): the role `teacher`, the permission
-- `attendance`, and the two registry kinds every later piece of the module hangs on: the commune's centres and
-- their activities (classes, talks, club sessions). Both are keyed (commune_id, id) like every registry kind.

-- Roles. The full list, as the fund's migration (0015) left it, with the centre's teacher (giáo viên, báo cáo
-- viên, cộng tác viên) who records sessions and attendance.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN (
  'system_admin', 'unit_admin', 'data_entry', 'reviewer', 'viewer',
  'association_admin', 'chapter_secretary', 'treasurer', 'teacher'));

-- Permissions: the teacher reads its units; `attendance` records sessions and attendance (the teacher, data entry,
-- unit admins). Every other permission stays as the earlier migrations defined it.
ALTER FUNCTION hieuhoc_roles_for(text) RENAME TO hieuhoc_roles_before_centres;
CREATE FUNCTION hieuhoc_roles_for(permission text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE permission
    WHEN 'read' THEN hieuhoc_roles_before_centres('read') || ARRAY['teacher']
    WHEN 'attendance' THEN ARRAY['system_admin', 'unit_admin', 'data_entry', 'teacher']
    ELSE hieuhoc_roles_before_centres(permission) END
$$;

-- Centres: a registry kind of the commune. A commune has one or more; "Trung tâm Văn hóa – Thể thao và Học tập
-- cộng đồng" is the same kind of centre under another name. A centre merged into another or dissolved is archived
-- with that reason (the decisions that did it are the centre's history).
CREATE TABLE learning_centres (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL DEFAULT 'community' CHECK (kind IN ('community', 'culture_sport')),
  address text,
  founded_on date,
  phone text CHECK (phone ~ '^[0-9 +.]{8,15}$'),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name || ' ' || code)) STORED,
  archived_at timestamptz,
  archived_reason text CHECK (archived_reason IN ('merged', 'dissolved', 'mistake')),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code)
);
CREATE INDEX learning_centres_id ON learning_centres (id);
CREATE TRIGGER learning_centres_version BEFORE UPDATE ON learning_centres
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_scope_policies('learning_centres', 'commune_id');
GRANT USAGE ON SEQUENCE learning_centres_id_seq TO hieuhoc_app;

-- Activities: a class (lớp học), a talk (chuyên đề, nói chuyện) or a club (câu lạc bộ) of a centre, on one topic
-- of the fixed list, between two dates. Attendance is counted per session either as head counts or as named
-- learners of the citizen registry (the sessions and marks are their own tables).
CREATE TABLE centre_activities (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  centre_id bigint NOT NULL,
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  title text NOT NULL CHECK (title <> ''),
  activity_kind text NOT NULL DEFAULT 'class' CHECK (activity_kind IN ('class', 'talk', 'club')),
  topic text NOT NULL CHECK (topic IN ('literacy', 'post_literacy', 'law', 'health', 'agriculture', 'life_skills',
    'computing', 'digital_skills', 'foreign_language', 'culture_sport', 'other')),
  starts_on date NOT NULL,
  ends_on date,
  place text,
  instructor text,
  partner text,
  cost bigint CHECK (cost >= 0 AND cost <= 1000000000000),
  funding text CHECK (funding IN ('state_budget', 'socialized', 'fund', 'mixed')),
  attendance_mode text NOT NULL DEFAULT 'headcount' CHECK (attendance_mode IN ('headcount', 'named')),
  class_size integer CHECK (class_size BETWEEN 1 AND 100000),
  certificate text NOT NULL DEFAULT 'no' CHECK (certificate IN ('yes', 'no')),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(title || ' ' || code)) STORED,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  FOREIGN KEY (commune_id, centre_id) REFERENCES learning_centres (commune_id, id)
);
CREATE INDEX centre_activities_id ON centre_activities (id);
CREATE INDEX centre_activities_centre ON centre_activities (commune_id, centre_id, starts_on);
CREATE TRIGGER centre_activities_version BEFORE UPDATE ON centre_activities
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_scope_policies('centre_activities', 'commune_id');
GRANT USAGE ON SEQUENCE centre_activities_id_seq TO hieuhoc_app;
