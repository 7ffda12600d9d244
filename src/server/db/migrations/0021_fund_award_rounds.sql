-- Award rounds (đợt trao học bổng, "Lễ trao học bổng năm học 2026–2027"): one decision for a list of recipients
-- with amounts, imported from a spreadsheet while the round is a draft, approved once (two approvers when the
-- round's total is above the fund's threshold), paid as one posted transaction of the ledger, and never changed
-- afterwards. Keyed like every fund table by the fund's unit (`commune_id`). docs/FUND.md explains the rules.

CREATE TABLE fund_award_rounds (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  name text NOT NULL CHECK (name <> '' AND length(name) <= 300),
  -- The school year's first year: 2026 for 2026–2027.
  school_year integer NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
  decision_number text CHECK (decision_number <> '' AND length(decision_number) <= 50),
  decision_date date,
  -- Who signs the decision and the signature list for the fund's keeper (e.g. "Chủ tịch", "Nguyễn Văn An").
  signer_title text NOT NULL DEFAULT 'Chủ tịch' CHECK (signer_title <> '' AND length(signer_title) <= 100),
  signer_name text CHECK (length(signer_name) <= 200),
  purpose_account_id bigint NOT NULL,
  asset_account_id bigint NOT NULL,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved', 'paid', 'cancelled')),
  -- The list: its size, its total and its SHA-256 (written into the payment's ledger transaction).
  recipient_count integer NOT NULL DEFAULT 0 CHECK (recipient_count >= 0),
  total bigint NOT NULL DEFAULT 0 CHECK (total BETWEEN 0 AND 1000000000000000),
  list_hash text NOT NULL DEFAULT '',
  list_by bigint REFERENCES app_users (id),
  list_by_name text,
  list_at timestamptz,
  approvals_needed smallint NOT NULL DEFAULT 1 CHECK (approvals_needed IN (1, 2)),
  proposed_by bigint NOT NULL REFERENCES app_users (id),
  proposed_by_name text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  closed_by bigint REFERENCES app_users (id),
  closed_by_name text,
  closed_reason text,
  paid_by bigint REFERENCES app_users (id),
  paid_by_name text,
  paid_on date,
  year integer,
  number integer,
  transaction_id bigint,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, fund_id, id),
  UNIQUE (commune_id, fund_id, year, number),
  UNIQUE (commune_id, transaction_id),
  FOREIGN KEY (commune_id, fund_id) REFERENCES funds (commune_id, id),
  FOREIGN KEY (commune_id, fund_id, transaction_id) REFERENCES fund_transactions (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, asset_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, purpose_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  CHECK ((state = 'paid') = (transaction_id IS NOT NULL AND paid_by IS NOT NULL AND number IS NOT NULL)),
  CHECK (paid_by IS NULL OR (paid_by <> proposed_by AND paid_by IS DISTINCT FROM list_by))
);
CREATE INDEX fund_award_rounds_fund ON fund_award_rounds (commune_id, fund_id, school_year);
CREATE TRIGGER fund_award_rounds_version BEFORE UPDATE ON fund_award_rounds
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- The recipients, in the order of the signature list (`line`: its STT). A pupil's `minor` flag follows from the
-- birth year and the school year (unknown, or under 19 in the school year's first year: a minor is never named in
-- public).
CREATE TABLE fund_award_recipients (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  round_id bigint NOT NULL,
  line integer NOT NULL CHECK (line > 0),
  kind text NOT NULL CHECK (kind IN ('student', 'teacher', 'family')),
  full_name text NOT NULL CHECK (full_name <> '' AND length(full_name) <= 200),
  sex text CHECK (sex IN ('male', 'female')),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  school text CHECK (length(school) <= 200),
  class text CHECK (length(class) <= 20),
  household_id bigint,
  household_code text,
  village_id bigint REFERENCES admin_units (id),
  village_name text,
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
  note text CHECK (length(note) <= 500),
  as_of_year integer NOT NULL,
  minor boolean GENERATED ALWAYS AS (kind = 'student' AND (birth_year IS NULL OR birth_year > as_of_year - 19)) STORED,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, round_id, line),
  FOREIGN KEY (commune_id, fund_id, round_id) REFERENCES fund_award_rounds (commune_id, fund_id, id),
  CHECK (kind <> 'student' OR (birth_year IS NOT NULL AND school IS NOT NULL))
);
-- The same pupil twice in one round (name, birth year and school, without diacritics or case) is refused.
CREATE UNIQUE INDEX fund_award_recipients_person ON fund_award_recipients
  (commune_id, round_id, hieuhoc_fold(full_name), coalesce(birth_year, 0), coalesce(hieuhoc_fold(school), ''));

CREATE TABLE fund_award_round_approvals (
  commune_id bigint NOT NULL,
  round_id bigint NOT NULL,
  approver_id bigint NOT NULL REFERENCES app_users (id),
  approver_name text NOT NULL,
  approved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, round_id, approver_id),
  FOREIGN KEY (commune_id, round_id) REFERENCES fund_award_rounds (commune_id, id)
);
CREATE TRIGGER fund_award_round_approvals_immutable BEFORE UPDATE OR DELETE ON fund_award_round_approvals
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();

-- The list changes only while the round is a draft nobody has approved yet (a whole file replaces it); a row is
-- never updated.
CREATE FUNCTION fund_award_recipients_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE r record; commune bigint; round bigint;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'Không sửa từng người nhận của đợt trao; hãy nhập lại danh sách' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN commune := OLD.commune_id; round := OLD.round_id;
  ELSE commune := NEW.commune_id; round := NEW.round_id; END IF;
  SELECT state, school_year INTO r FROM fund_award_rounds WHERE commune_id = commune AND id = round;
  IF r.state <> 'draft' OR EXISTS (SELECT 1 FROM fund_award_round_approvals a
      WHERE a.commune_id = commune AND a.round_id = round) THEN
    RAISE EXCEPTION 'Danh sách của đợt trao đã được duyệt hoặc đã chi: không sửa được' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'INSERT' AND NEW.as_of_year <> r.school_year THEN
    RAISE EXCEPTION 'Năm tính tuổi của người nhận phải là năm học của đợt trao' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_award_recipients_guard BEFORE INSERT OR UPDATE OR DELETE ON fund_award_recipients
  FOR EACH ROW EXECUTE FUNCTION fund_award_recipients_guard();

-- Four eyes: nobody approves a round they proposed or whose list they imported; approvals only on a draft.
CREATE FUNCTION fund_award_approvals_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE r record;
BEGIN
  SELECT state, proposed_by, list_by, recipient_count INTO r FROM fund_award_rounds
  WHERE commune_id = NEW.commune_id AND id = NEW.round_id;
  IF r.state <> 'draft' OR r.recipient_count = 0 THEN
    RAISE EXCEPTION 'Chỉ duyệt được đợt trao đang lập và đã có danh sách' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.approver_id = r.proposed_by OR NEW.approver_id = r.list_by THEN
    RAISE EXCEPTION 'Người lập đợt trao hoặc danh sách không được tự duyệt' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_award_approvals_check BEFORE INSERT ON fund_award_round_approvals
  FOR EACH ROW EXECUTE FUNCTION fund_award_approvals_check();

-- The states move forward only: draft → approved → paid, draft/approved → cancelled. Once approved, neither the
-- list nor the accounts nor the decision change; the list approved is the list summed and hashed; a paid or
-- cancelled round never changes again.
CREATE FUNCTION fund_award_rounds_transition() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE approvals integer; needed integer; listed record;
BEGIN
  IF OLD.state IN ('paid', 'cancelled') THEN
    RAISE EXCEPTION 'Đợt trao đã % không được sửa', CASE OLD.state WHEN 'paid' THEN 'chi' ELSE 'hủy' END
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.fund_id, NEW.proposed_by, NEW.commune_id) IS DISTINCT FROM (OLD.fund_id, OLD.proposed_by, OLD.commune_id) THEN
    RAISE EXCEPTION 'Không đổi quỹ hoặc người lập của đợt trao' USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(*) INTO approvals FROM fund_award_round_approvals
  WHERE commune_id = NEW.commune_id AND round_id = NEW.id;
  IF (approvals > 0 OR OLD.state <> 'draft') AND (NEW.name, NEW.school_year, NEW.decision_number,
      NEW.decision_date, NEW.purpose_account_id, NEW.asset_account_id, NEW.total, NEW.recipient_count,
      NEW.list_hash, NEW.list_by, NEW.approvals_needed) IS DISTINCT FROM (OLD.name, OLD.school_year,
      OLD.decision_number, OLD.decision_date, OLD.purpose_account_id, OLD.asset_account_id, OLD.total,
      OLD.recipient_count, OLD.list_hash, OLD.list_by, OLD.approvals_needed) THEN
    RAISE EXCEPTION 'Đợt trao đã có người duyệt: không sửa quyết định, khoản chi hay danh sách; hãy hủy và lập lại'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.state = 'approved' AND OLD.state <> 'approved' THEN
    SELECT CASE WHEN f.two_approvals_above IS NOT NULL AND NEW.total > f.two_approvals_above THEN 2 ELSE 1 END
      INTO needed FROM funds f WHERE f.commune_id = NEW.commune_id AND f.id = NEW.fund_id;
    IF OLD.state <> 'draft' OR approvals < greatest(needed, NEW.approvals_needed) THEN
      RAISE EXCEPTION 'Đợt trao cần % người duyệt', greatest(needed, NEW.approvals_needed)
        USING ERRCODE = 'check_violation';
    END IF;
    SELECT count(*) AS n, coalesce(sum(amount), 0) AS total INTO listed FROM fund_award_recipients
    WHERE commune_id = NEW.commune_id AND round_id = NEW.id;
    IF listed.n = 0 OR listed.n <> NEW.recipient_count OR listed.total <> NEW.total THEN
      RAISE EXCEPTION 'Tổng tiền của đợt trao không khớp danh sách người nhận' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.state = 'paid' THEN
    IF OLD.state <> 'approved' THEN
      RAISE EXCEPTION 'Chỉ chi được đợt trao đã duyệt' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM fund_award_round_approvals WHERE commune_id = NEW.commune_id
               AND round_id = NEW.id AND approver_id = NEW.paid_by) THEN
      RAISE EXCEPTION 'Người duyệt không đồng thời là người chi' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_award_rounds_transition BEFORE UPDATE ON fund_award_rounds
  FOR EACH ROW EXECUTE FUNCTION fund_award_rounds_transition();
CREATE TRIGGER fund_award_rounds_no_delete BEFORE DELETE ON fund_award_rounds
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();

SELECT hieuhoc_fund_policies('fund_award_rounds', ARRAY['fund'], ARRAY['fund', 'approve']);
SELECT hieuhoc_fund_policies('fund_award_recipients', ARRAY['fund'], NULL);
SELECT hieuhoc_fund_policies('fund_award_round_approvals', ARRAY['approve'], NULL);
-- A draft's list is replaced by deleting it (the guard above allows it only on a draft nobody approved).
CREATE POLICY scope_delete ON fund_award_recipients FOR DELETE USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('fund'))::bigint[])));
GRANT DELETE ON fund_award_recipients TO hieuhoc_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hieuhoc_app;
