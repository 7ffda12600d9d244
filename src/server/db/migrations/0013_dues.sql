-- Hội phí: the yearly amount of a chapter (integer đồng) and the members' payments, an append-only ledger: a
-- correction is a reversing entry (negative amount naming the payment it reverses), never an update or a delete.

CREATE TABLE chapter_dues (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  chapter_id bigint NOT NULL,
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  amount bigint NOT NULL CHECK (amount >= 0),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, chapter_id, year),
  FOREIGN KEY (commune_id, chapter_id) REFERENCES chapters (commune_id, id)
);
CREATE TRIGGER chapter_dues_version BEFORE UPDATE ON chapter_dues
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_association_policies('chapter_dues', 'unit_id', 'chapter_id');
GRANT USAGE ON SEQUENCE chapter_dues_id_seq TO hieuhoc_app;

CREATE TABLE dues_payments (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  member_id bigint NOT NULL,
  -- The chapter the member paid to (their chapter when paying), and its unit, for scope and totals.
  chapter_id bigint NOT NULL,
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  amount bigint NOT NULL CHECK (amount <> 0),
  paid_on date NOT NULL,
  collector text CHECK (collector <> ''),
  reverses bigint,
  recorded_by bigint REFERENCES app_users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, member_id) REFERENCES members (commune_id, id),
  FOREIGN KEY (commune_id, chapter_id) REFERENCES chapters (commune_id, id),
  FOREIGN KEY (commune_id, reverses) REFERENCES dues_payments (commune_id, id),
  CHECK ((reverses IS NULL) = (amount > 0))
);
CREATE UNIQUE INDEX dues_payments_reversed_once ON dues_payments (commune_id, reverses) WHERE reverses IS NOT NULL;
CREATE INDEX dues_payments_member ON dues_payments (commune_id, member_id, year);
CREATE INDEX dues_payments_chapter ON dues_payments (commune_id, chapter_id, year);
CREATE FUNCTION dues_payments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dues_payments is append-only: record a reversing entry';
END $$;
CREATE TRIGGER dues_payments_append_only BEFORE UPDATE OR DELETE ON dues_payments
  FOR EACH ROW EXECUTE FUNCTION dues_payments_append_only();
CREATE TRIGGER dues_payments_no_truncate BEFORE TRUNCATE ON dues_payments
  FOR EACH STATEMENT EXECUTE FUNCTION dues_payments_append_only();
SELECT hieuhoc_association_policies('dues_payments', 'unit_id', 'chapter_id');
REVOKE UPDATE ON dues_payments FROM hieuhoc_app;
GRANT USAGE ON SEQUENCE dues_payments_id_seq TO hieuhoc_app;
