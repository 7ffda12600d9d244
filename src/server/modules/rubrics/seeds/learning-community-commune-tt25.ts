/**
 * Cộng đồng học tập cấp xã, Thông tư 25/2023/TT-BGDĐT (27/12/2023, in force from 12/02/2024; RULES.md §1.2).
 * CONFIRMED: the dates, two levels of four criteria, TC1 and TC2 with their indicators at level 1, the dossier
 * before 28/02 and the recognition before 31/03 of the next year. UNCONFIRMED: TC3 and TC4 (titles and
 * indicators), the level-2 indicators ("same criteria, higher thresholds"), the rule "criterion met when all
 * its indicators are met", and at commune level the 12-month wait and the 3-year validity (CONFIRMED for the
 * province only).
 */
import type { LevelCriterion, Rubric } from "../../../../shared/rubric";

type Criterion = { key: string; name: string; unconfirmed?: true; items: [string, boolean?][] };

/** Level 1 (Điều 6); the boolean marks an UNCONFIRMED indicator. */
const criteria: Criterion[] = [
  {
    key: "tc1",
    name: "Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã",
    items: [
      [
        "Làm tốt công tác tuyên truyền nâng cao nhận thức cho cộng đồng về học tập suốt đời, xây dựng xã hội học tập",
      ],
      [
        "Xây dựng chương trình, kế hoạch thực hiện công tác xây dựng xã hội học tập hằng năm và tổ chức thực hiện đầy đủ",
      ],
      [
        "Xây dựng kế hoạch và triển khai các hoạt động cụ thể tổ chức Tuần lễ hưởng ứng học tập suốt đời, " +
          "báo cáo theo quy định",
      ],
    ],
  },
  {
    key: "tc2",
    name: "Huy động nguồn lực và tạo môi trường thuận lợi để xây dựng xã hội học tập tại địa phương",
    items: [
      [
        "Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm theo Luật Ngân sách nhà nước cho xây dựng xã hội học tập",
      ],
      ["Thực hiện vận động, huy động nguồn lực xã hội tham gia xây dựng xã hội học tập, có kết quả tích cực"],
      [
        "Xây dựng cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị – xã hội cấp xã, " +
          "các cơ sở giáo dục, thiết chế văn hóa trên địa bàn",
      ],
    ],
  },
  {
    key: "tc3",
    name: "Hiệu quả hoạt động của các cơ sở giáo dục, thiết chế văn hóa trên địa bàn xã",
    unconfirmed: true,
    items: [
      ["Trung tâm học tập cộng đồng hoạt động hiệu quả, được đánh giá đạt", true],
      ["Các trường mầm non, tiểu học, trung học cơ sở đạt kiểm định chất lượng, chuẩn quốc gia", true],
      ["Thư viện, nhà văn hóa, điểm bưu điện văn hóa xã phục vụ học tập suốt đời", true],
    ],
  },
  {
    key: "tc4",
    name: "Kết quả xây dựng xã hội học tập (phổ cập giáo dục, xóa mù chữ, mô hình học tập)",
    unconfirmed: true,
    items: [
      [
        "Duy trì, đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi, phổ cập giáo dục tiểu học, " +
          "trung học cơ sở và xóa mù chữ theo mức quy định",
        true,
      ],
      [
        "Tỷ lệ Gia đình học tập, Dòng họ học tập, Cộng đồng học tập cấp thôn, Đơn vị học tập, " +
          "Công dân học tập đạt mức quy định (theo QĐ 387/QĐ-TTg, QĐ 677/QĐ-TTg)",
        true,
      ],
      ["Người dân có kỹ năng số, học tập thường xuyên", true],
    ],
  },
];

const levelCriteria = (level: 1 | 2): LevelCriterion[] =>
  criteria.map((c) => ({
    key: `md${level}.${c.key}`,
    name: c.name,
    ...(c.unconfirmed ? { unconfirmed: true } : {}),
    items: c.items.map(([text, unconfirmed], i) => {
      const item = { key: `md${level}.${c.key}.${i + 1}`, text };
      // Điều 7 (level 2) was not read: its indicators are the level-1 ones at a higher bar, UNCONFIRMED.
      if (level === 2) return { ...item, text: `${text} (ở mức cao hơn mức độ 1)`, unconfirmed: true };
      return unconfirmed ? { ...item, unconfirmed: true } : item;
    }),
  }));

export const learningCommunityCommuneTt25: Rubric = {
  meta: {
    code: "tt25-2023-cdht-xa",
    title: "learning_community_commune",
    unitLevel: "commune",
    name: "Đánh giá, công nhận Cộng đồng học tập cấp xã (TT 25/2023/TT-BGDĐT)",
    legalBasis: { number: "25/2023/TT-BGDĐT", date: "2023-12-27", issuer: "Bộ Giáo dục và Đào tạo" },
    effectiveFrom: "2024-02-12",
    effectiveTo: null,
    deadlines: [
      {
        step: "dossier",
        month: 2,
        day: 28,
        yearOffset: 1,
        label: "Nộp hồ sơ đề nghị trước 28/02 năm sau (số liệu 01/01–31/12 năm đánh giá)",
      },
      {
        step: "decision",
        month: 3,
        day: 31,
        yearOffset: 1,
        label: "Hoàn thành công nhận trước 31/03 năm sau",
      },
    ],
    notes:
      "Thời gian chờ 12 tháng giữa hai mức độ và thời hạn bảo lưu 3 năm đã kiểm chứng cho cấp tỉnh, " +
      "chưa kiểm chứng cho cấp xã. Thẩm quyền công nhận cấp xã sau 01/07/2025 chưa kiểm chứng.",
  },
  definition: {
    scheme: "levels",
    unconfirmed: true,
    waitMonthsBetweenLevels: 12,
    validityYears: 3,
    levels: [
      { level: 1, criteria: levelCriteria(1) },
      { level: 2, requires: 1, criteria: levelCriteria(2) },
    ],
  },
};
