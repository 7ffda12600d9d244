-- Statistics of the learning-promotion funds (issue 9, point 8): counters of money raised and disbursed,
-- scholarships and balances, kept in the same statement as every posting like the Hội's (0019), so that a province's
-- or the nation's figures sum a few counter rows per commune instead of scanning the ledger.
--
-- The counters are FLOWS per (fund, year, metric), `amount` in đồng and `count`:
--   assets          the net movement of the fund's asset accounts (cash, bank, in kind) in the year: debits less
--                   credits of every posting, transfers and reversals included. The balance at the end of year Y
--                   is the sum over the years <= Y (the sum of the asset balances on 31/12).
--   raised          receipts: the asset debits of `receipt` transactions less the asset credits of their reversals
--   raised_in_kind  the part of `raised` on in-kind accounts (hiện vật, at the value written on the receipt)
--   disbursed       payments: the asset credits of `disbursement` transactions (paid disbursements and paid award
--                   rounds) less the asset debits of their reversals
--   scholarships    payments to pupils: a paid disbursement whose beneficiary is a `student` counts 1 and its
--                   amount; a paid award round counts each of its `student` recipients and their amounts; the
--                   reversal of such a payment counts them back (negative)
-- Everything is counted in the year of the posting: a reversal in a later year lowers that later year (a closed
-- year's figures never change), a reversal in the same year nets out. Rejected and voided disbursements, and
-- rounds not paid, never reach the ledger and count nothing.
-- Every flow is also added to fund_commune_counters (fund's unit x year x owner kind x metric), so that a province
-- or the nation sums a few rows per commune, by the kind of the fund's keeper (the Hội, a chapter, a clan, a
-- school). `commune_id` is the fund's unit: a commune, or the province for a provincial fund; it leads every key
-- (the distribution column). `SET LOCAL hieuhoc.counters = 'off'` switches these triggers off too;
-- hieuhoc_recount_commune() recounts them as well, and hieuhoc_recount_fund() recounts a province's own funds.

CREATE TABLE fund_counters (
  commune_id bigint NOT NULL,
  fund_id bigint NOT NULL,
  year smallint NOT NULL,
  metric text NOT NULL CHECK (metric IN ('assets', 'raised', 'raised_in_kind', 'disbursed', 'scholarships')),
  amount bigint NOT NULL DEFAULT 0,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, fund_id, year, metric),
  FOREIGN KEY (commune_id, fund_id) REFERENCES funds (commune_id, id)
);

CREATE TABLE fund_commune_counters (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  year smallint NOT NULL,
  owner_kind text NOT NULL CHECK (owner_kind IN ('association', 'chapter', 'clan', 'school')),
  metric text NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  amount bigint NOT NULL DEFAULT 0,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (commune_id, year, owner_kind, metric)
);
CREATE INDEX fund_commune_counters_province ON fund_commune_counters (province_id, year);

-- The reversal of a payment looks its disbursement or round up by the payment's transaction.
CREATE INDEX fund_disbursements_transaction ON fund_disbursements (commune_id, transaction_id)
  WHERE transaction_id IS NOT NULL;

-- The flows of one ledger entry: `kind` is its transaction's kind, or for a reversal the reversed transaction's.
CREATE FUNCTION hieuhoc_fund_entry_flows(p_class text, p_account_kind text, p_side text, p_amount bigint, p_kind text)
RETURNS TABLE (metric text, amount bigint) LANGUAGE sql IMMUTABLE AS $$
  SELECT m.metric, CASE WHEN m.metric = 'disbursed' THEN -s.moved ELSE s.moved END
  FROM (SELECT CASE p_side WHEN 'debit' THEN p_amount ELSE -p_amount END AS moved) s
  CROSS JOIN (VALUES ('assets'), ('raised'), ('raised_in_kind'), ('disbursed')) AS m (metric)
  WHERE p_class = 'asset' AND CASE m.metric
    WHEN 'assets' THEN true
    WHEN 'raised' THEN p_kind = 'receipt'
    WHEN 'raised_in_kind' THEN p_kind = 'receipt' AND p_account_kind = 'in_kind'
    ELSE p_kind = 'disbursement' END
$$;

-- The scholarships a payment transaction paid: its disbursement to a pupil (1 and the amount), or its round's
-- pupils (their number and amounts). Nothing for any other transaction.
CREATE FUNCTION hieuhoc_fund_scholarships_of(p_commune bigint, p_transaction bigint)
RETURNS TABLE (amount bigint, recipients integer) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.amount, 1 FROM fund_disbursements d
  WHERE d.commune_id = p_commune AND d.transaction_id = p_transaction AND d.beneficiary_kind = 'student'
  UNION ALL
  SELECT sum(x.amount)::bigint, count(*)::int FROM fund_award_rounds r
  JOIN fund_award_recipients x ON x.commune_id = r.commune_id AND x.round_id = r.id AND x.kind = 'student'
  WHERE r.commune_id = p_commune AND r.transaction_id = p_transaction
  HAVING count(*) > 0
$$;

-- The statement that adds the flows of a statement's rows (a query giving commune_id, fund_id, year, metric,
-- amount, count) to both tables, in key order. The trigger functions run it themselves (transition tables are
-- visible only there).
CREATE FUNCTION hieuhoc_fund_upsert(flows text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('WITH f AS (
      SELECT commune_id, fund_id, year, metric, sum(amount)::bigint AS amount, sum(count)::int AS count
      FROM (%s) x GROUP BY 1, 2, 3, 4 HAVING sum(amount) <> 0 OR sum(count) <> 0
    ), by_fund AS (
      INSERT INTO fund_counters AS c (commune_id, fund_id, year, metric, amount, count)
      SELECT * FROM f ORDER BY 1, 2, 3, 4
      ON CONFLICT (commune_id, fund_id, year, metric)
      DO UPDATE SET amount = c.amount + excluded.amount, count = c.count + excluded.count
    )
    INSERT INTO fund_commune_counters AS c (commune_id, year, owner_kind, metric, province_id, amount, count)
    SELECT f.commune_id, f.year, d.owner_kind, f.metric, d.province_id, sum(f.amount)::bigint, sum(f.count)::int
    FROM f JOIN funds d ON d.commune_id = f.commune_id AND d.id = f.fund_id
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(f.amount) <> 0 OR sum(f.count) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (commune_id, year, owner_kind, metric)
    DO UPDATE SET amount = c.amount + excluded.amount, count = c.count + excluded.count', flows)
$$;

-- Entries: the money flows, and for a reversal (counted once, in the statement that inserts its first entries) the
-- scholarships of the payment it reverses, negative. One statement, so the counter rows are locked in key order.
CREATE FUNCTION hieuhoc_fund_counters_entries() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_fund_upsert('
    SELECT e.commune_id, e.fund_id, extract(year FROM e.posted_on)::smallint AS year, f.metric, f.amount, 0 AS count
    FROM new_rows e
    JOIN fund_accounts a ON a.commune_id = e.commune_id AND a.id = e.account_id
    JOIN fund_transactions t ON t.commune_id = e.commune_id AND t.id = e.transaction_id
    LEFT JOIN fund_transactions o ON o.commune_id = t.commune_id AND o.id = t.reverses_id
    CROSS JOIN LATERAL hieuhoc_fund_entry_flows(a.class, a.kind, e.side, e.amount, coalesce(o.kind, t.kind)) f
    UNION ALL
    SELECT t.commune_id, t.fund_id, extract(year FROM t.posted_on)::smallint, ''scholarships'', -s.amount,
      -s.recipients
    FROM (SELECT commune_id, transaction_id, count(*) AS n FROM new_rows GROUP BY 1, 2) n
    JOIN fund_transactions t ON t.commune_id = n.commune_id AND t.id = n.transaction_id
    CROSS JOIN LATERAL hieuhoc_fund_scholarships_of(t.commune_id, t.reverses_id) s
    WHERE t.reverses_id IS NOT NULL AND n.n = (SELECT count(*) FROM fund_entries x
      WHERE x.commune_id = t.commune_id AND x.transaction_id = t.id)');
  RETURN NULL;
END $$;

-- A disbursement to a pupil counts when it is paid (its transaction's date), with the signed rows of the statement
-- (a paid disbursement never changes again).
CREATE FUNCTION hieuhoc_fund_counters_disbursements() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_fund_upsert(format('SELECT r.commune_id, r.fund_id, extract(year FROM t.posted_on)::smallint
      AS year, ''scholarships'' AS metric, r.sign * r.amount AS amount, r.sign AS count
    FROM (%s) r JOIN fund_transactions t ON t.commune_id = r.commune_id AND t.id = r.transaction_id
    WHERE r.beneficiary_kind = ''student''', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

-- A round counts its pupils when it is paid.
CREATE FUNCTION hieuhoc_fund_counters_rounds() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT hieuhoc_counters_on() THEN RETURN NULL; END IF;
  EXECUTE hieuhoc_fund_upsert(format('SELECT r.commune_id, r.fund_id, extract(year FROM t.posted_on)::smallint
      AS year, ''scholarships'' AS metric, r.sign * s.amount AS amount, r.sign * s.recipients AS count
    FROM (%s) r JOIN fund_transactions t ON t.commune_id = r.commune_id AND t.id = r.transaction_id
    CROSS JOIN LATERAL (SELECT coalesce(sum(x.amount), 0)::bigint AS amount, count(*)::int AS recipients
      FROM fund_award_recipients x WHERE x.commune_id = r.commune_id AND x.round_id = r.id
        AND x.kind = ''student'') s', hieuhoc_signed_rows(TG_OP)));
  RETURN NULL;
END $$;

CREATE TRIGGER fund_entries_counters AFTER INSERT ON fund_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_entries();
CREATE TRIGGER fund_disbursements_counters_insert AFTER INSERT ON fund_disbursements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_disbursements();
CREATE TRIGGER fund_disbursements_counters_update AFTER UPDATE ON fund_disbursements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_disbursements();
CREATE TRIGGER fund_disbursements_counters_delete AFTER DELETE ON fund_disbursements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_disbursements();
CREATE TRIGGER fund_award_rounds_counters_insert AFTER INSERT ON fund_award_rounds
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_rounds();
CREATE TRIGGER fund_award_rounds_counters_update AFTER UPDATE ON fund_award_rounds
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_fund_counters_rounds();

-- What the fund counters of a unit's funds should be, recounted from the ledger: its entries, and the payments
-- (and reversals of payments) to pupils.
CREATE FUNCTION hieuhoc_expected_fund(p_commune bigint)
RETURNS TABLE (commune_id bigint, fund_id bigint, year smallint, metric text, amount bigint, count integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, fund_id, year, metric, sum(amount)::bigint, sum(count)::int FROM (
    SELECT e.commune_id, e.fund_id, extract(year FROM e.posted_on)::smallint AS year, f.metric, f.amount,
      0 AS count
    FROM fund_entries e
    JOIN fund_accounts a ON a.commune_id = e.commune_id AND a.id = e.account_id
    JOIN fund_transactions t ON t.commune_id = e.commune_id AND t.id = e.transaction_id
    LEFT JOIN fund_transactions o ON o.commune_id = t.commune_id AND o.id = t.reverses_id
    CROSS JOIN LATERAL hieuhoc_fund_entry_flows(a.class, a.kind, e.side, e.amount, coalesce(o.kind, t.kind)) f
    WHERE e.commune_id = p_commune
    UNION ALL
    SELECT t.commune_id, t.fund_id, extract(year FROM t.posted_on)::smallint, 'scholarships',
      CASE WHEN t.reverses_id IS NULL THEN s.amount ELSE -s.amount END,
      CASE WHEN t.reverses_id IS NULL THEN s.recipients ELSE -s.recipients END
    FROM fund_transactions t
    CROSS JOIN LATERAL hieuhoc_fund_scholarships_of(t.commune_id, coalesce(t.reverses_id, t.id)) s
    WHERE t.commune_id = p_commune AND t.kind IN ('disbursement', 'reversal')
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum(amount) <> 0 OR sum(count) <> 0
$$;

-- Rewrites a unit's fund counters from the recount (a commune's, or a province's own funds).
CREATE FUNCTION hieuhoc_recount_fund(p_commune bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  DELETE FROM fund_counters WHERE commune_id = p_commune;
  INSERT INTO fund_counters (commune_id, fund_id, year, metric, amount, count)
  SELECT * FROM hieuhoc_expected_fund(p_commune);
  DELETE FROM fund_commune_counters WHERE commune_id = p_commune;
  INSERT INTO fund_commune_counters (commune_id, year, owner_kind, metric, province_id, amount, count)
  SELECT c.commune_id, c.year, f.owner_kind, c.metric, f.province_id, sum(c.amount)::bigint, sum(c.count)::int
  FROM fund_counters c JOIN funds f ON f.commune_id = c.commune_id AND f.id = c.fund_id
  WHERE c.commune_id = p_commune GROUP BY 1, 2, 3, 4, 5;
END $$;

-- The commune's recount as before (titles, the Hội), then its funds' (every year: a balance depends on all the
-- years before). The previous function is kept under another name and called, as 0015 did with the roles.
ALTER FUNCTION hieuhoc_recount_commune(bigint, smallint) RENAME TO hieuhoc_recount_commune_before_fund;
CREATE FUNCTION hieuhoc_recount_commune(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM hieuhoc_recount_commune_before_fund(p_commune, p_year);
  PERFORM hieuhoc_recount_fund(p_commune);
END $$;

-- Where the stored fund counters of a unit differ from the recount (title 'fund'; measure
-- 'fund:<id>:<metric>.amount|count', or 'commune:<owner kind>:<metric>.amount|count' for the per-commune rows).
CREATE FUNCTION hieuhoc_fund_differences(p_commune bigint, p_year smallint DEFAULT NULL)
RETURNS TABLE (unit_id bigint, year smallint, title text, measure text, stored bigint, expected bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH expected_rows AS (
    SELECT e.*, f.owner_kind FROM hieuhoc_expected_fund(p_commune) e
    JOIN funds f ON f.commune_id = e.commune_id AND f.id = e.fund_id
    WHERE p_year IS NULL OR e.year = p_year
  ), stored AS (
    SELECT c.year, 'fund:' || c.fund_id || ':' || c.metric || '.' || v.side AS measure, v.value
    FROM fund_counters c CROSS JOIN LATERAL (VALUES ('amount', c.amount), ('count', c.count::bigint)) AS v (side, value)
    WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
    UNION ALL
    SELECT c.year, 'commune:' || c.owner_kind || ':' || c.metric || '.' || v.side, v.value
    FROM fund_commune_counters c
    CROSS JOIN LATERAL (VALUES ('amount', c.amount), ('count', c.count::bigint)) AS v (side, value)
    WHERE c.commune_id = p_commune AND (p_year IS NULL OR c.year = p_year)
  ), expected AS (
    SELECT e.year, 'fund:' || e.fund_id || ':' || e.metric || '.' || v.side AS measure, v.value
    FROM expected_rows e CROSS JOIN LATERAL (VALUES ('amount', e.amount), ('count', e.count::bigint)) AS v (side, value)
    UNION ALL
    SELECT e.year, 'commune:' || e.owner_kind || ':' || e.metric || '.' || v.side, sum(v.value)::bigint
    FROM expected_rows e CROSS JOIN LATERAL (VALUES ('amount', e.amount), ('count', e.count::bigint)) AS v (side, value)
    GROUP BY 1, 2
  )
  SELECT p_commune, coalesce(s.year, e.year), 'fund', coalesce(s.measure, e.measure), coalesce(s.value, 0),
    coalesce(e.value, 0)
  FROM stored s FULL JOIN expected e ON s.year = e.year AND s.measure = e.measure
  WHERE coalesce(s.value, 0) <> coalesce(e.value, 0)
  ORDER BY 2, 4
$$;

-- Read like the other counters: only the caller's units. Sums of money, not personal data.
ALTER TABLE fund_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON fund_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
ALTER TABLE fund_commune_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON fund_commune_counters FOR SELECT USING (
  (SELECT hieuhoc_is_global()) OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON fund_counters, fund_commune_counters TO hieuhoc_app;

SELECT hieuhoc_recount_fund(commune_id) FROM (SELECT DISTINCT commune_id FROM funds) f;
