-- Row-level security asks, in every statement, for the caller's roots of a permission (a recursive query in a
-- SECURITY DEFINER function, planned again on each call) and whether the caller is global. Both are remembered for
-- the rest of the transaction in transaction-local settings keyed by the user: the same trust as hieuhoc.user_id,
-- which the application sets the same way.
CREATE OR REPLACE FUNCTION hieuhoc_roots(permission text) RETURNS bigint[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  uid text := coalesce(current_setting('hieuhoc.user_id', true), '');
  memo text := current_setting('hieuhoc.roots_' || permission, true);
  roots bigint[];
BEGIN
  IF memo IS NOT NULL AND split_part(memo, '|', 1) = uid AND memo <> '' THEN
    RETURN split_part(memo, '|', 2)::bigint[];
  END IF;
  roots := hieuhoc_roots_for(nullif(uid, '')::bigint, permission);
  PERFORM set_config('hieuhoc.roots_' || permission, uid || '|' || roots::text, true);
  RETURN roots;
END $$;

CREATE OR REPLACE FUNCTION hieuhoc_is_global() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
  uid text := coalesce(current_setting('hieuhoc.user_id', true), '');
  memo text := current_setting('hieuhoc.is_global', true);
  answer boolean;
BEGIN
  IF memo IS NOT NULL AND split_part(memo, '|', 1) = uid AND memo <> '' THEN
    RETURN split_part(memo, '|', 2)::boolean;
  END IF;
  answer := coalesce(hieuhoc_is_global_for(nullif(uid, '')::bigint), false);
  PERFORM set_config('hieuhoc.is_global', uid || '|' || answer::text, true);
  RETURN answer;
END $$;
