-- Report drafts, autosave, snapshot on submission and submission up the levels (issue 11, items 2, 4, 5). A row of
-- `reports` is one version of one unit's report for a template level, kind and period: a draft while the unit writes
-- it, then submitted (frozen: the snapshot of its text, every live figure and the query inputs, its sha256 and the
-- .docx bytes made from it), returned by the level above with a reason, or accepted. A resubmission is a new row
-- (version + 1) pointing to the previous one. `commune_id` is the reporting unit, a commune or a province (as in
-- commendation_rules): the keys carry the unit. docs/REPORTS.md, "Nộp báo cáo".
CREATE TABLE reports (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  template_id bigint NOT NULL REFERENCES report_templates (id),
  level text NOT NULL CHECK (level IN ('commune', 'province', 'association')),
  kind text NOT NULL CHECK (kind IN ('year', 'midterm', 'summary', 'week', 'plan')),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  previous_id bigint,
  document jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  submitted_at timestamptz,
  submitted_by_name text,
  resubmit_reason text CHECK (length(resubmit_reason) <= 2000),
  snapshot jsonb,
  snapshot_sha256 text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  docx bytea,
  changes jsonb,
  decided_at timestamptz,
  decided_by_name text,
  return_reason text CHECK (length(return_reason) <= 2000),
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, level, kind, period_from, period_to, version),
  CHECK ((status = 'draft') = (snapshot IS NULL)),
  CHECK (status <> 'returned' OR return_reason IS NOT NULL)
);
CREATE INDEX reports_id ON reports (id);
CREATE INDEX reports_province ON reports (province_id, level, kind, period_from, period_to);

-- A submitted version never changes its snapshot, hash or file; only the decision of the level above is written.
CREATE FUNCTION hieuhoc_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.snapshot IS NOT NULL AND (NEW.snapshot IS DISTINCT FROM OLD.snapshot
      OR NEW.snapshot_sha256 IS DISTINCT FROM OLD.snapshot_sha256 OR NEW.docx IS DISTINCT FROM OLD.docx
      OR NEW.document IS DISTINCT FROM OLD.document OR NEW.changes IS DISTINCT FROM OLD.changes) THEN
    RAISE EXCEPTION 'a submitted report version cannot change; create a new version';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports FOR EACH ROW EXECUTE FUNCTION hieuhoc_reports_frozen();

-- The officer's text of one section of a version, with its own row version (autosave of one box at a time).
CREATE TABLE report_sections (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  report_id bigint NOT NULL,
  key text NOT NULL CHECK (key ~ '^[a-z0-9_]{1,40}$'),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, report_id, key),
  FOREIGN KEY (commune_id, report_id) REFERENCES reports (commune_id, id)
);
CREATE TRIGGER report_sections_version BEFORE UPDATE ON report_sections
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- The text of a version that is no longer a draft does not change.
CREATE FUNCTION hieuhoc_report_sections_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM reports WHERE commune_id = NEW.commune_id AND id = NEW.report_id) <> 'draft' THEN
    RAISE EXCEPTION 'the text of a submitted report cannot change';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER report_sections_draft BEFORE UPDATE ON report_sections
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_report_sections_draft();

-- Read by the unit's subtree readers (the province reads its communes' reports, the nation every province's);
-- written by those who prepare reports (write, review, association) and, for the decision, reviewers above.
SELECT hieuhoc_fund_policies('reports', ARRAY['write', 'review', 'association'], ARRAY['write', 'review', 'association']);
SELECT hieuhoc_fund_policies('report_sections', ARRAY['write', 'review', 'association'], ARRAY['write', 'review', 'association']);
GRANT USAGE ON SEQUENCE reports_id_seq TO hieuhoc_app;
