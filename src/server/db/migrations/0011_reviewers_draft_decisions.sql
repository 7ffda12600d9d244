-- Who does what (docs/ROLES.md, src/shared/capabilities.ts): an approver (reviewer) drafts decisions as well as
-- issuing those drafted by someone else. Until now only the write permission could insert a decision; the
-- review permission may now too, in the communes of its grant (the decision still needs another person to issue
-- it: issued_by <> created_by).
CREATE POLICY scope_insert_review ON decisions FOR INSERT WITH CHECK (
  (SELECT hieuhoc_is_global())
  OR EXISTS (SELECT 1 FROM admin_unit_paths p WHERE p.descendant_id = commune_id
    AND p.ancestor_id = ANY ((SELECT hieuhoc_roots('review'))::bigint[]))
);
