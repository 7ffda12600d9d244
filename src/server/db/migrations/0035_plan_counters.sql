-- The plans and surveys in the centre counters (issue 10, point 7): declared like the other centre statistics and
-- rolled up with the same counters, dashboard, series and exports. New FLOWS of centre_counters (0028):
--   planned               the planned counts of the items of the APPROVED plans, in the plan's year
--   planned_participants  their expected participants
--   survey_responses      the answers of the year's learning-needs survey (the survey's year)
-- Kept by statement triggers on centre_plans (approve, reopen, a year moved), centre_plan_items (locked while
-- the plan is approved, counted anyway whatever the order), needs_surveys (a year moved) and survey_responses.
-- hieuhoc_expected_centres() includes them, so hieuhoc_recount_centres() (called by the recount chain) and
-- hieuhoc_centre_differences() (stats verify) cover them.

-- What the approved plan rows bring: their items' sums as they are now (a plan not approved, nothing).
CREATE FUNCTION hieuhoc_plan_flows(p_commune bigint, p_plan bigint, p_year integer, p_status text)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT p_year::smallint, m.metric, m.value FROM (
    SELECT coalesce(sum(i.planned_count), 0)::bigint AS planned,
      coalesce(sum(i.expected_participants), 0)::bigint AS participants
    FROM centre_plan_items i WHERE i.commune_id = p_commune AND i.plan_id = p_plan
  ) s CROSS JOIN LATERAL (VALUES ('planned', s.planned), ('planned_participants', s.participants)) AS m (metric, value)
  WHERE p_status = 'approved' AND m.value <> 0
$$;

-- What the survey rows bring: their answers as they are now, in the survey's year.
CREATE FUNCTION hieuhoc_survey_flows(p_commune bigint, p_survey bigint, p_year integer)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT p_year::smallint, 'survey_responses', count(*)::bigint FROM survey_responses r
  WHERE r.commune_id = p_commune AND r.survey_id = p_survey HAVING count(*) > 0
$$;

CREATE FUNCTION hieuhoc_centre_counters_plans() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, f.year, f.metric, r.sign * f.value
    AS value FROM (%s) r CROSS JOIN LATERAL hieuhoc_plan_flows(r.commune_id, r.id, r.year, r.status) f',
    hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_plan_items() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, p.year::smallint AS year, m.metric,
    r.sign * m.value AS value FROM (%s) r
    JOIN centre_plans p ON p.commune_id = r.commune_id AND p.id = r.plan_id AND p.status = ''approved''
    CROSS JOIN LATERAL (VALUES (''planned'', r.planned_count::bigint),
      (''planned_participants'', r.expected_participants::bigint)) AS m (metric, value)',
    hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_surveys() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, f.year, f.metric, r.sign * f.value
    AS value FROM (%s) r CROSS JOIN LATERAL hieuhoc_survey_flows(r.commune_id, r.id, r.year) f',
    hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_responses() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, s.year::smallint AS year,
    ''survey_responses'' AS metric, r.sign::bigint AS value FROM (%s) r
    JOIN needs_surveys s ON s.commune_id = r.commune_id AND s.id = r.survey_id', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

-- The same three statement triggers on each table (insert, update, delete), named <table>_counters_<op>.
DO $$
DECLARE
  t text[];
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[['centre_plans', 'plans'], ['centre_plan_items', 'plan_items'],
      ['needs_surveys', 'surveys'], ['survey_responses', 'responses']] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_counters_insert', t[1], 'hieuhoc_centre_counters_' || t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_counters_update', t[1], 'hieuhoc_centre_counters_' || t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_counters_delete', t[1], 'hieuhoc_centre_counters_' || t[2]);
  END LOOP;
END $$;

-- What a commune's centre counters should be: the centres and activities as 0028 said, plus the plans and surveys.
-- Replaced in place (same signature), so hieuhoc_recount_centres() and hieuhoc_centre_differences() read it.
CREATE OR REPLACE FUNCTION hieuhoc_expected_centres(p_commune bigint)
RETURNS TABLE (commune_id bigint, year smallint, metric text, province_id bigint, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, year, metric, province_id, sum(value)::bigint FROM (
    SELECT c.commune_id, f.year, f.metric, c.province_id, f.value FROM learning_centres c
    CROSS JOIN LATERAL hieuhoc_centre_flows(c.founded_on, c.archived_at, c.archived_reason) f
    WHERE c.commune_id = p_commune
    UNION ALL
    SELECT a.commune_id, f.year, f.metric, a.province_id, f.value FROM centre_activities a
    CROSS JOIN LATERAL hieuhoc_activity_all_flows(a.commune_id, a.id, a.activity_kind, a.topic, a.starts_on) f
    WHERE a.commune_id = p_commune AND a.archived_at IS NULL
    UNION ALL
    SELECT p.commune_id, f.year, f.metric, p.province_id, f.value FROM centre_plans p
    CROSS JOIN LATERAL hieuhoc_plan_flows(p.commune_id, p.id, p.year, p.status) f
    WHERE p.commune_id = p_commune
    UNION ALL
    SELECT s.commune_id, f.year, f.metric, s.province_id, f.value FROM needs_surveys s
    CROSS JOIN LATERAL hieuhoc_survey_flows(s.commune_id, s.id, s.year) f
    WHERE s.commune_id = p_commune
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0
$$;

-- No new link in the recount chain (hieuhoc_recount_commune): its 0028 link, hieuhoc_recount_centres(), deletes
-- and rewrites every centre counter row of the commune from hieuhoc_expected_centres(), plans and surveys included.
SELECT hieuhoc_recount_centres(commune_id) FROM (
  SELECT commune_id FROM centre_plans UNION SELECT commune_id FROM needs_surveys
) c;
