-- A draft decision can be cancelled (deleted) before it is issued: its records go back to the proposal list
-- (recognition) or stay recognised (revocation). An issued decision is never deleted; the audit log keeps the
-- cancelled draft.

CREATE FUNCTION decisions_keep_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'decision % is issued and cannot be deleted', OLD.id;
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER decisions_keep_issued BEFORE DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_keep_issued();

-- The application role deletes drafts of the communes it may write or review in, like it updates them.
CREATE POLICY scope_delete ON decisions FOR DELETE USING (
  status = 'draft' AND (
    (SELECT hieuhoc_is_global())
    OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
      AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('write'))::bigint[]))
    OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
      AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('review'))::bigint[]))
  )
);
GRANT DELETE ON decisions TO hieuhoc_app;
