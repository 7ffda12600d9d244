-- Consent records (issue 12, item 2; Luật 91/2025/QH15, NĐ 356/2025/NĐ-CP): a person of a registry (a donor,
-- member, beneficiary or citizen: kind and id) consents to one purpose, on a date, in a way (paper, in person,
-- online), after a notice of a given version, recorded by a user; for a child a parent or guardian consents
-- (name and relation). Withdrawal is a new state of the row (withdrawn_at/by/reason), never a delete; a trigger
-- refuses any other change. What depends on a consent reads it where it is used (docs/PRIVACY.md, Consent):
-- the fund's public disclosure, the members' phone, the scholarship lists.
CREATE TABLE consents (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  subject_kind text NOT NULL CHECK (subject_kind IN ('donors', 'members', 'beneficiaries', 'citizens')),
  subject_id bigint NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('public_disclosure_name', 'member_phone', 'minor_scholarship_list',
    'photo')),
  given_at date NOT NULL,
  method text NOT NULL CHECK (method IN ('paper', 'in_person', 'online', 'receipt')),
  notice_version text NOT NULL CHECK (notice_version ~ '^[0-9A-Za-z._/-]{1,30}$'),
  minor boolean NOT NULL DEFAULT false,
  guardian_name text CHECK (guardian_name <> '' AND length(guardian_name) <= 200),
  guardian_relation text CHECK (guardian_relation IN ('father', 'mother', 'guardian', 'other')),
  recorded_by bigint REFERENCES app_users (id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  withdrawn_by bigint REFERENCES app_users (id),
  withdrawn_by_name text,
  withdrawn_reason text CHECK (length(withdrawn_reason) <= 500),
  PRIMARY KEY (commune_id, id),
  -- A child's consent is given by a parent or guardian, named with the relation.
  CHECK (NOT minor OR (guardian_name IS NOT NULL AND guardian_relation IS NOT NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by_name IS NULL))
);
-- At most one consent in force per person and purpose; the withdrawn ones stay as history.
CREATE UNIQUE INDEX consents_in_force ON consents (commune_id, subject_kind, subject_id, purpose)
  WHERE withdrawn_at IS NULL;
CREATE INDEX consents_subject ON consents (commune_id, subject_kind, subject_id);

CREATE FUNCTION hieuhoc_consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  withdrawal text[] := ARRAY['withdrawn_at', 'withdrawn_by', 'withdrawn_by_name', 'withdrawn_reason'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Sổ đồng ý không xóa được: rút lại đồng ý thay vì xóa' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
    OR (to_jsonb(NEW) - withdrawal) IS DISTINCT FROM (to_jsonb(OLD) - withdrawal) THEN
    RAISE EXCEPTION 'Sự đồng ý đã ghi không sửa được; chỉ rút lại được một lần' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consents_append_only BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_consents_append_only();

-- Read by every role reading the commune (the masks of lists read it under the caller's scope); recorded and
-- withdrawn by those who write the person's registry: the government's `write`, the Hội's `association`, the
-- fund's keepers (`fund`), and a chapter secretary for the members of their chapter.
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY scope_read ON consents FOR SELECT USING ((SELECT hieuhoc_is_global()) OR EXISTS (
  SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('read'))::bigint[])));
CREATE FUNCTION hieuhoc_consent_writable(commune bigint, kind text, subject bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (SELECT hieuhoc_is_global()) OR EXISTS (
    SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune
      AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[] || (SELECT hieuhoc_roots('association'))::bigint[]
        || (SELECT hieuhoc_roots('fund'))::bigint[]))
  OR (kind = 'members' AND EXISTS (SELECT 1 FROM members m WHERE m.commune_id = commune AND m.id = subject
    AND m.chapter_id = ANY ((SELECT hieuhoc_chapters())::bigint[])))
$$;
CREATE POLICY scope_insert ON consents FOR INSERT
  WITH CHECK (hieuhoc_consent_writable(commune_id, subject_kind, subject_id));
CREATE POLICY scope_update ON consents FOR UPDATE
  USING (hieuhoc_consent_writable(commune_id, subject_kind, subject_id))
  WITH CHECK (hieuhoc_consent_writable(commune_id, subject_kind, subject_id));
GRANT SELECT, INSERT, UPDATE ON consents TO hieuhoc_app;
GRANT USAGE ON SEQUENCE consents_id_seq TO hieuhoc_app;

-- A member's phone, kept and shown to the chapter only with the member's consent (member_phone): the registry
-- engine reads it through the consent (registry/rows.ts), so without one it is never shown or exported.
ALTER TABLE members ADD COLUMN phone text CHECK (phone ~ '^[0-9 +.]{8,15}$');

-- One home for the decision to name a donor: until now a receipt's `anonymous` flag was the only record of it.
-- Every person donor whose receipts were all recorded as not anonymous gets a consent to be named (method
-- `receipt`, notice version `phieu-thu`), dated on the first such receipt; a donor who asked for anonymity once
-- gets none. A receipt's flag still hides that one gift (receipts never change); an organisation is not a person
-- and is named unless its gift is anonymous.
INSERT INTO consents (commune_id, province_id, subject_kind, subject_id, purpose, given_at, method, notice_version,
  recorded_by_name, recorded_at)
SELECT d.commune_id, d.province_id, 'donors', d.id, 'public_disclosure_name', min(r.received_on), 'receipt',
  'phieu-thu', 'hieuhoc (chuyển từ phiếu thu)', now()
FROM fund_donors d JOIN fund_receipts r ON r.commune_id = d.commune_id AND r.donor_id = d.id
WHERE d.kind = 'person'
GROUP BY d.commune_id, d.province_id, d.id
HAVING NOT bool_or(r.anonymous);
