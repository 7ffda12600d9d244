-- Beneficiaries of the learning-promotion funds (người nhận học bổng, hỗ trợ; issue 9 point 4): a registry kind of
-- the commune, served by the registry engine like the donors. A pupil (name, sex, birth year, school, class, the
-- household when known), a teacher, a family, a clan; in a village of the commune or the commune itself. Only what
-- the fund's papers need: no date of birth, no identity number; a parent's or guardian's phone at most.
CREATE TABLE fund_beneficiaries (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  unit_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z._/-]{1,30}$'),
  kind text NOT NULL DEFAULT 'student' CHECK (kind IN ('student', 'teacher', 'family', 'clan', 'other')),
  full_name text NOT NULL CHECK (full_name <> ''),
  sex text CHECK (sex IN ('male', 'female')),
  birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  school text,
  class text,
  household_id bigint,
  guardian_phone text CHECK (guardian_phone ~ '^[0-9 +.]{8,15}$'),
  search_name text GENERATED ALWAYS AS (hieuhoc_fold(full_name || ' ' || code)) STORED,
  archived_at timestamptz,
  archived_reason text CHECK (archived_reason IN ('moved', 'finished', 'mistake')),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, code),
  FOREIGN KEY (commune_id, household_id) REFERENCES households (commune_id, id)
);
CREATE INDEX fund_beneficiaries_id ON fund_beneficiaries (id);
CREATE INDEX fund_beneficiaries_unit ON fund_beneficiaries (unit_id);
CREATE INDEX fund_beneficiaries_search ON fund_beneficiaries (commune_id, search_name text_pattern_ops);
CREATE TRIGGER fund_beneficiaries_version BEFORE UPDATE ON fund_beneficiaries
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
SELECT hieuhoc_scope_policies('fund_beneficiaries', 'unit_id');
GRANT USAGE ON SEQUENCE fund_beneficiaries_id_seq TO hieuhoc_app;

-- A disbursement may name a beneficiary of the list; its kind, name, school and class are copied at the proposal
-- (a snapshot: editing the list later does not change what was proposed, approved and paid).
ALTER TABLE fund_disbursements ADD COLUMN beneficiary_id bigint;
ALTER TABLE fund_disbursements ADD CONSTRAINT fund_disbursements_beneficiary
  FOREIGN KEY (commune_id, beneficiary_id) REFERENCES fund_beneficiaries (commune_id, id);
CREATE INDEX fund_disbursements_beneficiary ON fund_disbursements (commune_id, beneficiary_id)
  WHERE beneficiary_id IS NOT NULL;

-- The beneficiary of the list never changes after the proposal either, like its name (migration 0016's
-- fund_disbursements_transition, which refuses any change to a closed disbursement).
CREATE FUNCTION fund_disbursements_beneficiary_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.beneficiary_id IS DISTINCT FROM OLD.beneficiary_id THEN
    RAISE EXCEPTION 'Không sửa số tiền, khoản, người nhận của khoản chi đã đề xuất; hãy hủy và đề xuất lại'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fund_disbursements_beneficiary_fixed BEFORE UPDATE OF beneficiary_id ON fund_disbursements
  FOR EACH ROW EXECUTE FUNCTION fund_disbursements_beneficiary_fixed();
