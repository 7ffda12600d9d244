-- Lookups by id alone. The API addresses records as /households/{id}, /registrations/{id}, /decisions/{id}, ...,
-- while every primary key leads with commune_id (the distribution column), so without these a lookup by id scans
-- the national table: the national benchmark (docs/PERFORMANCE.md) measured 34 ms per registration lookup at
-- 2.5 million registrations and 9 ms per household at 1 million. Not unique: under Citus they stay local to each
-- shard; the ids are unique through their sequences.
CREATE INDEX households_id ON households (id);
CREATE INDEX clans_id ON clans (id);
CREATE INDEX organizations_id ON organizations (id);
CREATE INDEX citizens_id ON citizens (id);
CREATE INDEX registrations_id ON registrations (id);
CREATE INDEX reviews_id ON reviews (id);
CREATE INDEX decisions_id ON decisions (id);
CREATE INDEX evidence_id ON evidence (id);

-- A subject's past recognitions in its commune (the level it already holds: TT 25/2023 level 2 needs level 1).
CREATE INDEX registrations_subject ON registrations (commune_id, subject_kind, subject_id, title);
