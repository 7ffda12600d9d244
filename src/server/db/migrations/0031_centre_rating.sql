-- The yearly rating of the learning centres (xếp loại TTHTCĐ; issue 10, point 5) runs through the learning titles'
-- cycle as one more title, `centre_rating`, whose subjects are the rows of learning_centres (subject kind
-- `centre`, commune level): registration, self-assessment on a points criteria set, review meeting, a decision
-- drafted by one person and issued by another reviewer (decisions' CHECK), and the lock after it, all unchanged.
-- No new table: the registrations, reviews and decisions are the cycle's own, keyed (commune_id, id) as before.

ALTER TABLE rubrics DROP CONSTRAINT rubrics_title_check;
ALTER TABLE rubrics ADD CONSTRAINT rubrics_title_check CHECK (title IN ('learning_family', 'learning_clan',
  'learning_community_village', 'learning_community_commune', 'learning_organization', 'learning_citizen',
  'centre_rating'));

ALTER TABLE registrations DROP CONSTRAINT registrations_subject_kind_check;
ALTER TABLE registrations ADD CONSTRAINT registrations_subject_kind_check CHECK (subject_kind IN
  ('household', 'clan', 'village', 'organization', 'citizen', 'commune', 'centre'));

-- A rating is written in the decision; it gives no certificate (docs/CENTRES.md, "Xếp loại trung tâm"). The
-- table holds no rating yet, so the check is added without scanning the registrations (NOT VALID still checks
-- every row written from now on).
ALTER TABLE registrations ADD CONSTRAINT registrations_rating_no_certificate
  CHECK (title <> 'centre_rating' OR certificate_code IS NULL) NOT VALID;

-- "Tổng số" of the rating: the commune's centres not archived, counted at the commune like the clans.
CREATE TRIGGER learning_centres_totals_insert AFTER INSERT ON learning_centres REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('centre_rating', 'commune_id');
CREATE TRIGGER learning_centres_totals_update AFTER UPDATE ON learning_centres
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('centre_rating', 'commune_id');
CREATE TRIGGER learning_centres_totals_delete AFTER DELETE ON learning_centres REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hieuhoc_totals_registry('centre_rating', 'commune_id');

-- The recount (hieuhoc stats verify / rebuild) as in 0003, with the centres.
CREATE OR REPLACE FUNCTION hieuhoc_expected_totals(p_commune bigint)
RETURNS TABLE (commune_id bigint, unit_id bigint, title text, province_id bigint, total integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT commune_id, village_id, 'learning_family', province_id, count(*)::int FROM households
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, village_id, 'learning_citizen', province_id, count(*)::int FROM citizens
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, commune_id, 'learning_clan', province_id, count(*)::int FROM clans
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, unit_id, 'learning_organization', province_id, count(*)::int FROM organizations
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT commune_id, commune_id, 'centre_rating', province_id, count(*)::int FROM learning_centres
  WHERE commune_id = p_commune AND archived_at IS NULL GROUP BY 1, 2, 4
  UNION ALL
  SELECT p_commune, u.id, CASE u.level WHEN 'village' THEN 'learning_community_village' ELSE 'learning_community_commune' END,
    p.ancestor_id, 1
  FROM admin_units u
  JOIN admin_units c ON c.id = p_commune AND c.level = 'commune'
  JOIN admin_unit_paths p ON p.descendant_id = c.id
  JOIN admin_units a ON a.id = p.ancestor_id AND a.level = 'province'
  WHERE u.valid_to IS NULL AND ((u.level = 'village' AND u.parent_id = p_commune) OR u.id = p_commune)
$$;

-- Centres created before this migration (0026 to 0030) are counted once here.
INSERT INTO title_totals AS t (commune_id, unit_id, title, province_id, total)
SELECT commune_id, commune_id, 'centre_rating', province_id, count(*)::int FROM learning_centres
WHERE archived_at IS NULL GROUP BY commune_id, province_id
ON CONFLICT (commune_id, unit_id, title) DO UPDATE SET total = excluded.total;
