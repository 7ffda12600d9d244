-- Public disclosure (công khai thu – chi) of a fund's closed year: a frozen snapshot, published by an approver (the
-- Hội's chair), read without login. Minors are already masked in the snapshot; it is never changed afterwards.
CREATE TABLE fund_disclosures (
  commune_id bigint NOT NULL,
  fund_id bigint NOT NULL,
  year integer NOT NULL,
  snapshot jsonb NOT NULL,
  published_by bigint REFERENCES app_users (id),
  published_by_name text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, fund_id, year),
  FOREIGN KEY (commune_id, fund_id, year) REFERENCES fund_periods (commune_id, fund_id, year)
);
CREATE TRIGGER fund_disclosures_immutable BEFORE UPDATE OR DELETE ON fund_disclosures
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();
SELECT hieuhoc_fund_policies('fund_disclosures', ARRAY['approve'], NULL);
