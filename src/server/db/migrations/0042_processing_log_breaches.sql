-- Personal data duties (issue 12, items 5 and 6; Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP): the processing log
-- (who read which person's record, exported or printed which list) and the breach register with its 72-hour
-- notification clock. Rules: docs/PRIVACY.md, processing log.

-- One row per read of personal data: the GET of one record of a person kind, one page of a list, one export or
-- printed document. Append-only like the audit log. `commune_id` is the commune the read lies in (0 when it spans
-- more than one commune, e.g. a province's list), `province_id` likewise; `record_ids` the rows read or listed (the
-- page's or the file's), so that "who has seen my data" finds a person in the lists and files too.
CREATE TABLE processing_log (
  commune_id bigint NOT NULL DEFAULT 0,
  id bigserial NOT NULL,
  province_id bigint NOT NULL DEFAULT 0,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id bigint REFERENCES app_users (id),
  actor_name text NOT NULL,
  action text NOT NULL CHECK (action IN ('view', 'list', 'export', 'print')),
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
  format text CHECK (format IN ('json', 'xlsx', 'csv', 'pdf', 'docx')),
  record_ids bigint[] NOT NULL DEFAULT '{}',
  record_count integer NOT NULL DEFAULT 0 CHECK (record_count >= 0),
  filter jsonb,
  unit_id bigint REFERENCES admin_units (id),
  request_id text,
  PRIMARY KEY (commune_id, id)
);
CREATE INDEX processing_log_unit ON processing_log (unit_id, at DESC);
CREATE INDEX processing_log_at ON processing_log (at DESC);
CREATE INDEX processing_log_actor ON processing_log (actor_id, at DESC);
CREATE INDEX processing_log_records ON processing_log USING gin (record_ids);

CREATE FUNCTION processing_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'processing_log is append-only';
END $$;
CREATE TRIGGER processing_log_append_only BEFORE UPDATE OR DELETE ON processing_log
  FOR EACH ROW EXECUTE FUNCTION processing_log_append_only();
CREATE TRIGGER processing_log_no_truncate BEFORE TRUNCATE ON processing_log
  FOR EACH STATEMENT EXECUTE FUNCTION processing_log_append_only();

-- Read by the administrators of the unit read (and its ancestors'), and by the reader; written by the reader only.
ALTER TABLE processing_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY processing_log_read ON processing_log FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR actor_id = hieuhoc_user_id()
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY processing_log_insert ON processing_log FOR INSERT
  WITH CHECK (actor_id IS NOT DISTINCT FROM hieuhoc_user_id());
GRANT SELECT, INSERT ON processing_log TO hieuhoc_app;
GRANT USAGE ON SEQUENCE processing_log_id_seq TO hieuhoc_app;

-- The breach register (sổ sự cố dữ liệu cá nhân) of a commune, a province, or the nation (unit_id NULL, system
-- administrators). The authority (Bộ Công an, A05) is due a notification 72 hours after the breach was found.
CREATE TABLE data_breaches (
  id bigserial PRIMARY KEY,
  unit_id bigint REFERENCES admin_units (id),
  province_id bigint NOT NULL DEFAULT 0,
  title text NOT NULL CHECK (title <> '' AND length(title) <= 300),
  description text NOT NULL CHECK (description <> '' AND length(description) <= 5000),
  occurred_at timestamptz NOT NULL,
  discovered_at timestamptz NOT NULL,
  people_affected integer NOT NULL CHECK (people_affected BETWEEN 0 AND 200000000),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
  registry_kinds text[] NOT NULL DEFAULT '{}',
  measures text CHECK (length(measures) <= 5000),
  notified_at timestamptz,
  notified_to text CHECK (notified_to <> '' AND length(notified_to) <= 300),
  closed_at timestamptz,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (discovered_at >= occurred_at),
  CHECK (notified_at IS NULL OR notified_at >= discovered_at),
  CHECK ((notified_at IS NULL) = (notified_to IS NULL))
);
CREATE INDEX data_breaches_unit ON data_breaches (unit_id, discovered_at DESC);
CREATE TRIGGER data_breaches_version BEFORE UPDATE ON data_breaches
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- Administrators of the unit or an ancestor read and write; the nation's register only system administrators.
ALTER TABLE data_breaches ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON data_breaches FOR SELECT USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY scope_insert ON data_breaches FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY scope_update ON data_breaches FOR UPDATE
  USING ((SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])))
  WITH CHECK ((SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
GRANT SELECT, INSERT, UPDATE ON data_breaches TO hieuhoc_app;
GRANT USAGE ON SEQUENCE data_breaches_id_seq TO hieuhoc_app;
