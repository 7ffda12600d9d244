-- Statistics of the commendations (issue 10, point 7): counters by commune, year and metric, kept by statement
-- triggers on `commendations` in the same transaction as every write, like the Hội's (0019) and the funds' (0023),
-- so that a province's or the nation's figures sum a few rows per commune instead of scanning the register.
--
-- A commendation counts in its year (commendations.year, the year it rewards), on the commune that keeps it. Each
-- one adds 1 to five metrics: `total`, its recipient (`collective` or `individual`), `form:<form>` and
-- `level:<level>`. The counts are per year, not stocks. `SET LOCAL hieuhoc.counters = 'off'` switches the trigger
-- off too; hieuhoc_recount_commune() recounts these counters as well, hieuhoc_commendation_differences() compares
-- them for `hieuhoc stats verify`. docs/STATISTICS.md, "Khen thưởng".

CREATE TABLE commendation_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  metric text NOT NULL CHECK (metric ~ '^(total|collective|individual|form:[a-z_]{1,40}|level:[a-z_]{1,40})$'),
  province_id bigint NOT NULL REFERENCES admin_units (id),
  value integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, year, metric)
);
CREATE INDEX commendation_counters_province ON commendation_counters (province_id, year);

-- The metrics one commendation counts in.
CREATE FUNCTION hieuhoc_commendation_metrics(recipient text, form text, level text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['total', recipient, 'form:' || form, 'level:' || level]
$$;

-- Adds the rows of a statement (new ones +1, old ones -1: hieuhoc_signed_rows of 0019) to the counters. A row
-- whose year, form, level, recipient and commune did not change nets out and writes nothing.
CREATE FUNCTION hieuhoc_commendation_counters() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE format('INSERT INTO commendation_counters AS c (commune_id, year, metric, province_id, value)
    SELECT r.commune_id, r.year, m.metric, min(r.province_id), sum(r.sign)::int FROM (%s) r
    CROSS JOIN LATERAL unnest(hieuhoc_commendation_metrics(r.recipient, r.form, r.level)) AS m (metric)
    GROUP BY 1, 2, 3 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (commune_id, year, metric) DO UPDATE SET value = c.value + excluded.value',
    hieuhoc_signed_rows(TG_OP));
  RETURN NULL;
END $$;

CREATE TRIGGER commendations_counters_insert AFTER INSERT ON commendations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_commendation_counters();
CREATE TRIGGER commendations_counters_update AFTER UPDATE ON commendations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_commendation_counters();
CREATE TRIGGER commendations_counters_delete AFTER DELETE ON commendations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_commendation_counters();

-- What the counters of a commune should be, recounted from the register.
CREATE FUNCTION hieuhoc_expected_commendations(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (commune_id bigint, year smallint, metric text, province_id bigint, value integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.commune_id, c.year, m.metric, min(c.province_id), count(*)::int FROM commendations c
  CROSS JOIN LATERAL unnest(hieuhoc_commendation_metrics(c.recipient, c.form, c.level)) AS m (metric)
  WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
  GROUP BY 1, 2, 3
$$;

CREATE FUNCTION hieuhoc_recount_commendations(p_commune bigint, p_year smallint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM commendation_counters WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year);
  INSERT INTO commendation_counters (commune_id, year, metric, province_id, value)
  SELECT * FROM hieuhoc_expected_commendations(p_commune, p_year);
END $$;

-- The commune's recount as before (titles, the Hội, funds, and whatever later migrations chained in), then its
-- commendations'. The previous function is kept under another name and called, as 0023 did.
ALTER FUNCTION hieuhoc_recount_commune(bigint, smallint) RENAME TO hieuhoc_recount_commune_before_commendations;
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_recount_commune_before_commendations(p_commune, p_year);
  PERFORM hieuhoc_recount_commendations(p_commune, p_year);
END $$;

-- Where the stored counters of a commune differ from the recount (title 'commendations', measure the metric; a
-- missing row counts as 0).
CREATE FUNCTION hieuhoc_commendation_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH stored AS (
    SELECT c.year, c.metric, c.value FROM commendation_counters c
    WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
  ), expected AS (
    SELECT e.year, e.metric, e.value FROM hieuhoc_expected_commendations(p_commune, p_year) e
  )
  SELECT p_commune, coalesce(s.year, e.year), 'commendations', coalesce(s.metric, e.metric), coalesce(s.value, 0),
    coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e ON s.year = e.year AND s.metric = e.metric
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2, 4
$$;

-- Read like the other counters: only the caller's units. Counts, not personal data.
ALTER TABLE commendation_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON commendation_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON commendation_counters TO hieuhoc_app;

SELECT hieuhoc_recount_commendations(commune_id) FROM (SELECT DISTINCT commune_id FROM commendations) c;
