-- Runs of the retention job (issue 12, item 4; src/server/modules/privacy/retention.ts): one row per real run, so
-- the server runs it once a day and knows when it last did. At most one run is unfinished at a time (the partial
-- unique index): a second server, or the command line during the night's run, finds the slot taken and does not
-- overlap. A run left unfinished by a crash is closed as failed after 6 hours. A national table of a few rows a
-- year: no commune key to shard on.
CREATE TABLE privacy_retention_runs (
  id bigserial PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  started_by text NOT NULL,
  -- Per kind: { kind, years, count }; no names.
  summary jsonb,
  error text
);
CREATE UNIQUE INDEX privacy_retention_runs_one_running ON privacy_retention_runs ((true)) WHERE status = 'running';
CREATE INDEX privacy_retention_runs_started ON privacy_retention_runs (started_at DESC);

-- The job runs as the database owner; signed-in system administrators may read when it ran.
ALTER TABLE privacy_retention_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY global_read ON privacy_retention_runs FOR SELECT USING ((SELECT hieuhoc_is_global()));
GRANT SELECT ON privacy_retention_runs TO hieuhoc_app;
