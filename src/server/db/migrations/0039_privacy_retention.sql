-- Retention periods of personal data (issue 12, item 1; docs/PRIVACY.md): the declarations give each set of
-- personal data (a registry kind, or a module's data: src/shared/privacy) its default period and legal minimum; a
-- system administrator may set another period here, one row per set, audited. The service refuses a period below
-- the legal minimum; the CHECK keeps it sane. A national table of a few rows: no commune key to shard on.
CREATE TABLE privacy_retention (
  data_key text PRIMARY KEY CHECK (data_key ~ '^[a-z][a-z0-9-]{0,59}$'),
  years smallint NOT NULL CHECK (years BETWEEN 1 AND 100),
  updated_by bigint REFERENCES app_users (id),
  updated_by_name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- Every signed-in user reads the periods (the inventory is no secret); only a nation-wide grant writes them.
ALTER TABLE privacy_retention ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON privacy_retention FOR SELECT USING (true);
CREATE POLICY global_insert ON privacy_retention FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global()));
CREATE POLICY global_update ON privacy_retention FOR UPDATE USING ((SELECT hieuhoc_is_global()));
GRANT SELECT, INSERT, UPDATE ON privacy_retention TO hieuhoc_app;
