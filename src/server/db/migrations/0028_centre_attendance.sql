-- Sessions and attendance of the learning centres' activities (issue 10, points 4 and 7): the sessions of an
-- activity with their head counts, the named learners of an activity (citizens of the commune's registry) and their
-- per-session marks, and the centres' statistics counters kept in the same statement as every write.
--
-- A session holds its counts (attendees = lượt người, women, ethnic minorities, elderly) whatever the activity's
-- attendance mode: a `headcount` activity's are entered, a `named` activity's are written by the service from the
-- marks when they are set (women and minorities from the enrolment, elderly from the citizen's birth year: 60 or
-- more in the session's year), so the counters read one table.
-- A session is created with a client key (a uuid the phone makes before the first try): a retried POST finds the
-- session it already made instead of adding another.

CREATE TABLE activity_sessions (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  activity_id bigint NOT NULL,
  client_key uuid NOT NULL,
  held_on date NOT NULL,
  minutes integer CHECK (minutes BETWEEN 1 AND 1440),
  note text CHECK (length(note) <= 500),
  attendees integer NOT NULL DEFAULT 0 CHECK (attendees BETWEEN 0 AND 100000),
  women integer NOT NULL DEFAULT 0 CHECK (women BETWEEN 0 AND attendees),
  minorities integer NOT NULL DEFAULT 0 CHECK (minorities BETWEEN 0 AND attendees),
  elderly integer NOT NULL DEFAULT 0 CHECK (elderly BETWEEN 0 AND attendees),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, activity_id, client_key),
  FOREIGN KEY (commune_id, activity_id) REFERENCES centre_activities (commune_id, id)
);
CREATE INDEX activity_sessions_id ON activity_sessions (id);
CREATE INDEX activity_sessions_activity ON activity_sessions (commune_id, activity_id, held_on);
CREATE TRIGGER activity_sessions_version BEFORE UPDATE ON activity_sessions
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- The named learners of an activity (danh sách học viên): citizens of the same commune. The citizen registry keeps
-- no sex or ethnicity, so the enrolment says whether the learner is a woman or of an ethnic minority (the two
-- breakdowns the centre reports).
CREATE TABLE activity_learners (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  activity_id bigint NOT NULL,
  citizen_id bigint NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  female boolean NOT NULL DEFAULT false,
  minority boolean NOT NULL DEFAULT false,
  PRIMARY KEY (commune_id, activity_id, citizen_id),
  FOREIGN KEY (commune_id, activity_id) REFERENCES centre_activities (commune_id, id),
  FOREIGN KEY (commune_id, citizen_id) REFERENCES citizens (commune_id, id)
);

-- Per-session marks of the named learners: present or absent, set as a whole list.
CREATE TABLE attendance_marks (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  session_id bigint NOT NULL,
  citizen_id bigint NOT NULL,
  activity_id bigint NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  present boolean NOT NULL,
  PRIMARY KEY (commune_id, session_id, citizen_id),
  FOREIGN KEY (commune_id, session_id) REFERENCES activity_sessions (commune_id, id),
  FOREIGN KEY (commune_id, activity_id, citizen_id) REFERENCES activity_learners (commune_id, activity_id, citizen_id)
);
CREATE INDEX attendance_marks_learner ON attendance_marks (commune_id, activity_id, citizen_id);

-- Read with `read`, written with `attendance`; enrolments and marks are replaced as whole lists (delete too).
SELECT hieuhoc_fund_policies('activity_sessions', ARRAY['attendance'], ARRAY['attendance']);
SELECT hieuhoc_fund_policies('activity_learners', ARRAY['attendance'], ARRAY['attendance']);
SELECT hieuhoc_fund_policies('attendance_marks', ARRAY['attendance'], ARRAY['attendance']);
CREATE POLICY scope_delete ON activity_learners FOR DELETE USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('attendance'))::bigint[])));
CREATE POLICY scope_delete ON attendance_marks FOR DELETE USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('attendance'))::bigint[])));
GRANT DELETE ON activity_learners, attendance_marks TO hieuhoc_app;
GRANT USAGE ON SEQUENCE activity_sessions_id_seq TO hieuhoc_app;

-- Counters: FLOWS per (commune, year, metric), `value` added in the year.
--   centres          +1 in the founding year (1900 when unknown), -1 in the year it was archived as merged or
--                    dissolved; archived as a mistake, never counted. The centres active at the end of year Y are
--                    the sum over the years <= Y.
--   activities, kind:<class|talk|club>, topic:<topic>   +1 in the year the activity starts, not archived
--   learners         the named learners enrolled in the activities of the year (enrolments, not people)
--   sessions, attendees (lượt người), women, minorities, elderly, minutes   the sessions held in the year of the
--                    activities not archived, and their counts
-- An archived activity takes its sessions and learners out of every year. commune_id leads the key (the
-- distribution column). `SET LOCAL hieuhoc.counters = 'off'` switches these triggers off too;
-- hieuhoc_recount_commune() recounts them as well.
CREATE TABLE centre_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  metric text NOT NULL CHECK (metric ~ '^[a-z_]+(:[a-z_]+)?$'),
  province_id bigint NOT NULL REFERENCES admin_units (id),
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, year, metric)
);
CREATE INDEX centre_counters_province ON centre_counters (province_id, year);

CREATE FUNCTION hieuhoc_centre_flows(founded date, archived timestamptz, reason text)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql STABLE AS $$
  SELECT f.year, 'centres', f.value FROM (VALUES
    (coalesce(extract(year FROM founded)::smallint, 1900::smallint), 1::bigint),
    (CASE WHEN reason IN ('dissolved', 'merged') THEN extract(year FROM hieuhoc_today(archived))::smallint END,
      -1::bigint)) AS f (year, value)
  WHERE f.year IS NOT NULL AND reason IS DISTINCT FROM 'mistake'
$$;

CREATE FUNCTION hieuhoc_activity_flows(kind text, topic text, starts date)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(year FROM starts)::smallint, m.metric, 1::bigint
  FROM (VALUES ('activities'), ('kind:' || kind), ('topic:' || topic)) AS m (metric)
$$;

CREATE FUNCTION hieuhoc_session_flows(held date, attendees integer, women integer, minorities integer,
  elderly integer, minutes integer)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(year FROM held)::smallint, m.metric, m.value::bigint
  FROM (VALUES ('sessions', 1), ('attendees', attendees), ('women', women), ('minorities', minorities),
    ('elderly', elderly), ('minutes', coalesce(minutes, 0))) AS m (metric, value)
  WHERE m.value <> 0
$$;

-- Everything an activity row brings (itself, its sessions and learners as they are now), when not archived.
CREATE FUNCTION hieuhoc_activity_all_flows(p_commune bigint, p_activity bigint, kind text, topic text, starts date)
RETURNS TABLE (year smallint, metric text, value bigint) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT * FROM hieuhoc_activity_flows(kind, topic, starts)
  UNION ALL
  SELECT extract(year FROM starts)::smallint, 'learners', count(*)::bigint FROM activity_learners l
  WHERE l.commune_id = p_commune AND l.activity_id = p_activity HAVING count(*) > 0
  UNION ALL
  SELECT f.* FROM activity_sessions s
  CROSS JOIN LATERAL hieuhoc_session_flows(s.held_on, s.attendees, s.women, s.minorities, s.elderly, s.minutes) f
  WHERE s.commune_id = p_commune AND s.activity_id = p_activity
$$;

-- The statement adding a statement's flows (a query giving commune_id, province_id, year, metric, value).
CREATE FUNCTION hieuhoc_centre_upsert(flows text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('INSERT INTO centre_counters AS c (commune_id, year, metric, province_id, value)
    SELECT commune_id, year, metric, province_id, sum(value)::bigint FROM (%s) x
    GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (commune_id, year, metric) DO UPDATE SET value = c.value + excluded.value', flows)
$$;

CREATE FUNCTION hieuhoc_centre_counters_centres() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, f.year, f.metric, r.sign * f.value
    AS value FROM (%s) r CROSS JOIN LATERAL hieuhoc_centre_flows(r.founded_on, r.archived_at, r.archived_reason) f',
    hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_activities() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, f.year, f.metric, r.sign * f.value
    AS value FROM (%s) r CROSS JOIN LATERAL hieuhoc_activity_all_flows(r.commune_id, r.id, r.activity_kind,
      r.topic, r.starts_on) f WHERE r.archived_at IS NULL', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_sessions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id, f.year, f.metric, r.sign * f.value
    AS value FROM (%s) r
    JOIN centre_activities a ON a.commune_id = r.commune_id AND a.id = r.activity_id AND a.archived_at IS NULL
    CROSS JOIN LATERAL hieuhoc_session_flows(r.held_on, r.attendees, r.women, r.minorities, r.elderly,
      r.minutes) f', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE FUNCTION hieuhoc_centre_counters_learners() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_centre_upsert(format('SELECT r.commune_id, r.province_id,
    extract(year FROM a.starts_on)::smallint AS year, ''learners'' AS metric, r.sign::bigint AS value FROM (%s) r
    JOIN centre_activities a ON a.commune_id = r.commune_id AND a.id = r.activity_id AND a.archived_at IS NULL',
    hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE TRIGGER learning_centres_counters_insert AFTER INSERT ON learning_centres REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_centres();
CREATE TRIGGER learning_centres_counters_update AFTER UPDATE ON learning_centres
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_centres();
CREATE TRIGGER learning_centres_counters_delete AFTER DELETE ON learning_centres REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_centres();
CREATE TRIGGER centre_activities_counters_insert AFTER INSERT ON centre_activities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_activities();
CREATE TRIGGER centre_activities_counters_update AFTER UPDATE ON centre_activities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_activities();
CREATE TRIGGER centre_activities_counters_delete AFTER DELETE ON centre_activities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_activities();
CREATE TRIGGER activity_sessions_counters_insert AFTER INSERT ON activity_sessions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_sessions();
CREATE TRIGGER activity_sessions_counters_update AFTER UPDATE ON activity_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_sessions();
CREATE TRIGGER activity_sessions_counters_delete AFTER DELETE ON activity_sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_sessions();
CREATE TRIGGER activity_learners_counters_insert AFTER INSERT ON activity_learners
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_learners();
CREATE TRIGGER activity_learners_counters_delete AFTER DELETE ON activity_learners
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_centre_counters_learners();

-- What a commune's centre counters should be, recounted from the tables.
CREATE FUNCTION hieuhoc_expected_centres(p_commune bigint)
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
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum(value) <> 0
$$;

CREATE FUNCTION hieuhoc_recount_centres(p_commune bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  DELETE FROM centre_counters WHERE commune_id = p_commune;
  INSERT INTO centre_counters (commune_id, year, metric, province_id, value)
  SELECT * FROM hieuhoc_expected_centres(p_commune);
END $$;

-- The commune's recount as before, then its centres' (every year: the centres are a stock).
ALTER FUNCTION hieuhoc_recount_commune(bigint, smallint) RENAME TO hieuhoc_recount_commune_before_attendance;
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_recount_commune_before_attendance(p_commune, p_year);
  PERFORM hieuhoc_recount_centres(p_commune);
END $$;

-- Where the stored centre counters of a commune differ from the recount (title 'centres', measure the metric).
CREATE FUNCTION hieuhoc_centre_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored bigint, expected bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH stored AS (
    SELECT c.year, c.metric, c.value FROM centre_counters c
    WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
  ), expected AS (
    SELECT e.year, e.metric, e.value FROM hieuhoc_expected_centres(p_commune) e WHERE p_year IS NULL OR e.year = p_year
  )
  SELECT p_commune, coalesce(s.year, e.year), 'centres', coalesce(s.metric, e.metric), coalesce(s.value, 0),
    coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e ON s.year = e.year AND s.metric = e.metric
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2, 4
$$;

-- Read like the other counters: only the caller's units. Counts, not personal data.
ALTER TABLE centre_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON centre_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON centre_counters TO hieuhoc_app;

SELECT hieuhoc_recount_centres(commune_id) FROM (SELECT DISTINCT commune_id FROM learning_centres) c;
