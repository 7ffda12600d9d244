-- The totals of the learning titles ("tổng số", title_totals) at every level, as 0051 did for the counters: kept per
-- commune, per province and for the nation in the same transaction as every change of a registry or a unit, so a
-- dashboard reads a few rows at any level instead of summing every village's total row (~300,000 for the nation).
--
-- * title_commune_totals (commune x title): the sum of the commune's rows in title_totals (the commune and its
--   villages). Keyed by commune_id, the distribution column.
-- * title_province_totals (province x title x stripe) and title_nation_totals (title x stripe): striped like the
--   counters (hieuhoc_counter_stripe(): the transaction id mod 16), summed on read.
--
-- Every writer of title_totals goes through hieuhoc_totals_add (the registries' statement triggers, the units' row
-- trigger), which now adds the same deltas to the nation, province and commune rows first, then the unit rows. The
-- recount (hieuhoc_recount_commune) rewrites a commune's unit rows and then folds the difference into the levels.
--
-- Lock order. A transaction may write counters and totals in either order (a household archived, then its
-- registrations withdrawn, or the other way round). With one striped row per table, two transactions of the same
-- stripe could take the nation counters row and the nation totals row in opposite orders and deadlock, where
-- unstriped rows of different communes never meet. So the stripe is now also a transaction-level advisory lock,
-- taken when a transaction first picks its stripe, before any striped row: two transactions of the same stripe
-- queue there (before, only when they wrote the same year and title: the cost, docs/STATISTICS.md), and the one
-- holding it meets no other transaction on any striped row. Transactions of different stripes never share a striped row.

CREATE TABLE title_commune_totals (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  title text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, title)
);
CREATE INDEX title_commune_totals_province ON title_commune_totals (province_id, title);

CREATE TABLE title_province_totals (
  province_id bigint NOT NULL REFERENCES admin_units (id),
  title text NOT NULL,
  stripe smallint NOT NULL,
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (province_id, title, stripe)
);

CREATE TABLE title_nation_totals (
  title text NOT NULL,
  stripe smallint NOT NULL,
  total integer NOT NULL DEFAULT 0,
  PRIMARY KEY (title, stripe)
);

-- The stripe of the current transaction, and the stripe's lock (see above; 0x6868 = "hh").
CREATE OR REPLACE FUNCTION hieuhoc_counter_stripe() RETURNS smallint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  stripe smallint := (txid_current() % 16)::smallint;
BEGIN
  PERFORM pg_advisory_xact_lock(26728, stripe);
  RETURN stripe;
END $$;

-- Adds signed totals per (title, commune, province) to the nation, province and commune rows, in that order.
CREATE FUNCTION hieuhoc_total_levels_add(titles text[], communes bigint[], provinces bigint[], deltas int[])
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO title_nation_totals AS t (title, stripe, total)
  SELECT d.title, hieuhoc_counter_stripe(), sum(d.delta)::int
  FROM unnest(titles, deltas) AS d (title, delta)
  GROUP BY d.title HAVING sum(d.delta) <> 0 ORDER BY d.title
  ON CONFLICT (title, stripe) DO UPDATE SET total = t.total + excluded.total;
  INSERT INTO title_province_totals AS t (province_id, title, stripe, total)
  SELECT d.province_id, d.title, hieuhoc_counter_stripe(), sum(d.delta)::int
  FROM unnest(titles, provinces, deltas) AS d (title, province_id, delta)
  GROUP BY d.province_id, d.title HAVING sum(d.delta) <> 0 ORDER BY d.province_id, d.title
  ON CONFLICT (province_id, title, stripe) DO UPDATE SET total = t.total + excluded.total;
  INSERT INTO title_commune_totals AS t (commune_id, title, province_id, total)
  SELECT d.commune_id, d.title, min(d.province_id), sum(d.delta)::int
  FROM unnest(titles, communes, provinces, deltas) AS d (title, commune_id, province_id, delta)
  GROUP BY d.commune_id, d.title HAVING sum(d.delta) <> 0 ORDER BY d.commune_id, d.title
  ON CONFLICT (commune_id, title) DO UPDATE SET total = t.total + excluded.total;
$$;

-- Per-unit differences of one title (0003), now at every level: the levels first, then the unit rows.
CREATE OR REPLACE FUNCTION hieuhoc_totals_add(p_title text, communes bigint[], provinces bigint[], units bigint[], deltas int[])
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT hieuhoc_total_levels_add(array_fill(p_title, ARRAY[cardinality(communes)]), communes, provinces, deltas);
  INSERT INTO title_totals AS t (commune_id, unit_id, title, province_id, total)
  SELECT d.commune_id, d.unit_id, p_title, d.province_id, d.delta
  FROM unnest(communes, provinces, units, deltas) AS d (commune_id, province_id, unit_id, delta)
  ORDER BY 1, 2
  ON CONFLICT (commune_id, unit_id, title) DO UPDATE SET total = t.total + excluded.total;
$$;

-- After a recount rewrote a commune's unit rows: the difference between them and its commune rows, at every level.
CREATE FUNCTION hieuhoc_recount_total_levels(p_commune bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT hieuhoc_total_levels_add(array_agg(d.title), array_agg(d.commune_id), array_agg(d.province_id),
    array_agg(d.delta))
  FROM (SELECT x.commune_id, min(x.province_id) AS province_id, x.title, sum(x.total)::int AS delta FROM (
      SELECT commune_id, province_id, title, total FROM title_totals WHERE commune_id = p_commune
      UNION ALL
      SELECT commune_id, province_id, title, -total FROM title_commune_totals WHERE commune_id = p_commune) x
    GROUP BY x.commune_id, x.title HAVING sum(x.total) <> 0) d
  HAVING count(*) > 0;
$$;

ALTER FUNCTION hieuhoc_recount_commune(bigint, smallint) RENAME TO hieuhoc_recount_commune_before_total_levels;
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_recount_commune_before_total_levels(p_commune, p_year);
  PERFORM hieuhoc_recount_total_levels(p_commune);
END $$;

-- `hieuhoc stats rebuild` ends by rewriting the upper levels from the commune rows: now the totals' too (one
-- stripe each). Totals have no year: they are rewritten whatever the year asked.
ALTER FUNCTION hieuhoc_rebuild_title_upper_levels(smallint) RENAME TO hieuhoc_rebuild_counter_upper_levels;
CREATE FUNCTION hieuhoc_rebuild_title_upper_levels(p_year smallint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_rebuild_counter_upper_levels(p_year);
  DELETE FROM title_nation_totals;
  DELETE FROM title_province_totals;
  INSERT INTO title_province_totals (province_id, title, stripe, total)
  SELECT province_id, title, 0, sum(total) FROM title_commune_totals GROUP BY 1, 2;
  INSERT INTO title_nation_totals (title, stripe, total)
  SELECT title, 0, sum(total) FROM title_commune_totals GROUP BY 1;
END $$;

-- Where the totals' levels disagree: a commune's row with the sum of its unit rows (p_commune given), or every
-- province's and the nation's stripes with the commune rows (p_commune NULL). Measure '<level>:total', year NULL.
CREATE FUNCTION hieuhoc_total_level_differences(p_commune bigint)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH pairs (level, unit_id, title, stored, expected) AS (
    SELECT 'commune', coalesce(s.commune_id, e.commune_id), coalesce(s.title, e.title), s.total, e.total
    FROM (SELECT commune_id, title, total FROM title_commune_totals WHERE commune_id = p_commune) s
    FULL JOIN (SELECT commune_id, title, sum(total)::int AS total FROM title_totals WHERE commune_id = p_commune
        GROUP BY 1, 2) e ON e.commune_id = s.commune_id AND e.title = s.title
    UNION ALL
    SELECT 'province', coalesce(s.province_id, e.province_id), coalesce(s.title, e.title), s.total, e.total
    FROM (SELECT province_id, title, sum(total)::int AS total FROM title_province_totals WHERE p_commune IS NULL
        GROUP BY 1, 2) s
    FULL JOIN (SELECT province_id, title, sum(total)::int AS total FROM title_commune_totals WHERE p_commune IS NULL
        GROUP BY 1, 2) e ON e.province_id = s.province_id AND e.title = s.title
    UNION ALL
    SELECT 'nation', 0, coalesce(s.title, e.title), s.total, e.total
    FROM (SELECT title, sum(total)::int AS total FROM title_nation_totals WHERE p_commune IS NULL GROUP BY 1) s
    FULL JOIN (SELECT title, sum(total)::int AS total FROM title_commune_totals WHERE p_commune IS NULL
        GROUP BY 1) e ON e.title = s.title
  )
  SELECT p.unit_id, NULL::smallint, p.title, p.level || ':total', coalesce(p.stored, 0), coalesce(p.expected, 0)
  FROM pairs p WHERE coalesce(p.stored, 0) <> coalesce(p.expected, 0)
  ORDER BY 1, 3
$$;

ALTER FUNCTION hieuhoc_title_level_differences(bigint, smallint) RENAME TO hieuhoc_counter_level_differences;
CREATE FUNCTION hieuhoc_title_level_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored integer, expected integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM hieuhoc_total_level_differences(p_commune)
  UNION ALL
  SELECT * FROM hieuhoc_counter_level_differences(p_commune, p_year)
$$;

-- Read like the counters' levels: a row is visible when its unit is in the caller's subtree. The commune and
-- province (and village) rows name their commune and province, so a caller whose root is that commune or province
-- is answered by comparing ids, before the closure-table test: that test, alone, made PostgreSQL hash every path
-- under a province's root (its ~5,000 villages) for each table a province's dashboard read. Same rows visible.
CREATE FUNCTION hieuhoc_level_policy(p_table text, p_columns text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  direct text := '';
  c text;
BEGIN
  FOREACH c IN ARRAY p_columns LOOP
    direct := direct || format(' OR %I = ANY ((SELECT hieuhoc_roots(''read''))::bigint[])', c);
  END LOOP;
  EXECUTE format('DROP POLICY IF EXISTS scope_read ON %I', p_table);
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', p_table);
  EXECUTE format('CREATE POLICY scope_read ON %I FOR SELECT USING ((SELECT hieuhoc_is_global())%s
    OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = %I
      AND p.ancestor_id = ANY ((SELECT hieuhoc_roots(''read''))::bigint[])))', p_table, direct, p_columns[1]);
END $$;
SELECT hieuhoc_level_policy('title_totals', ARRAY['unit_id', 'commune_id', 'province_id']);
SELECT hieuhoc_level_policy('title_counters', ARRAY['unit_id', 'commune_id', 'province_id']);
SELECT hieuhoc_level_policy('title_commune_totals', ARRAY['commune_id', 'province_id']);
SELECT hieuhoc_level_policy('title_commune_counters', ARRAY['commune_id', 'province_id']);
SELECT hieuhoc_level_policy('title_province_totals', ARRAY['province_id']);
SELECT hieuhoc_level_policy('title_province_counters', ARRAY['province_id']);
DROP FUNCTION hieuhoc_level_policy(text, text[]);
ALTER TABLE title_nation_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON title_nation_totals FOR SELECT USING ((SELECT hieuhoc_is_global()));
GRANT SELECT ON title_commune_totals, title_province_totals, title_nation_totals TO hieuhoc_app;

-- The levels of what exists already.
INSERT INTO title_commune_totals (commune_id, title, province_id, total)
SELECT commune_id, title, min(province_id), sum(total) FROM title_totals GROUP BY commune_id, title;
SELECT hieuhoc_rebuild_title_upper_levels(NULL);
