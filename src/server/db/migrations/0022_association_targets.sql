-- Targets of the Hội Khuyến học (issue 8, point 5): beside the learning titles, a target may be set for the Hội
-- ("association") on the share of households with at least one member (householdShare), the goal "mỗi gia đình
-- có một hội viên khuyến học". Same rules as the title targets (local targets of a province or a commune, the
-- nearest one applies); the Hội's targets measure only that share, the titles' only their rates.
ALTER TABLE targets DROP CONSTRAINT targets_title_check;
ALTER TABLE targets ADD CONSTRAINT targets_title_check CHECK (title IN ('learning_family', 'learning_clan',
  'learning_community_village', 'learning_community_commune', 'learning_organization', 'learning_citizen',
  'association'));
ALTER TABLE targets DROP CONSTRAINT targets_metric_check;
ALTER TABLE targets ADD CONSTRAINT targets_metric_check
  CHECK (metric IN ('recognizedRate', 'registeredRate', 'householdShare'));
ALTER TABLE targets ADD CONSTRAINT targets_subject_metric_check
  CHECK ((title = 'association') = (metric = 'householdShare'));
