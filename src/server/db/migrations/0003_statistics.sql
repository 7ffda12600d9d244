-- Live statistics: counters of the learning titles, maintained in the same transaction as every write that
-- changes them, so that a roll-up to any level sums a few counter rows instead of scanning the registries.
--
-- Two tables, both keyed by the unit where a subject is counted: the village when the subject has one
-- (households, citizens, villages themselves, organisations placed in a village), else the commune (clans,
-- organisations of the commune, the commune itself). This is registrations.scope_unit_id.
--
-- * title_totals (unit x title): "tổng số", the subjects that exist now: households, citizens, clans and
--   organisations not archived; villages and communes in force (valid_to IS NULL, 1 each). The registries keep no
--   history, so the total is the current count and a roll-up of a past year shows today's total (limitation:
--   a later slice may freeze totals at the close of a year).
-- * title_counters (unit x year x title): "đăng ký" (registrations not withdrawn), "đạt" (status recognized)
--   and the recognised by grade (tốt, khá, trung bình) and by level (mức độ 1, 2).
--
-- Both are maintained by statement-level triggers with transition tables: one aggregate per statement, so a
-- 2,000-row insert of an import costs one counter update per village, not 2,000. Setting
-- `SET LOCAL hieuhoc.counters = 'off'` switches maintenance off for the rest of a transaction; whoever does so
-- must call hieuhoc_recount_commune() for the communes it touched before committing.
-- commune_id leads every key (the Citus distribution column of the registries).

CREATE TABLE title_totals (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  title text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, unit_id, title)
);
CREATE INDEX title_totals_unit ON title_totals (unit_id, title);

CREATE TABLE title_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  title text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  registered integer NOT NULL DEFAULT 0,
  recognized integer NOT NULL DEFAULT 0,
  recognized_good integer NOT NULL DEFAULT 0,
  recognized_fair integer NOT NULL DEFAULT 0,
  recognized_average integer NOT NULL DEFAULT 0,
  level1 integer NOT NULL DEFAULT 0,
  level2 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, unit_id, year, title)
);
CREATE INDEX title_counters_unit ON title_counters (unit_id, year, title);
CREATE INDEX title_counters_year ON title_counters (year, title);

CREATE FUNCTION hieuhoc_counters_on() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('hieuhoc.counters', true), '') <> 'off'
$$;

-- Adds per-unit differences to the totals of one title.
CREATE FUNCTION hieuhoc_totals_add(p_title text, communes bigint[], provinces bigint[], units bigint[], deltas int[])
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO title_totals AS t (commune_id, unit_id, title, province_id, total)
  SELECT d.commune_id, d.unit_id, p_title, d.province_id, d.delta
  FROM unnest(communes, provinces, units, deltas) AS d (commune_id, province_id, unit_id, delta)
  ORDER BY 1, 2
  ON CONFLICT (commune_id, unit_id, title) DO UPDATE SET total = t.total + excluded.total
$$;

-- The registries: +1 for each new active row, -1 for each old active row, grouped by unit.
CREATE FUNCTION hieuhoc_totals_registry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  title text := TG_ARGV[0];
  unit_column text := TG_ARGV[1];
  parts text[] := ARRAY[]::text[];
  communes bigint[]; provinces bigint[]; units bigint[]; deltas int[];
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    parts := parts || format('SELECT commune_id, province_id, %I AS unit_id, 1 AS delta FROM new_rows WHERE archived_at IS NULL', unit_column);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    parts := parts || format('SELECT commune_id, province_id, %I AS unit_id, -1 AS delta FROM old_rows WHERE archived_at IS NULL', unit_column);
  END IF;
  EXECUTE format('SELECT array_agg(commune_id), array_agg(province_id), array_agg(unit_id), array_agg(delta) FROM (
      SELECT commune_id, province_id, unit_id, sum(delta)::int AS delta FROM (%s) x
      GROUP BY 1, 2, 3 HAVING sum(delta) <> 0) d', array_to_string(parts, ' UNION ALL '))
    INTO communes, provinces, units, deltas;
  IF communes IS NOT NULL THEN PERFORM hieuhoc_totals_add(title, communes, provinces, units, deltas); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER households_totals_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_family', 'village_id');
CREATE TRIGGER households_totals_update AFTER UPDATE ON households REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_family', 'village_id');
CREATE TRIGGER households_totals_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_family', 'village_id');
CREATE TRIGGER citizens_totals_insert AFTER INSERT ON citizens REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_citizen', 'village_id');
CREATE TRIGGER citizens_totals_update AFTER UPDATE ON citizens REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_citizen', 'village_id');
CREATE TRIGGER citizens_totals_delete AFTER DELETE ON citizens REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_citizen', 'village_id');
CREATE TRIGGER clans_totals_insert AFTER INSERT ON clans REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_clan', 'commune_id');
CREATE TRIGGER clans_totals_update AFTER UPDATE ON clans REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_clan', 'commune_id');
CREATE TRIGGER clans_totals_delete AFTER DELETE ON clans REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_clan', 'commune_id');
CREATE TRIGGER organizations_totals_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_organization', 'unit_id');
CREATE TRIGGER organizations_totals_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_organization', 'unit_id');
CREATE TRIGGER organizations_totals_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('learning_organization', 'unit_id');

-- Villages (CĐHT thôn) and communes (CĐHT cấp xã) count 1 while in force. Row-level: units change one at a time
-- (the unit import writes a few thousand rows, once). A unit's parent never changes.
CREATE FUNCTION hieuhoc_totals_units() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  unit admin_units;
  delta int;
  commune bigint;
  province bigint;
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  unit := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF unit.level NOT IN ('village', 'commune') THEN RETURN NULL; END IF;
  delta := CASE WHEN TG_OP = 'DELETE' THEN 0 - (OLD.valid_to IS NULL)::int
                WHEN TG_OP = 'INSERT' THEN (NEW.valid_to IS NULL)::int
                ELSE (NEW.valid_to IS NULL)::int - (OLD.valid_to IS NULL)::int END;
  IF delta = 0 THEN RETURN NULL; END IF;
  commune := CASE WHEN unit.level = 'village' THEN unit.parent_id ELSE unit.id END;
  SELECT p.ancestor_id INTO province FROM admin_unit_paths p JOIN admin_units a ON a.id = p.ancestor_id
  WHERE p.descendant_id = unit.parent_id AND a.level = 'province';
  IF province IS NULL THEN RETURN NULL; END IF;
  PERFORM hieuhoc_totals_add(
    CASE WHEN unit.level = 'village' THEN 'learning_community_village' ELSE 'learning_community_commune' END,
    ARRAY[commune], ARRAY[province], ARRAY[unit.id], ARRAY[delta]);
  RETURN NULL;
END $$;
CREATE TRIGGER admin_units_totals AFTER INSERT OR UPDATE OF valid_to OR DELETE ON admin_units
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_totals_units();

-- Registrations: the differences of one statement, grouped by unit, year and title.
CREATE FUNCTION hieuhoc_counters_registrations() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  parts text[] := ARRAY[]::text[];
  -- grade and level are often NULL: coalesce, or a NULL would make the sums NULL.
  measures text := 'commune_id, province_id, scope_unit_id AS unit_id, year, title, %s AS sign,
    (status <> ''withdrawn'')::int AS registered, (status = ''recognized'')::int AS recognized,
    coalesce(status = ''recognized'' AND grade = ''good'', false)::int AS good,
    coalesce(status = ''recognized'' AND grade = ''fair'', false)::int AS fair,
    coalesce(status = ''recognized'' AND grade = ''average'', false)::int AS average,
    coalesce(status = ''recognized'' AND level = 1, false)::int AS level1,
    coalesce(status = ''recognized'' AND level = 2, false)::int AS level2';
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM new_rows', 1); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM old_rows', -1); END IF;
  EXECUTE format('INSERT INTO title_counters AS c (commune_id, unit_id, year, title, province_id, registered, recognized,
        recognized_good, recognized_fair, recognized_average, level1, level2)
      SELECT commune_id, unit_id, year, title, province_id, sum(sign * registered), sum(sign * recognized),
        sum(sign * good), sum(sign * fair), sum(sign * average), sum(sign * level1), sum(sign * level2)
      FROM (%s) x
      GROUP BY commune_id, unit_id, year, title, province_id
      HAVING sum(sign * registered) <> 0 OR sum(sign * recognized) <> 0 OR sum(sign * good) <> 0
        OR sum(sign * fair) <> 0 OR sum(sign * average) <> 0 OR sum(sign * level1) <> 0 OR sum(sign * level2) <> 0
      ORDER BY commune_id, unit_id, year, title
      ON CONFLICT (commune_id, unit_id, year, title) DO UPDATE SET
        registered = c.registered + excluded.registered, recognized = c.recognized + excluded.recognized,
        recognized_good = c.recognized_good + excluded.recognized_good,
        recognized_fair = c.recognized_fair + excluded.recognized_fair,
        recognized_average = c.recognized_average + excluded.recognized_average,
        level1 = c.level1 + excluded.level1, level2 = c.level2 + excluded.level2',
    array_to_string(parts, ' UNION ALL '));
  RETURN NULL;
END $$;
CREATE TRIGGER registrations_counters_insert AFTER INSERT ON registrations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_counters_registrations();
CREATE TRIGGER registrations_counters_update AFTER UPDATE ON registrations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_counters_registrations();
CREATE TRIGGER registrations_counters_delete AFTER DELETE ON registrations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_counters_registrations();

-- What the counters of a commune should be, recounted from the registries (years: NULL for every year).
CREATE FUNCTION hieuhoc_expected_totals(p_commune bigint)
RETURNS TABLE (commune_id bigint, unit_id bigint, title text, province_id bigint, total integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, village_id, 'learning_family', province_id, count(*)::int FROM households
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, village_id, 'learning_citizen', province_id, count(*)::int FROM citizens
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, commune_id, 'learning_clan', province_id, count(*)::int FROM clans
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, unit_id, 'learning_organization', province_id, count(*)::int FROM organizations
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT p_commune, u.id, CASE u.level WHEN 'village' THEN 'learning_community_village' ELSE 'learning_community_commune' END,
    p.ancestor_id, 1
  FROM admin_units u
  JOIN admin_units c ON c.id = p_commune AND c.level = 'commune'
  JOIN admin_unit_paths p ON p.descendant_id = c.id
  JOIN admin_units a ON a.id = p.ancestor_id AND a.level = 'province'
  WHERE u.valid_to IS NULL AND ((u.level = 'village' AND u.parent_id = p_commune) OR u.id = p_commune)
$$;

CREATE FUNCTION hieuhoc_expected_counters(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (commune_id bigint, unit_id bigint, year smallint, title text, province_id bigint,
  registered integer, recognized integer, recognized_good integer, recognized_fair integer,
  recognized_average integer, level1 integer, level2 integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, scope_unit_id, year, title, province_id,
    count(*) FILTER (WHERE status <> 'withdrawn')::int,
    count(*) FILTER (WHERE status = 'recognized')::int,
    count(*) FILTER (WHERE status = 'recognized' AND grade = 'good')::int,
    count(*) FILTER (WHERE status = 'recognized' AND grade = 'fair')::int,
    count(*) FILTER (WHERE status = 'recognized' AND grade = 'average')::int,
    count(*) FILTER (WHERE status = 'recognized' AND level = 1)::int,
    count(*) FILTER (WHERE status = 'recognized' AND level = 2)::int
  FROM registrations
  WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year)
  GROUP BY 1, 2, 3, 4, 5
$$;

-- Recomputes the counters of a commune (a year, or every year when p_year is NULL) and its totals from the
-- registries. Used by `hieuhoc stats rebuild` and by bulk imports that switched maintenance off.
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM title_totals WHERE commune_id = p_commune;
  INSERT INTO title_totals (commune_id, unit_id, title, province_id, total)
  SELECT * FROM hieuhoc_expected_totals(p_commune);
  DELETE FROM title_counters WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year);
  INSERT INTO title_counters (commune_id, unit_id, year, title, province_id, registered, recognized,
    recognized_good, recognized_fair, recognized_average, level1, level2)
  SELECT * FROM hieuhoc_expected_counters(p_commune, p_year);
END $$;

-- Differences between the stored counters of a commune and a recount (rows missing on either side count as 0).
CREATE FUNCTION hieuhoc_counter_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH stored AS (
    SELECT unit_id, NULL::smallint AS year, title, 'total' AS measure, total AS value
    FROM title_totals WHERE commune_id = p_commune
    UNION ALL
    SELECT c.unit_id, c.year, c.title, m.measure, m.value FROM title_counters c
    CROSS JOIN LATERAL (VALUES ('registered', c.registered), ('recognized', c.recognized),
      ('recognized_good', c.recognized_good), ('recognized_fair', c.recognized_fair),
      ('recognized_average', c.recognized_average), ('level1', c.level1), ('level2', c.level2)) AS m (measure, value)
    WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
  ), expected AS (
    SELECT unit_id, NULL::smallint AS year, title, 'total' AS measure, total AS value
    FROM hieuhoc_expected_totals(p_commune)
    UNION ALL
    SELECT c.unit_id, c.year, c.title, m.measure, m.value FROM hieuhoc_expected_counters(p_commune, p_year) c
    CROSS JOIN LATERAL (VALUES ('registered', c.registered), ('recognized', c.recognized),
      ('recognized_good', c.recognized_good), ('recognized_fair', c.recognized_fair),
      ('recognized_average', c.recognized_average), ('level1', c.level1), ('level2', c.level2)) AS m (measure, value)
  )
  SELECT coalesce(s.unit_id, e.unit_id), coalesce(s.year, e.year), coalesce(s.title, e.title),
    coalesce(s.measure, e.measure), coalesce(s.value, 0), coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e
    ON s.unit_id = e.unit_id AND s.year IS NOT DISTINCT FROM e.year AND s.title = e.title AND s.measure = e.measure
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2 NULLS FIRST, 1, 3, 4
$$;

-- Only the caller's units are readable; the application role never writes the counters itself.
ALTER TABLE title_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE title_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON title_totals FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
CREATE POLICY scope_read ON title_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON title_totals, title_counters TO hieuhoc_app;

-- Counters for what exists already.
SELECT hieuhoc_recount_commune(id) FROM admin_units WHERE level = 'commune';
