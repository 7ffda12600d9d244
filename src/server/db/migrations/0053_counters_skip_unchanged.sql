-- An UPDATE of registrations that changes no counted measure (a self-assessment saved again, a registration
-- assessed, a note or a score corrected: status stays registered/assessed, grade and level count only once
-- recognised) adds nothing to any counter, yet the trigger of 0051 built and planned its four upserts (nation,
-- province, commune, village) every time: dynamic SQL is planned on every EXECUTE. Now the trigger first compares the
-- rows' counted keys before and after, in one static statement (planned once per session), and returns when they are
-- the same multiset: an UPDATE has as many new rows as old, so new EXCEPT ALL old being empty means equal, and every
-- delta would be zero. Otherwise it does what 0051's did.
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
  -- Nested: the condition is one SQL expression, parsed whole, and old_rows exists only in the UPDATE trigger.
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT commune_id, province_id, scope_unit_id, year, title, status <> 'withdrawn', status = 'recognized',
        CASE WHEN status = 'recognized' THEN grade END, CASE WHEN status = 'recognized' THEN level END
      FROM new_rows
      EXCEPT ALL
      SELECT commune_id, province_id, scope_unit_id, year, title, status <> 'withdrawn', status = 'recognized',
        CASE WHEN status = 'recognized' THEN grade END, CASE WHEN status = 'recognized' THEN level END
      FROM old_rows) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM new_rows', 1); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN parts := parts || format('SELECT ' || measures || ' FROM old_rows', -1); END IF;
  FOREACH statement IN ARRAY hieuhoc_title_counters_upserts(array_to_string(parts, ' UNION ALL '), true) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;
