-- A plan's targets become the unit's local targets when the plan is issued (issue 11, item 3; docs/REPORTS.md,
-- "Chỉ tiêu của kế hoạch"). The targets are entered in the plan's document fields (reports.document.planTargets,
-- frozen with the version on submission); the basis of the targets it gives is the issued version itself, so a
-- re-issued version finds and replaces the targets of the versions before it. Two versions may carry the same
-- number (số, ký hiệu): a basis made from a plan is keyed by its report, the others by number and issuer as before.
-- No foreign key to reports: target_bases is a reference table (copied to every node on a sharded install,
-- docs/SCALE-OUT.md) and reports are distributed by commune; the submission writes report_id from the report it
-- is issuing, in the same transaction, and reports are never deleted.
ALTER TABLE target_bases ADD COLUMN report_id bigint;
ALTER TABLE target_bases ADD CONSTRAINT target_bases_report_unit CHECK (report_id IS NULL OR unit_id IS NOT NULL);
DROP INDEX target_bases_local;
CREATE UNIQUE INDEX target_bases_local ON target_bases (unit_id, number, issuer)
  WHERE unit_id IS NOT NULL AND report_id IS NULL;
CREATE UNIQUE INDEX target_bases_plan ON target_bases (report_id) WHERE report_id IS NOT NULL;
