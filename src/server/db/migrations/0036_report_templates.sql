-- Report templates (issue 11, items 1 and 3): the outline of a báo cáo năm, sơ kết, tổng kết, Tuần lễ hưởng ứng học
-- tập suốt đời or kế hoạch, as versioned data like the criteria sets. A version never changes: editing is a new
-- version of the same code. `owner_unit_id` NULL is a national template (system administrators), otherwise the
-- province (or other unit) whose administrators made it; the units below it use it. The outline (ordered sections
-- with their live blocks) is validated by src/shared/reports.ts. docs/REPORTS.md.
CREATE TABLE report_templates (
  id bigserial PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('year', 'midterm', 'summary', 'week', 'plan')),
  level text NOT NULL CHECK (level IN ('commune', 'province', 'association')),
  name text NOT NULL CHECK (name <> '' AND length(name) <= 300),
  valid_from date NOT NULL,
  owner_unit_id bigint REFERENCES admin_units (id),
  outline jsonb NOT NULL,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);
CREATE INDEX report_templates_owner ON report_templates (owner_unit_id, code);

CREATE FUNCTION hieuhoc_report_templates_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a report template version cannot change or be deleted; create a new version';
END $$;
CREATE TRIGGER report_templates_immutable BEFORE UPDATE OR DELETE ON report_templates
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_report_templates_immutable();

-- National templates are read by everyone; a unit's by those who read it or a unit below it (a commune uses its
-- province's templates), as commendation_rules. Written by admins of the owner unit, national ones by the system.
ALTER TABLE report_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON report_templates FOR SELECT USING (owner_unit_id IS NULL
  OR (SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = owner_unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[]))
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.ancestor_id = owner_unit_id
    AND p.descendant_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
CREATE POLICY scope_insert ON report_templates FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global())
  OR (owner_unit_id IS NOT NULL AND EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = owner_unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[]))));
GRANT SELECT, INSERT ON report_templates TO hieuhoc_app;
GRANT USAGE ON SEQUENCE report_templates_id_seq TO hieuhoc_app;

-- The next version number of a code across every owner (versions are unique per code), under a lock of the code so
-- that two admins adding a version at once do not take the same number; security definer because a province's
-- administrator does not read the other provinces' versions.
CREATE FUNCTION hieuhoc_next_report_template_version(template_code text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_templates:' || template_code));
  RETURN (SELECT coalesce(max(version), 0) + 1 FROM report_templates WHERE code = template_code);
END $$;
REVOKE ALL ON FUNCTION hieuhoc_next_report_template_version(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hieuhoc_next_report_template_version(text) TO hieuhoc_app;
