-- Targets (chỉ tiêu) of the learning titles: the national programmes (RULES.md §3) with their legal basis, and
-- local targets a province or a commune sets for itself (its communes inherit a province's). Progress compares a
-- unit's rate with the target that applies to it (src/server/modules/stats/targets.service.ts).

-- The document a target comes from: a national programme (unit_id NULL) or a local plan of a unit.
CREATE TABLE target_bases (
  id bigserial PRIMARY KEY,
  unit_id bigint REFERENCES admin_units (id),
  number text NOT NULL CHECK (number <> ''),
  signed_on date,
  issuer text NOT NULL CHECK (issuer <> ''),
  name text NOT NULL DEFAULT '',
  -- false where the figures were taken from secondary sources (RULES.md marks them UNCONFIRMED).
  confirmed boolean NOT NULL DEFAULT true,
  note text,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX target_bases_national ON target_bases (number, issuer) WHERE unit_id IS NULL;
CREATE UNIQUE INDEX target_bases_local ON target_bases (unit_id, number, issuer) WHERE unit_id IS NOT NULL;

CREATE TABLE targets (
  id bigserial PRIMARY KEY,
  basis_id bigint NOT NULL REFERENCES target_bases (id),
  -- NULL: a national target; else the province or commune that set it for itself and the units under it.
  unit_id bigint REFERENCES admin_units (id),
  title text NOT NULL CHECK (title IN ('learning_family', 'learning_clan', 'learning_community_village',
    'learning_community_commune', 'learning_organization', 'learning_citizen')),
  metric text NOT NULL CHECK (metric IN ('recognizedRate', 'registeredRate')),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- A percentage with two decimals.
  value numeric(5, 2) NOT NULL CHECK (value >= 0 AND value <= 100),
  -- 'difficult': the lower figure a programme sets for difficult areas (vùng khó khăn). Units carry no such flag
  -- yet, so progress uses the standard figures only.
  variant text NOT NULL DEFAULT 'standard' CHECK (variant IN ('standard', 'difficult')),
  -- What the programme's indicator says, word for word where known.
  indicator text NOT NULL DEFAULT '',
  note text,
  created_by bigint REFERENCES app_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX targets_key ON targets (coalesce(unit_id, 0), title, metric, year, variant);
CREATE INDEX targets_unit ON targets (unit_id);

ALTER TABLE target_bases ENABLE ROW LEVEL SECURITY;
ALTER TABLE targets ENABLE ROW LEVEL SECURITY;
-- National rows are public rules; a local row is read by whoever sees its unit (its subtree, ancestors too, so a
-- commune reads the targets its province set).
CREATE POLICY target_bases_read ON target_bases FOR SELECT USING (unit_id IS NULL OR hieuhoc_unit_visible(unit_id));
CREATE POLICY target_bases_insert ON target_bases FOR INSERT WITH CHECK (
  unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id));
CREATE POLICY targets_read ON targets FOR SELECT USING (unit_id IS NULL OR hieuhoc_unit_visible(unit_id));
CREATE POLICY targets_insert ON targets FOR INSERT WITH CHECK (unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id));
CREATE POLICY targets_update ON targets FOR UPDATE
  USING (unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id))
  WITH CHECK (unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id));
CREATE POLICY targets_delete ON targets FOR DELETE USING (unit_id IS NOT NULL AND hieuhoc_can('admin', unit_id));
GRANT SELECT, INSERT ON target_bases TO hieuhoc_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON targets TO hieuhoc_app;
GRANT USAGE ON SEQUENCE target_bases_id_seq, targets_id_seq TO hieuhoc_app;

-- National programmes (RULES.md §3). QĐ 281/2014: figures from a secondary source, not the decision's text.
INSERT INTO target_bases (number, signed_on, issuer, name, confirmed, note) VALUES
  ('281/QĐ-TTg', '2014-02-20', 'Thủ tướng Chính phủ',
   'Đề án "Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2020"', false,
   'Mức chỉ tiêu theo bài tổng kết 5 năm thực hiện Đề án (baotintuc.vn, 11/02/2019), chưa đối chiếu văn bản gốc'),
  ('387/QĐ-TTg', '2022-03-25', 'Thủ tướng Chính phủ',
   'Chương trình "Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021 – 2030"',
   true, NULL),
  ('677/QĐ-TTg', '2022-06-03', 'Thủ tướng Chính phủ',
   'Chương trình "Xây dựng mô hình Công dân học tập giai đoạn 2021 – 2030"', true,
   'Cùng mức 40% (2025), 60% (2030) công dân đạt "Công dân học tập" tại QĐ 1373/QĐ-TTg ngày 30/07/2021 (Đề án xây dựng xã hội học tập) và QĐ 387/QĐ-TTg');

INSERT INTO targets (basis_id, title, metric, year, value, variant, indicator, note)
SELECT b.id, t.title, 'recognizedRate', t.year, t.value, t.variant, t.indicator, t.note
FROM (VALUES
  ('387/QĐ-TTg', 'learning_family', 2025, 70.00, 'standard', 'Gia đình được công nhận "Gia đình học tập"', NULL),
  ('387/QĐ-TTg', 'learning_family', 2030, 80.00, 'standard', 'Gia đình được công nhận "Gia đình học tập"', NULL),
  ('387/QĐ-TTg', 'learning_clan', 2025, 65.00, 'standard', 'Dòng họ được công nhận "Dòng họ học tập"', NULL),
  ('387/QĐ-TTg', 'learning_clan', 2030, 75.00, 'standard', 'Dòng họ được công nhận "Dòng họ học tập"', NULL),
  ('387/QĐ-TTg', 'learning_community_village', 2025, 65.00, 'standard',
   'Cộng đồng (thôn, bản, tổ dân phố và tương đương) được công nhận "Cộng đồng học tập"', NULL),
  ('387/QĐ-TTg', 'learning_community_village', 2030, 75.00, 'standard',
   'Cộng đồng (thôn, bản, tổ dân phố và tương đương) được công nhận "Cộng đồng học tập"', NULL),
  ('387/QĐ-TTg', 'learning_organization', 2025, 80.00, 'standard',
   'Tổ chức, cơ quan, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn cấp xã đạt "Đơn vị học tập"', NULL),
  ('387/QĐ-TTg', 'learning_organization', 2030, 90.00, 'standard',
   'Tổ chức, cơ quan, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn cấp xã đạt "Đơn vị học tập"', NULL),
  ('677/QĐ-TTg', 'learning_citizen', 2025, 40.00, 'standard',
   'Người lớn trong gia đình học tập, dòng họ học tập, cộng đồng học tập đạt "Công dân học tập"',
   'Chương trình tính trên người lớn trong GĐHT, DHHT, CĐHT; phần mềm tính trên công dân trong danh sách'),
  ('677/QĐ-TTg', 'learning_citizen', 2030, 60.00, 'standard',
   'Người lớn trong gia đình học tập, dòng họ học tập, cộng đồng học tập đạt "Công dân học tập"',
   'Chương trình tính trên người lớn trong GĐHT, DHHT, CĐHT; phần mềm tính trên công dân trong danh sách'),
  ('281/QĐ-TTg', 'learning_family', 2020, 70.00, 'standard', 'Gia đình đạt "Gia đình học tập"', NULL),
  ('281/QĐ-TTg', 'learning_clan', 2020, 50.00, 'standard', 'Dòng họ đạt "Dòng họ học tập"', NULL),
  ('281/QĐ-TTg', 'learning_community_village', 2020, 60.00, 'standard', 'Cộng đồng đạt "Cộng đồng học tập"', NULL),
  ('281/QĐ-TTg', 'learning_organization', 2020, 50.00, 'standard', 'Đơn vị đạt "Đơn vị học tập"', NULL),
  ('281/QĐ-TTg', 'learning_family', 2020, 60.00, 'difficult', 'Gia đình đạt "Gia đình học tập" (vùng khó khăn)', NULL),
  ('281/QĐ-TTg', 'learning_clan', 2020, 40.00, 'difficult', 'Dòng họ đạt "Dòng họ học tập" (vùng khó khăn)', NULL),
  ('281/QĐ-TTg', 'learning_community_village', 2020, 50.00, 'difficult',
   'Cộng đồng đạt "Cộng đồng học tập" (vùng khó khăn)', NULL)
) AS t (number, title, year, value, variant, indicator, note)
JOIN target_bases b ON b.number = t.number AND b.unit_id IS NULL;
