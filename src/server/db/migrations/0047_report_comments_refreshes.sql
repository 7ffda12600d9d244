-- Reviewer comments beside a section and the refresh of a draft's live blocks (issue 11, item 2).
-- docs/REPORTS.md, "Góp ý của cấp trên theo từng mục" and "Làm mới số liệu".

-- A comment of the receiving level on one section of a submitted version. Append-only: a comment is never edited or
-- deleted; the commune marks it handled with a row of report_comment_resolutions (also append-only), so both the
-- comment and who handled it when stay as they were written.
CREATE TABLE report_comments (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  report_id bigint NOT NULL,
  section_key text NOT NULL CHECK (section_key ~ '^[a-z0-9_]{1,40}$'),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  author_id bigint REFERENCES app_users (id),
  author_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, report_id) REFERENCES reports (commune_id, id)
);
CREATE INDEX report_comments_report ON report_comments (commune_id, report_id);

CREATE TABLE report_comment_resolutions (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  comment_id bigint NOT NULL,
  resolved_by bigint REFERENCES app_users (id),
  resolved_by_name text NOT NULL,
  resolved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, comment_id),
  FOREIGN KEY (commune_id, comment_id) REFERENCES report_comments (commune_id, id)
);

CREATE FUNCTION hieuhoc_report_comments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER report_comments_append_only BEFORE UPDATE OR DELETE ON report_comments
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_report_comments_append_only();
CREATE TRIGGER report_comments_no_truncate BEFORE TRUNCATE ON report_comments
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_report_comments_append_only();
CREATE TRIGGER report_comment_resolutions_append_only BEFORE UPDATE OR DELETE ON report_comment_resolutions
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_report_comments_append_only();
CREATE TRIGGER report_comment_resolutions_no_truncate BEFORE TRUNCATE ON report_comment_resolutions
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_report_comments_append_only();

-- The live blocks of a draft as of its last "Làm mới số liệu" (one row per draft, replaced at each refresh), to list
-- what changed at the next one.
CREATE TABLE report_refreshes (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  report_id bigint NOT NULL,
  sections jsonb NOT NULL,
  refreshed_by_name text NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, report_id),
  FOREIGN KEY (commune_id, report_id) REFERENCES reports (commune_id, id)
);

-- Read like the reports (the unit's subtree readers); comments written by reviewers (the application checks that the
-- writer is the receiving level), resolutions and refreshes by those who prepare reports.
SELECT hieuhoc_fund_policies('report_comments', ARRAY['review'], NULL);
SELECT hieuhoc_fund_policies('report_comment_resolutions', ARRAY['write', 'review', 'association'], NULL);
SELECT hieuhoc_fund_policies('report_refreshes', ARRAY['write', 'review', 'association'], ARRAY['write', 'review', 'association']);
GRANT USAGE ON SEQUENCE report_comments_id_seq TO hieuhoc_app;
GRANT USAGE ON SEQUENCE report_comment_resolutions_id_seq TO hieuhoc_app;
GRANT USAGE ON SEQUENCE report_refreshes_id_seq TO hieuhoc_app;
