-- The units under a unit, for a registry list that pages by its units' names (src/server/registry/list.ts): the
-- villages of a province are read in one indexed pass instead of one row-level-security check per village (about
-- 3 µs each, 3,000 villages a province: half of a province's household page, docs/PERFORMANCE.md).
--
-- It answers only when the caller reads the unit (the government's `read` on it, or a global role), and then only
-- units under it: every unit it returns lies in the caller's read scope, which admin_units' own policy shows, so it
-- shows nothing that policy hides. PL/pgSQL, so its plan is kept (0054).
CREATE FUNCTION hieuhoc_units_under(p_unit bigint, p_levels text[])
RETURNS TABLE (id bigint, code text, name text, level text, kind text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT (hieuhoc_is_global() OR EXISTS (SELECT 1 FROM admin_unit_paths p
      WHERE p.descendant_id = p_unit AND p.ancestor_id = ANY (hieuhoc_roots('read')))) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT u.id, u.code, u.name, u.level, u.kind
    FROM admin_unit_paths p JOIN admin_units u ON u.id = p.descendant_id
    WHERE p.ancestor_id = p_unit AND u.level = ANY (p_levels);
END $$;

REVOKE ALL ON FUNCTION hieuhoc_units_under(bigint, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hieuhoc_units_under(bigint, text[]) TO hieuhoc_app;
