-- Completion certificates of the learning centres' activities (issue 10, point 4; docs/CENTRES.md, "Giờ học và giấy
-- chứng nhận"): one random verification code per (activity, learner), made the first time the activity's
-- certificates are printed and kept after, so a printed QR code stays valid. The public check reads it by code.
CREATE TABLE activity_certificates (
  commune_id bigint NOT NULL REFERENCES admin_units (id),
  id bigserial NOT NULL,
  activity_id bigint NOT NULL,
  citizen_id bigint NOT NULL,
  province_id bigint NOT NULL REFERENCES admin_units (id),
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{6,20}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, id),
  UNIQUE (commune_id, activity_id, citizen_id),
  FOREIGN KEY (commune_id, activity_id, citizen_id)
    REFERENCES activity_learners (commune_id, activity_id, citizen_id)
);

-- Read with `read`, made with `attendance` (the staff who print the class's certificates).
SELECT hieuhoc_fund_policies('activity_certificates', ARRAY['attendance'], ARRAY['attendance']);
GRANT USAGE ON SEQUENCE activity_certificates_id_seq TO hieuhoc_app;
