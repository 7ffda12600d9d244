-- Learning-needs surveys (khảo sát nhu cầu học tập) and the yearly plans of the learning centres (kế hoạch hoạt
-- động năm) with plan vs done (issue 10, points 2 and 3). Keyed (commune_id, id) like every table of a commune.

-- One survey per commune and year; answered per household, per citizen of the registry or by nobody named.
CREATE TABLE needs_surveys (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (title <> '' AND length(title) <= 300),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, year)
);
CREATE INDEX needs_surveys_id ON needs_surveys (id);
CREATE TRIGGER needs_surveys_version BEFORE UPDATE ON needs_surveys
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_scope_policies('needs_surveys', 'commune_id');
-- A village officer reads the survey of the commune their village lies in (to answer it).
CREATE POLICY village_read ON needs_surveys FOR SELECT USING (EXISTS (SELECT 1 FROM admin_unit_paths p
  WHERE p.ancestor_id = commune_id AND p.descendant_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT USAGE ON SEQUENCE needs_surveys_id_seq TO hieuhoc_app;

-- Minimal personal data: no name is typed in; a respondent is a household or a citizen of the registry, or nobody.
CREATE TABLE survey_responses (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  survey_id bigint NOT NULL,
  village_id bigint NOT NULL REFERENCES admin_units (id),
  household_id bigint,
  citizen_id bigint,
  age_group text NOT NULL CHECK (age_group IN ('under_15', 'from_15_to_35', 'from_36_to_60', 'over_60')),
  sex text CHECK (sex IN ('male', 'female')),
  topics text[] NOT NULL CHECK (topics <@ ARRAY['literacy', 'post_literacy', 'law', 'health', 'agriculture',
    'life_skills', 'computing', 'digital_skills', 'foreign_language', 'culture_sport', 'other']::text[]),
  free_topics text CHECK (free_topics <> '' AND length(free_topics) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  CHECK (household_id IS NULL OR citizen_id IS NULL),
  CHECK (cardinality(topics) > 0 OR free_topics IS NOT NULL),
  FOREIGN KEY (commune_id, survey_id) REFERENCES needs_surveys (commune_id, id),
  FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id),
  FOREIGN KEY (commune_id, citizen_id) REFERENCES citizens (commune_id, id)
);
CREATE INDEX survey_responses_survey ON survey_responses (commune_id, survey_id, village_id);
CREATE INDEX survey_responses_id ON survey_responses (id);
CREATE TRIGGER survey_responses_version BEFORE UPDATE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
-- Village officers answer for their village: the scope is the response's village.
SELECT hieuhoc_scope_policies('survey_responses', 'village_id');
CREATE POLICY scope_delete ON survey_responses FOR DELETE USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = village_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[])));
GRANT DELETE ON survey_responses TO hieuhoc_app;
GRANT USAGE ON SEQUENCE survey_responses_id_seq TO hieuhoc_app;

-- A centre's yearly plan: edited as a whole list while a draft (write), approved by the commune (review), which
-- locks it; reopened by the same permission with a reason (audited).
CREATE TABLE centre_plans (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  centre_id bigint NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  approved_by bigint REFERENCES app_users (id),
  approved_by_name text,
  approved_at timestamptz,
  note text CHECK (length(note) <= 2000),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, centre_id, year),
  CHECK ((status = 'approved') = (approved_at IS NOT NULL AND approved_by_name IS NOT NULL)),
  FOREIGN KEY (commune_id, centre_id) REFERENCES learning_centres (commune_id, id)
);
CREATE INDEX centre_plans_id ON centre_plans (id);
CREATE INDEX centre_plans_year ON centre_plans (year, commune_id);
CREATE TRIGGER centre_plans_version BEFORE UPDATE ON centre_plans
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_fund_policies('centre_plans', ARRAY['write'], ARRAY['write', 'review']);
GRANT USAGE ON SEQUENCE centre_plans_id_seq TO hieuhoc_app;

CREATE TABLE centre_plan_items (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  plan_id bigint NOT NULL,
  line integer NOT NULL CHECK (line > 0),
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  activity_kind text NOT NULL CHECK (activity_kind IN ('class', 'talk', 'club')),
  topic text NOT NULL CHECK (topic IN ('literacy', 'post_literacy', 'law', 'health', 'agriculture', 'life_skills',
    'computing', 'digital_skills', 'foreign_language', 'culture_sport', 'other')),
  planned_count integer NOT NULL CHECK (planned_count BETWEEN 1 AND 1000),
  expected_participants integer NOT NULL CHECK (expected_participants BETWEEN 0 AND 1000000),
  note text CHECK (length(note) <= 500),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, plan_id, line),
  FOREIGN KEY (commune_id, plan_id) REFERENCES centre_plans (commune_id, id)
);
CREATE INDEX centre_plan_items_plan ON centre_plan_items (commune_id, plan_id);
SELECT hieuhoc_fund_policies('centre_plan_items', ARRAY['write'], ARRAY['write']);
CREATE POLICY scope_delete ON centre_plan_items FOR DELETE USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[])));
GRANT DELETE ON centre_plan_items TO hieuhoc_app;
GRANT USAGE ON SEQUENCE centre_plan_items_id_seq TO hieuhoc_app;

-- An approved plan is locked: its items change only after it is reopened (whoever writes, the service or not).
CREATE FUNCTION hieuhoc_plan_items_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM centre_plans p WHERE p.status = 'approved' AND (
      (TG_OP <> 'DELETE' AND p.commune_id = NEW.commune_id AND p.id = NEW.plan_id)
      OR (TG_OP <> 'INSERT' AND p.commune_id = OLD.commune_id AND p.id = OLD.plan_id))) THEN
    RAISE EXCEPTION 'Kế hoạch đã được duyệt: không sửa được các mục' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER centre_plan_items_locked BEFORE INSERT OR UPDATE OR DELETE ON centre_plan_items
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_plan_items_locked();
