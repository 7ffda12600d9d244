-- The programme's calendar of deadlines (issue 11, item 6; docs/DEADLINES.md): what is due (a key), by which
-- level, on which day and month of the data year or the year after, as versioned data. A row with no owner unit is
-- the national default; a province may set its own date for its communes (owner_unit_id = the province). A row
-- applies from the data year `valid_from` until a later row of the same key, level and owner takes over.
CREATE TABLE programme_deadlines (
  id bigserial PRIMARY KEY,
  key text NOT NULL CHECK (key IN ('tt25_dossier', 'recognition', 'fund_disclosure', 'annual_report',
    'learning_week')),
  label text NOT NULL CHECK (label <> '' AND length(label) <= 300),
  -- Who must meet it: a commune (xã, phường), a province, or the Hội Khuyến học of a commune.
  level text NOT NULL CHECK (level IN ('commune', 'province', 'association')),
  -- A period (Tuần lễ hưởng ứng học tập suốt đời 01/10–07/10) starts on start_day/start_month; a single date has none.
  start_month smallint CHECK (start_month BETWEEN 1 AND 12),
  start_day smallint CHECK (start_day BETWEEN 1 AND 31),
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  -- 0: in the data year; 1: in the following year (the TT 25 dossier of 2025 is due 28/02/2026).
  year_offset smallint NOT NULL DEFAULT 0 CHECK (year_offset IN (0, 1)),
  owner_unit_id bigint REFERENCES admin_units (id),
  valid_from smallint NOT NULL CHECK (valid_from BETWEEN 2000 AND 2100),
  legal_basis text CHECK (length(legal_basis) <= 300),
  -- false where RULES.md marks the date UNCONFIRMED.
  confirmed boolean NOT NULL DEFAULT true,
  note text CHECK (length(note) <= 1000),
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A yearly date exists every year: no 29/02, no 31/04.
  CHECK (day <= CASE WHEN month = 2 THEN 28 WHEN month IN (4, 6, 9, 11) THEN 30 ELSE 31 END),
  CHECK ((start_month IS NULL) = (start_day IS NULL)),
  CHECK (start_day IS NULL
    OR start_day <= CASE WHEN start_month = 2 THEN 28 WHEN start_month IN (4, 6, 9, 11) THEN 30 ELSE 31 END),
  CHECK (start_month IS NULL OR (start_month, start_day) <= (month, day))
);
CREATE UNIQUE INDEX programme_deadlines_key
  ON programme_deadlines (key, level, coalesce(owner_unit_id, 0), valid_from);
CREATE INDEX programme_deadlines_owner ON programme_deadlines (owner_unit_id);

-- National rows are public rules; a province's row is read by whoever sees the province (its communes too), and
-- written by its unit admins (national rows: system administrators only).
ALTER TABLE programme_deadlines ENABLE ROW LEVEL SECURITY;
CREATE POLICY programme_deadlines_read ON programme_deadlines FOR SELECT
  USING (owner_unit_id IS NULL OR hieuhoc_unit_visible(owner_unit_id));
-- Who writes a row: a national one, system administrators; a province's, its unit admins (and system administrators).
CREATE FUNCTION hieuhoc_deadline_writable(owner bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN owner IS NULL THEN hieuhoc_is_global() ELSE hieuhoc_can('admin', owner) END
$$;
CREATE POLICY programme_deadlines_insert ON programme_deadlines FOR INSERT
  WITH CHECK (hieuhoc_deadline_writable(owner_unit_id));
CREATE POLICY programme_deadlines_update ON programme_deadlines FOR UPDATE
  USING (hieuhoc_deadline_writable(owner_unit_id)) WITH CHECK (hieuhoc_deadline_writable(owner_unit_id));
CREATE POLICY programme_deadlines_delete ON programme_deadlines FOR DELETE
  USING (owner_unit_id IS NOT NULL AND hieuhoc_can('admin', owner_unit_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON programme_deadlines TO hieuhoc_app;
GRANT USAGE ON SEQUENCE programme_deadlines_id_seq TO hieuhoc_app;

-- National defaults (RULES.md §1.2, §2.5, §4, §6). valid_from: the first data year the rule covers.
INSERT INTO programme_deadlines
  (key, label, level, start_month, start_day, month, day, year_offset, valid_from, legal_basis, confirmed, note)
VALUES
  ('tt25_dossier', 'Nộp hồ sơ đề nghị công nhận Cộng đồng học tập cấp xã', 'commune', NULL, NULL, 2, 28, 1, 2024,
   'Thông tư 25/2023/TT-BGDĐT, Điều 9', true,
   'Nộp trước 28/02 năm sau, số liệu từ 01/01 đến 31/12 năm đánh giá'),
  ('recognition', 'Hoàn thành công nhận danh hiệu học tập', 'commune', NULL, NULL, 3, 31, 1, 2024,
   'Thông tư 25/2023/TT-BGDĐT, Điều 9', false,
   'Hạn 31/03 năm sau đã kiểm chứng cho Cộng đồng học tập cấp xã; áp dụng cho các danh hiệu khác là cách làm của phần mềm'),
  ('fund_disclosure', 'Công khai thu – chi quỹ khuyến học', 'association', NULL, NULL, 3, 31, 1, 2019,
   'Nghị định 93/2019/NĐ-CP; từ 01/03/2026 Nghị định 03/2026/NĐ-CP', false,
   'Hạn 31/03 đã kiểm chứng cho quỹ xã hội có giấy phép; với quỹ của Hội Khuyến học xã, chi hội, dòng họ chưa kiểm chứng'),
  ('annual_report', 'Báo cáo kết quả xây dựng xã hội học tập', 'commune', NULL, NULL, 12, 15, 0, 2015,
   'Công văn 6782/BGDĐT-GDTX', false,
   '15/12 là hạn tỉnh báo cáo Bộ Giáo dục và Đào tạo, Hội Khuyến học Việt Nam; tỉnh đặt hạn riêng cho xã, phường'),
  ('annual_report', 'Báo cáo kết quả xây dựng xã hội học tập', 'province', NULL, NULL, 12, 15, 0, 2015,
   'Công văn 6782/BGDĐT-GDTX', true, 'Gửi Bộ Giáo dục và Đào tạo (Vụ GDTX) và Hội Khuyến học Việt Nam'),
  ('learning_week', 'Tuần lễ hưởng ứng học tập suốt đời', 'commune', 10, 1, 10, 7, 0, 2024,
   'Thông tư 25/2023/TT-BGDĐT, tiêu chí 1.3', false,
   'Tổ chức hằng năm đầu tháng 10; ngày 01/10–07/10 chưa kiểm chứng');
