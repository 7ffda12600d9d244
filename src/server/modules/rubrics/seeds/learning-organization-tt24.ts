/**
 * Đơn vị học tập cấp huyện, cấp tỉnh, Thông tư 24/2023/TT-BGDĐT (RULES.md §2.4). CONFIRMED: two levels, the
 * procedure (data period 1/1–31/12, dossier before 15/01 of the next year, for cấp huyện). The criteria and
 * indicators were not read: all UNCONFIRMED, modelled on TT 25/2023 (four criteria, level 2 requires level 1,
 * 12-month wait, 3-year validity by analogy). The issue and effective dates are UNCONFIRMED ("late 12/2023").
 * Cấp huyện and cấp tỉnh have separate articles (Điều 5–10, 11–16), so they are separate sets; cấp huyện ends
 * with the district level on 01/07/2025.
 */
import type { LevelsDefinition, Rubric, RubricMeta } from "../../../../shared/rubric";

const tt24: RubricMeta["legalBasis"] = {
  number: "24/2023/TT-BGDĐT",
  date: "2023-12-27",
  issuer: "Bộ Giáo dục và Đào tạo",
};

const criteria = [
  {
    key: "tc1",
    name: "Sự lãnh đạo, chỉ đạo của người đứng đầu đơn vị đối với việc học tập",
    items: [
      "Có kế hoạch xây dựng Đơn vị học tập hằng năm và tổ chức thực hiện",
      "Tuyên truyền, nâng cao nhận thức về học tập suốt đời trong đơn vị",
    ],
  },
  {
    key: "tc2",
    name: "Điều kiện bảo đảm cho việc học tập",
    items: [
      "Bố trí kinh phí, thời gian cho cán bộ, người lao động học tập, bồi dưỡng",
      "Trang bị dịch vụ, công cụ số phục vụ học tập",
    ],
  },
  {
    key: "tc3",
    name: "Kết quả học tập của cán bộ, công chức, viên chức, người lao động",
    items: [
      "Tỷ lệ cán bộ, người lao động hoàn thành bồi dưỡng theo quy định",
      'Tỷ lệ cán bộ, người lao động đạt "Công dân học tập" (QĐ 677/QĐ-TTg)',
    ],
  },
  {
    key: "tc4",
    name: "Tác động của học tập đến kết quả thực hiện nhiệm vụ của đơn vị",
    items: ["Đơn vị hoàn thành tốt nhiệm vụ, có sáng kiến, đổi mới trong năm"],
  },
];

const levelCriteria = (level: 1 | 2) =>
  criteria.map((c) => ({
    key: `md${level}.${c.key}`,
    name: c.name,
    unconfirmed: true,
    items: c.items.map((text, i) => ({
      key: `md${level}.${c.key}.${i + 1}`,
      text: level === 1 ? text : `${text} (yêu cầu cao hơn mức độ 1)`,
      unconfirmed: true,
    })),
  }));

const definition: LevelsDefinition = {
  scheme: "levels",
  unconfirmed: true,
  waitMonthsBetweenLevels: 12,
  validityYears: 3,
  levels: [
    { level: 1, criteria: levelCriteria(1) },
    { level: 2, requires: 1, criteria: levelCriteria(2) },
  ],
};

const notes =
  "Tiêu chí, chỉ tiêu, thời gian chờ 12 tháng và thời hạn 3 năm chưa kiểm chứng (mô phỏng theo TT 25/2023). " +
  "Ngày ban hành, ngày hiệu lực chưa kiểm chứng (cuối tháng 12/2023; giả định hiệu lực như TT 25/2023).";

export const learningOrganizationTt24District: Rubric = {
  meta: {
    code: "tt24-2023-dvht-huyen",
    title: "learning_organization",
    unitLevel: "district",
    name: "Đánh giá, công nhận Đơn vị học tập cấp huyện (TT 24/2023/TT-BGDĐT)",
    legalBasis: tt24,
    effectiveFrom: "2024-02-12",
    // No district level after the 1/7/2025 reform (RULES.md §1.3).
    effectiveTo: "2025-07-01",
    deadlines: [
      {
        step: "dossier",
        month: 1,
        day: 15,
        yearOffset: 1,
        label: "Nộp hồ sơ đề nghị về Phòng GDĐT trước 15/01 năm sau (số liệu 01/01–31/12)",
      },
    ],
    notes,
    unconfirmed: true,
  },
  definition,
};

export const learningOrganizationTt24Province: Rubric = {
  meta: {
    code: "tt24-2023-dvht-tinh",
    title: "learning_organization",
    unitLevel: "province",
    name: "Đánh giá, công nhận Đơn vị học tập cấp tỉnh (TT 24/2023/TT-BGDĐT)",
    legalBasis: tt24,
    effectiveFrom: "2024-02-12",
    effectiveTo: null,
    deadlines: [
      {
        step: "dossier",
        month: 1,
        day: 15,
        yearOffset: 1,
        label: "Nộp hồ sơ đề nghị trước 15/01 năm sau (theo quy trình cấp huyện, gần đúng)",
        unconfirmed: true,
      },
    ],
    notes,
    unconfirmed: true,
  },
  definition,
};
