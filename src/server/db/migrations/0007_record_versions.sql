-- Optimistic concurrency. Every record a user edits carries a version that the database increases on each
-- update; a save names the version it started from and is refused (409) when the row has moved on, so two
-- people editing the same household or score sheet cannot silently overwrite each other.
CREATE FUNCTION hieuhoc_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

ALTER TABLE admin_units ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE app_users ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE households ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE clans ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE citizens ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE registrations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE decisions ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE targets ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TRIGGER admin_units_version BEFORE UPDATE ON admin_units
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER app_users_version BEFORE UPDATE ON app_users
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER households_version BEFORE UPDATE ON households
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER clans_version BEFORE UPDATE ON clans
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER organizations_version BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER citizens_version BEFORE UPDATE ON citizens
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER registrations_version BEFORE UPDATE ON registrations
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER decisions_version BEFORE UPDATE ON decisions
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();
CREATE TRIGGER targets_version BEFORE UPDATE ON targets
  FOR EACH ROW EXECUTE FUNCTION hieuhoc_bump_version();

-- "Who changed it, and when" for a refused save is the record's latest audit entry.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at DESC);
