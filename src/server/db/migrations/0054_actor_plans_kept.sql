-- Who the caller is, read on every request (auth/scope.ts loadActor: whether global, the roots of each of nine
-- permissions, the chapters) and once per permission per transaction by row-level security (hieuhoc_roots, 0025).
-- As LANGUAGE sql functions with SECURITY DEFINER they are never inlined, and PostgreSQL 15 plans a non-inlined SQL
-- function's body again on every call: the eleven calls of one loadActor cost 5 ms of the server's time, a third of
-- all PostgreSQL time in the HTTP load benchmark (pg_stat_statements, docs/PERFORMANCE.md). The same queries in
-- PL/pgSQL keep their plans for the session. Bodies, signatures, results and rights are unchanged.
CREATE OR REPLACE FUNCTION hieuhoc_roots_for(user_id bigint, permission text) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  roots bigint[];
BEGIN
  WITH RECURSIVE granted AS (
    SELECT g.unit_id AS id FROM role_grants g JOIN app_users u ON u.id = g.user_id
    WHERE g.user_id = hieuhoc_roots_for.user_id AND g.unit_id IS NOT NULL AND g.revoked_at IS NULL
      AND u.disabled_at IS NULL AND g.role = ANY (hieuhoc_roles_for(hieuhoc_roots_for.permission))
    UNION
    SELECT s.predecessor_id FROM unit_successions s JOIN granted ON s.successor_id = granted.id
  )
  SELECT coalesce(array_agg(granted.id ORDER BY granted.id), ARRAY[]::bigint[]) INTO roots FROM granted;
  RETURN roots;
END $$;

CREATE OR REPLACE FUNCTION hieuhoc_is_global_for(user_id bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM role_grants g JOIN app_users u ON u.id = g.user_id
    WHERE g.user_id = hieuhoc_is_global_for.user_id AND g.role = 'system_admin' AND g.unit_id IS NULL
      AND g.revoked_at IS NULL AND u.disabled_at IS NULL);
END $$;

CREATE OR REPLACE FUNCTION hieuhoc_chapters_for(user_id bigint) RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  chapters bigint[];
BEGIN
  SELECT coalesce(array_agg(g.chapter_id ORDER BY g.chapter_id), ARRAY[]::bigint[]) INTO chapters
  FROM role_grants g JOIN app_users u ON u.id = g.user_id
  WHERE g.user_id = hieuhoc_chapters_for.user_id AND g.role = 'chapter_secretary' AND g.revoked_at IS NULL
    AND u.disabled_at IS NULL;
  RETURN chapters;
END $$;
