-- Login limits that hold under parallel requests, and sessions that end with the password.

-- One counter row per username ('user:<name>') and per client address ('address:<ip>'). A login attempt locks
-- its rows and counts itself as a failure before the password is checked (a success gives it back), so parallel
-- attempts cannot all read the same old count: the row lock orders them. Only the server (database owner) uses
-- it; the application role has no access.
CREATE TABLE login_throttles (
  key text PRIMARY KEY,
  -- Failures in a row (per user) or in the current window (per address).
  failures integer NOT NULL DEFAULT 0,
  window_start timestamptz,
  -- No attempt is checked before this moment (the per-user exponential delay).
  retry_at timestamptz,
  last_failure_at timestamptz
);
CREATE INDEX login_throttles_last_failure ON login_throttles (last_failure_at);

-- A password change or a disabled account ends every session of that user in the same transaction, whoever
-- makes the change (an administrator, the user, the command line). The application role cannot touch sessions,
-- hence the security definer.
CREATE FUNCTION hieuhoc_end_user_sessions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  DELETE FROM sessions WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION hieuhoc_end_user_sessions() FROM PUBLIC;

CREATE TRIGGER app_users_end_sessions AFTER UPDATE OF password_hash, disabled_at ON app_users
  FOR EACH ROW
  WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
    OR (NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL))
  EXECUTE FUNCTION hieuhoc_end_user_sessions();

-- A save of a user names the version it started from (optimistic concurrency, migration 0007): the application
-- role reads the column to compare it.
GRANT SELECT (version) ON app_users TO hieuhoc_app;

-- Who changed a record last, and when, for the 409 answer to a stale save (lib/concurrency.ts). A data-entry
-- user may not read the audit log, yet must learn that a colleague saved the score sheet first; the server asks
-- only after the record was read in the caller's scope, and learns a name and a time, nothing else.
CREATE FUNCTION hieuhoc_last_change(entities text[], entity_ids text[])
RETURNS TABLE (changed_by text, changed_at timestamptz) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT a.actor_name, a.at FROM audit_log a
  JOIN unnest(entities, entity_ids) AS e (entity, entity_id) ON a.entity = e.entity AND a.entity_id = e.entity_id
  ORDER BY a.at DESC, a.id DESC
  LIMIT 1
$$;
REVOKE ALL ON FUNCTION hieuhoc_last_change(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hieuhoc_last_change(text[], text[]) TO hieuhoc_app;
