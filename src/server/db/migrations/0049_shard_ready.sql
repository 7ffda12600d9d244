-- Ready to shard by commune (issue 13, point 7; docs/SCALE-OUT.md). The catalog test
-- (test/api/distribution.test.ts) found three keys that a Citus cluster distributed by commune_id would refuse.

-- 1. A completion certificate's code was unique in the country: now unique in its commune, as the titles'
-- certificate codes are (registrations: UNIQUE (commune_id, certificate_code)). Codes made from now on carry their
-- commune (src/server/lib/certificate-code.ts), so they stay unique in the country and the public check reads one
-- commune; the codes already printed keep working through the index on the code alone.
ALTER TABLE activity_certificates DROP CONSTRAINT activity_certificates_code_key;
ALTER TABLE activity_certificates ADD CONSTRAINT activity_certificates_commune_id_code_key UNIQUE (commune_id, code);
CREATE INDEX activity_certificates_code ON activity_certificates (code);

-- 2. A merged centre's succession points at the predecessor's centre in another commune: a key across communes
-- (shards) that Citus cannot enforce. The service checks the predecessor when it records the merger
-- (centre-decisions.service.ts), and centres are archived, never deleted.
ALTER TABLE centre_successions DROP CONSTRAINT centre_successions_predecessor_commune_id_predecessor_id_fkey;

-- 3. A chapter secretary's grant (role_grants, a reference table) named its chapter (a distributed table) by a
-- foreign key, which Citus refuses from a reference table. users.service.ts checkChapter checks the chapter when the
-- grant is made, and chapters are archived, never deleted.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_chapter_fk;
