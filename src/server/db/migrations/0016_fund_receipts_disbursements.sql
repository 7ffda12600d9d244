-- Receipts (thu) with their phiếu thu numbers, and disbursements (chi) that go proposed → approved → paid (or
-- rejected / voided): a pending transfer outside the ledger until it is paid, when its transaction is posted.
-- The proposer, each approver and the payer are different people, checked here as well as in the service.

-- Donors: a registry kind of the commune (person or organisation), served by the registry engine.
CREATE TABLE fund_donors (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  name text NOT NULL CHECK (name <> ''),
  kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organization')),
  address text,
  phone text,
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(name || ' ' || code)) STORED,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code)
);
CREATE TRIGGER fund_donors_version BEFORE UPDATE ON fund_donors
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_scope_policies('fund_donors', 'commune_id');

CREATE TABLE fund_receipts (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  year integer NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  transaction_id bigint NOT NULL,
  received_on date NOT NULL,
  donor_id bigint,
  donor_kind text NOT NULL CHECK (donor_kind IN ('person', 'organization')),
  donor_name text NOT NULL CHECK (donor_name <> ''),
  donor_address text,
  -- The treasurer records the name; the public sees "Nhà hảo tâm ẩn danh".
  anonymous boolean NOT NULL DEFAULT false,
  in_kind_description text,
  payer_name text,
  reason text NOT NULL CHECK (reason <> ''),
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
  asset_account_id bigint NOT NULL,
  purpose_account_id bigint NOT NULL,
  created_by bigint REFERENCES app_users (id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, fund_id, year, number),
  UNIQUE (commune_id, transaction_id),
  CHECK (year = extract(year FROM received_on)),
  FOREIGN KEY (commune_id, fund_id, transaction_id) REFERENCES fund_transactions (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, asset_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, purpose_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, donor_id) REFERENCES fund_donors (commune_id, id)
);
CREATE TRIGGER fund_receipts_immutable BEFORE UPDATE OR DELETE ON fund_receipts
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();

CREATE TABLE fund_disbursements (
  commune_id bigint NOT NULL,
  id bigserial NOT NULL,
  fund_id bigint NOT NULL,
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'paid', 'rejected', 'voided')),
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 1000000000000000),
  asset_account_id bigint NOT NULL,
  purpose_account_id bigint NOT NULL,
  beneficiary_kind text NOT NULL CHECK (beneficiary_kind IN ('student', 'teacher', 'family', 'clan', 'other')),
  beneficiary_name text NOT NULL CHECK (beneficiary_name <> ''),
  -- A minor is never named in public: initials, school and class only.
  beneficiary_minor boolean NOT NULL DEFAULT false,
  beneficiary_school text,
  beneficiary_class text,
  recipient_name text,
  reason text NOT NULL CHECK (reason <> ''),
  approvals_needed smallint NOT NULL CHECK (approvals_needed IN (1, 2)),
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
  FOREIGN KEY (commune_id, fund_id, transaction_id) REFERENCES fund_transactions (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, asset_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  FOREIGN KEY (commune_id, fund_id, purpose_account_id) REFERENCES fund_accounts (commune_id, fund_id, id),
  CHECK ((state = 'paid') = (transaction_id IS NOT NULL AND paid_by IS NOT NULL AND number IS NOT NULL)),
  CHECK (paid_by IS NULL OR paid_by <> proposed_by)
);
CREATE TRIGGER fund_disbursements_version BEFORE UPDATE ON fund_disbursements
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

CREATE TABLE fund_disbursement_approvals (
  commune_id bigint NOT NULL,
  disbursement_id bigint NOT NULL,
  approver_id bigint NOT NULL REFERENCES app_users (id),
  approver_name text NOT NULL,
  approved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, disbursement_id, approver_id),
  FOREIGN KEY (commune_id, disbursement_id) REFERENCES fund_disbursements (commune_id, id)
);
CREATE TRIGGER fund_disbursement_approvals_immutable BEFORE UPDATE OR DELETE ON fund_disbursement_approvals
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_immutable();

-- Four eyes, in the database: nobody approves their own proposal; the payer neither proposed nor approved.
CREATE FUNCTION fund_approvals_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE d record;
BEGIN
  SELECT state, proposed_by INTO d FROM fund_disbursements
  WHERE commune_id = NEW.commune_id AND id = NEW.disbursement_id;
  IF d.state <> 'proposed' THEN
    RAISE EXCEPTION 'Khoản chi không còn ở trạng thái chờ duyệt' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.approver_id = d.proposed_by THEN
    RAISE EXCEPTION 'Người đề xuất không được tự duyệt khoản chi của mình' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_approvals_check BEFORE INSERT ON fund_disbursement_approvals
  FOR EACH ROW EXECUTE FUNCTION fund_approvals_check();

-- The states move forward only: proposed → approved → paid, proposed/approved → rejected or voided. A paid,
-- rejected or voided disbursement never changes again; its amount, accounts and beneficiary never change.
CREATE FUNCTION fund_disbursements_transition() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE approvals integer;
BEGIN
  IF OLD.state IN ('paid', 'rejected', 'voided') THEN
    RAISE EXCEPTION 'Khoản chi đã % không được sửa',
      CASE OLD.state WHEN 'paid' THEN 'chi' WHEN 'rejected' THEN 'bị từ chối' ELSE 'hủy' END
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.amount, NEW.asset_account_id, NEW.purpose_account_id, NEW.beneficiary_name, NEW.proposed_by, NEW.fund_id,
      NEW.approvals_needed) IS DISTINCT FROM (OLD.amount, OLD.asset_account_id, OLD.purpose_account_id,
      OLD.beneficiary_name, OLD.proposed_by, OLD.fund_id, OLD.approvals_needed) THEN
    RAISE EXCEPTION 'Không sửa số tiền, khoản, người nhận của khoản chi đã đề xuất; hãy hủy và đề xuất lại'
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(*) INTO approvals FROM fund_disbursement_approvals
  WHERE commune_id = NEW.commune_id AND disbursement_id = NEW.id;
  IF NEW.state = 'approved' AND (OLD.state <> 'proposed' OR approvals < NEW.approvals_needed) THEN
    RAISE EXCEPTION 'Khoản chi cần % người duyệt', NEW.approvals_needed USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.state = 'paid' THEN
    IF OLD.state <> 'approved' THEN
      RAISE EXCEPTION 'Chỉ chi được khoản đã duyệt' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM fund_disbursement_approvals WHERE commune_id = NEW.commune_id
               AND disbursement_id = NEW.id AND approver_id = NEW.paid_by) THEN
      RAISE EXCEPTION 'Người duyệt không được đồng thời là người chi' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_disbursements_transition BEFORE UPDATE ON fund_disbursements
  FOR EACH ROW EXECUTE FUNCTION fund_disbursements_transition();

SELECT hieuhoc_fund_policies('fund_receipts', ARRAY['fund'], NULL);
SELECT hieuhoc_fund_policies('fund_disbursements', ARRAY['fund'], ARRAY['fund', 'approve']);
SELECT hieuhoc_fund_policies('fund_disbursement_approvals', ARRAY['approve'], NULL);
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO hieuhoc_app;
