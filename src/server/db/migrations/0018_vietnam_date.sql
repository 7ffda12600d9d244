-- "Today" in the database is the date in Vietnam (UTC+7, no daylight saving), as the services compute it
-- (registry/rules.ts todayIso): `current_date` follows the server's time zone (UTC in PGlite and on most cloud
-- servers), so from 17:00 to 24:00 UTC it was the day before. A change of chapter without its date now takes the
-- Vietnamese date.
CREATE FUNCTION hieuhoc_today(at timestamptz DEFAULT now()) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + interval '7 hours')::date
$$;

CREATE OR REPLACE FUNCTION members_transfer_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.chapter_id <> OLD.chapter_id AND NEW.chapter_since IS NOT DISTINCT FROM OLD.chapter_since THEN
    NEW.chapter_since := hieuhoc_today();
  END IF;
  RETURN NEW;
END $$;
