-- Pseudonymisation reaches the fund's disbursements, the award rounds' recipients and the processing log's stored
-- list filters (issue 12, item 3; docs/PRIVACY.md, data-subject requests). Like migration 0041: the tables' own
-- seals let ONE kind of update through, inside the hieuhoc_pseudonymise_*() functions only (the transaction-local
-- flag they set and clear), and only when nothing but the named text columns changes.

-- The flag is on, the update runs inside a SECURITY DEFINER function (or as the owner: not as the application's
-- role, which could set the flag itself and may update disbursements), and only `allowed` columns differ.
CREATE FUNCTION hieuhoc_pseudonymising_flag() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('hieuhoc.pseudonymising', true), 'off') = 'on' AND current_user <> 'hieuhoc_app'
$$;
CREATE FUNCTION hieuhoc_pseudonymising(old_row jsonb, new_row jsonb, allowed text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT hieuhoc_pseudonymising_flag() AND hieuhoc_only_changed(old_row, new_row, allowed)
$$;

-- Disbursements: the transition check (a paid one never changes, its beneficiary never changes) is skipped for the
-- names only. The ledger's hash chain covers the transactions (their description is "Chi PCn/yyyy: <reason>"), not
-- these columns: `hieuhoc fund verify` is unaffected.
DROP TRIGGER fund_disbursements_transition ON fund_disbursements;
CREATE TRIGGER fund_disbursements_transition BEFORE UPDATE ON fund_disbursements FOR EACH ROW
  WHEN (NOT hieuhoc_pseudonymising(to_jsonb(OLD), to_jsonb(NEW), ARRAY['beneficiary_name', 'recipient_name']))
  EXECUTE FUNCTION fund_disbursements_transition();

-- Award recipients: a row is never updated, but for its name under the flag (the columns are named: a trigger's
-- condition may not read a whole row with a generated column, `minor`, which follows from the others).
DROP TRIGGER fund_award_recipients_guard ON fund_award_recipients;
CREATE TRIGGER fund_award_recipients_guard BEFORE INSERT OR DELETE ON fund_award_recipients
  FOR EACH ROW EXECUTE FUNCTION fund_award_recipients_guard();
CREATE TRIGGER fund_award_recipients_no_update BEFORE UPDATE ON fund_award_recipients FOR EACH ROW
  WHEN (NOT (hieuhoc_pseudonymising_flag()
    AND (OLD.commune_id, OLD.id, OLD.fund_id, OLD.round_id, OLD.line, OLD.kind, OLD.sex, OLD.birth_year, OLD.school,
      OLD.class, OLD.household_id, OLD.household_code, OLD.village_id, OLD.village_name, OLD.amount, OLD.note,
      OLD.as_of_year) IS NOT DISTINCT FROM (NEW.commune_id, NEW.id, NEW.fund_id, NEW.round_id, NEW.line, NEW.kind,
      NEW.sex, NEW.birth_year, NEW.school, NEW.class, NEW.household_id, NEW.household_code, NEW.village_id,
      NEW.village_name, NEW.amount, NEW.note, NEW.as_of_year)))
  EXECUTE FUNCTION fund_award_recipients_guard();

-- The processing log: append-only, but for the filter's values under the flag.
DROP TRIGGER processing_log_append_only ON processing_log;
CREATE TRIGGER processing_log_append_only BEFORE DELETE ON processing_log
  FOR EACH ROW EXECUTE FUNCTION processing_log_append_only();
CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log FOR EACH ROW
  WHEN (NOT hieuhoc_pseudonymising(to_jsonb(OLD), to_jsonb(NEW), ARRAY['filter']))
  EXECUTE FUNCTION processing_log_append_only();

-- The SHA-256 of a round's list exactly as award-verify.ts's recipientListHash computes it (JSON.stringify of
-- ["hieuhoc-award-v1", rows], each row [line, kind, name, sex, birth year, school, class, household, village,
-- "amount"], by line).
CREATE FUNCTION hieuhoc_award_list_hash(p_commune bigint, p_round bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to('["hieuhoc-award-v1",[' || coalesce(string_agg('[' || concat_ws(',',
      r.line::text, to_json(r.kind)::text, to_json(r.full_name)::text, coalesce(to_json(r.sex)::text, 'null'),
      coalesce(r.birth_year::text, 'null'), coalesce(to_json(r.school)::text, 'null'),
      coalesce(to_json(r.class)::text, 'null'), coalesce(to_json(r.household_code)::text, 'null'),
      coalesce(to_json(r.village_name)::text, 'null'), to_json(r.amount::text)::text) || ']', ',' ORDER BY r.line),
      '') || ']]', 'UTF8')), 'hex')
  FROM fund_award_recipients r WHERE r.commune_id = p_commune AND r.round_id = p_round
$$;

-- The audited exception to an award round's sealed list: its hash covers the names, so each pseudonymisation
-- records the list's hash before and after (the first `hash_before` is the hash sealed in the payment's
-- transaction). `hieuhoc fund verify` accepts a list whose hash is reached from the sealed one through these rows
-- (award-verify.ts). Written only by hieuhoc_pseudonymise_award_recipients(); never changed.
CREATE TABLE fund_award_pseudonymisations (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  round_id bigint NOT NULL,
  lines integer[] NOT NULL,
  pseudonym text NOT NULL,
  hash_before text NOT NULL,
  hash_after text NOT NULL,
  done_by bigint REFERENCES app_users (id),
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, fund_id, round_id) REFERENCES fund_award_rounds (commune_id, fund_id, id)
);
CREATE INDEX fund_award_pseudonymisations_round ON fund_award_pseudonymisations (commune_id, round_id, id);
CREATE TRIGGER fund_award_pseudonymisations_immutable BEFORE UPDATE OR DELETE ON fund_award_pseudonymisations
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();
ALTER TABLE fund_award_pseudonymisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON fund_award_pseudonymisations FOR SELECT USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
GRANT SELECT ON fund_award_pseudonymisations TO hieuhoc_app;

-- The caller check of 0041's functions (the commune's administrator, or the command line), then the flag on.
CREATE FUNCTION hieuhoc_begin_pseudonymising(p_commune bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT hieuhoc_may_pseudonymise(p_commune) THEN
    RAISE EXCEPTION 'Chỉ quản trị của xã, phường được thay tên bằng bí danh' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('hieuhoc.pseudonymising', 'on', true);
END $$;

-- LIKE patterns of the folded values (no diacritics, any case) of three characters or more.
CREATE FUNCTION hieuhoc_fold_patterns(vals text[]) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg('%' || hieuhoc_fold(v) || '%'), '{}') FROM unnest(vals) v WHERE length(trim(v)) >= 3
$$;

-- The beneficiary's and the recipient's names of the commune's disbursements `p_ids`: a column is replaced when it
-- holds one of `names` (folded: no diacritics, any case); a disbursement holding none of them (linked by hand)
-- has its beneficiary's name replaced. Amounts, accounts, states and vouchers are unchanged. Returns the names
-- replaced, as they were stored (the caller replaces them in the audit log too).
CREATE FUNCTION hieuhoc_pseudonymise_disbursements(p_commune bigint, p_ids bigint[], names text[], pseudonym text)
RETURNS text[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE folded text[]; replaced text[];
BEGIN
  PERFORM hieuhoc_begin_pseudonymising(p_commune);
  folded := hieuhoc_fold_patterns(names);
  WITH picked AS (
    SELECT d.id, d.beneficiary_name, d.recipient_name,
      coalesce(hieuhoc_fold(d.beneficiary_name) LIKE ANY (folded), false)
        OR NOT coalesce(hieuhoc_fold(d.recipient_name) LIKE ANY (folded), false) AS payee,
      coalesce(hieuhoc_fold(d.recipient_name) LIKE ANY (folded), false) AS recipient
    FROM fund_disbursements d WHERE d.commune_id = p_commune AND d.id = ANY (p_ids)),
  done AS (
    UPDATE fund_disbursements d SET
      beneficiary_name = CASE WHEN x.payee THEN pseudonym ELSE d.beneficiary_name END,
      recipient_name = CASE WHEN x.recipient THEN pseudonym ELSE d.recipient_name END
    FROM picked x WHERE d.commune_id = p_commune AND d.id = x.id RETURNING d.id)
  SELECT coalesce(array_agg(DISTINCT v.name), '{}') INTO replaced
  FROM picked x, LATERAL (VALUES (CASE WHEN x.payee THEN x.beneficiary_name END),
    (CASE WHEN x.recipient THEN x.recipient_name END)) v (name)
  WHERE v.name IS NOT NULL AND v.name <> pseudonym;
  PERFORM set_config('hieuhoc.pseudonymising', 'off', true);
  RETURN replaced;
END $$;
GRANT EXECUTE ON FUNCTION hieuhoc_pseudonymise_disbursements(bigint, bigint[], text[], text) TO hieuhoc_app;

-- The names of the commune's award recipients `p_ids`, each round's list hash recorded before and after.
CREATE FUNCTION hieuhoc_pseudonymise_award_recipients(p_commune bigint, p_ids bigint[], pseudonym text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE total integer := 0; r record; before text; changed integer[];
BEGIN
  PERFORM hieuhoc_begin_pseudonymising(p_commune);
  FOR r IN SELECT DISTINCT a.fund_id, a.round_id FROM fund_award_recipients a
      WHERE a.commune_id = p_commune AND a.id = ANY (p_ids) AND a.full_name <> pseudonym ORDER BY a.round_id LOOP
    before := hieuhoc_award_list_hash(p_commune, r.round_id);
    WITH done AS (UPDATE fund_award_recipients a SET full_name = pseudonym
      WHERE a.commune_id = p_commune AND a.round_id = r.round_id AND a.id = ANY (p_ids) AND a.full_name <> pseudonym
      RETURNING a.line)
    SELECT array_agg(line ORDER BY line) INTO changed FROM done;
    INSERT INTO fund_award_pseudonymisations (commune_id, fund_id, round_id, lines, pseudonym, hash_before,
      hash_after, done_by)
    VALUES (p_commune, r.fund_id, r.round_id, changed, pseudonym, before,
      hieuhoc_award_list_hash(p_commune, r.round_id), nullif(current_setting('hieuhoc.user_id', true), '')::bigint);
    total := total + cardinality(changed);
  END LOOP;
  PERFORM set_config('hieuhoc.pseudonymising', 'off', true);
  RETURN total;
END $$;
GRANT EXECUTE ON FUNCTION hieuhoc_pseudonymise_award_recipients(bigint, bigint[], text) TO hieuhoc_app;

-- The processing log's stored list filters of the commune's subtree: a top-level text value (the search `q`) that
-- holds one of `secrets` (names, phones; folded) becomes the pseudonym. Who read, when, what and the rows stay.
CREATE FUNCTION hieuhoc_pseudonymise_processing_log(p_commune bigint, secrets text[], pseudonym text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer; folded text[];
BEGIN
  PERFORM hieuhoc_begin_pseudonymising(p_commune);
  folded := hieuhoc_fold_patterns(secrets);
  UPDATE processing_log l SET filter = (SELECT jsonb_object_agg(e.key, CASE WHEN jsonb_typeof(e.value) = 'string'
      AND hieuhoc_fold(e.value #>> '{}') LIKE ANY (folded) THEN to_jsonb(pseudonym) ELSE e.value END)
    FROM jsonb_each(l.filter) e)
  WHERE (l.commune_id = p_commune
      OR l.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = p_commune))
    AND jsonb_typeof(l.filter) = 'object'
    AND EXISTS (SELECT 1 FROM jsonb_each(l.filter) e WHERE jsonb_typeof(e.value) = 'string'
      AND hieuhoc_fold(e.value #>> '{}') LIKE ANY (folded));
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('hieuhoc.pseudonymising', 'off', true);
  RETURN n;
END $$;
GRANT EXECUTE ON FUNCTION hieuhoc_pseudonymise_processing_log(bigint, text[], text) TO hieuhoc_app;
