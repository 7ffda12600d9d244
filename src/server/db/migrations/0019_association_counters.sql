-- Statistics of the Hội Khuyến học (issue 8, point 5): counters of members and chapters, kept in the same
-- statement as every write like the title counters (0003), so that a province's or the nation's figures sum a few
-- counter rows instead of scanning millions of members.
--
-- The counters are FLOWS per (unit, year, metric): `added` (members who joined, chapters founded in the year) and
-- `removed` (members who left, chapters dissolved). The stock at the end of year Y is the sum of added - removed
-- over the years <= Y; "new this year" and "left this year" are the flows of Y themselves. A member is counted on
-- their village (members.unit_id), a chapter on its unit; members and chapters archived as entered by mistake are
-- not counted at all. Metrics:
--   members     individual members
--   women       individual members recorded as female
--   collective  collective members (organisations)
--   chapters_<kind>  chapters by kind (village, clan, school, agency, enterprise, committee); a chapter without a
--               founding date counts from year 1900 ("before the records"); one archived as dissolved or merged
--               without a dissolution date leaves in the year it was archived (Vietnam time)
--   residents   nhân khẩu of the households not archived (households.members), in year 0: a stock, counted in every
--               year, the denominator of "members per 100 inhabitants" (the registries keep no history of it)
--   households  households not archived, in year 0 likewise (the denominator of the next one)
--   covered_households  households with a member: a household counts from the day its first member joined until
--               the day its last member left (a gap with no member between two members is not seen: documented in
--               docs/STATISTICS.md), on the household's village; kept per household in household_coverage
-- Every flow is also added to association_commune_counters (commune x year x metric), so that a province or the
-- nation sums a few rows per commune instead of one per village. commune_id leads every key (the Citus
-- distribution column). `SET LOCAL hieuhoc.counters = 'off'` switches these triggers off too;
-- hieuhoc_recount_commune() recounts them as well.

CREATE TABLE association_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  metric text NOT NULL CHECK (metric IN ('members', 'women', 'collective', 'chapters_village', 'chapters_clan',
    'chapters_school', 'chapters_agency', 'chapters_enterprise', 'chapters_committee', 'residents', 'households',
    'covered_households')),
  province_id bigint NOT NULL REFERENCES admin_units (id),
  added integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, unit_id, year, metric)
);
CREATE INDEX association_counters_unit ON association_counters (unit_id, year);

CREATE TABLE association_commune_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  metric text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  added integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, year, metric)
);
CREATE INDEX association_commune_counters_province ON association_commune_counters (province_id, year);

-- The years a household has a member: from its first member's joining to its last member's leaving (to_on NULL
-- while one is a member; from_on NULL once it has none).
CREATE TABLE household_coverage (
  commune_id bigint NOT NULL,
  household_id bigint NOT NULL,
  from_on date,
  to_on date,
  PRIMARY KEY (commune_id, household_id),
  FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id)
);

-- The flows of one member row (sign +1 for a new row, -1 for an old one).
CREATE FUNCTION hieuhoc_member_flows(sign integer, kind text, sex text, joined date, left_on date)
RETURNS TABLE (year smallint, metric text, added integer, removed integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT f.year, m.metric, f.added * sign, f.removed * sign
  FROM (VALUES (extract(year FROM joined)::smallint, 1, 0), (extract(year FROM left_on)::smallint, 0, 1))
    AS f (year, added, removed)
  CROSS JOIN (VALUES ('members'), ('women'), ('collective')) AS m (metric)
  WHERE f.year IS NOT NULL AND CASE m.metric
    WHEN 'members' THEN kind = 'individual'
    WHEN 'women' THEN kind = 'individual' AND sex IS NOT DISTINCT FROM 'female'
    ELSE kind = 'collective' END
$$;

-- The flows of one chapter row.
CREATE FUNCTION hieuhoc_chapter_flows(sign integer, kind text, founded date, dissolved date, archived timestamptz,
  reason text)
RETURNS TABLE (year smallint, metric text, added integer, removed integer) LANGUAGE sql STABLE AS $$
  SELECT f.year, 'chapters_' || kind, f.added * sign, f.removed * sign
  FROM (VALUES (coalesce(extract(year FROM founded)::smallint, 1900::smallint), 1, 0),
    (extract(year FROM coalesce(dissolved, CASE WHEN reason IN ('dissolved', 'merged')
       THEN hieuhoc_today(archived) END))::smallint, 0, 1)) AS f (year, added, removed)
  WHERE f.year IS NOT NULL AND reason IS DISTINCT FROM 'mistake'
$$;

-- The statement that adds the flows of a statement's rows (a query over the transition tables giving commune_id,
-- unit_id, province_id, year, metric, added, removed). The trigger function runs it itself: transition tables are
-- visible only there, not in a function it calls.
CREATE FUNCTION hieuhoc_association_upsert(flows text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('WITH f AS (
      SELECT commune_id, unit_id, year, metric, province_id, sum(added)::int AS added, sum(removed)::int AS removed
      FROM (%s) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(added) <> 0 OR sum(removed) <> 0
    ), by_unit AS (
      INSERT INTO association_counters AS a (commune_id, unit_id, year, metric, province_id, added, removed)
      SELECT * FROM f ORDER BY 1, 2, 3, 4
      ON CONFLICT (commune_id, unit_id, year, metric)
      DO UPDATE SET added = a.added + excluded.added, removed = a.removed + excluded.removed
    )
    INSERT INTO association_commune_counters AS c (commune_id, year, metric, province_id, added, removed)
    SELECT commune_id, year, metric, province_id, sum(added)::int, sum(removed)::int FROM f
    GROUP BY 1, 2, 3, 4 HAVING sum(added) <> 0 OR sum(removed) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (commune_id, year, metric)
    DO UPDATE SET added = c.added + excluded.added, removed = c.removed + excluded.removed', flows)
$$;

-- The coverage flows of households: a household's interval [from_on, to_on) as flows on its village.
CREATE FUNCTION hieuhoc_coverage_flows(sign integer, from_on date, to_on date)
RETURNS TABLE (year smallint, metric text, added integer, removed integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT f.year, 'covered_households', f.added * sign, f.removed * sign
  FROM (VALUES (extract(year FROM from_on)::smallint, 1, 0), (extract(year FROM to_on)::smallint, 0, 1))
    AS f (year, added, removed)
  WHERE f.year IS NOT NULL AND from_on IS NOT NULL
$$;

-- The interval of each household of `touched` (a query giving commune_id, household_id) from its members now.
CREATE FUNCTION hieuhoc_coverage_now(touched text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('SELECT t.commune_id, t.household_id, min(m.joined_on) AS from_on,
      CASE WHEN bool_or(m.left_on IS NULL) THEN NULL ELSE max(m.left_on) END AS to_on
    FROM (%s) t LEFT JOIN members m ON m.commune_id = t.commune_id AND m.household_id = t.household_id
      AND m.archived_at IS NULL
    GROUP BY 1, 2', touched)
$$;

-- The rows of a statement, old ones with sign -1 and new ones with +1: a query text over the transition tables.
CREATE FUNCTION hieuhoc_signed_rows(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT array_to_string(
    CASE WHEN op IN ('INSERT', 'UPDATE') THEN ARRAY['SELECT 1 AS sign, * FROM new_rows'] ELSE ARRAY[]::text[] END ||
    CASE WHEN op IN ('DELETE', 'UPDATE') THEN ARRAY['SELECT -1 AS sign, * FROM old_rows'] ELSE ARRAY[]::text[] END,
    ' UNION ALL ')
$$;

CREATE FUNCTION hieuhoc_association_counters_members() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  touched text := format('SELECT DISTINCT commune_id, household_id FROM (%s) r WHERE household_id IS NOT NULL',
    hieuhoc_signed_rows(TG_OP));
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_association_upsert(format('SELECT r.commune_id, r.unit_id, r.province_id, f.* FROM (%s) r
    CROSS JOIN LATERAL hieuhoc_member_flows(r.sign, r.member_kind, r.sex, r.joined_on, r.left_on) f
    WHERE r.archived_at IS NULL', hieuhoc_signed_rows(TG_OP)));
  -- Households whose members changed: one writer at a time per household (the interval is read, then replaced),
  -- then the old interval out and the new one in, on the household's village.
  EXECUTE format('SELECT pg_advisory_xact_lock(hashtextextended(''household_coverage'', commune_id + household_id
    * 1000003)) FROM (SELECT * FROM (%s) t ORDER BY 1, 2) t', touched);
  EXECUTE hieuhoc_association_upsert(format('SELECT h.commune_id, h.village_id AS unit_id, h.province_id, f.*
    FROM (SELECT -1 AS sign, c.commune_id, c.household_id, c.from_on, c.to_on FROM household_coverage c
          JOIN (%s) t ON t.commune_id = c.commune_id AND t.household_id = c.household_id
          UNION ALL SELECT 1, n.* FROM (%s) n) x
    JOIN households h ON h.commune_id = x.commune_id AND h.id = x.household_id
    CROSS JOIN LATERAL hieuhoc_coverage_flows(x.sign, x.from_on, x.to_on) f', touched,
    hieuhoc_coverage_now(touched)));
  EXECUTE format('INSERT INTO household_coverage AS c (commune_id, household_id, from_on, to_on) %s ORDER BY 1, 2
    ON CONFLICT (commune_id, household_id) DO UPDATE SET from_on = excluded.from_on, to_on = excluded.to_on',
    hieuhoc_coverage_now(touched));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_association_counters_chapters() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_association_upsert(format('SELECT r.commune_id, r.unit_id, r.province_id, f.* FROM (%s) r
    CROSS JOIN LATERAL hieuhoc_chapter_flows(r.sign, r.kind, r.founded_on, r.dissolved_on, r.archived_at,
      r.archived_reason) f', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_association_counters_households() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_association_upsert(format('SELECT r.commune_id, r.village_id AS unit_id, r.province_id,
    0::smallint AS year, m.metric, r.sign * CASE m.metric WHEN ''residents'' THEN r.members ELSE 1 END AS added,
    0 AS removed FROM (%s) r CROSS JOIN (VALUES (''residents''), (''households'')) AS m (metric)
    WHERE r.archived_at IS NULL', hieuhoc_signed_rows(TG_OP)));
  -- A household that moved to another village takes its members' coverage with it.
  IF TG_OP = 'UPDATE' THEN
    EXECUTE hieuhoc_association_upsert('SELECT r.commune_id, r.village_id AS unit_id, r.province_id, f.*
      FROM (SELECT -1 AS sign, o.commune_id, o.village_id, o.province_id, o.id FROM old_rows o
            JOIN new_rows n ON n.commune_id = o.commune_id AND n.id = o.id AND n.village_id <> o.village_id
            UNION ALL
            SELECT 1, n.commune_id, n.village_id, n.province_id, n.id FROM new_rows n
            JOIN old_rows o ON o.commune_id = n.commune_id AND o.id = n.id AND n.village_id <> o.village_id) r
      JOIN household_coverage c ON c.commune_id = r.commune_id AND c.household_id = r.id
      CROSS JOIN LATERAL hieuhoc_coverage_flows(r.sign, c.from_on, c.to_on) f');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER members_association_insert AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_members();
CREATE TRIGGER members_association_update AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_members();
CREATE TRIGGER members_association_delete AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_members();
CREATE TRIGGER chapters_association_insert AFTER INSERT ON chapters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_chapters();
CREATE TRIGGER chapters_association_update AFTER UPDATE ON chapters
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_chapters();
CREATE TRIGGER chapters_association_delete AFTER DELETE ON chapters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_chapters();
CREATE TRIGGER households_association_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_households();
CREATE TRIGGER households_association_update AFTER UPDATE ON households
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_households();
CREATE TRIGGER households_association_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_association_counters_households();

-- The households of a commune that have had a member, with their interval, recounted from the members.
CREATE FUNCTION hieuhoc_expected_coverage(p_commune bigint)
RETURNS TABLE (commune_id bigint, household_id bigint, from_on date, to_on date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, household_id, min(joined_on), CASE WHEN bool_or(left_on IS NULL) THEN NULL ELSE max(left_on) END
  FROM members WHERE commune_id = p_commune AND household_id IS NOT NULL AND archived_at IS NULL
  GROUP BY 1, 2
$$;

-- What the association counters of a commune should be, recounted from the tables.
CREATE FUNCTION hieuhoc_expected_association(p_commune bigint)
RETURNS TABLE (commune_id bigint, unit_id bigint, year smallint, metric text, province_id bigint, added integer,
  removed integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, unit_id, year, metric, province_id, sum(added)::int, sum(removed)::int FROM (
    SELECT m.commune_id, m.unit_id, m.province_id, f.* FROM members m
    CROSS JOIN LATERAL hieuhoc_member_flows(1, m.member_kind, m.sex, m.joined_on, m.left_on) f
    WHERE m.commune_id = p_commune AND m.archived_at IS NULL
    UNION ALL
    SELECT c.commune_id, c.unit_id, c.province_id, f.* FROM chapters c
    CROSS JOIN LATERAL hieuhoc_chapter_flows(1, c.kind, c.founded_on, c.dissolved_on, c.archived_at,
      c.archived_reason) f
    WHERE c.commune_id = p_commune
    UNION ALL
    SELECT h.commune_id, h.village_id, h.province_id, 0::smallint, m.metric,
      CASE m.metric WHEN 'residents' THEN h.members ELSE 1 END, 0
    FROM households h CROSS JOIN (VALUES ('residents'), ('households')) AS m (metric)
    WHERE h.commune_id = p_commune AND h.archived_at IS NULL
    UNION ALL
    SELECT h.commune_id, h.village_id, h.province_id, f.* FROM hieuhoc_expected_coverage(p_commune) c
    JOIN households h ON h.commune_id = c.commune_id AND h.id = c.household_id
    CROSS JOIN LATERAL hieuhoc_coverage_flows(1, c.from_on, c.to_on) f
  ) x
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(added) <> 0 OR sum(removed) <> 0
$$;

CREATE OR REPLACE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM title_totals WHERE commune_id = p_commune;
  INSERT INTO title_totals (commune_id, unit_id, title, province_id, total)
  SELECT * FROM hieuhoc_expected_totals(p_commune);
  DELETE FROM title_counters WHERE commune_id = p_commune AND (p_year IS NULL OR year = p_year);
  INSERT INTO title_counters (commune_id, unit_id, year, title, province_id, registered, recognized,
    recognized_good, recognized_fair, recognized_average, level1, level2)
  SELECT * FROM hieuhoc_expected_counters(p_commune, p_year);
  -- Members and chapters: every year (a stock depends on all the years before).
  DELETE FROM association_counters WHERE commune_id = p_commune;
  INSERT INTO association_counters (commune_id, unit_id, year, metric, province_id, added, removed)
  SELECT * FROM hieuhoc_expected_association(p_commune);
  DELETE FROM association_commune_counters WHERE commune_id = p_commune;
  INSERT INTO association_commune_counters (commune_id, year, metric, province_id, added, removed)
  SELECT commune_id, year, metric, province_id, sum(added)::int, sum(removed)::int
  FROM association_counters WHERE commune_id = p_commune GROUP BY 1, 2, 3, 4;
  DELETE FROM household_coverage WHERE commune_id = p_commune;
  INSERT INTO household_coverage (commune_id, household_id, from_on, to_on)
  SELECT * FROM hieuhoc_expected_coverage(p_commune);
END $$;

-- The title counters' differences as before, and the association's (title 'association', measure
-- '<metric>.added' or '<metric>.removed'; year 0 is the residents' stock).
CREATE FUNCTION hieuhoc_association_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH expected_rows AS (
    SELECT * FROM hieuhoc_expected_association(p_commune) WHERE p_year IS NULL OR year = p_year
  ), stored AS (
    SELECT a.unit_id, a.year, a.metric || '.' || v.side AS measure, v.value FROM association_counters a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    WHERE a.commune_id = p_commune AND (p_year IS NULL OR a.year = p_year)
    UNION ALL
    SELECT a.commune_id, a.year, 'commune:' || a.metric || '.' || v.side, v.value FROM association_commune_counters a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    WHERE a.commune_id = p_commune AND (p_year IS NULL OR a.year = p_year)
  ), expected AS (
    SELECT a.unit_id, a.year, a.metric || '.' || v.side AS measure, v.value FROM expected_rows a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    UNION ALL
    SELECT p_commune, a.year, 'commune:' || a.metric || '.' || v.side, sum(v.value)::int FROM expected_rows a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    GROUP BY 2, 3
  )
  SELECT coalesce(s.unit_id, e.unit_id), coalesce(s.year, e.year), 'association', coalesce(s.measure, e.measure),
    coalesce(s.value, 0), coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e ON s.unit_id = e.unit_id AND s.year = e.year AND s.measure = e.measure
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2, 1, 4
$$;

CREATE INDEX members_household ON members (commune_id, household_id) WHERE household_id IS NOT NULL;

-- Read like the title counters: only the caller's units. Counts are not personal data.
ALTER TABLE association_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON association_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
ALTER TABLE association_commune_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON association_commune_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON association_counters, association_commune_counters TO hieuhoc_app;
-- Kept by the triggers only.
ALTER TABLE household_coverage ENABLE ROW LEVEL SECURITY;

SELECT hieuhoc_recount_commune(id) FROM admin_units WHERE level = 'commune';
