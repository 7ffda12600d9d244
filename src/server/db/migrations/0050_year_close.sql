-- Frozen yearly totals (issue 13, item 5; docs/STATISTICS.md, "Closing a year"). The registries keep no history,
-- so title_totals always holds today's "tổng số". Closing a year of a commune copies the commune's title_totals
-- rows (per unit — the commune or one of its villages — and title) into year_totals under a year_closures row; from
-- then on the roll-ups of that year divide by the frozen rows instead of today's. Reopening stamps the closure
-- (who, when, why) and the roll-ups go back to today's totals; the closure and its frozen rows stay as history.
-- A later closing is a new row. commune_id leads every key (the Citus distribution column).

CREATE TABLE year_closures (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  closed_at timestamptz NOT NULL DEFAULT now(),
  closed_by bigint REFERENCES app_users (id),
  closed_by_name text NOT NULL,
  reopened_at timestamptz,
  reopened_by bigint REFERENCES app_users (id),
  reopened_by_name text,
  reopen_reason text CHECK (reopen_reason <> '' AND length(reopen_reason) <= 2000),
  PRIMARY KEY (commune_id, id),
  CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL) AND (reopened_at IS NULL) = (reopened_by_name IS NULL))
);
-- One closure in force per commune and year; the roll-ups look them up by year.
CREATE UNIQUE INDEX year_closures_in_force ON year_closures (commune_id, year) WHERE reopened_at IS NULL;
CREATE INDEX year_closures_year ON year_closures (year, commune_id) WHERE reopened_at IS NULL;

CREATE TABLE year_totals (
  commune_id bigint NOT NULL,
  closure_id bigint NOT NULL,
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  title text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  total integer NOT NULL,
  PRIMARY KEY (commune_id, closure_id, unit_id, title),
  FOREIGN KEY (commune_id, closure_id) REFERENCES year_closures (commune_id, id)
);

-- A closure changes once, when it is reopened; nothing else of it, and nothing of its frozen rows, ever changes.
CREATE FUNCTION hieuhoc_year_closures_reopen_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.reopened_at IS NOT NULL OR NEW.reopened_at IS NULL
     OR (NEW.commune_id, NEW.id, NEW.province_id, NEW.year, NEW.closed_at, NEW.closed_by, NEW.closed_by_name)
        IS DISTINCT FROM (OLD.commune_id, OLD.id, OLD.province_id, OLD.year, OLD.closed_at, OLD.closed_by, OLD.closed_by_name) THEN
    RAISE EXCEPTION 'a year closure is only ever reopened, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER year_closures_reopen_only BEFORE UPDATE ON year_closures
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_year_closures_reopen_only();
CREATE FUNCTION hieuhoc_year_totals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'year closures and frozen totals are kept as history';
END $$;
CREATE TRIGGER year_totals_append_only BEFORE UPDATE OR DELETE ON year_totals
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_year_totals_append_only();
CREATE TRIGGER year_closures_no_delete BEFORE DELETE ON year_closures
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_year_totals_append_only();

-- Read like the counters (the caller's subtree); closed and reopened by those who issue decisions (`review`).
SELECT hieuhoc_fund_policies('year_closures', ARRAY['review'], ARRAY['review']);
SELECT hieuhoc_fund_policies('year_totals', ARRAY['review'], NULL);
GRANT USAGE ON SEQUENCE year_closures_id_seq TO hieuhoc_app;
