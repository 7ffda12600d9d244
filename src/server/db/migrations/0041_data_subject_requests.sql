-- Data-subject requests (issue 12, item 3; Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP: an answer within 2 working
-- days of receipt). docs/PRIVACY.md, data-subject requests.

-- National public holidays: the working-day clock skips them and the weekends (src/shared/working-days.ts). Kept
-- by system administrators (audited by the service); everybody reads them.
CREATE TABLE public_holidays (
  day date PRIMARY KEY,
  name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public_holidays ENABLE ROW LEVEL SECURITY;
CREATE POLICY holidays_read ON public_holidays FOR SELECT USING (true);
CREATE POLICY holidays_insert ON public_holidays FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global()));
CREATE POLICY holidays_delete ON public_holidays FOR DELETE USING ((SELECT hieuhoc_is_global()));
GRANT SELECT, INSERT, DELETE ON public_holidays TO hieuhoc_app;

-- Vietnam's days off of 2026 and 2027 (Bộ luật Lao động 2019, Điều 112; the Government's yearly notice for Tết and
-- the days moved). Weekend days are skipped anyway; a holiday on a weekend is followed by its compensating day.
-- 2027's Tết days follow the rule (5 days, weekend days compensated) until the notice: an admin corrects them.
INSERT INTO public_holidays (day, name) VALUES
  ('2026-01-01', 'Tết Dương lịch'),
  ('2026-02-16', 'Tết Nguyên đán'),
  ('2026-02-17', 'Tết Nguyên đán'),
  ('2026-02-18', 'Tết Nguyên đán'),
  ('2026-02-19', 'Tết Nguyên đán'),
  ('2026-02-20', 'Tết Nguyên đán'),
  ('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
  ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương'),
  ('2026-04-30', 'Ngày Chiến thắng (30/4)'),
  ('2026-05-01', 'Ngày Quốc tế Lao động (1/5)'),
  ('2026-09-01', 'Quốc khánh (ngày liền kề)'),
  ('2026-09-02', 'Quốc khánh (2/9)'),
  ('2027-01-01', 'Tết Dương lịch'),
  ('2027-02-05', 'Tết Nguyên đán'),
  ('2027-02-08', 'Tết Nguyên đán'),
  ('2027-02-09', 'Tết Nguyên đán'),
  ('2027-02-10', 'Tết Nguyên đán (nghỉ bù)'),
  ('2027-02-11', 'Tết Nguyên đán (nghỉ bù)'),
  ('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
  ('2027-04-30', 'Ngày Chiến thắng (30/4)'),
  ('2027-05-01', 'Ngày Quốc tế Lao động (1/5)'),
  ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động'),
  ('2027-09-02', 'Quốc khánh (2/9)'),
  ('2027-09-03', 'Quốc khánh (ngày liền kề)');

-- The register of a commune's requests: who asked (as they said it), what, when and how, the answer's due date,
-- the state, the records found and linked (`records`: [{source, id, name}]), and what was done (`outcome`).
CREATE TABLE data_subject_requests (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  person_name text NOT NULL CHECK (person_name <> '' AND length(person_name) <= 200),
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  village_id bigint REFERENCES admin_units (id),
  kind text NOT NULL CHECK (kind IN
    ('access', 'copy', 'correction', 'deletion', 'restriction', 'objection', 'withdrawal')),
  received_on date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_person', 'paper', 'phone', 'email', 'online')),
  due_on date NOT NULL CHECK (due_on > received_on),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'acknowledged', 'done', 'refused')),
  refusal_reason text CHECK (refusal_reason <> '' AND length(refusal_reason) <= 2000),
  outcome text CHECK (length(outcome) <= 20000),
  records jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(records) = 'array'),
  notes text CHECK (length(notes) <= 2000),
  handled_by bigint REFERENCES app_users (id),
  handled_by_name text,
  closed_at timestamptz,
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(person_name)) STORED,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
  CHECK ((status IN ('done', 'refused')) = (closed_at IS NOT NULL))
);
CREATE INDEX data_subject_requests_id ON data_subject_requests (id);
CREATE INDEX data_subject_requests_open ON data_subject_requests (commune_id, due_on)
  WHERE status IN ('received', 'acknowledged');
CREATE TRIGGER data_subject_requests_version BEFORE UPDATE ON data_subject_requests
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
-- Personal data about a request: only the commune's administrators (permission `admin`) read and write it.
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON data_subject_requests FOR SELECT USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY scope_insert ON data_subject_requests FOR INSERT WITH CHECK ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
CREATE POLICY scope_update ON data_subject_requests FOR UPDATE USING ((SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('admin'))::bigint[])));
GRANT SELECT, INSERT, UPDATE ON data_subject_requests TO hieuhoc_app;
GRANT USAGE ON SEQUENCE data_subject_requests_id_seq TO hieuhoc_app;

-- Pseudonymisation of rows that may not be deleted (the audit log, a posted receipt): the append-only triggers let
-- ONE kind of update through, inside hieuhoc_pseudonymise_*() only (a transaction-local flag those functions set
-- and clear), and only when nothing but the named text columns changes. Amounts, dates, hashes, who and when stay.
CREATE FUNCTION hieuhoc_only_changed(old_row jsonb, new_row jsonb, allowed text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT (old_row - allowed) = (new_row - allowed) $$;

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('hieuhoc.pseudonymising', true) = 'on'
     AND hieuhoc_only_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['before', 'after']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;

CREATE OR REPLACE FUNCTION fund_ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'fund_receipts'
     AND current_setting('hieuhoc.pseudonymising', true) = 'on'
     AND hieuhoc_only_changed(to_jsonb(OLD), to_jsonb(NEW), ARRAY['donor_name', 'donor_address', 'payer_name']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'Bút toán đã ghi sổ không được sửa hoặc xóa; hãy lập bút toán đảo (%)', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;

-- The caller must administer the commune (the same test as the request register's policies), or be the command line
-- (the database owner outside any application role: a retention job).
CREATE FUNCTION hieuhoc_may_pseudonymise(p_commune bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (coalesce(current_setting('role', true), 'none') = 'none'
      AND nullif(current_setting('hieuhoc.user_id', true), '') IS NULL)
    OR hieuhoc_is_global() OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = p_commune
    AND p.ancestor_id = ANY (hieuhoc_roots('admin')::bigint[]))
$$;

-- Replaces each of `secrets` (names, phones, addresses as stored) by `pseudonym` wherever it is a whole JSON string
-- value in the before/after of the audit rows of the commune's subtree. Returns the number of rows changed.
CREATE FUNCTION hieuhoc_pseudonymise_audit(p_commune bigint, secrets text[], pseudonym text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE changed integer := 0; n integer; secret text; quoted text;
BEGIN
  IF NOT hieuhoc_may_pseudonymise(p_commune) THEN
    RAISE EXCEPTION 'Chỉ quản trị của xã, phường được thay tên bằng bí danh' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('hieuhoc.pseudonymising', 'on', true);
  FOREACH secret IN ARRAY secrets LOOP
    CONTINUE WHEN secret IS NULL OR length(secret) < 3;
    quoted := to_jsonb(secret)::text;
    UPDATE audit_log a SET
      before = replace(a.before::text, quoted, to_jsonb(pseudonym)::text)::jsonb,
      after = replace(a.after::text, quoted, to_jsonb(pseudonym)::text)::jsonb
    WHERE a.unit_id IN (SELECT descendant_id FROM admin_unit_paths WHERE ancestor_id = p_commune)
      AND (strpos(a.before::text, quoted) > 0 OR strpos(a.after::text, quoted) > 0);
    GET DIAGNOSTICS n = ROW_COUNT;
    changed := changed + n;
  END LOOP;
  PERFORM set_config('hieuhoc.pseudonymising', 'off', true);
  RETURN changed;
END $$;
GRANT EXECUTE ON FUNCTION hieuhoc_pseudonymise_audit(bigint, text[], text) TO hieuhoc_app;

-- The donor's name, address and payer's name on posted receipts of the commune. Amounts, dates and the ledger's
-- hash chain (which does not cover these columns) are unchanged.
CREATE FUNCTION hieuhoc_pseudonymise_receipts(p_commune bigint, p_ids bigint[], pseudonym text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  IF NOT hieuhoc_may_pseudonymise(p_commune) THEN
    RAISE EXCEPTION 'Chỉ quản trị của xã, phường được thay tên bằng bí danh' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('hieuhoc.pseudonymising', 'on', true);
  UPDATE fund_receipts SET donor_name = pseudonym, donor_address = NULL,
    payer_name = CASE WHEN payer_name IS NULL THEN NULL ELSE pseudonym END
  WHERE commune_id = p_commune AND id = ANY (p_ids);
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('hieuhoc.pseudonymising', 'off', true);
  RETURN n;
END $$;
GRANT EXECUTE ON FUNCTION hieuhoc_pseudonymise_receipts(bigint, bigint[], text) TO hieuhoc_app;
