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
-- commune_id leads the key (the Citus distribution column). `SET LOCAL hieuhoc.counters = 'off'` switches these
-- triggers off too; hieuhoc_recount_commune() now recounts them as well.

CREATE TABLE association_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  metric text NOT NULL CHECK (metric IN ('members', 'women', 'collective', 'chapters_village', 'chapters_clan',
    'chapters_school', 'chapters_agency', 'chapters_enterprise', 'chapters_committee', 'residents')),
  province_id bigint NOT NULL REFERENCES admin_units (id),
  added integer NOT NULL DEFAULT 0,
  removed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, unit_id, year, metric)
);
CREATE INDEX association_counters_unit ON association_counters (unit_id, year);
CREATE INDEX association_counters_province ON association_counters (province_id, year);

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
  SELECT format('INSERT INTO association_counters AS a (commune_id, unit_id, year, metric, province_id, added, removed)
    SELECT commune_id, unit_id, year, metric, province_id, sum(added)::int, sum(removed)::int FROM (%s) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(added) <> 0 OR sum(removed) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (commune_id, unit_id, year, metric)
    DO UPDATE SET added = a.added + excluded.added, removed = a.removed + excluded.removed', flows)
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
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_association_upsert(format('SELECT r.commune_id, r.unit_id, r.province_id, f.* FROM (%s) r
    CROSS JOIN LATERAL hieuhoc_member_flows(r.sign, r.member_kind, r.sex, r.joined_on, r.left_on) f
    WHERE r.archived_at IS NULL', hieuhoc_signed_rows(TG_OP)));
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
    0::smallint AS year, ''residents'' AS metric, r.sign * r.members AS added, 0 AS removed FROM (%s) r
    WHERE r.archived_at IS NULL', hieuhoc_signed_rows(TG_OP)));
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
    SELECT h.commune_id, h.village_id, h.province_id, 0::smallint, 'residents', h.members, 0 FROM households h
    WHERE h.commune_id = p_commune AND h.archived_at IS NULL
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
END $$;

-- The title counters' differences as before, and the association's (title 'association', measure
-- '<metric>.added' or '<metric>.removed'; year 0 is the residents' stock).
CREATE FUNCTION hieuhoc_association_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH stored AS (
    SELECT a.unit_id, a.year, a.metric || '.' || v.side AS measure, v.value FROM association_counters a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    WHERE a.commune_id = p_commune AND (p_year IS NULL OR a.year = p_year)
  ), expected AS (
    SELECT a.unit_id, a.year, a.metric || '.' || v.side AS measure, v.value FROM hieuhoc_expected_association(p_commune) a
    CROSS JOIN LATERAL (VALUES ('added', a.added), ('removed', a.removed)) AS v (side, value)
    WHERE p_year IS NULL OR a.year = p_year
  )
  SELECT coalesce(s.unit_id, e.unit_id), coalesce(s.year, e.year), 'association', coalesce(s.measure, e.measure),
    coalesce(s.value, 0), coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e ON s.unit_id = e.unit_id AND s.year = e.year AND s.measure = e.measure
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2, 1, 4
$$;

-- Households with at least one member on a date, for each unit given (summed over its subtree), among the units
-- the caller may read. A count is not personal data: whoever reads the statistics gets it without reading members.
CREATE FUNCTION hieuhoc_households_with_member(units bigint[], on_date date)
RETURNS TABLE (unit_id bigint, households integer) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.ancestor_id, count(DISTINCT (m.commune_id, m.household_id))::int
  FROM admin_unit_paths p JOIN members m ON m.unit_id = p.descendant_id
  WHERE p.ancestor_id = ANY (units) AND m.household_id IS NOT NULL AND m.archived_at IS NULL
    AND m.joined_on <= on_date AND (m.left_on IS NULL OR m.left_on > on_date)
    AND ((SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths r
      WHERE r.descendant_id = p.ancestor_id AND r.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])))
  GROUP BY 1
$$;
GRANT EXECUTE ON FUNCTION hieuhoc_households_with_member(bigint[], date) TO hieuhoc_app;
CREATE INDEX members_household ON members (unit_id, household_id) WHERE household_id IS NOT NULL;

-- Read like the title counters: only the caller's units. Counts are not personal data.
ALTER TABLE association_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON association_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = unit_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON association_counters TO hieuhoc_app;

SELECT hieuhoc_recount_commune(id) FROM admin_units WHERE level = 'commune';
