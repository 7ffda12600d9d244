-- The audit log keeps the ids of who acted and on which unit as they were recorded, without foreign keys.
--
-- Each audit row checked two foreign keys (actor_id → app_users, unit_id → admin_units): one lookup each, row by row,
-- which was 40 % of the time of a bulk import's audit rows (10,000 rows: 116 ms without them, 200 ms with them, on
-- PostgreSQL; an evaluations import of 15,000 households writes 30,000, docs/PERFORMANCE.md). They guarded nothing a
-- writer could get wrong: the only writers are the audit repository's functions, which take the actor from the
-- signed-in session (row-level security's WITH CHECK holds actor_id to the session's user) and the unit from a row
-- they have just read or written; and neither users nor units are ever deleted (a user is disabled, a unit closed
-- with valid_to). An append-only log should not depend on other tables' rows anyway: with the keys, a user could
-- never be removed, since the rows naming them can be neither changed nor deleted.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_actor_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_unit_id_fkey;
