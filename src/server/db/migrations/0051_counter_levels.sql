-- Counters of the learning titles at every level (issue 13, point 1): besides the rows per village or commune
-- (title_counters, 0003), the same registered / recognised / grade / level counts are kept per commune, per
-- province and for the nation, per year and title, by the same statement triggers in the same transaction. A
-- dashboard then reads a few dozen rows at any level instead of summing ~100,000 village rows.
--
-- * title_commune_counters (commune x year x title): the sum of the commune's rows in title_counters. Keyed by
--   commune_id (the distribution column), so every writer of a commune already contends on its own rows.
-- * title_province_counters (province x year x title x stripe) and title_nation_counters (year x title x stripe):
--   STRIPED, so the nation is not one hot row every writer locks. A transaction adds its deltas to the stripe
--   txid % 16: two concurrent transactions meet on a row only when their ids are equal mod 16 (the one that came
--   second waits for the first to commit, as it would on a commune row). A read sums the stripes (≤ 16 rows per
--   year and title). These two are small reference-like aggregates (34 provinces x 16 stripes x years x titles).
--
-- Every level row is keyed by the unit where the counts were recorded (title_counters.province_id is the province
-- above the counter's unit), so an abolished unit's years stay on the old commune and old province, exactly as the
-- closure-table roll-up counted them. Mapping across the 2025 reform (boundaries=current) keeps reading the village
-- rows (history.service.ts).
--
-- Order of the upserts in a statement: nation, province, commune, village, each sorted by key, so that two
-- transactions on the same stripe queue on the nation row before touching anything else of the counters.
-- `SET LOCAL hieuhoc.counters = 'off'` switches these off with the rest; hieuhoc_recount_commune() then folds the
-- recount's difference into every level.

CREATE TABLE title_commune_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
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
  PRIMARY KEY (commune_id, year, title)
);
CREATE INDEX title_commune_counters_province ON title_commune_counters (province_id, year, title);

CREATE TABLE title_province_counters (
  province_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  title text NOT NULL,
  stripe smallint NOT NULL,
  registered integer NOT NULL DEFAULT 0,
  recognized integer NOT NULL DEFAULT 0,
  recognized_good integer NOT NULL DEFAULT 0,
  recognized_fair integer NOT NULL DEFAULT 0,
  recognized_average integer NOT NULL DEFAULT 0,
  level1 integer NOT NULL DEFAULT 0,
  level2 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (province_id, year, title, stripe)
);

CREATE TABLE title_nation_counters (
  year smallint NOT NULL,
  title text NOT NULL,
  stripe smallint NOT NULL,
  registered integer NOT NULL DEFAULT 0,
  recognized integer NOT NULL DEFAULT 0,
  recognized_good integer NOT NULL DEFAULT 0,
  recognized_fair integer NOT NULL DEFAULT 0,
  recognized_average integer NOT NULL DEFAULT 0,
  level1 integer NOT NULL DEFAULT 0,
  level2 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (year, title, stripe)
);

-- The stripe of the current transaction.
CREATE FUNCTION hieuhoc_counter_stripe() RETURNS smallint LANGUAGE sql VOLATILE AS $$
  SELECT (txid_current() % 16)::smallint
$$;

-- The statements that add the deltas of a source (columns commune_id, province_id, unit_id, year, title and the seven
-- measures, signed) to every level: one upsert per level, nation first. `source` is a query text (the trigger's
-- transition tables, or a recount's difference). The caller EXECUTEs them itself: a trigger's transition tables
-- are visible only to the trigger function's own statements, not to a function it calls.
CREATE FUNCTION hieuhoc_title_counters_upserts(source text, with_units boolean) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  sums text := 'sum(registered)::int, sum(recognized)::int, sum(good)::int, sum(fair)::int, sum(average)::int,
    sum(level1)::int, sum(level2)::int';
  nonzero text := 'HAVING sum(registered) <> 0 OR sum(recognized) <> 0 OR sum(good) <> 0 OR sum(fair) <> 0
    OR sum(average) <> 0 OR sum(level1) <> 0 OR sum(level2) <> 0';
  adds text := 'registered = c.registered + excluded.registered, recognized = c.recognized + excluded.recognized,
    recognized_good = c.recognized_good + excluded.recognized_good,
    recognized_fair = c.recognized_fair + excluded.recognized_fair,
    recognized_average = c.recognized_average + excluded.recognized_average,
    level1 = c.level1 + excluded.level1, level2 = c.level2 + excluded.level2';
  measures text := 'registered, recognized, recognized_good, recognized_fair, recognized_average, level1, level2';
  statements text[];
BEGIN
  statements := ARRAY[
    format('INSERT INTO title_nation_counters AS c (year, title, stripe, %s)
      SELECT year, title, hieuhoc_counter_stripe(), %s FROM (%s) x GROUP BY year, title %s ORDER BY year, title
      ON CONFLICT (year, title, stripe) DO UPDATE SET %s', measures, sums, source, nonzero, adds),
    format('INSERT INTO title_province_counters AS c (province_id, year, title, stripe, %s)
      SELECT province_id, year, title, hieuhoc_counter_stripe(), %s FROM (%s) x GROUP BY province_id, year, title %s
      ORDER BY province_id, year, title
      ON CONFLICT (province_id, year, title, stripe) DO UPDATE SET %s', measures, sums, source, nonzero, adds),
    format('INSERT INTO title_commune_counters AS c (commune_id, year, title, province_id, %s)
      SELECT commune_id, year, title, province_id, %s FROM (%s) x GROUP BY commune_id, year, title, province_id %s
      ORDER BY commune_id, year, title
      ON CONFLICT (commune_id, year, title) DO UPDATE SET %s', measures, sums, source, nonzero, adds)];
  IF with_units THEN
    statements := statements || format('INSERT INTO title_counters AS c (commune_id, unit_id, year, title, province_id, %s)
        SELECT commune_id, unit_id, year, title, province_id, %s FROM (%s) x
        GROUP BY commune_id, unit_id, year, title, province_id %s ORDER BY commune_id, unit_id, year, title
        ON CONFLICT (commune_id, unit_id, year, title) DO UPDATE SET %s', measures, sums, source, nonzero, adds);
  END IF;
  RETURN statements;
END $$;

-- Registrations: the differences of one statement, at every level (replaces 0003's function, same triggers).
CREATE OR REPLACE FUNCTION hieuhoc_counters_registrations() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  parts text[] := ARRAY[]::text[];
  -- grade and level are often NULL: coalesce, or a NULL would make the sums NULL.
  measures text := 'commune_id, province_id, scope_unit_id AS unit_id, year, title,
    %1$s * (status <> ''withdrawn'')::int AS registered, %1$s * (status = ''recognized'')::int AS recognized,
    %1$s * coalesce(status = ''recognized'' AND grade = ''good'', false)::int AS good,
    %1$s * coalesce(status = ''recognized'' AND grade = ''fair'', false)::int AS fair,
    %1$s * coalesce(status = ''recognized'' AND grade = ''average'', false)::int AS average,
    %1$s * coalesce(status = ''recognized'' AND level = 1, false)::int AS level1,
    %1$s * coalesce(status = ''recognized'' AND level = 2, false)::int AS level2';
  statement text;
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM new_rows', 1); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM old_rows', -1); END IF;
  FOREACH statement IN ARRAY hieuhoc_title_counters_upserts(array_to_string(parts, ' UNION ALL '), true) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

-- The recount of a commune as before (its village rows rewritten from the registrations), then the difference
-- between those rows and its commune row folded into the commune, province and nation rows. A bulk writer that
-- switched the triggers off therefore leaves every level right by calling this before it commits.
CREATE FUNCTION hieuhoc_recount_title_levels(p_commune bigint, p_year smallint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY hieuhoc_title_counters_upserts(format('
    SELECT commune_id, province_id, year, title, registered, recognized, recognized_good AS good,
      recognized_fair AS fair, recognized_average AS average, level1, level2
    FROM title_counters WHERE commune_id = %1$s AND (%2$L::smallint IS NULL OR year = %2$L::smallint)
    UNION ALL
    SELECT commune_id, province_id, year, title, -registered, -recognized, -recognized_good, -recognized_fair,
      -recognized_average, -level1, -level2
    FROM title_commune_counters WHERE commune_id = %1$s AND (%2$L::smallint IS NULL OR year = %2$L::smallint)',
    p_commune, p_year), false) LOOP
    EXECUTE statement;
  END LOOP;
END $$;

ALTER FUNCTION hieuhoc_recount_commune(bigint, smallint) RENAME TO hieuhoc_recount_commune_before_levels;
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_recount_commune_before_levels(p_commune, p_year);
  PERFORM hieuhoc_recount_title_levels(p_commune, p_year);
END $$;

-- Rewrites the province and nation rows (of a year, or all) from the commune rows, one stripe each: the last step
-- of `hieuhoc stats rebuild`, which also repairs a province or nation row that no longer matches.
CREATE FUNCTION hieuhoc_rebuild_title_upper_levels(p_year smallint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM title_nation_counters WHERE p_year IS NULL OR year = p_year;
  DELETE FROM title_province_counters WHERE p_year IS NULL OR year = p_year;
  INSERT INTO title_province_counters (province_id, year, title, stripe, registered, recognized, recognized_good,
    recognized_fair, recognized_average, level1, level2)
  SELECT province_id, year, title, 0, sum(registered), sum(recognized), sum(recognized_good), sum(recognized_fair),
    sum(recognized_average), sum(level1), sum(level2)
  FROM title_commune_counters WHERE p_year IS NULL OR year = p_year GROUP BY 1, 2, 3;
  INSERT INTO title_nation_counters (year, title, stripe, registered, recognized, recognized_good,
    recognized_fair, recognized_average, level1, level2)
  SELECT year, title, 0, sum(registered), sum(recognized), sum(recognized_good), sum(recognized_fair),
    sum(recognized_average), sum(level1), sum(level2)
  FROM title_commune_counters WHERE p_year IS NULL OR year = p_year GROUP BY 1, 2;
END $$;

-- Where the levels disagree: a commune row with the sum of its village rows (p_commune given), or (p_commune NULL)
-- every province's stripes with the sum of its commune rows and the nation's with the sum of all commune rows.
-- Title as stored, measure '<level>:<column>', unit the commune, the province, or 0 for the nation.
CREATE FUNCTION hieuhoc_title_level_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH pairs (level, unit_id, year, title, stored, expected) AS (
    SELECT 'commune', coalesce(s.commune_id, e.commune_id), coalesce(s.year, e.year), coalesce(s.title, e.title),
      s.v, e.v
    FROM (SELECT commune_id, year, title, ARRAY[registered, recognized, recognized_good, recognized_fair,
          recognized_average, level1, level2] AS v
        FROM title_commune_counters WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year)) s
    FULL JOIN (SELECT commune_id, year, title, ARRAY[sum(registered), sum(recognized), sum(recognized_good),
          sum(recognized_fair), sum(recognized_average), sum(level1), sum(level2)]::int[] AS v
        FROM title_counters WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year) GROUP BY 1, 2, 3) e
      ON e.commune_id = s.commune_id AND e.year = s.year AND e.title = s.title
    UNION ALL
    SELECT 'province', coalesce(s.province_id, e.province_id), coalesce(s.year, e.year), coalesce(s.title, e.title),
      s.v, e.v
    FROM (SELECT province_id, year, title, ARRAY[sum(registered), sum(recognized), sum(recognized_good),
          sum(recognized_fair), sum(recognized_average), sum(level1), sum(level2)]::int[] AS v
        FROM title_province_counters WHERE p_commune IS NULL AND (p_year IS NULL OR year = p_year) GROUP BY 1, 2, 3) s
    FULL JOIN (SELECT province_id, year, title, ARRAY[sum(registered), sum(recognized), sum(recognized_good),
          sum(recognized_fair), sum(recognized_average), sum(level1), sum(level2)]::int[] AS v
        FROM title_commune_counters WHERE p_commune IS NULL AND (p_year IS NULL OR year = p_year) GROUP BY 1, 2, 3) e
      ON e.province_id = s.province_id AND e.year = s.year AND e.title = s.title
    UNION ALL
    SELECT 'nation', 0, coalesce(s.year, e.year), coalesce(s.title, e.title), s.v, e.v
    FROM (SELECT year, title, ARRAY[sum(registered), sum(recognized), sum(recognized_good), sum(recognized_fair),
          sum(recognized_average), sum(level1), sum(level2)]::int[] AS v
        FROM title_nation_counters WHERE p_commune IS NULL AND (p_year IS NULL OR year = p_year) GROUP BY 1, 2) s
    FULL JOIN (SELECT year, title, ARRAY[sum(registered), sum(recognized), sum(recognized_good),
          sum(recognized_fair), sum(recognized_average), sum(level1), sum(level2)]::int[] AS v
        FROM title_commune_counters WHERE p_commune IS NULL AND (p_year IS NULL OR year = p_year) GROUP BY 1, 2) e
      ON e.year = s.year AND e.title = s.title
  )
  SELECT p.unit_id, p.year, p.title, p.level || ':' || m.name, coalesce(p.stored[m.i], 0), coalesce(p.expected[m.i], 0)
  FROM pairs p CROSS JOIN (VALUES (1, 'registered'), (2, 'recognized'), (3, 'recognized_good'),
    (4, 'recognized_fair'), (5, 'recognized_average'), (6, 'level1'), (7, 'level2')) AS m (i, name)
  WHERE coalesce(p.stored[m.i], 0) <> coalesce(p.expected[m.i], 0)
  ORDER BY 2, 1, 3, 4
$$;

-- Read like the other counters: a commune's row by its scope, a province's by the province, the nation by
-- national users only. The application role never writes them itself.
ALTER TABLE title_commune_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON title_commune_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
ALTER TABLE title_province_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON title_province_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = province_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
ALTER TABLE title_nation_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON title_nation_counters FOR SELECT USING ((SELECT hieuhoc_is_global()));
GRANT SELECT ON title_commune_counters, title_province_counters, title_nation_counters TO hieuhoc_app;

-- The levels of what is counted already.
INSERT INTO title_commune_counters (commune_id, year, title, province_id, registered, recognized, recognized_good,
  recognized_fair, recognized_average, level1, level2)
SELECT commune_id, year, title, province_id, sum(registered), sum(recognized), sum(recognized_good),
  sum(recognized_fair), sum(recognized_average), sum(level1), sum(level2)
FROM title_counters GROUP BY 1, 2, 3, 4;
SELECT hieuhoc_rebuild_title_upper_levels(NULL);
