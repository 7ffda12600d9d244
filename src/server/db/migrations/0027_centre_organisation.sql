-- The organisation and history of a learning centre (issue 10, point 1): its decisions (thành lập, bổ nhiệm,
-- sáp nhập, giải thể), its board and staff, and the succession of centres that a merger leaves, across communes
-- when the old communes' centres went into the 2025 commune's. Written with `write` on the centre's commune
-- (registry.edit), read with `read`; a grant on a 2025 commune reads its predecessors' centres (hieuhoc_roots_for).

-- Decisions of a centre. The signer is stored as the titles cycle stores it (issuer, post, name): the form of the
-- signature (TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, Q. CHỦ TỊCH; NĐ 30/2020) is read from the post and the issuer.
CREATE TABLE centre_decisions (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  centre_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('founding', 'appointment', 'merger', 'dissolution', 'other')),
  number text NOT NULL CHECK (number <> ''),
  signed_on date NOT NULL,
  signer_name text NOT NULL CHECK (signer_name <> ''),
  signer_title text NOT NULL CHECK (signer_title <> ''),
  issuer text NOT NULL CHECK (issuer <> ''),
  effective_on date,
  summary text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  CHECK (effective_on IS NULL OR effective_on >= signed_on),
  FOREIGN KEY (commune_id, centre_id) REFERENCES learning_centres (commune_id, id)
);
CREATE INDEX centre_decisions_centre ON centre_decisions (commune_id, centre_id, signed_on);
SELECT hieuhoc_scope_policies('centre_decisions', 'commune_id');
GRANT USAGE ON SEQUENCE centre_decisions_id_seq TO hieuhoc_app;

-- Board and staff: set as a whole list; people no longer listed are kept with removed_at (the history).
CREATE TABLE centre_staff (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  centre_id bigint NOT NULL,
  role text NOT NULL CHECK (role IN ('director', 'deputy_director', 'teacher', 'reporter', 'collaborator')),
  full_name text NOT NULL CHECK (full_name <> ''),
  post text,
  since date,
  decision_id bigint,
  removed_at timestamptz,
  PRIMARY KEY (commune_id, id),
  FOREIGN KEY (commune_id, centre_id) REFERENCES learning_centres (commune_id, id),
  FOREIGN KEY (commune_id, decision_id) REFERENCES centre_decisions (commune_id, id)
);
CREATE INDEX centre_staff_centre ON centre_staff (commune_id, centre_id) WHERE removed_at IS NULL;
-- At most one giám đốc at a time.
CREATE UNIQUE INDEX centre_staff_one_director ON centre_staff (commune_id, centre_id)
  WHERE role = 'director' AND removed_at IS NULL;
SELECT hieuhoc_scope_policies('centre_staff', 'commune_id');
GRANT USAGE ON SEQUENCE centre_staff_id_seq TO hieuhoc_app;

-- Successions of centres: (predecessor commune, predecessor) → (successor commune, successor), kept with the
-- successor's commune (its merger decision). A predecessor goes into one successor only.
CREATE TABLE centre_successions (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  successor_id bigint NOT NULL,
  predecessor_commune_id bigint NOT NULL REFERENCES admin_units (id),
  predecessor_id bigint NOT NULL,
  decision_id bigint NOT NULL,
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, predecessor_commune_id, predecessor_id),
  CHECK (predecessor_commune_id <> commune_id OR predecessor_id <> successor_id),
  FOREIGN KEY (commune_id, successor_id) REFERENCES learning_centres (commune_id, id),
  FOREIGN KEY (predecessor_commune_id, predecessor_id) REFERENCES learning_centres (commune_id, id),
  FOREIGN KEY (commune_id, decision_id) REFERENCES centre_decisions (commune_id, id)
);
CREATE INDEX centre_successions_successor ON centre_successions (commune_id, successor_id);
CREATE INDEX centre_successions_predecessor ON centre_successions (predecessor_commune_id, predecessor_id);
SELECT hieuhoc_scope_policies('centre_successions', 'commune_id');
GRANT USAGE ON SEQUENCE centre_successions_id_seq TO hieuhoc_app;
