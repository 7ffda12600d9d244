-- Commendations (khen thưởng, issue 10): the register of every Bằng khen, Giấy khen and Kỷ niệm chương a commune's
-- subjects received, and the rules by which a unit proposes the next ones. The forms and levels are data in
-- src/shared/commendations.ts (the service refuses a form not listed there); docs/CENTRES.md, "Khen thưởng".

-- One commendation of one subject: a row of a registry (its kind and id, its name as it was when recorded) or a
-- free-text subject, always kept by the subject's commune.
CREATE TABLE commendations (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL CHECK (year BETWEEN 1945 AND 2100),
  recipient text NOT NULL CHECK (recipient IN ('collective', 'individual')),
  subject_kind text CHECK (subject_kind IN
    ('household', 'clan', 'organization', 'citizen', 'chapter', 'member', 'centre')),
  subject_id bigint,
  subject_name text NOT NULL CHECK (subject_name <> '' AND length(subject_name) <= 300),
  form text NOT NULL CHECK (form ~ '^[a-z_]{1,40}$'),
  level text NOT NULL CHECK (level IN ('central', 'ministry', 'province', 'commune',
    'association_central', 'association_province', 'association_commune')),
  decision_number text NOT NULL CHECK (decision_number <> '' AND length(decision_number) <= 60),
  decision_date date NOT NULL CHECK (decision_date >= DATE '1945-01-01'),
  issuer text CHECK (length(issuer) <= 300),
  reason text CHECK (length(reason) <= 2000),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(subject_name || ' ' || decision_number)) STORED,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  CHECK ((subject_kind IS NULL) = (subject_id IS NULL))
);
CREATE INDEX commendations_id ON commendations (id);
CREATE INDEX commendations_year ON commendations (commune_id, year, form);
CREATE INDEX commendations_subject ON commendations (commune_id, subject_kind, subject_id, year);
CREATE TRIGGER commendations_version BEFORE UPDATE ON commendations
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
-- The government's forms are written with `write`, the Hội's also with `association` (the service checks which
-- form needs which); a wrongly entered row is deleted (the audit log keeps it).
SELECT hieuhoc_fund_policies('commendations', ARRAY['write', 'association'], ARRAY['write', 'association']);
CREATE POLICY scope_delete ON commendations FOR DELETE USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[] || (SELECT hieuhoc_roots('association'))::bigint[])));
GRANT DELETE ON commendations TO hieuhoc_app;
GRANT USAGE ON SEQUENCE commendations_id_seq TO hieuhoc_app;

-- Proposal rules of a unit (a commune, or a province for all its communes; `commune_id` is that unit): who
-- qualifies for which form. `consecutive_title`: recognised for `title` in `years` consecutive years ending with
-- the proposal year; `membership_years`: a Hội member for at least `years` years on 31/12 of the year.
CREATE TABLE commendation_rules (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  kind text NOT NULL CHECK (kind IN ('consecutive_title', 'membership_years')),
  title text,
  years smallint NOT NULL CHECK (years BETWEEN 1 AND 60),
  form text NOT NULL CHECK (form ~ '^[a-z_]{1,40}$'),
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  CHECK ((kind = 'consecutive_title') = (title IS NOT NULL))
);
CREATE INDEX commendation_rules_id ON commendation_rules (id);
-- Written with `write` on the rule's unit; read also by the units below it (a commune reads its province's rules,
-- which apply to it), as unitVisible does in the query.
ALTER TABLE commendation_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON commendation_rules FOR SELECT USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[]))
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.ancestor_id = commune_id
    AND p.descendant_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
CREATE POLICY scope_insert ON commendation_rules FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[])));
CREATE POLICY scope_delete ON commendation_rules FOR DELETE USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[])));
GRANT SELECT, INSERT, DELETE ON commendation_rules TO hieuhoc_app;
GRANT USAGE ON SEQUENCE commendation_rules_id_seq TO hieuhoc_app;
